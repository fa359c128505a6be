#include "core/quant/u8s8_gemm.h"

#include "core/isa/kernel_choice.h"

namespace ql {

void u8s8GemmPacked(int64_t M, int64_t Npad, int64_t K4, const int32_t* a, const int32_t* b,
                    int32_t* c, ByteGemmRequant* requant)
{
    u8s8GemmPackedWith(activeIsa(), M, Npad, K4, a, b, c, requant);
}

void u8s8GemmPackedWith(Isa isa, int64_t M, int64_t Npad, int64_t K4, const int32_t* a,
                        const int32_t* b, int32_t* c, ByteGemmRequant* requant)
{
    QL_KERNEL_FOR(isa, u8s8GemmPacked)(M, Npad, K4, a, b, c, requant);
}

void interleaveBytes4(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2, const uint8_t* p3,
                      int64_t n, int32_t* words)
{
    QL_ACTIVE_KERNEL(interleaveBytes4)(p0, p1, p2, p3, n, words);
}

void interleaveBytes4Strided(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2,
                             const uint8_t* p3, int64_t n, int64_t stride, int32_t* words)
{
    interleaveBytes4StridedWith(activeIsa(), p0, p1, p2, p3, n, stride, words);
}

void interleaveBytes4StridedWith(Isa isa, const uint8_t* p0, const uint8_t* p1, const uint8_t* p2,
                                 const uint8_t* p3, int64_t n, int64_t stride, int32_t* words)
{
    QL_KERNEL_FOR(isa, interleaveBytes4Strided)(p0, p1, p2, p3, n, stride, words);
}

void u8s8GemmRows(int64_t M, int64_t Npad, int64_t K4, const int32_t* a, const int32_t* b,
                  const int64_t* offsets, int32_t* c, ByteGemmRequant* requant)
{
    u8s8GemmRowsWith(activeIsa(), M, Npad, K4, a, b, offsets, c, requant);
}

void u8s8GemmRowsWith(Isa isa, int64_t M, int64_t Npad, int64_t K4, const int32_t* a,
                      const int32_t* b, const int64_t* offsets, int32_t* c,
                      ByteGemmRequant* requant)
{
    QL_KERNEL_FOR(isa, u8s8GemmRows)(M, Npad, K4, a, b, offsets, c, requant);
}

void interleaveChannels4(const int32_t* x0, const int32_t* x1, const int32_t* x2,
                         const int32_t* x3, int64_t n, int32_t* words)
{
    QL_ACTIVE_KERNEL(interleaveChannels4)(x0, x1, x2, x3, n, words);
}

} // namespace ql
