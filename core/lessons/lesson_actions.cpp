#include "core/lessons/lesson_actions.h"

#include <algorithm>
#include <cstdlib>

#include "core/error.h"

namespace ql {

namespace {

[[noreturn]] void badValue(const LessonTryIt& a, const std::string& expected)
{
    throw Error("lesson action '" + a.action + "': '" + a.value + "' is not " + expected);
}

template <typename Edit>
void everyTensor(QuantConfig& c, bool weights, bool activations, const Edit& edit)
{
    // Defaults take the value; overrides forget the field so that they inherit it.
    if (weights)
        edit(c.defaults.weights, nullptr);
    if (activations)
        edit(c.defaults.activations, nullptr);
    for (auto& [name, o] : c.layers) {
        if (weights && o.weights)
            edit(c.defaults.weights, &*o.weights);
        if (activations && o.activations)
            edit(c.defaults.activations, &*o.activations);
    }
}

} // namespace

QuantConfig applyLessonAction(const QuantConfig& config, const LessonTryIt& a,
                              const LayerPlan& plan)
{
    QuantConfig c = config;
    if (a.action == "rounding") {
        RoundingMode mode;
        if (!parseRoundingMode(a.value, &mode))
            badValue(a, "a rounding mode (" + roundingModeNames() + ")");
        everyTensor(c, true, true, [mode](TensorQuantConfig& d, TensorQuantOverride* o) {
            if (o) o->rounding.reset(); else d.rounding = mode;
        });
    } else if (a.action == "requantization") {
        if (a.value != "float" && a.value != "fixed_point")
            badValue(a, "float or fixed_point");
        c.defaults.requantization = a.value == "float" ? RequantMode::Float : RequantMode::FixedPoint;
        for (auto& [name, o] : c.layers)
            o.requantization.reset();
    } else if (a.action == "weight_granularity") {
        if (a.value != "per_tensor" && a.value != "per_channel")
            badValue(a, "per_tensor or per_channel");
        const Granularity g = a.value == "per_tensor" ? Granularity::PerTensor : Granularity::PerChannel;
        everyTensor(c, true, false, [g](TensorQuantConfig& d, TensorQuantOverride* o) {
            if (o) o->granularity.reset(); else d.granularity = g;
        });
    } else if (a.action == "activation_observer") {
        ObserverKind kind;
        if (!parseObserverKind(a.value, &kind))
            badValue(a, "an observer (" + observerKindNames() + ")");
        everyTensor(c, false, true, [kind](TensorQuantConfig& d, TensorQuantOverride* o) {
            if (o) o->observer.reset(); else d.observer = kind;
        });
    } else if (a.action == "largest_layer_weight_bits") {
        char* end = nullptr;
        const long bits = std::strtol(a.value.c_str(), &end, 10);
        if (a.value.empty() || *end != '\0' || bits < 2 || bits > 16)
            badValue(a, "a bit width 2..16");
        const PlannedLayer* largest = nullptr;
        for (const PlannedLayer& p : plan.layers)
            if (p.hasWeights && (!largest || p.params > largest->params))
                largest = &p;
        if (!largest)
            throw Error("lesson action '" + a.action + "': the model has no layer with weights");
        LayerOverride& o = c.layers[largest->name];
        if (!o.weights)
            o.weights = TensorQuantOverride{};
        o.weights->bits = int(bits);
    } else {
        throw Error("unknown lesson action '" + a.action + "'");
    }
    return c;
}

bool lessonActionComparesCodes(const LessonTryIt& action)
{
    return action.action == "requantization";
}

CodeComparison compareQuantizedCodes(const QuantizedModel& a, const QuantizedModel& b,
                                     const Tensor& images, int64_t samples,
                                     const RunControl& ctl)
{
    const int64_t n = std::min<int64_t>(samples, images.shape.empty() ? 0 : images.dim(0));
    Tensor batch = images;
    if (n < images.dim(0)) {
        const int64_t per = images.numel() / images.dim(0);
        batch.shape[0] = n;
        batch.f.assign(images.f.begin(), images.f.begin() + n * per);
    }
    const std::vector<TensorDump> da = dumpQuantizedTensors(a, batch, ctl);
    const std::vector<TensorDump> db = dumpQuantizedTensors(b, batch, ctl);
    CodeComparison out;
    for (const TensorDump& x : da) {
        const auto y = std::find_if(db.begin(), db.end(), [&](const TensorDump& t) {
            return t.tensor == x.tensor && t.sample == x.sample;
        });
        if (y == db.end() || y->codes.q.size() != x.codes.q.size())
            continue;
        for (size_t i = 0; i < x.codes.q.size(); ++i) {
            const int64_t d = std::abs(int64_t(x.codes.q[i]) - int64_t(y->codes.q[i]));
            out.total += 1;
            out.identical += d == 0;
            out.maxDiff = std::max(out.maxDiff, d);
        }
    }
    return out;
}

} // namespace ql
