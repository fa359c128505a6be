// The scalar kernels: the shared kernel sources compiled with this file's flags (set in
// core/CMakeLists.txt) into namespace ql::kernels_scalar. See core/isa/cpu_isa.h.
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h> // baseline x86-64: the FP32 kernel uses 4-float SSE vectors
#endif

#include "core/isa/kernels.h"

#define QL_KERNEL_NS kernels_scalar
#include "core/isa/int16_gemm_kernel.inc"
#include "core/isa/shifted_conv_kernel.inc"
#include "core/isa/error_sums_kernel.inc"
#include "core/isa/requantize_kernel.inc"
#include "core/isa/add_kernel.inc"
#include "core/isa/accumulator_scan_kernel.inc"
#include "core/isa/u8s8_gemm_kernel.inc"
#include "core/isa/code_range_kernel.inc"
#include "core/isa/max_pool_kernel.inc"
#include "core/isa/quantize_kernel.inc"
#undef QL_KERNEL_NS
