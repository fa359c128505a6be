// Integer MaxPool (spec §4): max commutes with the monotone quantizer, so the pooling kernel
// runs on the codes themselves (ql::maxPool<int32_t>, the FP32 op's loop) and (S, Z) stay.
// The common 2 × 2, stride-2 pool without padding (every CNN's downsampling) takes a per-ISA
// kernel instead (core/isa/max_pool_kernel.inc) — the same maxima.

#include "core/quant/int_ops/int_max_pool_op.h"

#include <utility>

#include "core/isa/kernel_choice.h"
#include "core/ops/max_pool.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

// The 2 × 2 / 2 pool when `node` is one whose windows all lie inside the input (no begin
// padding; with 2·out ≤ in the end padding and ceil_mode's extra window are never reached):
// y[n, c, oy, ox] = max(qmin, the four codes of window (oy, ox)), as the generic loop and the
// qmin identity below give. False (nothing written) for any other geometry.
bool maxPool2x2(const Node& node, const RtValue& x, RtValue& out)
{
    if (!node.hasAttr("kernel_shape") || node.outputs.size() > 1 || x.data.rank() != 4)
        return false; // the generic path reports what is wrong
    const WindowGeometry g =
        windowGeometry(node, x.data.shape, {}, node.attrInt("ceil_mode", 0) != 0);
    if (g.spatialRank() != 2)
        return false;
    for (int axis = 0; axis < 2; ++axis)
        if (g.kernel[axis] != 2 || g.strides[axis] != 2 || g.dilations[axis] != 1 ||
            g.padBegin[axis] != 0 || 2 * g.outSize[axis] > g.inSize[axis])
            return false;
    const int64_t planes = x.data.shape[0] * x.data.shape[1];
    const int64_t in_height = g.inSize[0], in_width = g.inSize[1];
    const int64_t out_height = g.outSize[0], out_width = g.outSize[1];
    out.data.shape = {x.data.shape[0], x.data.shape[1], out_height, out_width};
    out.data.q.resize(static_cast<size_t>(planes * out_height * out_width));
    const auto pool = QL_ACTIVE_KERNEL(maxPool2x2);
    // With an even height the row pairs of consecutive planes follow each other: one call.
    const bool one_call = in_height == 2 * out_height;
    for (int64_t plane = 0; plane < (one_call ? 1 : planes); ++plane)
        pool(x.data.q.data() + plane * in_height * in_width,
             one_call ? planes * out_height : out_height, in_width, out_width, x.params.qmin,
             out.data.q.data() + plane * out_height * out_width);
    return true;
}

void runMaxPool(const IntLayerRun& run)
{
    const RtValue& x = run.storedCodes(0);
    RtValue out = codeValue({}, x.params);
    if (maxPool2x2(*run.prep.nodes.front(), x, out)) {
        run.setOutput(std::move(out));
        return;
    }
    // Every max starts from qmin: a window wholly in the padding is −inf in FP32, whose code is
    // qmin, and max(qmin, codes) = max(codes) for any other window.
    out.data.shape = maxPool(*run.prep.nodes.front(), x.data.shape, x.data.q.data(), out.data.q,
                             x.params.qmin);
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
