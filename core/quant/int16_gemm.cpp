#include "core/quant/int16_gemm.h"

#include "core/isa/kernel_choice.h"

namespace ql {

void int16GemmPacked(int64_t M, int64_t Npad, int64_t K2, const int32_t* a, const int32_t* b,
                     int32_t* c)
{
    int16GemmPackedWith(activeIsa(), M, Npad, K2, a, b, c);
}

void int16GemmPackedWith(Isa isa, int64_t M, int64_t Npad, int64_t K2, const int32_t* a,
                         const int32_t* b, int32_t* c)
{
    QL_KERNEL_FOR(isa, int16GemmPacked)(M, Npad, K2, a, b, c);
}

const char* int16GemmIsa()
{
    return isaName(activeIsa());
}

} // namespace ql
