#pragma once
// Packed u8 × s8 GEMM: the fast path of the integer Conv with AVX-512 VNNI (vpdpbusd: 64
// byte products per instruction, twice the int16 kernel's), for codes that fit bytes — the
// zero-point correction hoisted out of the inner loop, as oneDNN and MLAS do.
//
//   C[m, n] = Σ_k A[m, k] · B[k, n]   (mod 2^32)
//
// with A the centred weight codes w̃ = w − Z_w[m] as int8 and B the RAW activation codes x as
// uint8 (not centred: x − Z_x need not fit a byte). The caller recovers the centred sum
//
//   Σ_k w̃[m, k] · (x[k, n] − Z_x) = C[m, n] − Z_x · Σ_k w̃[m, k]
//
// with the per-row Σ_k w̃ computed once. Exactness: each product is formed exactly and the sums
// wrap modulo 2^32 on every path (the kernel contract in core/isa/u8s8_gemm_kernel.inc), and
// modular arithmetic commutes with the correction, so the result is the exact centred sum
// whenever that sum lies in int32 — which the caller proves with the Auto accumulator bound
// K · max|x − Z_x| · max|w̃| ≤ 2^31 − 1 (int_gemm.h). Intermediate sums may wrap; the final
// value cannot.
//
// Layout. vpdpbusd consumes k four at a time, so both operands store (k = 4j … 4j + 3) quads
// in one 32-bit word, byte t = k − 4j (lowest first):
//   A: [M][K4] words of int8 (A[m, 4j + t])
//   B: [K4][Npad] words of uint8 (B[4j + t, n]), n contiguous
// K4 = ⌈K/4⌉ (a K not divisible by 4 pads the last quad with weight 0, so whatever B holds
// there adds nothing) and Npad = N rounded up to kPackedLanes (int16_gemm.h).

#include <cstdint>

#include "core/isa/cpu_isa.h"
#include "core/isa/kernels.h"

namespace ql {

// One word of the quad layout: bytes b0 … b3, lowest first (each the low 8 bits of its value).
inline int32_t packQuad(int32_t b0, int32_t b1, int32_t b2, int32_t b3)
{
    return static_cast<int32_t>(uint32_t(uint8_t(b0)) | (uint32_t(uint8_t(b1)) << 8) |
                                (uint32_t(uint8_t(b2)) << 16) | (uint32_t(uint8_t(b3)) << 24));
}

// c[m · Npad + n] = Σ_j Σ_t s8(byte t of a[m·K4 + j]) · u8(byte t of b[j·Npad + n]) mod 2^32,
// for m < M, n < Npad (a multiple of kPackedLanes). On the path activeIsa() chose: vpdpbusd
// with AVX-512 VNNI, a baseline loop otherwise — the same bits on every path.
// Given `requant`, c holds instead each sum's requantized code, computed in the registers that
// formed it (the output stage ByteGemmRequant, core/isa/kernels.h), and requant's clip counts
// and max |acc| grow by those of the valid columns.
void u8s8GemmPacked(int64_t M, int64_t Npad, int64_t K4, const int32_t* a, const int32_t* b,
                    int32_t* c, ByteGemmRequant* requant = nullptr);
// The same on a given path (tests); the CPU must support it (isaSupported).
void u8s8GemmPackedWith(Isa isa, int64_t M, int64_t Npad, int64_t K4, const int32_t* a,
                        const int32_t* b, int32_t* c, ByteGemmRequant* requant = nullptr);
// words[i] = packQuad(p0[i], p1[i], p2[i], p3[i]) for i < n: one row of B from four taps'
// contiguous pixel runs (the stride-1 conv), on the active path.
void interleaveBytes4(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2, const uint8_t* p3,
                      int64_t n, int32_t* words);
// words[i] = packQuad(p0[i·stride], p1[i·stride], p2[i·stride], p3[i·stride]) for i < n: a
// strided conv's row of B, on the active path (or on `isa`: tests).
void interleaveBytes4Strided(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2,
                             const uint8_t* p3, int64_t n, int64_t stride, int32_t* words);
void interleaveBytes4StridedWith(Isa isa, const uint8_t* p0, const uint8_t* p1, const uint8_t* p2,
                                 const uint8_t* p3, int64_t n, int64_t stride, int32_t* words);

// The same GEMM with B's rows anywhere: row j of B is the Npad words at b + offsets[j]
//   c[m · Npad + n] = Σ_j Σ_t s8(byte t of a[m·K4 + j]) · u8(byte t of b[offsets[j] + n])
// (mod 2^32). The stride-1 conv runs it on a channel-quad image (a word holds one pixel of 4
// channels): the rows of B are then that image shifted by each tap, never copied.
void u8s8GemmRows(int64_t M, int64_t Npad, int64_t K4, const int32_t* a, const int32_t* b,
                  const int64_t* offsets, int32_t* c, ByteGemmRequant* requant = nullptr);
void u8s8GemmRowsWith(Isa isa, int64_t M, int64_t Npad, int64_t K4, const int32_t* a,
                      const int32_t* b, const int64_t* offsets, int32_t* c,
                      ByteGemmRequant* requant = nullptr);
// words[i] = packQuad(x0[i], x1[i], x2[i], x3[i]) for i < n: one row of a channel-quad image
// from four channels' code rows, on the active path.
void interleaveChannels4(const int32_t* x0, const int32_t* x1, const int32_t* x2,
                         const int32_t* x3, int64_t n, int32_t* words);

} // namespace ql
