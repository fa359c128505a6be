// Elementwise nonlinearities as a code -> code table (spec §4), as TFLite and ONNX Runtime run
// them. The table is exact for the codes: every input code's real value S_x·(q − Z_x) goes
// through f in double precision and is quantized once to the output grid, so the only error
// is the output rounding itself. 2^bits entries (≤ 65,536), built once per layer; at run time
// y = T[q − qmin_x] — no arithmetic at all.

#include "core/quant/int_ops/int_lookup_op.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace ql {

namespace {

struct LookupState : IntOpState
{
    QuantParams input; // the (S, Z) the table was built for
    std::vector<int32_t> table;
};

// f(x) of the ONNX op, in double.
double apply(const Node& node, double x)
{
    const std::string& op = node.opType;
    if (op == "Sigmoid")
        return 1.0 / (1.0 + std::exp(-x));
    if (op == "Tanh")
        return std::tanh(x);
    if (op == "Erf")
        return std::erf(x);
    if (op == "HardSigmoid") // max(0, min(1, αx + β)), ONNX defaults α = 0.2, β = 0.5
        return std::clamp(double(node.attrFloat("alpha", 0.2f)) * x +
                              double(node.attrFloat("beta", 0.5f)),
                          0.0, 1.0);
    if (op == "HardSwish") // x · max(0, min(1, x/6 + 1/2))
        return x * std::clamp(x / 6.0 + 0.5, 0.0, 1.0);
    throw Error("integer engine: op " + op + " (node '" + node.name + "') has no lookup function");
}

void runLookup(const IntLayerRun& run)
{
    RtValue scratch;
    const RtValue& x = run.codes(0, scratch);
    const auto& state = static_cast<const LookupState&>(*run.prep.state);
    const QuantizedLayer& L = run.q;
    std::vector<int32_t> dynamicTable;
    const std::vector<int32_t>* table = &state.table;
    if (!(x.params == state.input)) { // dynamic input (S, Z): a table for these parameters
        dynamicTable = buildLookupTable(*run.prep.nodes.front(), x.params, L.outputParams,
                                        L.config.activations.rounding);
        table = &dynamicTable;
    }
    RtValue out = codeValue(x.data.shape, L.outputParams);
    const int32_t qmin = x.params.qmin;
    const int32_t* t = table->data();
    const int32_t* q = x.data.q.data();
    int32_t* y = out.data.q.data();
    const int64_t n = x.data.numel();
    for (int64_t i = 0; i < n; ++i)
        y[i] = t[q[i] - qmin];
    run.setOutput(std::move(out));
}

} // namespace

std::vector<int32_t> buildLookupTable(const Node& node, const QuantParams& input,
                                      const QuantParams& output, RoundingMode rounding)
{
    const double scale_x = input.scale[0], scale_y = output.scale[0];
    const int64_t zero_x = input.zeroPoint[0], zero_y = output.zeroPoint[0];
    std::vector<int32_t> table(static_cast<size_t>(int64_t(input.qmax) - input.qmin + 1));
    for (int64_t q = input.qmin; q <= input.qmax; ++q) {
        const double r = apply(node, scale_x * double(q - zero_x));
        const int64_t code = roundedCode(r / scale_y, zero_y, rounding);
        table[static_cast<size_t>(q - input.qmin)] =
            static_cast<int32_t>(std::clamp<int64_t>(code, output.qmin, output.qmax));
    }
    return table;
}

IntOpDef makeIntLookupOp()
{
    IntOpDef op;
    op.name = "lookup";
    op.opTypes = {"Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf"};
    op.check = [](const IntOpQuery& q) -> std::string {
        if (q.layer.inputs.size() != 1 || !hasSingleOutput(q.anchor()))
            return "op " + q.layer.opType + " with other than one input and one output";
        if (q.config.activations.observer == ObserverKind::Dynamic)
            return "dynamic observer: a lookup table needs a fixed output (S, Z)";
        if (q.config.activations.rounding == RoundingMode::Stochastic)
            return "stochastic rounding cannot be held in a lookup table";
        return {};
    };
    op.prepare = [](const IntRuntime& rt, int layer) -> std::shared_ptr<const IntOpState> {
        const QuantizedLayer& L = rt.qmodel().layers.at(static_cast<size_t>(layer));
        auto s = std::make_shared<LookupState>();
        s->input = L.inputParams.at(0);
        s->table = buildLookupTable(*rt.prep(layer).nodes.front(), s->input, L.outputParams,
                                    L.config.activations.rounding);
        return s;
    };
    op.run = runLookup;
    return op;
}

} // namespace ql
