#pragma once
// The integer op table: one IntOpDef per integer kernel, each defined in its own file pair under
// core/quant/int_ops/ and registered by one line in int_op_registry.cpp (the FP32 side's
// op_registry.cpp has the same shape).
//
// An IntOpDef says which ONNX op types it can run, what it needs to run a given planned layer
// (capability check: an empty string, or the reason the layer stays float), how the layer's
// output gets its (S, Z), which activation inputs it reads as codes, and the kernel itself.
// buildQuantizedModel() asks the candidates of a layer's anchor op type in registration order;
// the first whose check passes runs the layer. A layer no candidate accepts runs in FP32
// behind an explicit dequantize boundary and carries the reason in QuantizedLayer::floatReason
// (and LayerReport::floatReason): "op Softmax has no integer kernel", "weight computed at run
// time by node 'X'", "kept float by config", or the rejecting op's own reason.

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/quant/int_runtime.h"

namespace ql {

// What a capability check sees: the planned layer, its resolved config and the tensors that
// already carry codes (plan order).
struct IntOpQuery
{
    const Model& model;
    const PlannedLayer& layer;
    const ResolvedLayerConfig& config;
    const std::set<std::string>& codes;

    const Graph& graph() const { return model.graph; }
    const Node& anchor() const { return layer.anchor(model.graph); }
    Shape shapeOf(const std::string& tensor) const; // batch-1 shape, {} when unknown
    bool carriesCodes(const std::string& tensor) const { return codes.count(tensor) != 0; }
};

// Per-layer state an op builds once per IntRuntime (packed weights, lookup tables, axes).
struct IntOpState
{
    virtual ~IntOpState() = default;
};

// One run of one layer: inputs, outputs and the runtime services a kernel needs.
struct IntLayerRun
{
    const IntRuntime& runtime;
    int layer = 0;
    const QuantizedLayer& q;
    const IntLayerPrep& prep;
    RtValues& values;
    int64_t firstSample = 0; // global index of row 0 (stochastic seeding)
    RtLayerStats* stats = nullptr;
    bool cache = true; // cache quantized float inputs in `values`

    // The codes of activation input i (plan.inputs order): the value itself, or the float
    // value quantized with the tensor's (S, Z) (cached under quantizedName when `cache`).
    const RtValue& codes(size_t i, RtValue& scratch) const;
    // Same, for ops that keep (S, Z): the quantized copy always lands in `values`.
    const RtValue& storedCodes(size_t i) const;
    // An Rng for sample s of this batch (stochastic rounding), stream Requant.
    uint64_t seed(int64_t sample) const;
    void setOutput(RtValue v) const { values[q.plan.output] = std::move(v); }
    // Records that this layer ran floating-point arithmetic (a float requantization, an FP32
    // kernel): the int-only test asserts integer layers never do.
    void countFloat(int64_t calls = 1) const
    {
        if (stats)
            stats->floatKernelCalls += calls;
    }
};

// Where a layer's output (S, Z) comes from.
enum class IntOutputParams {
    New,   // calibrated range of the output tensor under the layer's activation config
    Input, // the first input's (S, Z): the op moves or selects codes (MaxPool, Reshape, ...)
};

// Which activation inputs the kernel reads as codes (a float one is quantized first).
enum class IntCodeInputs { First, All };

struct IntOpDef
{
    std::string name;                 // kernel name in views and reports: "conv", "lookup", ...
    std::vector<std::string> opTypes; // ONNX op types it can run
    bool quantizedWeights = false;    // Conv/Gemm: weights, bias codes, multipliers, bit-ops
    IntOutputParams output = IntOutputParams::New;
    IntCodeInputs codeInputs = IntCodeInputs::First;
    // "" when this op runs the layer; else why not (shown as the layer's float reason).
    std::function<std::string(const IntOpQuery&)> check;
    // Optional per-layer state, built when the IntRuntime is made.
    std::function<std::shared_ptr<const IntOpState>(const IntRuntime&, int layer)> prepare;
    std::function<void(const IntLayerRun&)> run;
};

// Candidates for an ONNX op type, in registration order (empty: no integer kernel).
std::vector<const IntOpDef*> intOpsFor(const std::string& opType);
const IntOpDef* findIntOp(const std::string& name); // by kernel name
std::string integerOpsList();                        // "Add, AveragePool, ..." (op types)

// Shared checks.
std::string requireInputCodes(const IntOpQuery& q); // "" or "input 'x' is float (...)"
bool hasSingleOutput(const Node& n);
// Why a Conv/Gemm/MatMul got no constant weight in the layer plan ("" when it has one):
// "weight 'W' is computed at run time by node 'X' (Op)", a layout the plan cannot fold, ...
std::string weightReason(const IntOpQuery& q);

// A code tensor of `shape` with per-tensor `params` (codes zero-initialised).
RtValue codeValue(Shape shape, const QuantParams& params);

// Ops that only move codes (Transpose, Split, Expand): the op's FP32 kernel, which is
// dtype-generic for data movement, runs on the Int32 code tensor itself (no float arithmetic,
// codes unchanged), and every output keeps the input's (S, Z). Constant inputs (perm, split
// sizes, target shape) come from the initializers.
void runCodeMove(const IntLayerRun& run);
// The check those ops share: one code-carrying activation input at position 0, the others
// constant, the batch on axis 0 of the input and of every output.
std::string requireCodeMove(const IntOpQuery& q);
// requireCodeMove plus the op's "axis" attribute (default 0) off the batch axis (Gather, Split).
std::string requireCodeMoveOffBatchAxis(const IntOpQuery& q);

// The layers with quantized weights (Conv, Gemm, MatMul): matrix stage, then requantization
// into the output codes (IntRuntime::matmulStage / requantizeStage).
void runMatmulLayer(const IntLayerRun& run);

} // namespace ql
