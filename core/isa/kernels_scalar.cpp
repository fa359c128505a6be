// The scalar kernels: the shared kernel sources compiled with this file's flags (set in
// core/CMakeLists.txt) into namespace ql::kernels_scalar. See core/isa/cpu_isa.h.
#include <cstdint>


#include "core/isa/kernels.h"

#define QL_KERNEL_NS kernels_scalar
#include "core/isa/int16_gemm_kernel.inc"
#include "core/isa/shifted_conv_kernel.inc"
#undef QL_KERNEL_NS
