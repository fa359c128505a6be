#include "core/quant/report_io.h"

#include <QtCore/QByteArray>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/atomic_write.h"
#include "core/error.h"

namespace ql {

namespace {

// ---- JSON -------------------------------------------------------------------------------------

// JSON has no inf/NaN: they become null (Qt does the same implicitly; be explicit).
QJsonValue num(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonValue str(const std::string& s)
{
    return QString::fromStdString(s);
}

QJsonArray shapeJson(const Shape& s)
{
    QJsonArray a;
    for (int64_t d : s)
        a.append(qint64(d));
    return a;
}

QJsonObject histogramJson(const Histogram& h)
{
    QJsonArray counts;
    for (int64_t c : h.counts)
        counts.append(qint64(c));
    return QJsonObject{{"lo", num(h.lo)}, {"hi", num(h.hi)}, {"counts", counts}};
}

QJsonObject statsJson(const ErrorStats& s)
{
    return QJsonObject{
        {"count", qint64(s.count)},
        {"mean_error", num(s.meanError)},
        {"mse", num(s.mse)},
        {"sqnr_db", num(s.sqnrDb)},
        {"max_abs_error", num(s.maxAbsError)},
        {"cosine", num(s.cosine)},
        {"clip_low_rate", num(s.clipLowRate)},
        {"clip_high_rate", num(s.clipHighRate)},
        {"overflows", qint64(s.overflows)},
        {"ref_min", num(s.refMin)},
        {"ref_max", num(s.refMax)},
        {"clip_min", num(s.clipMin)},
        {"clip_max", num(s.clipMax)},
        {"error_histogram", histogramJson(s.errorHist)},
        {"value_histogram", histogramJson(s.valueHist)},
    };
}

QJsonObject paramsJson(const QuantParams& p)
{
    QJsonArray scale, zeroPoint;
    for (float s : p.scale)
        scale.append(num(double(s)));
    for (int32_t z : p.zeroPoint)
        zeroPoint.append(z);
    return QJsonObject{{"scale", scale}, {"zero_point", zeroPoint}, {"axis", p.axis},
                       {"qmin", p.qmin}, {"qmax", p.qmax}};
}

const char* schemeName(QuantSpec::Scheme s)
{
    return s == QuantSpec::Scheme::Symmetric ? "symmetric" : "affine";
}

const char* divisorName(QuantSpec::SymmetricDivisor d)
{
    return d == QuantSpec::SymmetricDivisor::TFLite ? "tflite" : "pytorch";
}

QJsonObject tensorConfigJson(const TensorQuantConfig& t)
{
    return QJsonObject{
        {"bits", t.bits},
        {"signed", t.isSigned},
        {"narrow_range", t.narrowRange},
        {"scheme", schemeName(t.scheme)},
        {"symmetric_divisor", divisorName(t.symmetricDivisor)},
        {"granularity", granularityName(t.granularity)},
        {"rounding", roundingModeName(t.rounding)},
        {"observer", observerKindName(t.observer)},
        {"percentile", num(t.percentile)},
        {"averaging_constant", num(t.averagingConstant)},
    };
}

QJsonObject layerConfigJson(const ResolvedLayerConfig& c)
{
    return QJsonObject{{"weights", tensorConfigJson(c.weights)},
                       {"activations", tensorConfigJson(c.activations)},
                       {"requantization", requantModeName(c.requantization)},
                       {"accumulator", accumulatorModeName(c.accumulator)},
                       {"keep_float", c.keepFloat}};
}

QJsonObject layerJson(const LayerReport& l)
{
    QJsonArray fused;
    for (const std::string& n : l.fusedNodes)
        fused.append(str(n));
    QJsonArray inputs;
    for (const std::string& n : l.inputs)
        inputs.append(str(n));
    return QJsonObject{
        {"name", str(l.name)},
        {"op", str(l.opType)},
        {"kind", layerKindName(l.kind)},
        {"kernel", str(l.kernel)},
        {"float_reason", str(l.floatReason)},
        {"depth", l.depth},
        {"output", str(l.output)},
        {"inputs", inputs},
        {"output_shape", shapeJson(l.outputShape)},
        {"macs", qint64(l.macs)},
        {"params", qint64(l.params)},
        {"quantized", l.quantized},
        {"config", layerConfigJson(l.config)},
        {"fused_nodes", fused},
        {"weight_params", paramsJson(l.weightParams)},
        {"output_params", paramsJson(l.outputParams)},
        {"weight_error", statsJson(l.weightError)},
        {"local", statsJson(l.local)},
        {"propagated", statsJson(l.propagated)},
        {"accumulator_overflows", qint64(l.accumulatorOverflows)},
        {"int64_accumulator", l.int64Accumulator},
    };
}

QJsonObject exitJson(const ExitReport& e)
{
    return QJsonObject{{"output", str(e.output)},       {"macs", qint64(e.macs)},
                       {"samples", qint64(e.total)},    {"fp32_top1", num(e.fp32Top1)},
                       {"quant_top1", num(e.quantTop1)}, {"agreement", num(e.agreement)}};
}

QJsonObject policyJson(const ExitPolicyPoint& p)
{
    QJsonArray share;
    for (double s : p.quantExitShare)
        share.append(num(s));
    return QJsonObject{{"threshold", num(p.threshold)},
                       {"fp32_accuracy", num(p.fp32Accuracy)},
                       {"fp32_avg_macs", num(p.fp32AvgMacs)},
                       {"quant_accuracy", num(p.quantAccuracy)},
                       {"quant_avg_macs", num(p.quantAvgMacs)},
                       {"quant_exit_share", share}};
}

// ---- CSV --------------------------------------------------------------------------------------

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
        !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// Shortest round-trip text; "nan" / "inf" / "-inf" (read as such by pandas and LibreOffice).
QString csvNumber(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::fromLatin1(QByteArray::number(v, 'g', QLocale::FloatingPointShortest));
}

// float32 values (scales) as their own shortest text: 0.02f -> "0.02", not 0.0199999995.
QString csvFloat(float v)
{
    if (!std::isfinite(v))
        return csvNumber(double(v));
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QString::fromLatin1(buffer, int(result.ptr - buffer));
}

QString csvInt(int64_t v)
{
    return QString::number(qlonglong(v));
}

QString csvBool(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QString csvRow(const QStringList& cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    for (const QString& c : cells)
        quoted << csvField(c);
    return quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
}

const char* const kStatColumns[] = {"mean_error", "mse", "sqnr_db", "max_abs_error", "cosine",
                                    "clip_low_rate", "clip_high_rate"};

QStringList statCells(const ErrorStats& s)
{
    if (s.count == 0) // not measured (e.g. evaluate --no-local): empty cells, not zeros
        return QStringList(std::size(kStatColumns), QString());
    return {csvNumber(s.meanError),   csvNumber(s.mse),         csvNumber(s.sqnrDb),
            csvNumber(s.maxAbsError), csvNumber(s.cosine),      csvNumber(s.clipLowRate),
            csvNumber(s.clipHighRate)};
}

// min / max over a per-channel parameter vector ("" when empty).
QStringList scaleRange(const QuantParams& p)
{
    if (p.scale.empty())
        return {QString(), QString()};
    const auto [lo, hi] = std::minmax_element(p.scale.begin(), p.scale.end());
    return {csvFloat(*lo), csvFloat(*hi)};
}

QString zeroPointText(const QuantParams& p)
{
    if (p.zeroPoint.empty())
        return {};
    const bool uniform = std::all_of(p.zeroPoint.begin(), p.zeroPoint.end(),
                                     [&](int32_t z) { return z == p.zeroPoint.front(); });
    return uniform ? QString::number(p.zeroPoint.front()) : QStringLiteral("per_channel");
}

} // namespace

std::string reportToJson(const EvaluationReport& report, const ReportContext& context)
{
    QJsonArray layers, exits, policy;
    for (const LayerReport& l : report.layers)
        layers.append(layerJson(l));
    for (const ExitReport& e : report.exits)
        exits.append(exitJson(e));
    for (const ExitPolicyPoint& p : report.exitPolicy)
        policy.append(policyJson(p));
    const ModelSize& s = report.size;
    QJsonObject root{
        {"format", kReportFormat},
        {"format_version", kReportFormatVersion},
        {"model", str(report.modelPath)},
        {"samples", qint64(report.samples)},
        {"labelled", report.labelled},
        {"total_overflows", qint64(report.totalOverflows)},
        {"size", QJsonObject{{"fp32_bytes", qint64(s.fp32Bytes)},
                             {"quantized_bytes", qint64(s.quantizedBytes)},
                             {"compression", num(s.compression())},
                             {"fp32_bit_ops", num(s.fp32BitOps)},
                             {"quantized_bit_ops", num(s.quantizedBitOps)},
                             {"float_weight_bytes", qint64(s.floatWeightBytes)}}},
        // Share of the MACs that run in integer arithmetic; below 95 % the size and the
        // errors describe a model that still runs mostly in float (warning = true).
        {"integer_coverage", QJsonObject{{"total_macs", qint64(s.totalMacs)},
                                         {"integer_macs", qint64(s.integerMacs)},
                                         {"percent", num(s.integerCoverage())},
                                         {"warning", s.integerCoverage() <
                                                         ModelSize::kCoverageWarning}}},
        {"layers", layers},
        {"exits", exits},
        {"exit_policy", policy},
    };
    if (!context.calibrationFolder.empty())
        root["calibration_folder"] = str(context.calibrationFolder);
    if (!context.evaluationFolder.empty())
        root["evaluation_folder"] = str(context.evaluationFolder);
    if (!context.toolVersion.empty())
        root["tool_version"] = str(context.toolVersion);
    if (context.config) {
        const QByteArray text = QByteArray::fromStdString(serializeQuantConfig(*context.config));
        root["config"] = QJsonDocument::fromJson(text).object();
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::string layersToCsv(const EvaluationReport& report)
{
    QStringList header{"depth", "layer", "op", "kind", "kernel", "float_reason", "output",
                       "inputs", "output_shape", "macs", "params",
                       "quantized", "fused_nodes", "w_bits", "w_signed", "w_scheme",
                       "w_granularity", "w_rounding", "a_bits", "a_signed", "a_scheme",
                       "a_rounding", "a_observer", "requantization", "accumulator",
                       "int64_accumulator", "accumulator_overflows", "weight_scale_min",
                       "weight_scale_max", "output_scale", "output_zero_point",
                       "weight_sqnr_db", "weight_max_abs_error"};
    for (const char* prefix : {"local_", "propagated_"})
        for (const char* c : kStatColumns)
            header << QLatin1String(prefix) + QLatin1String(c);
    header << QStringLiteral("propagated_ref_min") << QStringLiteral("propagated_ref_max")
           << QStringLiteral("clip_min") << QStringLiteral("clip_max");

    QString text = csvRow(header);
    for (const LayerReport& l : report.layers) {
        const ResolvedLayerConfig& c = l.config;
        QStringList fused, inputs;
        for (const std::string& n : l.fusedNodes)
            fused << QString::fromStdString(n);
        for (const std::string& n : l.inputs)
            inputs << QString::fromStdString(n);
        QStringList shape;
        for (int64_t d : l.outputShape)
            shape << QString::number(qlonglong(d));
        const bool weights = !l.weightParams.scale.empty();
        QStringList row{csvInt(l.depth),
                        QString::fromStdString(l.name),
                        QString::fromStdString(l.opType),
                        QString::fromLatin1(layerKindName(l.kind)),
                        QString::fromStdString(l.kernel),
                        QString::fromStdString(l.floatReason),
                        QString::fromStdString(l.output),
                        inputs.join(QLatin1Char(' ')),
                        shape.join(QLatin1Char('x')),
                        csvInt(l.macs),
                        csvInt(l.params),
                        csvBool(l.quantized),
                        fused.join(QLatin1Char(' ')),
                        weights ? csvInt(c.weights.bits) : QString(),
                        weights ? csvBool(c.weights.isSigned) : QString(),
                        weights ? QString::fromLatin1(schemeName(c.weights.scheme)) : QString(),
                        weights ? QString::fromLatin1(granularityName(c.weights.granularity))
                                : QString(),
                        weights ? QString::fromLatin1(roundingModeName(c.weights.rounding))
                                : QString(),
                        csvInt(c.activations.bits),
                        csvBool(c.activations.isSigned),
                        QString::fromLatin1(schemeName(c.activations.scheme)),
                        QString::fromLatin1(roundingModeName(c.activations.rounding)),
                        QString::fromLatin1(observerKindName(c.activations.observer)),
                        QString::fromLatin1(requantModeName(c.requantization)),
                        QString::fromLatin1(accumulatorModeName(c.accumulator)),
                        csvBool(l.int64Accumulator),
                        csvInt(l.accumulatorOverflows)};
        row << scaleRange(l.weightParams);
        row << (l.outputParams.scale.empty() ? QString()
                                             : csvFloat(l.outputParams.scale.front()))
            << zeroPointText(l.outputParams);
        row << (weights ? csvNumber(l.weightError.sqnrDb) : QString())
            << (weights ? csvNumber(l.weightError.maxAbsError) : QString());
        row << statCells(l.local) << statCells(l.propagated);
        row << csvNumber(l.propagated.refMin) << csvNumber(l.propagated.refMax)
            << csvNumber(l.propagated.clipMin) << csvNumber(l.propagated.clipMax);
        text += csvRow(row);
    }
    return text.toStdString();
}

std::string exitsToCsv(const EvaluationReport& report)
{
    QString text = csvRow({"exit", "output", "macs", "samples", "fp32_top1", "quant_top1",
                           "agreement"});
    for (size_t i = 0; i < report.exits.size(); ++i) {
        const ExitReport& e = report.exits[i];
        text += csvRow({QStringLiteral("exit%1").arg(i + 1), QString::fromStdString(e.output),
                        csvInt(e.macs), csvInt(e.total), csvNumber(e.fp32Top1),
                        csvNumber(e.quantTop1), csvNumber(e.agreement)});
    }
    return text.toStdString();
}

std::string exitsCsvPath(const std::string& csvPath)
{
    const QString path = QString::fromStdString(csvPath);
    const QFileInfo info(path);
    QString stem = info.fileName();
    if (stem.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        stem.chop(4);
    const QString dir = path.left(path.size() - info.fileName().size());
    return (dir + stem + QStringLiteral("_exits.csv")).toStdString();
}

void writeTextFileAtomic(const std::string& path, const std::string& text)
{
    writeFileAtomic(path, text);
}

void saveEvaluationReport(const EvaluationReport& report, const std::string& path,
                          const ReportContext& context)
{
    const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
    if (suffix == QLatin1String("json")) {
        writeTextFileAtomic(path, reportToJson(report, context));
    } else if (suffix == QLatin1String("csv")) {
        // One save: if either file cannot be written, neither is replaced.
        writeFilesAtomic({{path, layersToCsv(report)}, {exitsCsvPath(path), exitsToCsv(report)}});
    } else {
        throw Error(path + ": unknown report format (use a .json or .csv file name)");
    }
}

} // namespace ql
