#pragma once
// Packed int16 GEMM: the fast path of the integer Conv (spec §3, zero-point-centred form).
//
//   C[m, n] = Σ_k A[m, k] · B[k, n]
//
// with A the centred weight codes w − Z_w[m] and B the centred im2col patches x − Z_x (one
// column per output position). Operands are int16, sums int32: the result is EXACT when every
// |A| ≤ 2^15 − 1, |B| ≤ 2^15 − 1 and K · max|A| · max|B| ≤ 2^31 − 1 — then no partial sum,
// in whatever order the kernel adds, leaves int32. The caller checks that bound (the Auto
// accumulator bound of int_gemm.h) and otherwise takes the exact int64 path.
//
// Layout. The CPU's int16 multiply-add (pmaddwd: a0·b0 + a1·b1 → one int32 lane; AVX-512
// VNNI's vpdpwssd also adds it into the accumulator) consumes k two at a time, so both
// operands store (k = 2j, k = 2j + 1) pairs in one 32-bit word, low half first:
//   A: [M][K2] words  (A[m, 2j], A[m, 2j+1])
//   B: [K2][Npad] words (B[2j, n], B[2j+1, n]), n contiguous
// K2 = ⌈K/2⌉ (an odd K pads the last pair with 0) and Npad = N rounded up to kPackedLanes
// (padding columns are 0). The kernel broadcasts one A word per row and multiplies it into
// whole vectors of B: an outer-product form with no horizontal sums, whatever K is.

#include <cstdint>

#include "core/isa/cpu_isa.h"

namespace ql {

// Npad is a multiple of this (the widest vector: 16 int32 lanes of AVX-512).
constexpr int64_t kPackedLanes = 16;

inline int64_t packedColumns(int64_t n)
{
    return (n + kPackedLanes - 1) / kPackedLanes * kPackedLanes;
}

// One word of the pair layout: lo in bits 0–15, hi in bits 16–31 (both int16 values).
inline int32_t packPair(int32_t lo, int32_t hi)
{
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint16_t>(lo)) |
                                (static_cast<uint32_t>(static_cast<uint16_t>(hi)) << 16));
}

// c[m · Npad + n] = Σ_j lo(a[m·K2 + j])·lo(b[j·Npad + n]) + hi(a)·hi(b), for m < M, n < Npad.
// Runs the path activeIsa() chose (core/isa/cpu_isa.h): vpdpwssd with AVX-512 VNNI, pmaddwd
// with AVX2, a baseline loop otherwise — all exact, so all return the same integers.
void int16GemmPacked(int64_t M, int64_t Npad, int64_t K2, const int32_t* a, const int32_t* b,
                     int32_t* c);
// The same on a given path (tests compare every supported path with the scalar one); the CPU
// must support it (isaSupported).
void int16GemmPackedWith(Isa isa, int64_t M, int64_t Npad, int64_t K2, const int32_t* a,
                         const int32_t* b, int32_t* c);

// The path the kernel runs ("avx512vnni", "avx2", "scalar").
const char* int16GemmIsa();

} // namespace ql
