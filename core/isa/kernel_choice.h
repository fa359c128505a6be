#pragma once
// The one place a per-ISA kernel is chosen (core/isa/cpu_isa.h). Every kernel of
// core/isa/kernels.h exists three times — ql::kernels_scalar::f, kernels_avx2::f,
// kernels_avx512vnni::f — and a caller wants the one of a given path, usually activeIsa()'s:
//
//   auto scan = QL_ACTIVE_KERNEL(accumulatorScan);        // the path activeIsa() chose
//   auto gemm = QL_KERNEL_FOR(isa, int16GemmPacked);      // a given path (tests, the bench)
//
// The AVX2 and AVX-512 VNNI kernels are only built on x86-64 (QL_X86_KERNELS, set for
// quantlens_core in core/CMakeLists.txt); elsewhere the macros name the scalar kernel alone, so
// the missing symbols are never referenced, and every path runs the scalar one.

#include "core/isa/cpu_isa.h"
#include "core/isa/kernels.h"

namespace ql {

// The kernel of path `isa` among the three versions of one kernel (same signature).
template <typename Kernel>
Kernel kernelForIsa(Isa isa, Kernel scalar, Kernel avx2, Kernel avx512vnni)
{
    switch (isa) {
    case Isa::Avx512Vnni: return avx512vnni;
    case Isa::Avx2: return avx2;
    case Isa::Scalar: break;
    }
    return scalar;
}

} // namespace ql

#if defined(QL_X86_KERNELS)
#define QL_KERNEL_FOR(isa, name)                                                               \
    ::ql::kernelForIsa((isa), &::ql::kernels_scalar::name, &::ql::kernels_avx2::name,          \
                       &::ql::kernels_avx512vnni::name)
#else
#define QL_KERNEL_FOR(isa, name) (static_cast<void>(isa), &::ql::kernels_scalar::name)
#endif
#define QL_ACTIVE_KERNEL(name) QL_KERNEL_FOR(::ql::activeIsa(), name)
