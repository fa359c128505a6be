#pragma once
// Size and cost comparison per layer and in total (docs/mixed-precision.md): model size and
// bit-ops for FP32, W8A8, the mixed config and — where the quantized weights hold zero codes —
// the mixed config with a sparse weight encoding.
//
// "W8A8" is the mixed config with every bit width set to 8 (its scheme, granularity, fusion
// and float layers kept), so the comparison isolates the bit widths.
//
// Sparse encoding: a bitmap with one bit per weight (1 = non-zero) followed by the non-zero
// codes packed at the layer's weight bits:  ⌈n / 8⌉ + ⌈nnz · bits / 8⌉ bytes, plus the same
// bias and (S, Z) bytes as the dense layer. A zero weight is a code equal to the channel's
// zero point (it dequantizes to exactly 0). The encoding is used only where it is smaller than
// the dense codes (sparseBytes = min(dense, bitmap)); it pays off once the zero share exceeds
// 1 / bits (12.5 % at 8 bits, 25 % at 4 bits). CSR with 16-bit column indices would cost
// 2 bytes per non-zero: worse than the bitmap below ~(1 − 1/16) sparsity at these bit widths.
//
// Per-layer values add up to the totals, and the totals equal modelSize() of the same config.

#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql {

struct SizeRow
{
    std::string layer;     // "" for the row of parameters outside weighted layers
    std::string opType;
    int64_t weights = 0;   // weight elements
    int64_t zeros = 0;     // zero codes in the mixed config's weights
    int weightBits = 32;   // mixed config (32 = float)
    int activationBits = 32; // of the layer's input codes in the mixed config (32 = float)
    int64_t macs = 0;
    int64_t fp32Bytes = 0;
    int64_t w8a8Bytes = 0;
    int64_t mixedBytes = 0;
    int64_t sparseBytes = 0; // mixed with the bitmap encoding where smaller
    double fp32BitOps = 0.0;
    double w8a8BitOps = 0.0;
    double mixedBitOps = 0.0;
};

struct SizeTable
{
    std::vector<SizeRow> rows; // plan order (layers with weights or MACs), then "other"
    SizeRow total;
    double w8a8AverageBits = 0.0;  // weight bits averaged over weight elements
    double mixedAverageBits = 0.0;
};

// The per-layer size / bit-ops of one quantized model (modelSize() split by layer).
std::vector<SizeRow> sizeRows(const QuantizedModel& qmodel);

SizeTable sizeTable(const Model& model, const QuantConfig& mixed, const CalibrationStats& calib);

// `config` with every bit width (defaults and overrides) set to 8.
QuantConfig withAllBits8(const QuantConfig& config);

} // namespace ql
