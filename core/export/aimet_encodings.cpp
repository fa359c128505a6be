#include "core/export/aimet_encodings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/export/encodings_common.h"

namespace ql {

namespace {

QJsonArray encodings(const enc::NamedTensor& t)
{
    QJsonArray list;
    const bool symmetric = t.config.scheme == QuantSpec::Scheme::Symmetric;
    for (int64_t c = 0; c < t.params.channels(); ++c) {
        const float scale = t.params.scale[size_t(c)];
        const int32_t offset = t.params.qmin - t.params.zeroPoint[size_t(c)];
        QJsonObject o;
        o[QStringLiteral("bitwidth")] = t.config.bits;
        o[QStringLiteral("dtype")] = QStringLiteral("int");
        o[QStringLiteral("is_symmetric")] = symmetric ? QStringLiteral("True") : QStringLiteral("False");
        o[QStringLiteral("scale")] = double(scale);
        o[QStringLiteral("offset")] = offset;
        // float32 like the scales, as AIMET computes min/max from them.
        o[QStringLiteral("min")] = double(scale * float(offset));
        o[QStringLiteral("max")] = double(scale * float(t.params.qmax - t.params.zeroPoint[size_t(c)]));
        list.append(o);
    }
    return list;
}

} // namespace

std::string aimetEncodingsJson(const QuantizedModel& qm)
{
    QJsonObject activations, params;
    for (const enc::NamedTensor& t : enc::activationTensors(qm))
        activations[QString::fromStdString(t.name)] = encodings(t);
    for (const enc::NamedTensor& t : enc::weightTensors(qm))
        params[QString::fromStdString(t.name)] = encodings(t);
    QJsonArray excluded;
    for (const std::string& n : enc::floatLayerNodes(qm))
        excluded.append(QString::fromStdString(n));
    const QuantDefaults& d = qm.config.defaults;
    QJsonObject args;
    args[QStringLiteral("activation_bitwidth")] = d.activations.bits;
    args[QStringLiteral("param_bitwidth")] = d.weights.bits;
    args[QStringLiteral("dtype")] = QStringLiteral("int");
    args[QStringLiteral("is_symmetric")] = d.weights.scheme == QuantSpec::Scheme::Symmetric;
    args[QStringLiteral("per_channel_quantization")] =
        d.weights.granularity == Granularity::PerChannel;
    args[QStringLiteral("quant_scheme")] = QStringLiteral("post_training_tf");
    QJsonObject root;
    root[QStringLiteral("version")] = QStringLiteral("0.6.1");
    root[QStringLiteral("activation_encodings")] = activations;
    root[QStringLiteral("param_encodings")] = params;
    root[QStringLiteral("excluded_layers")] = excluded;
    root[QStringLiteral("quantizer_args")] = args;
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace ql
