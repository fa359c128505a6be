// Integer AveragePool / GlobalAveragePool (spec §4), integer arithmetic only:
//
//   acc       = Σ (q − Z_x) over the window's taps inside the input         (int64, exact)
//   y         = clamp( Z_x + R(acc / count), qmin, qmax ),  (S, Z) unchanged
//
// with R = roundingDivide (rounding.h) in the layer's activation rounding mode and count the
// ONNX divisor: the taps inside the input (count_include_pad = 0), or inside the padded input
// [−pad_begin, in + pad_end) (count_include_pad = 1, PyTorch's rule for ceil_mode windows);
// GlobalAveragePool: the whole plane. |q − Z| ≤ 2^16 and a window of at most 2^40 taps keep acc
// far inside int64, so any code width and any window size are exact — unlike a float sum,
// which stops being exact once |acc| passes 2^24.

#include "core/quant/int_ops/int_average_pool_op.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

// The window of one output position along one spatial axis, in input coordinates.
struct Span
{
    int64_t first = 0, last = 0; // taps inside the input: [first, last)
    int64_t padded = 0;          // taps inside the padded input (count_include_pad divisor)
};

std::vector<Span> spans(int64_t outSize, int64_t inSize, int64_t kernel, int64_t stride,
                        int64_t padBegin, int64_t padEnd)
{
    std::vector<Span> s(static_cast<size_t>(outSize));
    for (int64_t o = 0; o < outSize; ++o) {
        const int64_t start = o * stride - padBegin;
        const int64_t end = std::min(start + kernel, inSize + padEnd);
        s[static_cast<size_t>(o)] = {std::max<int64_t>(start, 0), std::min(end, inSize),
                                     end - start};
    }
    return s;
}

void runAveragePool(const IntLayerRun& run)
{
    const RtValue& x = run.storedCodes(0);
    const Node& node = *run.prep.nodes.front();
    const Shape& xs = x.data.shape;
    const int64_t batch = xs[0], channels = xs[1], inH = xs[2], inW = xs[3];
    std::vector<Span> rows, cols;
    bool countPad = false;
    if (node.opType == "GlobalAveragePool") {
        rows = {{0, inH, inH}};
        cols = {{0, inW, inW}};
    } else {
        const WindowGeometry g = geometryAs2d(
            node, windowGeometry(node, xs, {}, node.attrInt("ceil_mode", 0) != 0));
        rows = spans(g.outSize[0], inH, g.kernel[0], g.strides[0], g.padBegin[0], g.padEnd[0]);
        cols = spans(g.outSize[1], inW, g.kernel[1], g.strides[1], g.padBegin[1], g.padEnd[1]);
        countPad = node.attrInt("count_include_pad", 0) != 0;
    }
    const int64_t outH = static_cast<int64_t>(rows.size()), outW = static_cast<int64_t>(cols.size());
    RtValue out = codeValue({batch, channels, outH, outW}, x.params);
    const int64_t zero_point = x.params.zeroPoint[0];
    const int64_t qmin = x.params.qmin, qmax = x.params.qmax;
    const RoundingMode rounding = run.q.config.activations.rounding;
    const int64_t perSample = channels * outH * outW;
    for (int64_t n = 0; n < batch; ++n) {
        // Stochastic: one Rng per sample, drawn in element order (batch-layout independent).
        Rng rng(run.seed(n));
        for (int64_t c = 0; c < channels; ++c) {
            const int32_t* plane = x.data.q.data() + (n * channels + c) * inH * inW;
            int32_t* y = out.data.q.data() + n * perSample + c * outH * outW;
            for (int64_t out_y = 0; out_y < outH; ++out_y) {
                const Span& r = rows[static_cast<size_t>(out_y)];
                for (int64_t out_x = 0; out_x < outW; ++out_x) {
                    const Span& k = cols[static_cast<size_t>(out_x)];
                    int64_t acc = 0;
                    for (int64_t in_y = r.first; in_y < r.last; ++in_y)
                        for (int64_t in_x = k.first; in_x < k.last; ++in_x)
                            acc += plane[in_y * inW + in_x] - zero_point;
                    const int64_t count =
                        countPad ? r.padded * k.padded : (r.last - r.first) * (k.last - k.first);
                    const int64_t avg = count > 0 ? roundingDivide(acc, count, rounding, &rng) : 0;
                    y[out_y * outW + out_x] =
                        static_cast<int32_t>(std::clamp(avg + zero_point, qmin, qmax));
                }
            }
        }
    }
    run.setOutput(std::move(out));
}

} // namespace

IntOpDef makeIntAveragePoolOp()
{
    IntOpDef op;
    op.name = "average_pool";
    op.opTypes = {"AveragePool", "GlobalAveragePool"};
    op.output = IntOutputParams::Input;
    op.check = [](const IntOpQuery& q) -> std::string {
        if (std::string why = requireInputCodes(q); !why.empty())
            return why;
        if (q.shapeOf(q.layer.inputs.front()).size() != 4)
            return q.layer.opType + " on a rank-" +
                   std::to_string(q.shapeOf(q.layer.inputs.front()).size()) +
                   " input (the integer kernel is 2-D)";
        return {};
    };
    op.run = runAveragePool;
    return op;
}

} // namespace ql
