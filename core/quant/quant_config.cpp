#include "core/quant/quant_config.h"

#include "core/error.h"

namespace ql {

const char* granularityName(Granularity g)
{
    return g == Granularity::PerChannel ? "per_channel" : "per_tensor";
}

QuantSpec TensorQuantConfig::spec() const
{
    QuantSpec s;
    s.bits = bits;
    s.isSigned = isSigned;
    s.narrowRange = narrowRange && isSigned;
    s.scheme = scheme;
    s.divisor = symmetricDivisor;
    return s;
}

ObserverOptions TensorQuantConfig::observerOptions() const
{
    ObserverOptions o;
    o.kind = observer;
    o.percentile = percentile;
    o.averagingConstant = static_cast<float>(averagingConstant);
    o.spec = spec();
    return o;
}

TensorQuantConfig TensorQuantOverride::applyTo(TensorQuantConfig base) const
{
    if (bits) base.bits = *bits;
    if (isSigned) base.isSigned = *isSigned;
    if (narrowRange) base.narrowRange = *narrowRange;
    if (scheme) base.scheme = *scheme;
    if (symmetricDivisor) base.symmetricDivisor = *symmetricDivisor;
    if (granularity) base.granularity = *granularity;
    if (rounding) base.rounding = *rounding;
    if (observer) base.observer = *observer;
    if (percentile) base.percentile = *percentile;
    if (averagingConstant) base.averagingConstant = *averagingConstant;
    return base;
}

ResolvedLayerConfig resolveLayer(const QuantConfig& config, const std::string& layer)
{
    ResolvedLayerConfig r;
    r.weights = config.defaults.weights;
    r.activations = config.defaults.activations;
    r.requantization = config.defaults.requantization;
    r.accumulator = config.defaults.accumulator;
    r.keepFloat = config.defaults.keepFloat;
    const auto it = config.layers.find(layer);
    if (it == config.layers.end())
        return r;
    const LayerOverride& o = it->second;
    if (o.weights)
        r.weights = o.weights->applyTo(r.weights);
    if (o.activations)
        r.activations = o.activations->applyTo(r.activations);
    if (o.keepFloat)
        r.keepFloat = *o.keepFloat;
    if (o.requantization)
        r.requantization = *o.requantization;
    if (o.accumulator)
        r.accumulator = *o.accumulator;
    return r;
}

std::vector<std::string> presetNames()
{
    return {"w8a8", "w4a8", "w8a8-trunc", "int-only", "all-float"};
}

QuantConfig presetConfig(const std::string& name)
{
    QuantConfig c;
    // w8a8: what PyTorch's FBGEMM/oneDNN qconfig computes (without its 7-bit reduce_range):
    // int8 symmetric per-channel weights, uint8 affine per-tensor activations.
    TensorQuantConfig& w = c.defaults.weights;
    w.bits = 8;
    w.isSigned = true;
    w.narrowRange = false;
    w.scheme = QuantSpec::Scheme::Symmetric;
    w.granularity = Granularity::PerChannel;
    TensorQuantConfig& a = c.defaults.activations;
    a.bits = 8;
    a.isSigned = false;
    a.scheme = QuantSpec::Scheme::Affine;
    a.granularity = Granularity::PerTensor;
    if (name == "w8a8")
        return c;
    if (name == "w4a8") {
        w.bits = 4;
        return c;
    }
    if (name == "w8a8-trunc") {
        w.rounding = RoundingMode::TowardZero;
        a.rounding = RoundingMode::TowardZero;
        return c;
    }
    if (name == "int-only") {
        c.defaults.requantization = RequantMode::FixedPoint;
        return c;
    }
    if (name == "all-float") {
        c.defaults.keepFloat = true;
        return c;
    }
    std::string names;
    for (const auto& n : presetNames())
        names += (names.empty() ? "" : ", ") + n;
    throw Error("unknown preset '" + name + "'; expected one of " + names);
}

} // namespace ql
