#pragma once
// AIMET encodings JSON (the format aimet_torch / aimet_onnx QuantizationSimModel export and
// load_encodings_to_sim / set_and_freeze_param_encodings read; version "0.6.1" layout).
// Field mapping: docs/export-formats.md.
//
// {
//   "version": "0.6.1",
//   "activation_encodings": { "<tensor>": [ENC] },
//   "param_encodings":      { "<weight initializer>": [ENC per channel (or one)] },
//   "excluded_layers": ["<node kept float>", …],
//   "quantizer_args": {"activation_bitwidth", "param_bitwidth", "dtype": "int", …}
// }
// ENC = {"bitwidth": b, "dtype": "int", "is_symmetric": "True"|"False", "scale": S,
//        "offset": qmin − Z, "min": S·(qmin − Z), "max": S·(qmax − Z)}
// AIMET's grid is unsigned, real = S·(q_u + offset) with q_u ∈ [0, 2^b − 1]: QuantLens's codes
// q map to q_u = q − qmin, hence offset = qmin − Z (signed int8, Z = 0: offset −128).

#include <string>

#include "core/quant/engine.h"

namespace ql {

std::string aimetEncodingsJson(const QuantizedModel& qmodel);

} // namespace ql
