#pragma once
// Reading a QDQ model back as a QuantLens config (the round trip of qdq_export.h).
//
// importQdq() strips the QuantizeLinear/DequantizeLinear structure from a loaded QDQ model:
//   * DequantizeLinear of a constant (weight or bias codes) becomes a float initializer holding
//     S·(q − Z); the codes and their (S, Z, axis) are kept per tensor;
//   * an activation pair x → [Clip] → QuantizeLinear → DequantizeLinear → y disappears (y is x
//     again); its (S, Z) and range are kept per tensor — a Clip onto the grid
//     [S·(qmin_N − Z), S·(qmax_N − Z)] gives the N-bit range of a narrow activation;
// and re-imports the float graph that remains (same node names, so the same layer names).
//
// buildImportedQuantizedModel() then builds the QuantizedModel of that float model with the
// reconstructed config and replaces every derived value with the one the file states: the
// (S, Z) of every coded tensor, weight codes and parameters, bias codes; multipliers and
// activation clamps follow from them. Evaluating it gives the codes of the evaluation that
// was exported.
//
// The config: what the graph states (signedness and storage width from the code type,
// granularity from the scale count, scheme from the zero points, N from a grid Clip) is read
// from the graph; what it cannot state (bits of weights inside their storage type, rounding,
// observers, requantization) comes from the QuantLens config the exporter stores in the
// metadata (kQdqConfigKey), checked against the graph — a contradiction is an error. A QDQ
// model from another tool (no metadata) gets the storage width as bits and the defaults.

#include <map>
#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql {

struct ImportedConstant
{
    Tensor codes;       // as stored (e.g. [K, O] for a MatMul weight)
    QuantParams params; // qmin/qmax of the storage type
    int axis = -1;
};

struct ImportedActivation
{
    QuantParams params; // per tensor; qmin/qmax: the grid Clip's N-bit range, else the type's
    DType storage = DType::UInt8;
    int gridBits = 0;   // N from a grid Clip, 0 when none
};

struct QdqImport
{
    Model model;                 // the float model (Q/DQ stripped, weights dequantized)
    QuantConfig config;          // metadata config (or defaults), model identity of `model`
    bool hasMetadata = false;
    std::map<std::string, ImportedConstant> constants;     // by float initializer name
    std::map<std::string, ImportedActivation> activations; // by tensor name
};

// True when the model has QuantizeLinear or DequantizeLinear nodes.
bool isQdqModel(const Model& model);

// Throws ql::Error naming the file and the node for a Q/DQ pattern it cannot map (e.g. a
// QuantizeLinear whose output is not read by exactly one matching DequantizeLinear).
QdqImport importQdq(const std::string& bytes, const std::string& displayName);
// importQdq of the file; a relative class map in its metadata is resolved against the file's
// folder (resolveClassMap), as for a config file.
QdqImport importQdqFile(const std::string& path);

// See above. `calib` must come from importQdq(...).model (only for the tensors' existence).
QuantizedModel buildImportedQuantizedModel(const QdqImport& imported, const CalibrationStats& calib);

} // namespace ql
