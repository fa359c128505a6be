#include "core/export/predictions.h"

#include <algorithm>

#include "core/error.h"
#include "core/quant/int_runtime.h"

namespace ql {

ExitPredictions quantizedPredictions(const QuantizedModel& qmodel, const Dataset& data,
                                     const RunControl& ctl)
{
    const Model& model = *qmodel.model;
    if (model.graph.inputs.size() != 1)
        throw Error("quantized predictions need a model with one input");
    const IntRuntime rt(qmodel);
    ExitPredictions result;
    for (const ExitInfo& e : model.exits)
        result.outputs.push_back(e.output);
    result.top1.assign(model.exits.size(), std::vector<int>(size_t(data.size()), -1));
    const int64_t step = rt.perSample() ? 1 : 25;
    for (int64_t s = 0; s < data.size(); s += step) {
        ctl.check();
        const int64_t n = std::min(step, data.size() - s);
        TensorMap feeds;
        feeds[model.graph.inputs[0].name] = data.slice(s, n);
        RunControl inner; // progress is reported per batch here, not per layer
        inner.cancel = ctl.cancel;
        inner.threads = ctl.threads;
        const RtValues values = rt.runChain(feeds, s, inner);
        for (size_t e = 0; e < model.exits.size(); ++e) {
            const Tensor logits = IntRuntime::dequantize(values.at(model.exits[e].output));
            const int64_t k = logits.numel() / n;
            for (int64_t r = 0; r < n; ++r)
                result.top1[e][size_t(s + r)] = argmaxRow(logits.f.data() + r * k, k);
        }
        ctl.report(s + n, data.size());
    }
    return result;
}

double agreementPercent(const std::vector<int>& a, const std::vector<int>& b)
{
    if (a.size() != b.size() || a.empty())
        throw Error("agreement: " + std::to_string(a.size()) + " vs " + std::to_string(b.size()) +
                    " predictions");
    size_t same = 0;
    for (size_t i = 0; i < a.size(); ++i)
        same += a[i] == b[i];
    return 100.0 * double(same) / double(a.size());
}

double top1Percent(const std::vector<int>& predictions, const Dataset& data)
{
    if (predictions.size() != data.labels.size() || predictions.empty())
        throw Error("top-1: " + std::to_string(predictions.size()) + " predictions for " +
                    std::to_string(data.labels.size()) + " labels");
    size_t correct = 0;
    for (size_t i = 0; i < predictions.size(); ++i)
        correct += predictions[i] == data.labels[i];
    return 100.0 * double(correct) / double(predictions.size());
}

} // namespace ql
