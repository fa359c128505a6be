#include "core/quant/int16_gemm.h"

#include "core/isa/cpu_isa.h"
#include "core/isa/kernels.h"

namespace ql {

void int16GemmPacked(int64_t M, int64_t Npad, int64_t K2, const int32_t* a, const int32_t* b,
                     int32_t* c)
{
    int16GemmPackedWith(activeIsa(), M, Npad, K2, a, b, c);
}

void int16GemmPackedWith(Isa isa, int64_t M, int64_t Npad, int64_t K2, const int32_t* a,
                         const int32_t* b, int32_t* c)
{
    switch (isa) {
#if defined(QL_X86_KERNELS)
    case Isa::Avx512Vnni: return kernels_avx512vnni::int16GemmPacked(M, Npad, K2, a, b, c);
    case Isa::Avx2: return kernels_avx2::int16GemmPacked(M, Npad, K2, a, b, c);
#else
    case Isa::Avx512Vnni:
    case Isa::Avx2:
#endif
    case Isa::Scalar: break;
    }
    kernels_scalar::int16GemmPacked(M, Npad, K2, a, b, c);
}

const char* int16GemmIsa()
{
    return isaName(activeIsa());
}

} // namespace ql
