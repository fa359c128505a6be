// Integer Relu / Clip on codes (spec §4).

#include "core/quant/int_ops/int_clamp_op.h"

#include <algorithm>

namespace ql {

namespace {

// ReLU: max(Z, q); Clip: clamp to the codes of its bounds; (S, Z) unchanged.
void runClamp(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    const RtValue& x = run.storedCodes(0);
    int32_t activation_min = L.activationMin, activation_max = L.activationMax;
    if (!(x.params == L.inputParams.front())) // dynamic input: limits from its own (S, Z)
        activationLimits(run.prep.activation, x.params,
                         L.config.activations.rounding, &activation_min, &activation_max);
    RtValue out = codeValue(x.data.shape, x.params);
    for (size_t i = 0; i < x.data.q.size(); ++i)
        out.data.q[i] = std::clamp(x.data.q[i], activation_min, activation_max);
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntClampOp()
{
    IntOpDef op;
    op.name = "clamp";
    op.opTypes = {"Relu", "Clip"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireInputCodes(q); !why.empty())
            return why;
        const Node& n = q.anchor();
        for (size_t i = 1; i < n.inputs.size(); ++i)
            if (!n.inputs[i].empty() && !q.graph().initializer(n.inputs[i]))
                return "Clip bound '" + n.inputs[i] + "' is computed at run time";
        return {};
    };
    op.run = runClamp;
    return op;
}

} // namespace ql
