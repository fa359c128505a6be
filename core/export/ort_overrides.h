#pragma once
// ONNX Runtime's TensorQuantOverrides (onnxruntime.quantization.quantize_static, extra_options)
// for a QuantLens config, so that ORT's own quantizer reproduces the per-layer bits, schemes,
// scales and zero points. Field mapping: docs/export-formats.md.
//
// {
//   "format": "onnxruntime.quantization.TensorQuantOverrides", "model": "<file>",
//   "TensorQuantOverrides": {
//     "<activation>": [{"quant_type": "QUInt8", "scale": S, "zero_point": Z}],
//     "<weight>":     [{"quant_type": "QInt8", "axis": 0, "scale": S0, "zero_point": Z0},
//                      {"scale": S1, "zero_point": Z1}, …]              (one entry per channel)
//   },
//   "nodes_to_exclude": ["<node kept float>", …],
//   "notes": ["<what ORT's quantizer cannot reproduce>", …]
// }
// quant_type names are QuantType members (QuantType[name] in Python): QInt8/QUInt8 for 2–8
// bits (QInt4/QUInt4 at exactly 4 bits), QInt16/QUInt16 for 9–16 bits.

#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql {

// The JSON text (sorted keys, 2-space indent). `notes` receives what ORT cannot reproduce.
std::string ortOverridesJson(const QuantizedModel& qmodel, std::vector<std::string>* notes = nullptr);

} // namespace ql
