// Integer MaxPool (spec §4): max commutes with the monotone quantizer, so the pooling kernel
// runs on the codes themselves (ql::maxPool<int32_t>, the FP32 op's loop) and (S, Z) stay.

#include "core/quant/int_ops/int_max_pool_op.h"

#include <algorithm>

#include "core/ops/max_pool.h"

namespace ql {

namespace {

void runMaxPool(const IntLayerRun& run)
{
    const RtValue& x = run.storedCodes(0);
    RtValue out = codeValue({}, x.params);
    out.data.shape = maxPool(*run.prep.nodes.front(), x.data.shape, x.data.q.data(), out.data.q);
    // A window wholly in the padding is −inf in FP32, whose code is qmin.
    for (int32_t& q : out.data.q)
        q = std::max(q, x.params.qmin);
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntMaxPoolOp()
{
    IntOpDef op;
    op.name = "max_pool";
    op.opTypes = {"MaxPool"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireInputCodes(q); !why.empty())
            return why;
        if (q.shapeOf(q.layer.inputs.front()).size() != 4)
            return "MaxPool on a rank-" + std::to_string(q.shapeOf(q.layer.inputs.front()).size()) +
                   " input (the integer kernel is 2-D)";
        return {};
    };
    op.run = runMaxPool;
    return op;
}

} // namespace ql
