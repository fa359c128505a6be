#include "core/export/ort_overrides.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/export/encodings_common.h"

namespace ql {

namespace {

QString quantType(const TensorQuantConfig& c)
{
    const QString sign = c.isSigned ? QStringLiteral("QInt") : QStringLiteral("QUInt");
    if (c.bits == 4)
        return sign + QStringLiteral("4");
    return sign + (c.bits <= 8 ? QStringLiteral("8") : QStringLiteral("16"));
}

bool storageMatches(int bits)
{
    return bits == 4 || bits == 8 || bits == 16;
}

QJsonArray entries(const enc::NamedTensor& t, bool weight)
{
    QJsonArray list;
    for (int64_t c = 0; c < t.params.channels(); ++c) {
        QJsonObject o;
        if (c == 0) {
            o[QStringLiteral("quant_type")] = quantType(t.config);
            if (weight && t.params.perChannel())
                o[QStringLiteral("axis")] = 0;
        }
        o[QStringLiteral("scale")] = double(t.params.scale[size_t(c)]);
        o[QStringLiteral("zero_point")] = t.params.zeroPoint[size_t(c)];
        list.append(o);
    }
    return list;
}

} // namespace

std::string ortOverridesJson(const QuantizedModel& qm, std::vector<std::string>* notes)
{
    QJsonObject overrides;
    std::vector<std::string> why;
    for (const enc::NamedTensor& t : enc::activationTensors(qm)) {
        overrides[QString::fromStdString(t.name)] = entries(t, false);
        if (!storageMatches(t.config.bits))
            why.push_back("activation '" + t.name + "' is " + std::to_string(t.config.bits) +
                          "-bit: ORT's types are 4, 8 and 16 bits, so its QuantizeLinear clamps to "
                          "the wider type's range (the QDQ export adds a Clip instead)");
    }
    for (const enc::NamedTensor& t : enc::weightTensors(qm)) {
        overrides[QString::fromStdString(t.name)] = entries(t, true);
        if (t.foldedBatchNorm)
            why.push_back("weight '" + t.name + "' (layer " + t.layer +
                          "): scales are for the BatchNorm-folded weight; fold BN first "
                          "(quant_pre_process) so that ORT quantizes the same values");
    }
    QJsonArray exclude;
    for (const std::string& n : enc::floatLayerNodes(qm))
        exclude.append(QString::fromStdString(n));
    for (const QuantizedLayer& L : qm.layers)
        if (L.outputQuantized && L.config.activations.rounding != RoundingMode::HalfEven) {
            why.push_back(std::string("rounding ") + roundingModeName(L.config.activations.rounding) +
                          " (e.g. layer " + L.plan.name +
                          "): ORT's quantizer and runtime round half to even");
            break;
        }
    QJsonArray noteArray;
    for (const std::string& n : why)
        noteArray.append(QString::fromStdString(n));
    QJsonObject root;
    root[QStringLiteral("format")] = QStringLiteral("onnxruntime.quantization.TensorQuantOverrides");
    root[QStringLiteral("model")] = QFileInfo(QString::fromStdString(qm.model->path)).fileName();
    root[QStringLiteral("TensorQuantOverrides")] = overrides;
    root[QStringLiteral("nodes_to_exclude")] = exclude;
    root[QStringLiteral("notes")] = noteArray;
    if (notes)
        *notes = why;
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

} // namespace ql
