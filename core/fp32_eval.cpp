#include "core/fp32_eval.h"

#include <algorithm>

namespace ql {

int argmaxRow(const float* row, int64_t n)
{
    // First index of the maximum (ties go to the lower class, as torch.argmax does).
    return n > 0 ? static_cast<int>(std::max_element(row, row + n) - row) : -1;
}

namespace {

// Activations of one batch must stay bounded whatever the input size: 250 ImageNet images
// through ResNet-18 would hold 0.8 GB in its first conv output alone. The per-sample cost is
// estimated from the batch-1 shapes as the largest tensor times three (an op's input, its
// output and one more live tensor such as a residual); the batch shrinks until that fits.
constexpr int64_t kActivationBudgetBytes = int64_t{256} << 20;

int64_t memoryBoundedBatch(const Model& model, int64_t requested)
{
    int64_t largest = 0;
    for (const auto& [name, shape] : model.graph.shapes)
        if (!model.graph.initializer(name))
            largest = std::max(largest, numelOf(shape));
    const int64_t perSample = std::max<int64_t>(largest * int64_t{sizeof(float)} * 3, 1);
    return std::clamp<int64_t>(kActivationBudgetBytes / perSample, 1, std::max<int64_t>(requested, 1));
}

} // namespace

Fp32EvalResult evaluateFp32(const Model& model, const Dataset& data, const RunControl& ctl,
                            int batchSize)
{
    if (model.graph.inputs.size() != 1)
        throw Error(model.path + ": FP32 evaluation needs a model with exactly one input, it has " +
                    std::to_string(model.graph.inputs.size()));
    const std::string inputName = model.graph.inputs[0].name;
    std::vector<ExitInfo> exits = model.exits;
    if (exits.empty())
        for (const ValueInfo& out : model.graph.outputs)
            exits.push_back({out.name, 0, 0});

    Fp32EvalResult result;
    result.samples = data.size();
    for (const ExitInfo& exit : exits)
        result.exits.push_back({exit.output, exit.macs, 0, 0});
    result.predictions.assign(exits.size(), std::vector<int>(data.size(), -1));

    const Fp32Executor executor(model);
    const int64_t total = data.size();
    const int64_t step = memoryBoundedBatch(model, batchSize);
    for (int64_t begin = 0; begin < total; begin += step) {
        ctl.check();
        const int64_t count = std::min(step, total - begin);
        // Progress in samples: this batch's share advances with the executor's node count.
        RunControl batchCtl;
        batchCtl.cancel = ctl.cancel;
        batchCtl.threads = ctl.threads;
        if (ctl.progress)
            batchCtl.progress = [&ctl, begin, count, total](long long done, long long all) {
                ctl.report(begin + (all ? count * done / all : 0), total);
            };
        const TensorMap outputs = executor.run({{inputName, data.slice(begin, count)}}, batchCtl);

        for (size_t e = 0; e < exits.size(); ++e) {
            const Tensor& logits = outputs.at(exits[e].output);
            if (logits.dtype != DType::Float32 || logits.rank() < 1 || logits.dim(0) != count)
                throw Error(model.path + ": output '" + exits[e].output +
                            "' is not a float [batch, classes] tensor (" +
                            shapeToString(logits.shape) + ")");
            const int64_t classes = count ? logits.numel() / count : 0;
            for (int64_t row = 0; row < count; ++row) {
                const int64_t sample = begin + row;
                const int predicted = argmaxRow(logits.f.data() + row * classes, classes);
                result.predictions[e][sample] = predicted;
                const int label =
                    sample < static_cast<int64_t>(data.labels.size()) ? data.labels[sample] : -1;
                if (label >= 0) { // accuracy counts labelled samples only
                    ++result.exits[e].total;
                    result.exits[e].correct += predicted == label;
                }
            }
        }
        ctl.report(begin + count, total);
    }
    return result;
}

} // namespace ql
