#include "core/quant/calibration.h"

#include <algorithm>
#include <thread>

#include "core/error.h"

namespace ql {

ObserverOptions calibrationObserverOptions()
{
    ObserverOptions o;
    o.kind = ObserverKind::Percentile;
    o.averagingConstant = 0.01f;
    return o;
}

std::pair<float, float> CalibrationStats::range(const std::string& tensor,
                                                const TensorQuantConfig& cfg) const
{
    const auto it = observers.find(tensor);
    if (it == observers.end())
        throw Error("calibration has no statistics for tensor '" + tensor +
                    "' (not a float tensor computed from the model input)");
    ObserverOptions o = cfg.observerOptions();
    // Dynamic replaces the range per sample at run time; the calibration min/max stands in
    // for it wherever a static range is needed (reports, clip markers).
    if (o.kind == ObserverKind::Dynamic)
        o.kind = ObserverKind::MinMax;
    return it->second.rangeFor(o);
}

CalibrationStats calibrate(const Model& model, const Dataset& calib, const RunControl& ctl,
                           int batchSize)
{
    if (model.graph.inputs.size() != 1)
        throw Error(model.path + ": calibration needs a model with exactly one input, it has " +
                    std::to_string(model.graph.inputs.size()));
    if (calib.size() == 0)
        throw Error(calib.root + ": the calibration set is empty");
    batchSize = std::max(batchSize, 1);
    const std::string inputName = model.graph.inputs.front().name;
    const Fp32Executor executor(model);
    CalibrationStats stats;
    stats.batchSize = batchSize;
    const int64_t total = calib.size();
    const int threads = std::max(1, ctl.threads > 0 ? ctl.threads
                                                    : static_cast<int>(std::thread::hardware_concurrency()));
    RunControl inner;
    inner.cancel = ctl.cancel;
    inner.threads = ctl.threads;
    ExecOptions keepAll;
    keepAll.keepAll = true;

    for (int64_t begin = 0; begin < total; begin += batchSize) {
        ctl.check();
        const int64_t n = std::min<int64_t>(batchSize, total - begin);
        TensorMap feeds;
        feeds[inputName] = calib.slice(begin, n);
        const TensorMap all = executor.run(feeds, inner, keepAll);

        // The tensors worth observing: float, not constants, in any layout — not only
        // batch-first ones: ViT's attention runs sequence-first ([197, N, 768] after a
        // Transpose) and its projections quantize those tensors (a per-tensor range does not
        // depend on where the batch axis is).
        std::vector<std::pair<Observer*, const Tensor*>> work;
        for (const auto& [name, t] : all) {
            if (t.dtype != DType::Float32 || t.rank() == 0 || model.graph.initializer(name))
                continue;
            auto it = stats.observers.find(name);
            if (it == stats.observers.end())
                it = stats.observers.emplace(name, Observer(calibrationObserverOptions())).first;
            work.push_back({&it->second, &t});
        }
        // Each observer is fed by one thread, batches in order: deterministic for any thread
        // count. Tensors are dealt round-robin to balance sizes.
        auto feed = [&](size_t first, size_t step) {
            for (size_t i = first; i < work.size(); i += step)
                work[i].first->observe(work[i].second->f.data(), work[i].second->numel());
        };
        std::vector<std::thread> pool;
        const size_t workers = std::min<size_t>(static_cast<size_t>(threads), work.size());
        for (size_t w = 1; w < workers; ++w)
            pool.emplace_back(feed, w, workers);
        feed(0, std::max<size_t>(workers, 1));
        for (std::thread& t : pool)
            t.join();
        stats.samples += n;
        ctl.report(stats.samples, total);
    }
    return stats;
}

} // namespace ql
