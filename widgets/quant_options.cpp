#include "widgets/quant_options.h"

#include <QObject>
#include <QStringList>

namespace ql {

QString schemeShort(QuantSpec::Scheme s)
{
    return s == QuantSpec::Scheme::Symmetric ? QStringLiteral("sym") : QStringLiteral("affine");
}

QString schemeKey(QuantSpec::Scheme weights, QuantSpec::Scheme activations)
{
    return schemeShort(weights) + QLatin1Char('/') + schemeShort(activations);
}

QuantSpec::Scheme schemeOf(const QString& part)
{
    return part == QLatin1String("sym") ? QuantSpec::Scheme::Symmetric : QuantSpec::Scheme::Affine;
}

// ---- LayerEdit ------------------------------------------------------------------------------

bool LayerEdit::isEmpty() const
{
    return !weightBits && !activationBits && !weightScheme && !activationScheme && !granularity &&
           !rounding && !observer && !keepFloat;
}

void LayerEdit::applyTo(LayerOverride& o, bool hasWeights) const
{
    if (hasWeights && (weightBits || weightScheme || granularity || rounding)) {
        TensorQuantOverride& w = o.weights ? *o.weights : o.weights.emplace();
        if (weightBits)
            w.bits = *weightBits;
        if (weightScheme)
            w.scheme = *weightScheme;
        if (granularity)
            w.granularity = *granularity;
        if (rounding)
            w.rounding = *rounding;
    }
    if (activationBits || activationScheme || rounding || observer) {
        TensorQuantOverride& a = o.activations ? *o.activations : o.activations.emplace();
        if (activationBits)
            a.bits = *activationBits;
        if (activationScheme)
            a.scheme = *activationScheme;
        if (rounding)
            a.rounding = *rounding;
        if (observer)
            a.observer = *observer;
    }
    if (keepFloat)
        o.keepFloat = *keepFloat;
}

QString LayerEdit::describe() const
{
    QStringList parts;
    if (weightBits)
        parts << QObject::QObject::tr("W bits %1").arg(*weightBits);
    if (activationBits)
        parts << QObject::QObject::tr("A bits %1").arg(*activationBits);
    if (weightScheme || activationScheme)
        parts << QObject::QObject::tr("scheme %1")
                     .arg(schemeKey(weightScheme.value_or(QuantSpec::Scheme::Symmetric),
                                    activationScheme.value_or(QuantSpec::Scheme::Affine)));
    if (granularity)
        parts << QString::fromLatin1(granularityName(*granularity));
    if (rounding)
        parts << QObject::QObject::tr("rounding %1")
                     .arg(QString::fromLatin1(roundingModeName(*rounding)));
    if (observer)
        parts << QObject::QObject::tr("observer %1")
                     .arg(QString::fromLatin1(observerKindName(*observer)));
    if (keepFloat)
        parts << (*keepFloat ? QObject::QObject::tr("keep float")
                             : QObject::QObject::tr("quantize"));
    return parts.join(QStringLiteral(", "));
}

// ---- choices --------------------------------------------------------------------------------

const QList<QuantChoice>& quantChoices(QuantOption option)
{
    static const QList<QuantChoice> scheme = {
        {QStringLiteral("sym/affine"), QObject::tr("W symmetric · A affine"),
         QObject::tr(
             "Symmetric weights (zero point 0), affine activations: PyTorch FBGEMM's default")},
        {QStringLiteral("sym/sym"), QObject::tr("W symmetric · A symmetric"),
         QObject::tr(
             "Both symmetric: simplest integer kernels; wastes half the codes after a ReLU")},
        {QStringLiteral("affine/affine"), QObject::tr("W affine · A affine"),
         QObject::tr("Both affine: the range fits each tensor exactly; costs zero-point terms")},
        {QStringLiteral("affine/sym"), QObject::tr("W affine · A symmetric"),
         QObject::tr("Affine weights, symmetric activations: rarely useful")},
    };
    static const QList<QuantChoice> granularity = {
        {QStringLiteral("per_channel"), QStringLiteral("per_channel"),
         QObject::tr("One scale per output channel: small channels keep their precision")},
        {QStringLiteral("per_tensor"), QStringLiteral("per_tensor"),
         QObject::tr("One scale for the whole weight tensor: the largest channel sets the step")},
    };
    static const QList<QuantChoice> rounding = {
        {QStringLiteral("half_even"), QStringLiteral("half_even"),
         QObject::tr("nearest, ties to even (torch.round, ONNX): unbiased")},
        {QStringLiteral("half_away"), QStringLiteral("half_away"),
         QObject::tr("nearest, ties away from zero (std::round, gemmlowp): almost unbiased")},
        {QStringLiteral("toward_zero"), QStringLiteral("toward_zero"),
         QObject::tr(
             "truncation: biased by about −½ LSB per requantization; errors accumulate with "
             "depth")},
        {QStringLiteral("floor"), QStringLiteral("floor"),
         QObject::tr("toward −∞: every value biased down by about ½ LSB; drifts with depth")},
        {QStringLiteral("stochastic"), QStringLiteral("stochastic"),
         QObject::tr(
             "up with probability equal to the fraction: unbiased on average, noisier (seeded)")},
    };
    static const QList<QuantChoice> observer = {
        {QStringLiteral("minmax"), QStringLiteral("minmax"),
         QObject::tr(
             "exact min/max of the calibration data: no clipping, outliers widen the step")},
        {QStringLiteral("moving_average_minmax"), QStringLiteral("moving_average_minmax"),
         QObject::tr("min/max averaged over batches (PyTorch, c = 0.01): tames outlier batches")},
        {QStringLiteral("percentile"), QStringLiteral("percentile"),
         QObject::tr("clip at the 99.99th percentile: finer step, the rare tail saturates")},
        {QStringLiteral("mse"), QStringLiteral("mse"),
         QObject::tr("the clipping range with the least expected quantization MSE")},
        {QStringLiteral("entropy"), QStringLiteral("entropy"),
         QObject::tr("TensorRT's KL-divergence search for the clipping threshold")},
        {QStringLiteral("dynamic"), QStringLiteral("dynamic"),
         QObject::tr("no calibration: (S, Z) from each batch's own min/max at run time")},
    };
    static const QList<QuantChoice> none;
    switch (option) {
    case QuantOption::Scheme:
        return scheme;
    case QuantOption::Granularity:
        return granularity;
    case QuantOption::Rounding:
        return rounding;
    case QuantOption::Observer:
        return observer;
    }
    return none;
}

} // namespace ql
