#pragma once
// ONNX QDQ export of a quantized model (spec §7): what QuantLens evaluated, written so that
// any ONNX runtime (ONNX Runtime fuses DQ → op → Q into its integer kernels) runs it.
//
//   * Every tensor that carries codes gets QuantizeLinear(S, Z) → DequantizeLinear(S, Z) with
//     its calibrated parameters; a float tensor that a quantized layer reads (graph input,
//     output of a float layer) gets the pair on the path to its quantized readers only.
//   * Conv / Gemm / MatMul weights are written as their integer codes (BN already folded,
//     exactly QuantLens's codes, any rounding mode) behind a DequantizeLinear, per channel
//     with axis (0 for Conv/Gemm [O, …], 1 for a MatMul's [K, O]); biases as their int32 codes
//     b_q behind a DequantizeLinear with scale float32(S_x·S_w[o]) and zero point 0.
//     Quantized Gemm/MatMul layers become Gemm(transB = 1) for rank-2 inputs, else
//     MatMul + Add. Folded BatchNormalization nodes disappear; fused Relu/Clip nodes stay.
//     Signed 2–8 bit weight codes q are stored as uint8 q + 128 with zero point Z + 128 (same
//     real values): ONNX Runtime's u8s8 kernels on x86 without VNNI saturate (vpmaddubsw),
//     its u8u8 ones do not.
//   * 2–8 bit tensors are stored as int8/uint8 (signed or not), 9–16 bit ones as
//     int16/uint16, which needs opset 21. Weight codes already lie in their N-bit range; an
//     activation narrower than 8 bits gets a Clip to [S·(qmin_N − Z), S·(qmax_N − Z)] before
//     its QuantizeLinear, so the codes stay on the N-bit grid. (Opset 21's int4/uint4 would
//     cover 4 bits only, and libonnx 1.12 has no INT4 type.)
//   * Layers QuantLens keeps in float stay float (their original nodes).
//   * Opset: the model's (at least 13, for per-channel DequantizeLinear), 21 when a 9–16 bit
//     tensor is present. At 21 an opset-13 Reduce* `axes` attribute becomes an input.
//
// What ONNX cannot say. QuantizeLinear always rounds half to even, and an ONNX runtime
// requantizes in float: activation rounding other than half_even (truncation, floor, …),
// fixed-point requantization and the dynamic observer (exported with its calibration
// parameters) are not expressible — the weights and biases keep QuantLens's codes, the rest
// runs with the runtime's arithmetic. exportQdq() lists each such difference in `notes`.
//
// Checked with onnx::checker::check_model (structure, attributes, opsets); below opset 18
// also with ONNX's strict type and shape inference (libonnx 1.12 knows opsets up to 17, so at
// opset 21 only the structural check runs: `fullCheck` says which).

#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql {

struct QdqExportResult
{
    int64_t opset = 0;
    int quantizeNodes = 0;
    int dequantizeNodes = 0;
    int gridClamps = 0;      // narrow activations: Q → DQ → Clip onto the N-bit grid, then the pair
    int quantizedLayers = 0; // layers that run on codes
    int floatLayers = 0;
    bool fullCheck = false;          // type/shape inference check ran too
    std::vector<std::string> notes;  // what a runtime computes differently from QuantLens
};

// The QDQ model as serialized ModelProto bytes (checked). Throws ql::Error naming the layer
// and the problem (e.g. an opset below 13). `path`: the file the bytes are for — the class map
// of the config in the metadata is written relative to its folder (classMapRelativeTo; empty:
// as held).
std::string buildQdqModel(const QuantizedModel& qmodel, QdqExportResult* result = nullptr,
                          const std::string& path = {});

// buildQdqModel() written atomically to `path` (QSaveFile): on failure nothing is left there.
QdqExportResult exportQdq(const QuantizedModel& qmodel, const std::string& path);

// Metadata key holding the QuantLens config JSON the export was made with.
inline constexpr const char* kQdqConfigKey = "quantlens.config";

} // namespace ql
