#pragma once
// The kernels compiled once per instruction set (kernels_scalar.cpp, kernels_avx2.cpp,
// kernels_avx512vnni.cpp include the same kernel sources under their own -m flags, each into
// its own namespace). Callers go through the dispatchers (int16GemmPacked in
// core/quant/int16_gemm.h, shiftedConv in core/ops/conv_kernel.h), never straight here; a
// dispatcher picks the path with QL_ACTIVE_KERNEL / QL_KERNEL_FOR (core/isa/kernel_choice.h).
//
// Contracts:
//   int16GemmPacked — see core/quant/int16_gemm.h (Npad a multiple of 16);
//   shiftedConvRows — C[r][n] = Σ_k w[r·K + k] · padded[offsets[k] + n] for r < rows (≥ 1),
//                     n < npad (a multiple of 16), C row stride npad; see core/ops/conv_kernel.h;
//   requantizeRowHalfEven — out[i] = the requantized code of acc[i] (float multiplier, half-even
//                     rounding, clamped), clip counts added; see core/isa/requantize_kernel.inc;
//   addHalfEven     — the integer Add of n code pairs (double multipliers, half-even rounding,
//                     clamped), clip counts added; see core/isa/add_kernel.inc;
//   accumulatorScan — max |acc[i]| and the count outside int32; see accumulator_scan_kernel.inc;
//   u8s8GemmPacked, interleaveBytes4(Strided) — see core/quant/u8s8_gemm.h (Npad a multiple of 16; a
//                     non-null ByteGemmRequant requantizes C in the kernel's registers);
//   requantizeInt32RowHalfEven — requantizeRowHalfEven on int32 accumulators, plus max |acc|;
//   codeRange       — min and max of n ≥ 1 codes; see core/isa/code_range_kernel.inc;
//   quantizeHalfEven — q[i] = clamp(R(r[i]·inverse), lo, hi) + zero_point, R half-even, NaN → 0;
//                     see core/isa/quantize_kernel.inc;
//   errorSums, codeErrorSums — the error sums of n elements into `lanes` (element i into lane
//                     i mod kErrorLanes), of float values or of per-tensor codes; see
//                     core/isa/error_sums_kernel.inc;
//   u8s8GemmRows, interleaveChannels4 — see core/quant/u8s8_gemm.h;
//   maxPool2x2      — the 2 × 2, stride-2 max of int32 codes over row pairs, floored; see
//                     core/isa/max_pool_kernel.inc.

#include <cstdint>

namespace ql {

// The running per-lane state of the error sums (errorSums and codeErrorSums below;
// ErrorAccumulator::add and addCodes).
// worstAt[l]: the index of lane l's first element with |e| = callMax[l] (−1: none yet).
constexpr int kErrorLanes = 8;
struct ErrorLanes
{
    double sumE[kErrorLanes], sumE2[kErrorLanes], sumR2[kErrorLanes], sumD2[kErrorLanes],
        sumRD[kErrorLanes], maxAbs[kErrorLanes], callMax[kErrorLanes], refMin[kErrorLanes],
        refMax[kErrorLanes];
    int64_t worstAt[kErrorLanes];
    int64_t clipLow = 0, clipHigh = 0; // codeErrorSums: codes clipped below / above the range
};

// How codeErrorSums reads a per-tensor code q: r' = float(q − zeroPoint) · scale; q = qmin
// with r < below (q = qmax with r > above) counts as a clip.
struct CodeDequant
{
    float scale = 1.0f;
    int32_t zeroPoint = 0, qmin = 0, qmax = 0;
    float below = 0.0f, above = 0.0f;
};

// The u8 × s8 GEMM's optional output stage (u8s8_gemm.h): instead of C[m, n] it stores the
// code requantizeInt32RowHalfEven gives the accumulator a = int32(C[m, n] + shift[m] mod 2^32)
// with multiplier[m] — and counts clips and max |a| over the output columns only (bit t of
// valid[i] set: column 16·i + t is an output; the others are padding or the contiguous
// layout's junk, whose codes are stored but never read). The counts are added to low, high
// and maxAbs. The caller checked requantizeInt32RowHalfEven's contract and that every output
// column's a is the exact accumulator (the int32 bound).
struct ByteGemmRequant
{
    const uint32_t* shift = nullptr;    // per row m: b[m] − Z_x · Σ w̃[m, k], mod 2^32
    const float* multiplier = nullptr;  // per row m
    int32_t zeroPoint = 0, activationMin = 0, activationMax = 0;
    const uint16_t* valid = nullptr;    // Npad / 16 masks
    int64_t low = 0, high = 0;          // clips below activationMin / above activationMax
    int32_t maxAbs = 0;                 // max |a| over the output columns
};

} // namespace ql

#define QL_DECLARE_KERNELS(ns)                                                                 \
    namespace ql::ns {                                                                         \
    void int16GemmPacked(int64_t M, int64_t Npad, int64_t K2, const int32_t* a,                \
                         const int32_t* b, int32_t* c);                                        \
    void shiftedConvRows(int rows, int64_t npad, int64_t K, const float* w, const float* padded, \
                         const int64_t* offsets, float* c);                                    \
    void errorSums(const float* ref, const float* deq, int64_t n, ErrorLanes* lanes);          \
    void codeErrorSums(const float* ref, const int32_t* codes, int64_t n,                       \
                       const CodeDequant& dq, ErrorLanes* lanes);                               \
    void requantizeRowHalfEven(const int64_t* acc, int64_t n, float multiplier,                 \
                               int32_t zero_point, int32_t activation_min,                      \
                               int32_t activation_max, int32_t* out, int64_t* clipped_low,      \
                               int64_t* clipped_high);                                          \
    void addHalfEven(const int32_t* a, const int32_t* b, int64_t n, int32_t zero_a,             \
                     int32_t zero_b, double multiplier_a, double multiplier_b,                  \
                     int32_t zero_point, int32_t activation_min, int32_t activation_max,        \
                     int32_t* out, int64_t* clipped_low, int64_t* clipped_high);                \
    void accumulatorScan(const int64_t* acc, int64_t n, int64_t* max_abs,                       \
                         int64_t* outside_int32);                                               \
    /* speed4int: the byte GEMM of the integer conv (core/quant/u8s8_gemm.h) */                 \
    void u8s8GemmPacked(int64_t M, int64_t Npad, int64_t K4, const int32_t* a,                 \
                        const int32_t* b, int32_t* c, ByteGemmRequant* requant);               \
    void interleaveBytes4(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2,              \
                          const uint8_t* p3, int64_t n, int32_t* words);                        \
    void interleaveBytes4Strided(const uint8_t* p0, const uint8_t* p1, const uint8_t* p2,       \
                                 const uint8_t* p3, int64_t n, int64_t stride, int32_t* words); \
    void requantizeInt32RowHalfEven(const int32_t* acc, int64_t n, float multiplier,            \
                                    int32_t zero_point, int32_t activation_min,                 \
                                    int32_t activation_max, int32_t* out, int64_t* clipped_low, \
                                    int64_t* clipped_high, int32_t* max_abs);                   \
    void codeRange(const int32_t* x, int64_t n, int32_t* min_out, int32_t* max_out);           \
    /* speed5int: the u8 × s8 GEMM over row offsets of a channel-quad image (u8s8_gemm.h) */    \
    void u8s8GemmRows(int64_t M, int64_t Npad, int64_t K4, const int32_t* a, const int32_t* b,  \
                      const int64_t* offsets, int32_t* c, ByteGemmRequant* requant);            \
    void interleaveChannels4(const int32_t* x0, const int32_t* x1, const int32_t* x2,           \
                             const int32_t* x3, int64_t n, int32_t* words);                     \
    /* speed5int: the integer MaxPool 2 × 2 / 2 (core/quant/int_ops/int_max_pool_op.cpp) */     \
    void maxPool2x2(const int32_t* x, int64_t rows, int64_t in_width, int64_t out_width,        \
                    int32_t floor, int32_t* y);                                                 \
    /* speed5eval: quantizing FP32 values (IntRuntime::quantizeFloat) */                      \
    void quantizeHalfEven(const float* r, int64_t n, float inverse, int32_t zero_point,         \
                          float lo, float hi, int32_t* q);                                      \
    }

QL_DECLARE_KERNELS(kernels_scalar)
QL_DECLARE_KERNELS(kernels_avx2)
QL_DECLARE_KERNELS(kernels_avx512vnni)

#undef QL_DECLARE_KERNELS
