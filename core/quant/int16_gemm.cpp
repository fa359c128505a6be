#include "core/quant/int16_gemm.h"

#if defined(__AVX512BW__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace ql {

namespace {

// ---- the vector type: 16 (AVX-512), 8 (AVX2) or 1 (scalar) int32 lanes ---------------------
//
// madd(acc, a, b) = acc + (lo(a)·lo(b) + hi(a)·hi(b)) per 32-bit lane. The pair sum is formed
// exactly in int32 by the instruction; the caller's bound keeps every sum inside int32.

#if defined(__AVX512BW__)
using Vec = __m512i;
constexpr int64_t kLanes = 16;
inline Vec zero() { return _mm512_setzero_si512(); }
inline Vec load(const int32_t* p) { return _mm512_loadu_si512(p); }
inline void store(int32_t* p, Vec v) { _mm512_storeu_si512(p, v); }
inline Vec broadcast(int32_t w) { return _mm512_set1_epi32(w); }
inline Vec madd(Vec acc, Vec a, Vec b)
{
#if defined(__AVX512VNNI__)
    return _mm512_dpwssd_epi32(acc, a, b);
#else
    return _mm512_add_epi32(acc, _mm512_madd_epi16(a, b));
#endif
}
#elif defined(__AVX2__)
using Vec = __m256i;
constexpr int64_t kLanes = 8;
inline Vec zero() { return _mm256_setzero_si256(); }
inline Vec load(const int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
inline void store(int32_t* p, Vec v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
inline Vec broadcast(int32_t w) { return _mm256_set1_epi32(w); }
inline Vec madd(Vec acc, Vec a, Vec b) { return _mm256_add_epi32(acc, _mm256_madd_epi16(a, b)); }
#else
using Vec = int32_t;
constexpr int64_t kLanes = 1;
inline Vec zero() { return 0; }
inline Vec load(const int32_t* p) { return *p; }
inline void store(int32_t* p, Vec v) { *p = v; }
inline Vec broadcast(int32_t w) { return w; }
inline Vec madd(Vec acc, Vec a, Vec b)
{
    const auto lo = [](int32_t v) { return int32_t(static_cast<int16_t>(v & 0xFFFF)); };
    const auto hi = [](int32_t v) { return int32_t(static_cast<int16_t>(uint32_t(v) >> 16)); };
    return acc + lo(a) * lo(b) + hi(a) * hi(b);
}
#endif

static_assert(kPackedLanes % kLanes == 0, "the packing width must hold whole vectors");

// The register block: MR rows of A × NV vectors of B, MR·NV accumulators kept in registers
// over the whole depth (4 × 4 = 16 of AVX-512's 32 registers; B's NV vectors and one A
// broadcast take 5 more).
constexpr int kMaxRows = 4;
constexpr int kMaxVectors = 4;

template <int MR, int NV>
void microKernel(int64_t K2, const int32_t* a, int64_t a_stride, const int32_t* b,
                 int64_t b_stride, int32_t* c, int64_t c_stride)
{
    Vec acc[MR][NV];
    for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v)
            acc[r][v] = zero();
    for (int64_t j = 0; j < K2; ++j) {
        Vec bv[NV];
        for (int v = 0; v < NV; ++v)
            bv[v] = load(b + j * b_stride + v * kLanes);
        for (int r = 0; r < MR; ++r) {
            const Vec av = broadcast(a[r * a_stride + j]);
            for (int v = 0; v < NV; ++v)
                acc[r][v] = madd(acc[r][v], av, bv[v]);
        }
    }
    for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v)
            store(c + r * c_stride + v * kLanes, acc[r][v]);
}

template <int MR>
void rowBlock(int NV, int64_t K2, const int32_t* a, int64_t a_stride, const int32_t* b,
              int64_t b_stride, int32_t* c, int64_t c_stride)
{
    switch (NV) {
    case 1: return microKernel<MR, 1>(K2, a, a_stride, b, b_stride, c, c_stride);
    case 2: return microKernel<MR, 2>(K2, a, a_stride, b, b_stride, c, c_stride);
    case 3: return microKernel<MR, 3>(K2, a, a_stride, b, b_stride, c, c_stride);
    default: return microKernel<MR, 4>(K2, a, a_stride, b, b_stride, c, c_stride);
    }
}

} // namespace

void int16GemmPacked(int64_t M, int64_t Npad, int64_t K2, const int32_t* a, const int32_t* b,
                     int32_t* c)
{
    // Column panels of up to kMaxVectors vectors, outermost, so that one panel of B
    // (K2 × 4 vectors: 36 KiB for K = 288 with AVX-512) stays in L1 while every row block of A
    // passes over it.
    constexpr int64_t panel = kMaxVectors * kLanes;
    for (int64_t n0 = 0; n0 < Npad; n0 += panel) {
        const int vectors = static_cast<int>(((Npad - n0) < panel ? (Npad - n0) : panel) / kLanes);
        for (int64_t m0 = 0; m0 < M; m0 += kMaxRows) {
            const int64_t rows = (M - m0) < kMaxRows ? (M - m0) : kMaxRows;
            const int32_t* a_block = a + m0 * K2;
            int32_t* c_block = c + m0 * Npad + n0;
            switch (rows) {
            case 1: rowBlock<1>(vectors, K2, a_block, K2, b + n0, Npad, c_block, Npad); break;
            case 2: rowBlock<2>(vectors, K2, a_block, K2, b + n0, Npad, c_block, Npad); break;
            case 3: rowBlock<3>(vectors, K2, a_block, K2, b + n0, Npad, c_block, Npad); break;
            default: rowBlock<4>(vectors, K2, a_block, K2, b + n0, Npad, c_block, Npad); break;
            }
        }
    }
}

const char* int16GemmIsa()
{
#if defined(__AVX512BW__) && defined(__AVX512VNNI__)
    return "avx512-vnni";
#elif defined(__AVX512BW__)
    return "avx512";
#elif defined(__AVX2__)
    return "avx2";
#else
    return "scalar";
#endif
}

} // namespace ql
