// evaluateQuantized() and dumpQuantizedTensors() (spec §5–6).
//
// Work layout. Samples go in batches of EvaluateOptions::batchSize (progress and cancellation
// granularity). Each batch is cut into fixed work units of kSamplesPerUnit contiguous samples,
// which the worker threads take in turn; every unit produces its own partial results and the
// partials are merged in unit order. Because units do not depend on the thread count, neither
// do the floating-point sums (the FP32 reference's kernels see the same rows too), and with
// stochastic rounding seeded per (seed, layer, sample) the whole report is identical for any
// RunControl::threads. (Equal-size per-thread chunks would make the sums' association, and
// Eigen's blocking of the FP32 reference, depend on the thread count.)
//
// Per unit: the FP32 executor (keepAll, one thread) gives the references; the propagated
// chain runs every layer from the quantized graph input; the local run feeds each layer its
// FP32 reference inputs, quantized with the input tensors' (S, Z). Errors are accumulated per
// layer against the FP32 value of the layer's output tensor, with offsets = global sample
// index × per-sample size so the histogram sample is fixed up front. Models with a dynamic
// observer run one sample at a time (see int_runtime.h).

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/error.h"
#include "core/parallel.h"
#include "core/quant/exit_policy.h"
#include "core/quant/int_runtime.h"

namespace ql {

namespace {

constexpr int64_t kSamplesPerUnit = 25;

struct UnitResult
{
    std::vector<ErrorAccumulator> local, propagated;
    std::vector<AccumulatorStats> accumulators;
    std::vector<float> scratch; // dequantized values of the layer being compared
};

struct Evaluation
{
    const QuantizedModel& qm;
    const Dataset& data;
    IntRuntime rt;
    Fp32Executor executor;
    std::string input;
    std::vector<int64_t> perSample; // per layer: output elements per sample (batch-1 shape)
    std::vector<int64_t> totals;    // perSample × samples (histogram stride)
    bool computeLocal = true;
    std::vector<std::vector<ExitSample>> exitSamples; // [exit][sample]
    std::shared_ptr<ReferenceCache> cache;
    std::set<std::string> referenced; // tensors runRows reads from the FP32 references

    Evaluation(const QuantizedModel& q, const Dataset& d)
        : qm(q), data(d), rt(q), executor(*q.model)
    {
    }

    UnitResult makeUnit() const
    {
        UnitResult u;
        for (size_t i = 0; i < qm.layers.size(); ++i) {
            u.local.emplace_back(totals[i]);
            u.propagated.emplace_back(totals[i]);
        }
        u.accumulators.resize(qm.layers.size());
        return u;
    }

    void runUnit(int64_t begin, int64_t count, const RunControl& ctl, UnitResult& unit);
    void runRows(int64_t begin, int64_t count, const RunControl& ctl, UnitResult& unit);
};

// e = r' − r of one layer output over `rows` samples starting at global sample `first`.
// Clipping (ErrorStats::clipLowRate/HighRate) counts codes at qmin / qmax whose FP32 value lies
// beyond the representable range [S·(qmin − Z), S·(qmax − Z)] by more than half an LSB, i.e.
// values the quantizer really clipped. (The requantizer's own clamp counts also include the
// fused ReLU's max(Z_y, q), which is the activation, not a quantization error.)
// `scratch` holds the dequantized values (reused across calls: no allocation per layer).
void compare(const RtValue& value, const Tensor& ref, int64_t first, int64_t rows,
             const RtLayerStats& stats, ErrorAccumulator& acc, std::vector<float>& scratch)
{
    if (ref.dtype != DType::Float32 || (value.codes == false && value.data.dtype != DType::Float32))
        return;
    const int64_t n = ref.numel();
    if (value.data.numel() != n)
        throw Error("integer engine: output has " + std::to_string(value.data.numel()) +
                    " values, the FP32 reference " + std::to_string(n));
    const int64_t per = rows ? n / rows : 0;
    const int64_t overflows = stats.acc.overflows;
    if (!value.codes) {
        acc.add(ref.f.data(), value.data.f.data(), n, first * per, 0, 0, overflows);
        return;
    }
    const QuantParams& p = value.params;
    if (p.channels() != 1) { // activations are per tensor; kept for completeness
        const Tensor deq = IntRuntime::dequantize(value);
        acc.add(ref.f.data(), deq.f.data(), n, first * per, 0, 0, overflows);
        return;
    }
    // r' = S·(q − Z) as IntRuntime::dequantize forms it, and the clip counts, in one pass.
    // The bounds compare a float r with a double b; with b_f the smallest float ≥ b,
    // r < b ⟺ r < b_f (no float lies in [b, b_f)), and likewise above — so the loop stays in
    // float and vectorises.
    const float scale = p.scale[0];
    const int32_t zero_point = p.zeroPoint[0];
    const double below = double(scale) * (p.qmin - zero_point) - 0.5 * double(scale);
    const double above = double(scale) * (p.qmax - zero_point) + 0.5 * double(scale);
    auto ceilFloat = [](double b) {
        const auto f = static_cast<float>(b);
        return double(f) >= b ? f : std::nextafter(f, std::numeric_limits<float>::infinity());
    };
    auto floorFloat = [](double b) {
        const auto f = static_cast<float>(b);
        return double(f) <= b ? f : std::nextafter(f, -std::numeric_limits<float>::infinity());
    };
    const float below_f = ceilFloat(below);
    const float above_f = floorFloat(above);
    scratch.resize(static_cast<size_t>(n));
    const int32_t* q = value.data.q.data();
    const float* r = ref.f.data();
    float* d = scratch.data();
    const int32_t qmin = p.qmin, qmax = p.qmax;
    int64_t low = 0, high = 0;
    for (int64_t i = 0; i < n; ++i) {
        d[i] = static_cast<float>(q[i] - zero_point) * scale;
        low += (q[i] == qmin) & (r[i] < below_f);
        high += (q[i] == qmax) & (r[i] > above_f);
    }
    acc.add(r, d, n, first * per, low, high, overflows);
}

void Evaluation::runRows(int64_t begin, int64_t count, const RunControl& ctl, UnitResult& unit)
{
    TensorMap feeds;
    feeds[input] = data.slice(begin, count);
    std::shared_ptr<const TensorMap> kept = cache ? cache->find(begin, count) : nullptr;
    if (!kept) {
        ExecOptions keep;
        keep.keep = referenced;
        kept = std::make_shared<const TensorMap>(executor.run(feeds, ctl, keep));
        if (cache)
            cache->store(begin, count, kept);
    }
    const TensorMap& refs = *kept;

    auto after = [&](int i, const RtValues& values, const RtLayerStats& stats) {
        const QuantizedLayer& L = qm.layers[static_cast<size_t>(i)];
        const Tensor& ref = refs.at(L.plan.output);
        compare(values.at(L.plan.output), ref, begin, count, stats,
                unit.propagated[static_cast<size_t>(i)], unit.scratch);
        unit.accumulators[static_cast<size_t>(i)].merge(stats.acc);
        if (!computeLocal)
            return;
        if (!L.runsInteger()) {
            // Fed with its FP32 inputs a float layer computes exactly the reference.
            RtValue same;
            same.data = ref;
            compare(same, ref, begin, count, RtLayerStats{}, unit.local[static_cast<size_t>(i)],
                    unit.scratch);
            return;
        }
        // A layer reading only graph inputs sees exactly its FP32 inputs in the chain too
        // (quantized by it, with the same seed): local = propagated, no second run needed.
        if (std::all_of(L.plan.inputs.begin(), L.plan.inputs.end(),
                        [&](const std::string& in) { return feeds.count(in) != 0; })) {
            compare(values.at(L.plan.output), ref, begin, count, stats,
                    unit.local[static_cast<size_t>(i)], unit.scratch);
            return;
        }
        // The layer's FP32 inputs, quantized here exactly as runLayer would quantize them (no
        // copy of the float tensor).
        RtValues local;
        for (size_t k = 0; k < L.plan.inputs.size(); ++k) {
            const std::string& in = L.plan.inputs[k];
            const Tensor& r = refs.at(in);
            if (r.dtype == DType::Float32 && rt.readsCodes(i, k))
                local[in] = rt.quantizeFloat(in, r, i, begin);
            else
                local[in].data = r;
        }
        RtLayerStats localStats;
        rt.runLayer(i, local, begin, &localStats, false);
        compare(local.at(L.plan.output), ref, begin, count, localStats,
                unit.local[static_cast<size_t>(i)], unit.scratch);
    };
    const RtValues values = rt.runChain(feeds, begin, ctl, -1, after);

    // Exits: FP32 and quantized logits, top-1 and max-softmax per sample.
    for (size_t e = 0; e < qm.model->exits.size(); ++e) {
        const std::string& name = qm.model->exits[e].output;
        const Tensor& ref = refs.at(name);
        const Tensor q = IntRuntime::dequantize(values.at(name));
        const int64_t classes = count ? ref.numel() / count : 0;
        for (int64_t r = 0; r < count; ++r) {
            ExitSample& s = exitSamples[e][static_cast<size_t>(begin + r)];
            s.fp32Top = argmaxRow(ref.f.data() + r * classes, classes);
            s.quantTop = argmaxRow(q.f.data() + r * classes, classes);
            s.fp32Confidence = maxSoftmax(ref.f.data() + r * classes, classes);
            s.quantConfidence = maxSoftmax(q.f.data() + r * classes, classes);
        }
    }
}

void Evaluation::runUnit(int64_t begin, int64_t count, const RunControl& ctl, UnitResult& unit)
{
    const int64_t step = rt.perSample() ? 1 : count;
    for (int64_t s = begin; s < begin + count; s += step)
        runRows(s, std::min(step, begin + count - s), ctl, unit);
}

std::string singleInput(const Model& model)
{
    if (model.graph.inputs.size() != 1)
        throw Error(model.path + ": the integer engine needs a model with exactly one input, it has " +
                    std::to_string(model.graph.inputs.size()));
    return model.graph.inputs.front().name;
}

LayerReport layerReport(const QuantizedModel& qm, size_t i)
{
    const QuantizedLayer& L = qm.layers[i];
    const Graph& g = qm.model->graph;
    LayerReport r;
    r.name = L.plan.name;
    r.opType = L.plan.opType;
    r.kind = L.kind();
    r.kernel = L.op ? L.kernelName() : std::string();
    r.floatReason = L.floatReason;
    r.depth = L.plan.depth;
    r.output = L.plan.output;
    if (const auto it = g.shapes.find(L.plan.output); it != g.shapes.end())
        r.outputShape = it->second;
    r.macs = L.plan.macs;
    r.params = L.plan.params;
    if (!L.plan.hasWeights)
        for (int idx : L.plan.nodeIndices)
            r.params += g.nodes[static_cast<size_t>(idx)].params;
    r.quantized = L.outputQuantized;
    r.config = L.config;
    for (size_t k = 1; k < L.plan.nodeIndices.size(); ++k)
        r.fusedNodes.push_back(g.nodes[static_cast<size_t>(L.plan.nodeIndices[k])].name);
    r.weightParams = L.weightParams;
    r.outputParams = L.outputParams;
    r.weightError = L.weightError;
    return r;
}

} // namespace

EvaluationReport evaluateQuantized(const QuantizedModel& qmodel, const Dataset& data,
                                   const RunControl& ctl, const EvaluateOptions& opts)
{
    if (!qmodel.model)
        throw Error("evaluateQuantized: the quantized model has no model");
    const Model& model = *qmodel.model;
    Evaluation ev(qmodel, data);
    ev.input = singleInput(model);
    ev.computeLocal = opts.computeLocal;
    const int64_t samples = data.size();
    if (samples == 0)
        throw Error(data.root + ": the evaluation set is empty");
    for (const QuantizedLayer& L : qmodel.layers) {
        const auto it = model.graph.shapes.find(L.plan.output);
        const int64_t per = it == model.graph.shapes.end() ? 0 : std::max<int64_t>(numelOf(it->second), 0);
        ev.perSample.push_back(per);
        ev.totals.push_back(per * samples);
    }
    ev.exitSamples.assign(model.exits.size(), std::vector<ExitSample>(static_cast<size_t>(samples)));
    ev.cache = opts.references;
    ev.referenced.insert(ev.input);
    for (const QuantizedLayer& L : qmodel.layers) {
        ev.referenced.insert(L.plan.output);
        ev.referenced.insert(L.plan.inputs.begin(), L.plan.inputs.end());
    }
    for (const ExitInfo& e : model.exits)
        ev.referenced.insert(e.output);

    UnitResult total = ev.makeUnit();
    RunControl inner; // one thread per unit; cancellation passes through
    inner.cancel = ctl.cancel;
    inner.threads = 1;
    const int threads = threadCount(ctl);
    const int64_t batch = std::max(opts.batchSize, 1);
    for (int64_t begin = 0; begin < samples; begin += batch) {
        ctl.check();
        const int64_t n = std::min(batch, samples - begin);
        std::vector<std::pair<int64_t, int64_t>> units;
        for (int64_t u = begin; u < begin + n; u += kSamplesPerUnit)
            units.push_back({u, std::min(kSamplesPerUnit, begin + n - u)});
        std::vector<UnitResult> results;
        for (size_t u = 0; u < units.size(); ++u)
            results.push_back(ev.makeUnit());
        forEachUnit(units.size(), threads, [&](size_t u) {
            ev.runUnit(units[u].first, units[u].second, inner, results[u]);
        });
        for (const UnitResult& r : results) // unit order: independent of the thread count
            for (size_t i = 0; i < qmodel.layers.size(); ++i) {
                total.local[i].merge(r.local[i]);
                total.propagated[i].merge(r.propagated[i]);
                total.accumulators[i].merge(r.accumulators[i]);
            }
        ctl.report(begin + n, samples);
    }

    EvaluationReport report;
    report.modelPath = model.path;
    report.samples = samples;
    report.labelled = data.labelled();
    for (size_t i = 0; i < qmodel.layers.size(); ++i) {
        const QuantizedLayer& L = qmodel.layers[i];
        LayerReport r = layerReport(qmodel, i);
        double clipMin = 0.0, clipMax = 0.0;
        if (L.outputQuantized && !L.outputParams.scale.empty()) {
            const double s = L.outputParams.scale[0];
            clipMin = s * (L.outputParams.qmin - L.outputParams.zeroPoint[0]);
            clipMax = s * (L.outputParams.qmax - L.outputParams.zeroPoint[0]);
        }
        r.local = total.local[i].finish(clipMin, clipMax);
        r.propagated = total.propagated[i].finish(clipMin, clipMax);
        // The worst propagated element as (sample, o[, y, x]): the accumulator's global offset
        // is sample · per-sample size + the row-major offset inside the batch-1 output shape.
        if (const int64_t off = total.propagated[i].worstOffset();
            off >= 0 && r.outputShape.size() >= 2 && r.propagated.count > 0) {
            int64_t per = 1;
            for (size_t d = 1; d < r.outputShape.size(); ++d)
                per *= r.outputShape[d];
            if (per > 0) {
                std::vector<int64_t> index(r.outputShape.size());
                index[0] = off / per;
                int64_t rest = off % per;
                for (size_t d = r.outputShape.size() - 1; d >= 1; --d) {
                    index[d] = rest % r.outputShape[d];
                    rest /= r.outputShape[d];
                }
                r.worstIndex = std::move(index);
            }
        }
        r.accumulatorOverflows = total.accumulators[i].overflows;
        r.int64Accumulator = total.accumulators[i].int64Used;
        report.totalOverflows += r.accumulatorOverflows;
        report.layers.push_back(std::move(r));
    }
    std::vector<int> labels(data.labels.begin(), data.labels.end());
    report.exits = exitReports(model, ev.exitSamples, labels, data.labelled());
    report.exitPolicy = exitPolicySweep(model, ev.exitSamples, labels, data.labelled());
    report.size = modelSize(qmodel);
    return report;
}

std::vector<TensorDump> dumpQuantizedTensors(const QuantizedModel& qmodel, const Tensor& batch,
                                             const RunControl& ctl)
{
    if (!qmodel.model)
        throw Error("dumpQuantizedTensors: the quantized model has no model");
    const IntRuntime rt(qmodel);
    const Fp32Executor executor(*qmodel.model);
    const std::string input = singleInput(*qmodel.model);
    const int64_t samples = batch.rank() ? batch.shape[0] : 0;
    const int64_t step = rt.perSample() ? 1 : std::max<int64_t>(samples, 1);
    RunControl inner;
    inner.cancel = ctl.cancel;
    inner.threads = ctl.threads;
    ExecOptions keepAll;
    keepAll.keepAll = true;
    std::vector<TensorDump> dumps;
    for (int64_t s = 0; s < samples; s += step) {
        const int64_t n = std::min(step, samples - s);
        TensorMap feeds;
        Tensor rows = batch;
        if (n != samples) {
            rows.shape[0] = n;
            const int64_t per = batch.numel() / samples;
            rows.f.assign(batch.f.begin() + s * per, batch.f.begin() + (s + n) * per);
        }
        feeds[input] = std::move(rows);
        const TensorMap refs = executor.run(feeds, inner, keepAll);
        const RtValues values = rt.runChain(feeds, s, ctl);
        auto add = [&](const std::string& tensor, const std::string& layer, const RtValue& v) {
            TensorDump d;
            d.tensor = tensor;
            d.layer = layer;
            d.codes = v.data;
            d.params = v.params;
            d.dequantized = IntRuntime::dequantize(v);
            if (const auto it = refs.find(tensor); it != refs.end())
                d.fp32 = it->second;
            d.sample = rt.perSample() ? s : -1;
            dumps.push_back(std::move(d));
        };
        for (const QuantizedLayer& L : qmodel.layers) {
            for (const std::string& in : L.plan.inputs) // float inputs this layer quantized
                if (const auto it = values.find(IntRuntime::quantizedName(in));
                    it != values.end() && std::none_of(dumps.begin(), dumps.end(), [&](const TensorDump& d) {
                        return d.tensor == in && d.sample == (rt.perSample() ? s : -1);
                    }))
                    add(in, L.plan.name, it->second);
            const RtValue& out = values.at(L.plan.output);
            if (out.codes)
                add(L.plan.output, L.plan.name, out);
        }
    }
    return dumps;
}

} // namespace ql
