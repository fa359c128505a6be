// evaluateQuantized() and dumpQuantizedTensors() (spec §5–6).
//
// Work layout. Samples go in batches of EvaluateOptions::batchSize (progress and cancellation
// granularity). Each batch is cut into fixed work units of samplesPerWorkUnit() contiguous
// samples (25, fewer for models with large activations: core/quant/work_units.h),
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
//
// Incremental re-evaluation (incremental_cache.h): with a ReferenceCache, every call of rows
// computes its results into a fresh per-rows partial (CachedUnit) and merges it into the unit —
// also on a first, full evaluation, so both paths add the same partials in the same order — and
// the next call of the same rows reuses each layer whose fingerprints did not change.

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/parallel.h"
#include "core/quant/fingerprint.h"
#include "core/quant/exit_policy.h"
#include "core/quant/incremental_cache.h"
#include "core/quant/int_runtime.h"
#include "core/quant/layer_compare.h"
#include "core/quant/work_units.h"

namespace ql {

namespace {

struct UnitResult
{
    std::vector<ErrorAccumulator> local, propagated;
    std::vector<AccumulatorStats> accumulators;
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
    IncrementalCache* incremental = nullptr; // cache->incremental() when there is a cache
    LayerSignatures signatures;
    std::vector<char> keepOutput;               // per layer: keep its integer output
    std::vector<std::vector<int>> producers;    // per layer, per plan input: layer index or −1
    std::vector<int> exitProducer;              // per exit: layer index or −1

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
    // Layer i's results for the rows: reused from `cached` when its fingerprints match.
    void localPass(int i, const TensorMap& feeds, const TensorMap& refs, int64_t begin,
                   int64_t count, CachedLayer& out);
};

// The local error of layer i: the layer fed with its FP32 reference inputs.
void Evaluation::localPass(int i, const TensorMap& feeds, const TensorMap& refs, int64_t begin,
                           int64_t count, CachedLayer& out)
{
    const QuantizedLayer& L = qm.layers[static_cast<size_t>(i)];
    const Tensor& ref = refs.at(L.plan.output);
    if (!L.runsInteger()) {
        // Fed with its FP32 inputs a float layer computes exactly the reference:
        // compareWithReference() of the reference with itself, without copying it first.
        const int64_t n = ref.numel();
        if (ref.dtype == DType::Float32)
            out.local.add(ref.f.data(), ref.f.data(), n, begin * (count ? n / count : 0));
        return;
    }
    // The layer's FP32 inputs, quantized here exactly as runLayer would quantize them (no
    // copy of the float tensor).
    RtValues local;
    for (size_t k = 0; k < L.plan.inputs.size(); ++k) {
        const std::string& in = L.plan.inputs[k];
        const Tensor& r = refs.count(in) ? refs.at(in) : feeds.at(in);
        if (r.dtype == DType::Float32 && rt.readsCodes(i, k))
            local[in] = rt.quantizeFloat(in, r, i, begin);
        else
            local[in].data = r;
    }
    RtLayerStats localStats;
    rt.runLayer(i, local, begin, &localStats, false);
    compareWithReference(local.at(L.plan.output), ref, begin, count, localStats, out.local);
}

void Evaluation::runRows(int64_t begin, int64_t count, const RunControl& ctl, UnitResult& unit)
{
    TensorMap feeds;
    feeds[input] = data.slice(begin, count);
    std::shared_ptr<const TensorMap> kept = cache ? cache->find(begin, count) : nullptr;
    if (!kept) {
        ExecOptions keep;
        keep.keep = referenced;
        RunControl reference = ctl; // the profiler times the stage, not the FP32 ops
        reference.profiler = nullptr;
        const ProfileScope profile(ctl.profiler, "(evaluation) FP32 reference");
        kept = std::make_shared<const TensorMap>(executor.run(feeds, reference, keep));
        if (cache)
            cache->store(begin, count, kept);
    }
    const TensorMap& refs = *kept;
    const size_t layers = qm.layers.size();
    std::shared_ptr<const CachedUnit> cached = incremental ? incremental->find(begin, count) : nullptr;
    if (cached && (cached->layers.size() != qm.layers.size() ||
                   cached->exits.size() != qm.model->exits.size()))
        cached = nullptr; // stored by a concurrent evaluation of another plan
    auto fresh = std::make_shared<CachedUnit>();
    fresh->layers.resize(layers);
    fresh->exits.resize(qm.model->exits.size());

    // Which layers run: a changed chain, or an unchanged one whose output a running layer
    // needs and the cache did not keep (plan order is topological: one backward pass).
    std::vector<char> run(layers, 1);
    if (cached) {
        for (size_t i = 0; i < layers; ++i)
            run[i] = cached->layers[i].chain != signatures.chain[i];
        for (size_t e = 0; e < exitProducer.size(); ++e) // exits are read from the values
            if (const int p = exitProducer[e]; p >= 0 && cached->exits[e].chain != signatures.chain[size_t(p)])
                run[size_t(p)] = 1;
    }
    // A float tensor read as codes by several layers is quantized once, by the first of them
    // (runLayer caches the codes in the values, seeded with that layer): when a later reader
    // runs, the earlier ones run again first so that it reads the same codes.
    for (size_t i = layers; i-- > 0;) {
        if (!run[i])
            continue;
        const std::vector<std::string>& inputs = qm.layers[i].plan.inputs;
        for (size_t k = 0; k < inputs.size(); ++k) {
            const int p = producers[i][k];
            if (p >= 0 && !run[size_t(p)] && !cached->layers[size_t(p)].output)
                run[size_t(p)] = 1;
            if (p >= 0 && qm.layers[size_t(p)].outputQuantized)
                continue;
            for (size_t h = 0; h < i; ++h)
                if (!run[h] && std::count(qm.layers[h].plan.inputs.begin(),
                                          qm.layers[h].plan.inputs.end(), inputs[k]))
                    run[h] = 1;
        }
    }

    RtValues values;
    for (const auto& [name, t] : feeds)
        values[name].data = t;
    for (size_t i = 0; i < layers; ++i) {
        if (!run[i])
            continue;
        for (int p : producers[i])
            if (p >= 0 && !run[size_t(p)] && !values.count(qm.layers[size_t(p)].plan.output))
                values[qm.layers[size_t(p)].plan.output] = *cached->layers[size_t(p)].output;
    }

    for (size_t i = 0; i < layers; ++i) {
        const QuantizedLayer& L = qm.layers[i];
        CachedLayer& out = fresh->layers[i];
        out.chain = signatures.chain[i];
        out.own = signatures.own[i];
        out.propagated = ErrorAccumulator(totals[i]);
        out.local = ErrorAccumulator(totals[i]);
        const CachedLayer* before = cached ? &cached->layers[i] : nullptr;
        if (run[i]) {
            ctl.check();
            RtLayerStats stats;
            {
                const ProfileScope profile(ctl.profiler, L.plan.opType.c_str());
                rt.runLayer(static_cast<int>(i), values, begin, &stats, true);
            }
            const RtValue& value = values.at(L.plan.output);
            const ProfileScope profile(ctl.profiler, "(evaluation) statistics");
            compareWithReference(value, refs.at(L.plan.output), begin, count, stats,
                                 out.propagated);
            out.accumulators = stats.acc;
        } else {
            out.propagated = before->propagated;
            out.accumulators = before->accumulators;
            out.output = before->output;
        }
        if (computeLocal) {
            out.hasLocal = true;
            if (before && before->hasLocal && before->own == out.own) {
                out.local = before->local;
            } else if (L.runsInteger() &&
                       std::all_of(L.plan.inputs.begin(), L.plan.inputs.end(),
                                   [&](const std::string& in) { return feeds.count(in) != 0; })) {
                // A layer reading only graph inputs sees exactly its FP32 inputs in the chain
                // too (quantized by it, with the same seed): local = propagated.
                out.local = out.propagated;
            } else {
                const ProfileScope profile(ctl.profiler, "(evaluation) local pass + statistics");
                localPass(static_cast<int>(i), feeds, refs, begin, count, out);
            }
        }
        unit.propagated[i].merge(out.propagated);
        unit.local[i].merge(out.local);
        unit.accumulators[i].merge(out.accumulators);
    }

    // Exits: FP32 and quantized logits, top-1 and max-softmax per sample.
    const ProfileScope profile(ctl.profiler, "(evaluation) exits");
    for (size_t e = 0; e < qm.model->exits.size(); ++e) {
        const std::string& name = qm.model->exits[e].output;
        const Tensor& ref = refs.at(name);
        const int producer = exitProducer[e];
        CachedExitRows& rows = fresh->exits[e];
        rows.chain = producer >= 0 ? signatures.chain[size_t(producer)] : 0;
        const bool reuse = cached && producer >= 0 && !run[size_t(producer)] &&
                           cached->exits[e].chain == rows.chain;
        const int64_t classes = count ? ref.numel() / count : 0;
        if (reuse) {
            rows = cached->exits[e];
        } else {
            const Tensor q = IntRuntime::dequantize(values.at(name));
            for (int64_t r = 0; r < count; ++r) {
                rows.quantTop.push_back(argmaxRow(q.f.data() + r * classes, classes));
                rows.quantConfidence.push_back(maxSoftmax(q.f.data() + r * classes, classes));
            }
        }
        for (int64_t r = 0; r < count; ++r) {
            ExitSample& s = exitSamples[e][static_cast<size_t>(begin + r)];
            s.fp32Top = argmaxRow(ref.f.data() + r * classes, classes);
            s.quantTop = static_cast<int>(rows.quantTop[size_t(r)]);
            s.fp32Confidence = maxSoftmax(ref.f.data() + r * classes, classes);
            s.quantConfidence = rows.quantConfidence[size_t(r)];
        }
    }
    if (incremental) {
        // The integer outputs to keep, moved out of the values: nothing reads them any more.
        for (size_t i = 0; i < layers; ++i)
            if (run[i] && keepOutput[i])
                fresh->layers[i].output =
                    std::make_shared<const RtValue>(std::move(values.at(qm.layers[i].plan.output)));
        incremental->store(begin, count, std::move(fresh));
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
    r.inputs = L.plan.inputs;
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

// Layer i's report from its merged statistics: the error statistics, both histograms over their
// common range, and the worst element's index.
LayerReport finishedLayer(const QuantizedModel& qmodel, size_t i, const UnitResult& total)
{
    const QuantizedLayer& L = qmodel.layers[i];
    LayerReport r = layerReport(qmodel, i);
    double clipMin = 0.0, clipMax = 0.0;
    if (L.outputQuantized && !L.outputParams.scale.empty()) {
        const double s = L.outputParams.scale[0];
        clipMin = s * (L.outputParams.qmin - L.outputParams.zeroPoint[0]);
        clipMax = s * (L.outputParams.qmax - L.outputParams.zeroPoint[0]);
    }
    // One error range for both histograms: they share bins (and density is comparable).
    const auto errorRange = commonErrorRange(total.local[i], total.propagated[i]);
    r.local = total.local[i].finish(clipMin, clipMax, &errorRange);
    r.propagated = total.propagated[i].finish(clipMin, clipMax, &errorRange);
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
    const size_t layers = qmodel.layers.size();
    for (const QuantizedLayer& L : qmodel.layers) {
        std::vector<int> producers;
        for (const std::string& in : L.plan.inputs) {
            const auto it = qmodel.plan.layerByOutput.find(in);
            producers.push_back(it == qmodel.plan.layerByOutput.end() ? -1 : it->second);
        }
        ev.producers.push_back(std::move(producers));
    }
    for (const ExitInfo& e : model.exits) {
        const auto it = qmodel.plan.layerByOutput.find(e.output);
        ev.exitProducer.push_back(it == qmodel.plan.layerByOutput.end() ? -1 : it->second);
    }
    ev.keepOutput.assign(layers, 0);
    if (ev.cache) {
        ev.incremental = &ev.cache->incremental();
        ev.signatures = layerSignatures(qmodel);
        // What every unit shares; a change drops the kept results.
        Fingerprint context;
        context.fields(samples, opts.computeLocal, layers, ev.rt.perSample(), model.exits.size(),
                       reinterpret_cast<uintptr_t>(&model));
        ev.incremental->begin(context.done());
        std::vector<int64_t> bytes;
        for (int64_t per : ev.perSample)
            bytes.push_back(per * int64_t(sizeof(int32_t))); // codes or floats: 4 bytes each
        ev.keepOutput = ev.incremental->keptLayers(bytes, samples);
    } else {
        ev.signatures.own.assign(layers, 0);
        ev.signatures.chain.assign(layers, 0);
    }

    UnitResult total = ev.makeUnit();
    for (size_t i = 0; i < layers; ++i) {
        total.local[i].reserveSample();
        total.propagated[i].reserveSample();
    }
    RunControl inner; // one thread per unit; cancellation and the profiler pass through
    inner.cancel = ctl.cancel;
    inner.threads = 1;
    inner.profiler = ctl.profiler;
    const int threads = threadCount(ctl);
    const int64_t batch = std::max(opts.batchSize, 1);
    const int64_t unitSamples = samplesPerWorkUnit(model);
    for (int64_t begin = 0; begin < samples; begin += batch) {
        ctl.check();
        const int64_t n = std::min(batch, samples - begin);
        std::vector<std::pair<int64_t, int64_t>> units;
        for (int64_t u = begin; u < begin + n; u += unitSamples)
            units.push_back({u, std::min(unitSamples, begin + n - u)});
        std::vector<UnitResult> results;
        for (size_t u = 0; u < units.size(); ++u)
            results.push_back(ev.makeUnit());
        forEachUnit(units.size(), threads, [&](size_t u) {
            ev.runUnit(units[u].first, units[u].second, inner, results[u]);
        });
        // Per layer in unit order (independent of the thread count); layers in parallel.
        forEachUnit(qmodel.layers.size(), threads, [&](size_t i) {
            for (const UnitResult& r : results) {
                total.local[i].merge(r.local[i]);
                total.propagated[i].merge(r.propagated[i]);
                total.accumulators[i].merge(r.accumulators[i]);
            }
        });
        ctl.report(begin + n, samples);
    }

    const ProfileScope profile(ctl.profiler, "(evaluation) report and histograms");
    EvaluationReport report;
    report.modelPath = model.path;
    report.samples = samples;
    report.labelled = data.labelled();
    // Layers finish independently (each reads only its own accumulators): one per worker.
    report.layers.resize(qmodel.layers.size());
    forEachUnit(qmodel.layers.size(), threads,
                [&](size_t i) { report.layers[i] = finishedLayer(qmodel, i, total); });
    for (const LayerReport& r : report.layers)
        report.totalOverflows += r.accumulatorOverflows;
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
            // Every output of the layer's last node: a Split has several, each with codes.
            const Node& last = qmodel.model->graph.nodes.at(size_t(L.plan.nodeIndices.back()));
            for (const std::string& output : last.outputs)
                if (const auto it = values.find(output); it != values.end() && it->second.codes)
                    add(output, L.plan.name, it->second);
        }
    }
    return dumps;
}

} // namespace ql
