// ExitScorer (exit_scorer.h): FP32 exit logits once, then only the propagated integer chain
// per config. Work units of samplesPerWorkUnit() contiguous samples — the same units as
// evaluateQuantized(), so the FP32 kernels see the same rows and the sums do not depend on the
// thread count; per-unit partial sums are merged in unit order.

#include "core/quant/exit_scorer.h"

#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/error.h"
#include "core/parallel.h"
#include "core/quant/int_runtime.h"
#include "core/quant/work_units.h"

namespace ql {

namespace {

// Per exit, over the samples of one unit.
struct ExitSums
{
    int64_t correct = 0; // top-1 == label (unlabelled: == FP32 top-1)
    int64_t agree = 0;
    double sumR2 = 0.0;
    double sumE2 = 0.0;
};

double sqnrDb(double sumR2, double sumE2)
{
    if (sumE2 <= 0.0)
        return 200.0;
    if (sumR2 <= 0.0)
        return -200.0;
    return std::min(200.0, 10.0 * std::log10(sumR2 / sumE2));
}

} // namespace

Dataset evenSubset(const Dataset& data, int64_t n)
{
    const int64_t size = data.size();
    if (n <= 0 || n >= size)
        return data;
    Dataset out;
    out.root = data.root;
    out.classes = data.classes;
    out.skipped = data.skipped;
    out.images = data.images;
    const int64_t per = size ? data.images.numel() / size : 0;
    out.images.shape[0] = n;
    out.images.f.resize(static_cast<size_t>(n * per));
    for (int64_t i = 0; i < n; ++i) {
        const int64_t src = i * size / n;
        std::copy_n(data.images.f.begin() + src * per, per, out.images.f.begin() + i * per);
        out.files.push_back(data.files[static_cast<size_t>(src)]);
        out.labels.push_back(data.labels[static_cast<size_t>(src)]);
    }
    return out;
}

double ExitScore::dropAt(int exit) const
{
    if (drop.empty())
        return 0.0;
    if (exit >= 0 && exit < static_cast<int>(drop.size()))
        return drop[static_cast<size_t>(exit)];
    return *std::max_element(drop.begin(), drop.end());
}

struct ExitScorer::Private
{
    const Model& model;
    const Dataset& data;
    std::string input;
    std::vector<std::string> exits;
    std::vector<int64_t> classes;       // per exit
    std::vector<std::vector<float>> fp32; // [exit][sample·classes]
    std::vector<std::vector<int>> fp32Top; // [exit][sample]
    std::vector<double> fp32Top1;
    std::vector<std::pair<int64_t, int64_t>> units; // (first sample, count)

    Private(const Model& m, const Dataset& d) : model(m), data(d) {}
};

ExitScorer::ExitScorer(const Model& model, const Dataset& data, const RunControl& ctl)
    : d(std::make_unique<Private>(model, data))
{
    if (model.graph.inputs.size() != 1)
        throw Error(model.path + ": the integer engine needs a model with exactly one input, it has " +
                    std::to_string(model.graph.inputs.size()));
    if (data.size() == 0)
        throw Error(data.root + ": the evaluation set is empty");
    d->input = model.graph.inputs.front().name;
    const int64_t samples = data.size();
    const int64_t unitSamples = samplesPerWorkUnit(model);
    for (int64_t u = 0; u < samples; u += unitSamples)
        d->units.push_back({u, std::min(unitSamples, samples - u)});
    for (const ExitInfo& e : model.exits) {
        d->exits.push_back(e.output);
        d->classes.push_back(e.classes);
        d->fp32.emplace_back(static_cast<size_t>(samples * e.classes));
        d->fp32Top.emplace_back(static_cast<size_t>(samples));
    }

    const Fp32Executor executor(model);
    RunControl inner;
    inner.cancel = ctl.cancel;
    inner.threads = 1;
    std::atomic<int64_t> done{0};
    forEachUnit(d->units.size(), threadCount(ctl), [&](size_t u) {
        const auto [first, count] = d->units[u];
        TensorMap feeds;
        feeds[d->input] = data.slice(first, count);
        const TensorMap out = executor.run(feeds, inner);
        for (size_t e = 0; e < d->exits.size(); ++e) {
            const Tensor& logits = out.at(d->exits[e]);
            const int64_t k = d->classes[e];
            if (logits.numel() != count * k)
                throw Error(model.path + ": exit " + d->exits[e] + " has " +
                            std::to_string(logits.numel()) + " values for " +
                            std::to_string(count) + " samples");
            std::copy(logits.f.begin(), logits.f.end(), d->fp32[e].begin() + first * k);
            for (int64_t r = 0; r < count; ++r)
                d->fp32Top[e][static_cast<size_t>(first + r)] =
                    argmaxRow(logits.f.data() + r * k, k);
        }
        ctl.report(done += count, samples);
    });
    for (size_t e = 0; e < d->exits.size(); ++e) {
        int64_t correct = 0;
        for (int64_t s = 0; s < samples; ++s)
            correct += data.labelled() ? d->fp32Top[e][static_cast<size_t>(s)] ==
                                             data.labels[static_cast<size_t>(s)]
                                       : 1;
        d->fp32Top1.push_back(100.0 * double(correct) / double(samples));
    }
}

ExitScorer::~ExitScorer() = default;

const Model& ExitScorer::model() const { return d->model; }
int64_t ExitScorer::samples() const { return d->data.size(); }
bool ExitScorer::labelled() const { return d->data.labelled(); }
int ExitScorer::exitCount() const { return static_cast<int>(d->exits.size()); }
const std::vector<double>& ExitScorer::fp32Top1() const { return d->fp32Top1; }

ExitScore ExitScorer::score(const QuantConfig& config, const CalibrationStats& calib,
                            const RunControl& ctl) const
{
    ctl.check();
    const QuantizedModel qmodel = buildQuantizedModel(d->model, config, calib);
    return score(qmodel, ctl);
}

ExitScore ExitScorer::score(const QuantizedModel& qmodel, const RunControl& ctl) const
{
    if (qmodel.model != &d->model)
        throw Error("ExitScorer: the quantized model was built for another model");
    const IntRuntime rt(qmodel);
    const size_t exits = d->exits.size();
    const bool labelled = d->data.labelled();
    std::vector<std::vector<ExitSums>> partial(d->units.size(), std::vector<ExitSums>(exits));
    RunControl inner;
    inner.cancel = ctl.cancel;
    inner.threads = 1;

    forEachUnit(d->units.size(), threadCount(ctl), [&](size_t u) {
        const auto [first, count] = d->units[u];
        const int64_t step = rt.perSample() ? 1 : count;
        for (int64_t s = first; s < first + count; s += step) {
            const int64_t n = std::min(step, first + count - s);
            TensorMap feeds;
            feeds[d->input] = d->data.slice(s, n);
            const RtValues values = rt.runChain(feeds, s, inner);
            for (size_t e = 0; e < exits; ++e) {
                const Tensor q = IntRuntime::dequantize(values.at(d->exits[e]));
                const int64_t k = d->classes[e];
                if (q.numel() != n * k)
                    throw Error("integer engine: exit " + d->exits[e] + " has " +
                                std::to_string(q.numel()) + " values, expected " +
                                std::to_string(n * k));
                ExitSums& sums = partial[u][e];
                const float* ref = d->fp32[e].data() + s * k;
                for (int64_t i = 0; i < n * k; ++i) {
                    const double r = ref[i];
                    const double err = double(q.f[static_cast<size_t>(i)]) - r;
                    sums.sumR2 += r * r;
                    sums.sumE2 += err * err;
                }
                for (int64_t r = 0; r < n; ++r) {
                    const size_t sample = static_cast<size_t>(s + r);
                    const int top = argmaxRow(q.f.data() + r * k, k);
                    const int fpTop = d->fp32Top[e][sample];
                    sums.agree += top == fpTop;
                    sums.correct += labelled ? top == d->data.labels[sample] : top == fpTop;
                }
            }
        }
    });

    ExitScore score;
    const double samples = double(d->data.size());
    for (size_t e = 0; e < exits; ++e) {
        ExitSums total;
        for (const auto& unit : partial) { // unit order: independent of the thread count
            total.correct += unit[e].correct;
            total.agree += unit[e].agree;
            total.sumR2 += unit[e].sumR2;
            total.sumE2 += unit[e].sumE2;
        }
        score.top1.push_back(100.0 * double(total.correct) / samples);
        score.drop.push_back(d->fp32Top1[e] - score.top1.back());
        score.agreement.push_back(100.0 * double(total.agree) / samples);
        score.sqnrDb.push_back(sqnrDb(total.sumR2, total.sumE2));
    }
    score.size = modelSize(qmodel);
    return score;
}

} // namespace ql
