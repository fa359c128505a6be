// Integer MatMul of two activations (spec §4 "MatMul of two activations", §3's arithmetic with
// both operands zero-point centred and per-tensor parameters on both sides):
//
//   acc[b,i,j] = Σ_k (a[b,i,k] − Z_a)·(b[b,k,j] − Z_b)                       (int64, exact)
//   y[b,i,j]   = clamp( Z_y + R(acc·M), qmin, qmax ),   M = S_a·S_b / S_y
//
// through requantize() (float M or integer-only M0·2^shift as configured). The batch dims
// (everything before the last two) must be equal on both sides; |a − Z_a|, |b − Z_b| ≤ 2^16
// and K < 2^31 keep acc inside int64 for any code width.

#include "core/quant/int_ops/int_matmul_op.h"

#include <algorithm>

#include "core/error.h"

namespace ql {

namespace {

void runMatMul(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    RtValue scratchA, scratchB;
    const RtValue& a = run.codes(0, scratchA);
    const RtValue& b = run.codes(1, scratchB);
    const Shape& sa = a.data.shape;
    const Shape& sb = b.data.shape;
    const size_t rank = sa.size();
    if (rank < 2 || sb.size() != rank || !std::equal(sa.begin(), sa.end() - 2, sb.begin()) ||
        sa[rank - 1] != sb[rank - 2])
        throw Error("integer engine: MatMul '" + L.plan.name + "' cannot multiply " +
                    shapeToString(sa) + " by " + shapeToString(sb));
    const int64_t rows = sa[rank - 2], depth = sa[rank - 1], cols = sb[rank - 1];
    const int64_t batches = rows > 0 && depth > 0 ? a.data.numel() / (rows * depth) : 0;
    Shape outShape = sa;
    outShape.back() = cols;
    const int64_t zero_a = a.params.zeroPoint[0], zero_b = b.params.zeroPoint[0];

    std::vector<int64_t> acc(static_cast<size_t>(batches * rows * cols), 0);
    std::vector<int64_t> row(static_cast<size_t>(cols));
    for (int64_t batch = 0; batch < batches; ++batch) {
        const int32_t* qa = a.data.q.data() + batch * rows * depth;
        const int32_t* qb = b.data.q.data() + batch * depth * cols;
        int64_t* out = acc.data() + batch * rows * cols;
        for (int64_t i = 0; i < rows; ++i) {
            std::fill(row.begin(), row.end(), 0);
            for (int64_t k = 0; k < depth; ++k) { // i-k-j order: contiguous rows of b
                const int64_t x = qa[i * depth + k] - zero_a;
                const int32_t* w = qb + k * cols;
                for (int64_t j = 0; j < cols; ++j)
                    row[static_cast<size_t>(j)] += x * (w[j] - zero_b);
            }
            std::copy(row.begin(), row.end(), out + i * cols);
        }
    }

    const QuantParams& output = L.outputParams;
    RequantParams rp;
    rp.mode = L.config.requantization;
    rp.setProductMultipliers({double(a.params.scale[0]) * double(b.params.scale[0]) /
                              double(output.scale[0])},
                             a.params.scale[0], b.params.scale, output.scale[0]);
    rp.outputZeroPoint = output.zeroPoint[0];
    rp.activationMin = output.qmin;
    rp.activationMax = output.qmax;
    rp.rounding = L.config.activations.rounding;
    RtValue y = codeValue(outShape, output);
    ClipStats clip;
    const int64_t samples = sa[0];
    if (run.prep.stochastic && samples > 0) {
        const int64_t per = int64_t(acc.size()) / samples;
        for (int64_t s = 0; s < samples; ++s) {
            Rng rng(run.seed(s));
            rp.rng = &rng;
            requantize(rp, acc.data() + s * per, 1, 1, per, y.data.q.data() + s * per, &clip);
        }
    } else {
        requantize(rp, acc.data(), 1, 1, int64_t(acc.size()), y.data.q.data(), &clip);
    }
    if (run.stats)
        run.stats->clip.merge(clip);
    if (rp.mode == RequantMode::Float)
        run.countFloat(); // acc·M in float
    run.setOutput(std::move(y));
}

} // namespace

IntOpDef makeIntMatMulOp()
{
    IntOpDef op;
    op.name = "matmul";
    op.opTypes = {"MatMul"};
    op.codeInputs = IntCodeInputs::All;
    op.check = [](const IntOpQuery& q) -> std::string {
        const PlannedLayer& L = q.layer;
        if (L.inputs.size() != 2)
            return "MatMul of a constant operand: " + weightReason(q);
        const Shape a = q.shapeOf(L.inputs[0]), b = q.shapeOf(L.inputs[1]);
        if (a.size() < 2 || a.size() != b.size() || !std::equal(a.begin(), a.end() - 2, b.begin()))
            return "MatMul with broadcast batch dims (" + shapeToString(a) + " x " +
                   shapeToString(b) + ") has no integer kernel";
        if (q.config.activations.observer == ObserverKind::Dynamic)
            return "dynamic observer: the two-activation MatMul needs a fixed output (S, Z)";
        return {};
    };
    op.run = runMatMul;
    return op;
}

} // namespace ql
