// quantlens-cli explain: the integer arithmetic behind ONE output element of a Conv/Gemm
// layer, step by step with the live numbers (spec §3), then the same element under every
// rounding mode. Meant to be read next to docs/integer-pipeline: each line names the formula.
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

#include "app/cli_command.h"
#include "app/cli_quant.h"
#include "app/text_table.h"
#include "core/error.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("explain");
constexpr size_t kShownTerms = 12;

QString g(double v, int digits = 6)
{
    return QString::number(v, 'g', digits);
}

QString indexText(const std::vector<int64_t>& index)
{
    QStringList parts;
    for (int64_t i : index)
        parts << QString::number(qlonglong(i));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

std::vector<int64_t> parseIndex(const QString& text, const ArgParser& parser)
{
    std::vector<int64_t> index;
    for (const QString& part : text.split(QLatin1Char(','))) {
        bool ok = false;
        const qlonglong v = part.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            parser.fail(QStringLiteral("--index expects non-negative integers separated by "
                                       "commas, got '%1'")
                            .arg(text));
        index.push_back(v);
    }
    return index;
}

// Aligned "label  value" lines: the walk-through reads like a derivation.
class Lines
{
public:
    void section(const QString& title) { m_text += QLatin1Char('\n') + title + QLatin1Char('\n'); }
    void add(const QString& label, const QString& value)
    {
        m_text += QStringLiteral("  %1  %2\n").arg(label.leftJustified(26), value);
    }
    void raw(const QString& text) { m_text += text; }
    const QString& text() const { return m_text; }

private:
    QString m_text;
};

QString termsTable(const ExplainResult& r)
{
    TextTable t;
    t.addColumn(QStringLiteral("k"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("x_q"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("x_q-Z_x"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("x real"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("w_q"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("w_q-Z_w"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("w real"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("product"), TextTable::Align::Right);
    // Terms with a zero product (padding, ReLU zeros, zero weights) teach nothing: the first
    // non-zero ones are shown; the caller reports how many were skipped.
    size_t shown = 0;
    for (const ExplainTerm& term : r.terms) {
        if (term.product == 0)
            continue;
        if (++shown > kShownTerms)
            break;
        const int64_t xc = int64_t(term.x) - r.inputZeroPoint;
        const int64_t wc = int64_t(term.w) - r.weightZeroPoint;
        t.addRow({QString::number(qlonglong(term.k)), QString::number(term.x),
                  QString::number(qlonglong(xc)), g(double(r.inputScale) * double(xc), 4),
                  QString::number(term.w), QString::number(qlonglong(wc)),
                  g(double(r.weightScale) * double(wc), 4),
                  QString::number(qlonglong(term.product))});
    }
    return t.render(4);
}

QString alternativesTable(const ExplainResult& r)
{
    TextTable t;
    t.addColumn(QStringLiteral("Rounding"));
    t.addColumn(QStringLiteral("q_y"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("dequantized"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("error"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("error (LSB)"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Note"));
    const double lsb = double(r.outputScale);
    for (const RoundingAlternative& a : r.alternatives) {
        const double error = a.dequantized - r.fp32;
        t.addRow({QString::fromStdString(a.rounding), QString::number(a.code), g(a.dequantized),
                  QString::asprintf("%+.4g", error),
                  lsb > 0 ? QString::asprintf("%+.3f", error / lsb) : QStringLiteral("-"),
                  a.rounding == r.rounding ? QStringLiteral("<- this config") : QString()});
    }
    return t.render(2);
}

QString explainText(const ExplainResult& r, const QString& file, const QuantizedLayer* layer)
{
    Lines out;
    QString fused;
    if (layer && !layer->plan.foldedBatchNorm.empty())
        fused += QStringLiteral(", folds %1").arg(QString::fromStdString(layer->plan.foldedBatchNorm));
    if (layer && layer->plan.activation.kind != FusedActivation::Kind::None)
        fused += QStringLiteral(", fuses %1")
                     .arg(QString::fromStdString(layer->plan.activation.nodeName));
    out.raw(QStringLiteral("Layer %1 (%2%3): output element %4 of sample %5 (%6)\n")
                .arg(QString::fromStdString(r.layer), QString::fromStdString(r.opType), fused,
                     indexText(r.index))
                .arg(r.sample)
                .arg(file));

    out.section(QStringLiteral("1. Quantization parameters   r = S * (q - Z)"));
    out.add(QStringLiteral("input     S_x, Z_x"),
            QStringLiteral("%1, %2").arg(g(r.inputScale)).arg(r.inputZeroPoint));
    out.add(QStringLiteral("weights   S_w, Z_w"),
            QStringLiteral("%1, %2   (output channel %3)")
                .arg(g(r.weightScale))
                .arg(r.weightZeroPoint)
                .arg(r.index.size() > 1 ? qlonglong(r.index[1]) : 0));
    out.add(QStringLiteral("output    S_y, Z_y"),
            QStringLiteral("%1, %2").arg(g(r.outputScale)).arg(r.outputZeroPoint));

    out.section(QStringLiteral("2. Integer dot product   sum_k (x_q - Z_x) * (w_q - Z_w)"));
    const size_t zeros = size_t(std::count_if(r.terms.begin(), r.terms.end(),
                                              [](const ExplainTerm& t) { return t.product == 0; }));
    const size_t nonZero = r.terms.size() - zeros;
    out.raw(QStringLiteral("    K = %1 terms; %2 are 0 (x_q = Z_x: padding or ReLU zeros, or w_q = "
                           "Z_w)%3\n")
                .arg(r.terms.size())
                .arg(zeros)
                .arg(nonZero > kShownTerms
                         ? QStringLiteral("; the first %1 of the other %2:").arg(kShownTerms).arg(nonZero)
                         : QStringLiteral("; the other %1:").arg(nonZero)));
    if (nonZero > 0)
        out.raw(termsTable(r));
    out.add(QStringLiteral("sum of products"), QString::number(qlonglong(r.sumProducts)));
    const double biasScale = double(r.inputScale) * double(r.weightScale);
    out.add(QStringLiteral("bias B (real)"), g(r.biasReal));
    out.add(QStringLiteral("bias code b_q"),
            QStringLiteral("R(B / (S_x*S_w)) = R(%1 / %2) = %3")
                .arg(g(r.biasReal), g(biasScale))
                .arg(r.biasCode));
    out.add(QStringLiteral("accumulator acc"),
            QStringLiteral("%1 + %2 = %3   (%4)")
                .arg(qlonglong(r.sumProducts))
                .arg(r.biasCode < 0 ? QStringLiteral("(%1)").arg(r.biasCode)
                                    : QString::number(r.biasCode))
                .arg(qlonglong(r.accumulator))
                .arg(r.accumulatorOverflowsInt32 ? QStringLiteral("OVERFLOWS int32!")
                                                 : QStringLiteral("fits int32")));
    out.add(QStringLiteral("  as a real number"),
            QStringLiteral("acc * S_x*S_w = %1").arg(g(double(r.accumulator) * biasScale)));

    out.section(QStringLiteral("3. Requantization   q_y = clamp(R(acc * M) + Z_y, min, max)"));
    out.add(QStringLiteral("mode"), QStringLiteral("%1, rounding %2")
                                        .arg(QString::fromStdString(r.requantization),
                                             QString::fromStdString(r.rounding)));
    out.add(QStringLiteral("M = S_x*S_w / S_y"), g(r.multiplier, 9));
    out.add(QStringLiteral("M0, shift"),
            QStringLiteral("%1, %2   (M = M0 * 2^(shift-31) = %3)")
                .arg(r.multiplierFixed)
                .arg(r.shift)
                .arg(g(double(r.multiplierFixed) * std::ldexp(1.0, r.shift - 31), 9)));
    out.add(QStringLiteral("acc * M (before rounding)"), g(r.scaledAccumulator, 9));
    out.add(QStringLiteral("R(acc * M)"), QStringLiteral("%1   (%2)")
                                              .arg(qlonglong(r.rounded))
                                              .arg(QString::fromStdString(r.rounding)));
    out.add(QStringLiteral("+ Z_y"), QStringLiteral("%1 + %2 = %3")
                                         .arg(qlonglong(r.rounded))
                                         .arg(r.outputZeroPoint)
                                         .arg(qlonglong(r.withZeroPoint)));
    QString clampNote;
    if (r.withZeroPoint < r.activationMin)
        clampNote = QStringLiteral("   clipped from below");
    else if (r.withZeroPoint > r.activationMax)
        clampNote = QStringLiteral("   clipped from above");
    if (layer && layer->plan.activation.kind == FusedActivation::Kind::Relu)
        clampNote += QStringLiteral("   (fused ReLU: min = Z_y)");
    else if (layer && layer->plan.activation.kind == FusedActivation::Kind::Clip)
        clampNote += QStringLiteral("   (fused Clip: the codes of its bounds)");
    out.add(QStringLiteral("clamp to [min, max]"), QStringLiteral("[%1, %2] -> q_y = %3%4")
                                                       .arg(r.activationMin)
                                                       .arg(r.activationMax)
                                                       .arg(r.outputCode)
                                                       .arg(clampNote));

    out.section(QStringLiteral("4. Back to real numbers"));
    out.add(QStringLiteral("dequantized S_y*(q_y-Z_y)"),
            QStringLiteral("%1 * (%2 - %3) = %4")
                .arg(g(r.outputScale))
                .arg(r.outputCode)
                .arg(r.outputZeroPoint)
                .arg(g(r.dequantized)));
    out.add(QStringLiteral("FP32 reference"), g(r.fp32));
    const double error = r.dequantized - r.fp32;
    out.add(QStringLiteral("error"), QStringLiteral("%1 = %2 LSB (1 LSB = S_y)")
                                         .arg(QString::asprintf("%+.4g", error))
                                         .arg(r.outputScale > 0
                                                  ? QString::asprintf("%+.3f", error / r.outputScale)
                                                  : QStringLiteral("-")));

    out.section(QStringLiteral("5. The same element under each rounding mode"));
    out.raw(alternativesTable(r));
    return out.text();
}

} // namespace

int runExplain(const QStringList& args)
{
    ArgParser parser(
        kCommand,
        QStringLiteral("explain --model MODEL.onnx --calib DIR [--config C.json | --preset P]\n"
                       "       --layer L --index I,J[,..] [--sample K] [--data DIR]"),
        QStringLiteral(
            "Walk through the integer arithmetic that produces one output element of a Conv\n"
            "or Gemm layer, with the live numbers: the input, weight and output (S, Z), the\n"
            "first terms of the integer dot product, the bias code, the accumulator (and\n"
            "whether it fits int32), the requantization multiplier M = M0 * 2^(shift-31),\n"
            "rounding, zero point and clamp, the dequantized result against FP32 — and the\n"
            "same element under every rounding mode.\n\n"
            "--index is the output position without the batch: for a Conv output [C, H, W]\n"
            "give channel,y,x; for a Gemm output [O] give the output unit. The input image\n"
            "is --sample K of --data (default: the calibration folder), in loading order\n"
            "(class folder, then file name)."));
    addModelCalibOptions(parser);
    addConfigOptions(parser);
    parser.addOption(QStringLiteral("layer"), QStringLiteral("L"),
                     QStringLiteral("A Conv or Gemm layer (its node name; see 'info') (required)"));
    parser.addOption(QStringLiteral("index"), QStringLiteral("I,J[,..]"),
                     QStringLiteral("Output element, without the batch dimension (required)"));
    parser.addOption(QStringLiteral("sample"), QStringLiteral("K"),
                     QStringLiteral("Image index in --data (default: 0)"));
    parser.addOption(QStringLiteral("data"), QStringLiteral("DIR"),
                     QStringLiteral("Images to pick the sample from (default: --calib)"));
    addThreadsOption(parser);
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const DataArgs dataArgs = dataArgsFrom(parser); // --limit and --calib-limit are not options
    const std::string layerName = parser.required(QStringLiteral("layer")).toStdString();
    std::vector<int64_t> index = parseIndex(parser.required(QStringLiteral("index")), parser);
    const int sample = parser.intValue(QStringLiteral("sample"), 0, 0);

    const Model model = loadModelArg(dataArgs.modelPath);
    const QuantConfig config = configFromArgs(model, parser, kCommand);

    // The layer and the index are checked before any image is loaded.
    const LayerPlan plan = planLayers(model, config.defaults.fusion);
    const PlannedLayer* planned = plan.find(layerName);
    if (!planned || !planned->hasWeights) {
        QStringList candidates;
        for (const PlannedLayer& l : plan.layers)
            if (l.hasWeights)
                candidates << QString::fromStdString(l.name);
        parser.fail(QStringLiteral("%1 '%2'; layers with weights: %3")
                        .arg(planned ? QStringLiteral("not a Conv/Gemm layer")
                                     : QStringLiteral("unknown layer"),
                             QString::fromStdString(layerName), candidates.join(QStringLiteral(", "))));
    }
    const auto shapeIt = model.graph.shapes.find(planned->output);
    if (shapeIt != model.graph.shapes.end()) {
        const Shape& shape = shapeIt->second; // batch 1
        if (index.size() + 1 == shape.size())
            index.insert(index.begin(), 0);
        bool inside = index.size() == shape.size() && index.front() == 0;
        for (size_t d = 1; inside && d < shape.size(); ++d)
            inside = shape[d] < 0 || index[d] < shape[d];
        if (!inside) {
            Shape withoutBatch(shape.begin() + (shape.empty() ? 0 : 1), shape.end());
            parser.fail(QStringLiteral("--index %1 is not an element of %2's output %3 (give one "
                                       "index per dimension, without the batch)")
                            .arg(parser.value(QStringLiteral("index")),
                                 QString::fromStdString(layerName), formatShape(withoutBatch)));
        }
    }

    const RunControl ctl = interruptibleControl(dataArgs.threads);
    // The sample is picked by position, not scored: no class map to fail on.
    Preprocess pp = config.preprocess;
    pp.classMap.clear();
    CalibratedData loaded = loadDataArgs(model, pp, dataArgs, ctl);
    const Dataset& data = loaded.data();
    if (sample >= data.size())
        parser.fail(QStringLiteral("--sample %1 is outside the %2 images of %3")
                        .arg(sample)
                        .arg(data.size())
                        .arg(dataArgs.dataDir));

    calibrateData(model, loaded, ctl);
    const QuantizedModel qmodel = buildQuantizedModel(model, config, loaded.stats);
    ExplainResult result =
        explainElement(qmodel, data.slice(sample, 1), layerName, index, ctl);
    result.sample = sample;
    const QuantizedLayer* layer = nullptr;
    for (const QuantizedLayer& l : qmodel.layers)
        if (l.plan.name == layerName)
            layer = &l;
    const QString file = QFileInfo(QString::fromStdString(data.files[size_t(sample)])).fileName();
    const QString folder =
        QFileInfo(QFileInfo(QString::fromStdString(data.files[size_t(sample)])).path()).fileName();
    printOut(explainText(result, folder + QLatin1Char('/') + file, layer));
    return ExitOk;
}

} // namespace ql::cli
