// quantlens-cli evaluate: calibrate, build the integer model, evaluate it against FP32 and
// print what quantization costs — per layer (local and propagated error), per exit (accuracy,
// agreement) and in size; optionally export the report and dump the integer tensors.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

#include "app/cli_command.h"
#include "app/cli_dump.h"
#include "app/cli_progress.h"
#include "app/cli_quant.h"
#include "app/text_table.h"
#include "core/class_map.h"
#include "core/error.h"
#include "core/quant/report_io.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("evaluate");

QString dash()
{
    return QStringLiteral("-");
}

// "int8 sym ch", "uint8 aff": bits, signedness, scheme and (weights) granularity.
QString tensorText(const TensorQuantConfig& t, bool weights)
{
    QString s = QStringLiteral("%1%2 %3")
                    .arg(t.isSigned ? QStringLiteral("int") : QStringLiteral("uint"))
                    .arg(t.bits)
                    .arg(t.scheme == QuantSpec::Scheme::Symmetric ? QStringLiteral("sym")
                                                                  : QStringLiteral("aff"));
    if (weights)
        s += t.granularity == Granularity::PerChannel ? QStringLiteral(" ch") : QStringLiteral(" t");
    return s;
}

QString roundingText(const LayerReport& l, bool hasWeights)
{
    const QString a = QString::fromLatin1(roundingModeName(l.config.activations.rounding));
    if (!hasWeights || l.config.weights.rounding == l.config.activations.rounding)
        return a;
    return QStringLiteral("w:%1 a:%2")
        .arg(QString::fromLatin1(roundingModeName(l.config.weights.rounding)), a);
}

QString dbText(double db, int64_t count)
{
    if (count == 0)
        return dash();
    return db >= 200.0 ? QStringLiteral("exact") : QString::number(db, 'f', 1);
}

QString signedSci(double v, int64_t count)
{
    if (count == 0)
        return dash();
    return QString::asprintf("%+.2e", v);
}

// "conv" for an integer layer (the op table's kernel), "float" for one behind a dequantize.
QString kindText(const LayerReport& l)
{
    return l.kind == LayerKind::Integer ? QString::fromStdString(l.kernel) : QStringLiteral("float");
}

QString layerTable(const EvaluationReport& report)
{
    TextTable t;
    t.addColumn(QStringLiteral("#"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Layer"));
    t.addColumn(QStringLiteral("Op"));
    t.addColumn(QStringLiteral("Kind"));
    t.addColumn(QStringLiteral("Weights"));
    t.addColumn(QStringLiteral("Act."));
    t.addColumn(QStringLiteral("Rounding"));
    t.addColumn(QStringLiteral("SQNR local"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("SQNR prop."), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Mean err prop."), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Clip"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Overflows"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Why float"));
    for (const LayerReport& l : report.layers) {
        const bool hasWeights = !l.weightParams.scale.empty();
        const bool isFloat = !l.quantized;
        const ErrorStats& p = l.propagated;
        const double clip = 100.0 * (p.clipLowRate + p.clipHighRate);
        t.addRow({QString::number(l.depth), QString::fromStdString(l.name),
                  QString::fromStdString(l.opType), kindText(l),
                  isFloat ? QStringLiteral("float")
                          : (hasWeights ? tensorText(l.config.weights, true) : dash()),
                  isFloat ? QStringLiteral("float") : tensorText(l.config.activations, false),
                  isFloat ? dash() : roundingText(l, hasWeights),
                  dbText(l.local.sqnrDb, l.local.count), dbText(p.sqnrDb, p.count),
                  signedSci(p.meanError, p.count),
                  p.count ? formatPercent(clip, 2) : dash(),
                  hasWeights ? formatCount(l.accumulatorOverflows) : dash(),
                  l.kind == LayerKind::Float ? QString::fromStdString(l.floatReason) : QString()});
    }
    return t.render();
}

QString exitTable(const EvaluationReport& report, int64_t totalMacs)
{
    TextTable t;
    t.addColumn(QStringLiteral("Exit"));
    t.addColumn(QStringLiteral("Output"));
    t.addColumn(QStringLiteral("MACs to reach"), TextTable::Align::Right);
    if (report.labelled) {
        t.addColumn(QStringLiteral("FP32 top-1"), TextTable::Align::Right);
        t.addColumn(QStringLiteral("Quant. top-1"), TextTable::Align::Right);
        t.addColumn(QStringLiteral("Change"), TextTable::Align::Right);
    }
    t.addColumn(QStringLiteral("Agrees with FP32"), TextTable::Align::Right);
    for (size_t i = 0; i < report.exits.size(); ++i) {
        const ExitReport& e = report.exits[i];
        QStringList row{QStringLiteral("exit%1").arg(i + 1), QString::fromStdString(e.output),
                        QStringLiteral("%1 (%2)").arg(
                            formatHuman(double(e.macs)),
                            formatPercent(100.0 * double(e.macs) /
                                              double(std::max<int64_t>(totalMacs, 1)),
                                          1))};
        if (report.labelled)
            row << formatPercent(e.fp32Top1) << formatPercent(e.quantTop1)
                << QString::asprintf("%+.2f pt", e.quantTop1 - e.fp32Top1);
        row << formatPercent(e.agreement);
        t.addRow(row);
    }
    return t.render();
}

QString bytesText(int64_t bytes)
{
    if (bytes < 10000)
        return QStringLiteral("%1 B").arg(formatCount(bytes));
    return formatHuman(double(bytes)) + QStringLiteral("B");
}

QString summaryText(const EvaluationReport& report)
{
    const ModelSize& s = report.size;
    int floatLayers = 0;
    for (const LayerReport& l : report.layers)
        floatLayers += l.kind == LayerKind::Float ? 1 : 0;
    QString text = QStringLiteral("\nInteger coverage: %1 % of MACs (%2 of %3 MACs per sample; "
                                  "%4 of %5 layers float, see 'Why float')\n")
                       .arg(s.integerCoverage(), 0, 'f', 1)
                       .arg(formatHuman(double(s.integerMacs)), formatHuman(double(s.totalMacs)))
                       .arg(floatLayers)
                       .arg(report.layers.size());
    const std::string warning = coverageWarning(s);
    if (!warning.empty())
        text += QStringLiteral("WARNING: %1\n").arg(QString::fromStdString(warning));
    text += QStringLiteral("Model size  FP32 %1 -> quantized %2 (%3x smaller%4)\n")
                .arg(bytesText(s.fp32Bytes), bytesText(s.quantizedBytes))
                .arg(s.compression(), 0, 'f', 2)
                .arg(warning.empty() ? QString()
                                     : QStringLiteral(", NOT a quantization result: low coverage"));
    if (s.quantizedBitOps > 0)
        text += QStringLiteral("Bit-ops     FP32 %1 -> quantized %2 per sample (%3x fewer)\n")
                    .arg(formatHuman(s.fp32BitOps), formatHuman(s.quantizedBitOps))
                    .arg(s.fp32BitOps / s.quantizedBitOps, 0, 'f', 2);
    text += QStringLiteral("Overflows   %1 int32 accumulator(s) left the int32 range\n")
                .arg(formatCount(report.totalOverflows));
    return text;
}

QString configText(const QuantConfig& c, const ArgParser& parser)
{
    const QString source = parser.isSet(QStringLiteral("config"))
                               ? parser.value(QStringLiteral("config"))
                               : QStringLiteral("preset %1").arg(
                                     parser.isSet(QStringLiteral("preset"))
                                         ? parser.value(QStringLiteral("preset"))
                                         : QStringLiteral("w8a8"));
    const QuantDefaults& d = c.defaults;
    return QStringLiteral("Config  %1: weights %2, activations %3, %4 requantization, %5, "
                          "fusion %6\n")
        .arg(source, tensorText(d.weights, true), tensorText(d.activations, false),
             QString::fromLatin1(requantModeName(d.requantization)),
             QString::fromLatin1(roundingModeName(d.activations.rounding)),
             d.fusion ? QStringLiteral("on") : QStringLiteral("off"));
}

} // namespace

int runEvaluate(const QStringList& args)
{
    ArgParser parser(
        kCommand,
        QStringLiteral("evaluate --model MODEL.onnx --calib DIR [--data DIR] [--config C.json |\n"
                       "       --preset P] [--report OUT.json|OUT.csv] [--dump DIR] [--limit N]\n"
                       "       [--calib-limit N] [--threads N] [--no-local]"),
        QStringLiteral(
            "Calibrate the activation ranges on --calib, quantize the model with the config,\n"
            "run it with integer arithmetic on --data (default: the calibration folder) and\n"
            "compare with FP32: per layer the local error (the layer alone, fed the FP32\n"
            "input) and the propagated error (the whole integer chain), clipping and int32\n"
            "accumulator overflows; per exit the top-1 accuracy and the agreement with FP32;\n"
            "and the model size.\n\n"
            "--report OUT.json writes every metric, nested, histograms included.\n"
            "--report OUT.csv writes one row per layer to OUT.csv and one row per exit to\n"
            "OUT_exits.csv: plain comma-separated files with a header row, '.' decimals and\n"
            "'nan'/'inf' for non-finite values — pandas.read_csv('OUT.csv') reads them as is,\n"
            "and so does LibreOffice (separator: comma).\n"
            "--dump DIR writes, for each quantized tensor, <tensor>.codes.npy (the narrowest\n"
            "integer dtype that holds the quantizer's range), <tensor>.dequant.npy and\n"
            "<tensor>.fp32.npy for the first --dump-limit images, the same for every weight\n"
            "(<layer>.weight.*), and params.json with S and Z per tensor (numpy.load()).\n"
            "Nothing is written unless the whole evaluation succeeds; Ctrl+C cancels."));
    addModelDataOptions(parser);
    parser.addOption(QStringLiteral("report"), QStringLiteral("FILE"),
                     QStringLiteral("Write the full report: FILE.json or FILE.csv (see above)"));
    parser.addOption(QStringLiteral("dump"), QStringLiteral("DIR"),
                     QStringLiteral("Write integer codes, dequantized and FP32 tensors as .npy"));
    parser.addOption(QStringLiteral("dump-limit"), QStringLiteral("N"),
                     QStringLiteral("Images in the dump (default: 16)"));
    addLimitOptions(parser);
    parser.addFlag(QStringLiteral("no-local"),
                   QStringLiteral("Skip the local (per-layer) error pass: faster"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const DataArgs dataArgs = dataArgsFrom(parser);
    const QString& modelPath = dataArgs.modelPath;
    const int dumpLimit = parser.intValue(QStringLiteral("dump-limit"), 16, 1);
    const QString reportPath = parser.value(QStringLiteral("report"));
    if (parser.isSet(QStringLiteral("report"))) {
        const QString suffix = QFileInfo(reportPath).suffix().toLower();
        if (suffix != QLatin1String("json") && suffix != QLatin1String("csv"))
            parser.fail(QStringLiteral("--report expects a .json or .csv file name, got '%1'")
                            .arg(reportPath));
    }
    const QString dumpDir = parser.value(QStringLiteral("dump"));
    if (parser.isSet(QStringLiteral("dump")))
        checkDumpTarget(dumpDir);

    // Everything that can be rejected without work is checked first: model, config.
    const Model model = loadModelArg(modelPath);
    const QuantConfig config = configFromArgs(model, parser, kCommand);

    RunControl ctl = interruptibleControl(dataArgs.threads);
    const CalibratedData loaded = loadAndCalibrate(model, config.preprocess, dataArgs, ctl);
    const Dataset& data = loaded.data();
    const CalibrationStats& stats = loaded.stats;
    const Dataset& calib = loaded.calib;
    const QString& calibDir = dataArgs.calibDir;
    const QString& dataDir = dataArgs.dataDir;
    const double calibSeconds = loaded.calibSeconds;
    // Folders that cannot be the model's classes: say so instead of a silent 0 % top-1.
    const std::optional<std::string> classMismatch = classMatchWarning(
        data, model.exits.empty() ? 0 : model.exits.back().classes, loaded.mapped);
    if (classMismatch)
        printErr(QStringLiteral("warning: %1\n").arg(QString::fromStdString(*classMismatch)));

    const QuantizedModel qmodel = buildQuantizedModel(model, config, stats);

    QElapsedTimer timer;
    timer.start();
    EvaluateOptions opts;
    opts.computeLocal = !parser.isSet(QStringLiteral("no-local"));
    ProgressLine progress(QStringLiteral("Evaluating"));
    ctl.progress = progress.callback();
    const EvaluationReport report = evaluateQuantized(qmodel, data, ctl, opts);
    progress.finish();
    ctl.progress = nullptr;
    const double evalSeconds = double(timer.nsecsElapsed()) / 1e9;
    printErr(QStringLiteral("Calibrated on %1 images in %2 s; evaluated %3 images in %4 s\n")
                 .arg(formatCount(calib.size()))
                 .arg(calibSeconds, 0, 'f', 2)
                 .arg(formatCount(report.samples))
                 .arg(evalSeconds, 0, 'f', 2));

    // Outputs: the dump (temporary folder renamed into place), then the report (atomic).
    if (parser.isSet(QStringLiteral("dump")))
        writeDump(dumpDir, qmodel, data, dumpLimit, ctl);
    if (parser.isSet(QStringLiteral("report"))) {
        ReportContext context;
        context.config = &config;
        context.calibrationFolder = QDir(calibDir).absolutePath().toStdString();
        context.evaluationFolder = QDir(dataDir).absolutePath().toStdString();
        context.toolVersion = QUANTLENS_VERSION;
        saveEvaluationReport(report, QFile::encodeName(reportPath).toStdString(), context);
    }

    QString text = QStringLiteral("Model   %1 (%2 MACs per sample, %3 exit(s))\n")
                       .arg(QFileInfo(modelPath).fileName(), formatHuman(double(model.totalMacs())))
                       .arg(model.exits.size());
    text += configText(config, parser);
    text += QStringLiteral("Data    calibration %1 (%2 images), evaluation %3 (%4 images%5)\n")
                .arg(QDir::toNativeSeparators(calibDir), formatCount(calib.size()),
                     QDir::toNativeSeparators(dataDir), formatCount(report.samples),
                     report.labelled ? QStringLiteral(", labelled") : QStringLiteral(", unlabelled"));
    if (classMismatch)
        text += QStringLiteral("warning: %1\n").arg(QString::fromStdString(*classMismatch));
    text += QStringLiteral("\nPer layer (SQNR in dB; mean error = mean of dequantized - FP32; "
                           "clip = share of codes at qmin/qmax)\n");
    text += layerTable(report);
    text += QStringLiteral("\nPer exit (%1 images)\n").arg(formatCount(report.samples));
    text += exitTable(report, model.totalMacs());
    text += summaryText(report);
    if (parser.isSet(QStringLiteral("report")))
        text += QStringLiteral("Report      %1%2\n")
                    .arg(reportPath,
                         reportPath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
                             ? QStringLiteral(" and %1").arg(QString::fromStdString(
                                   exitsCsvPath(reportPath.toStdString())))
                             : QString());
    if (parser.isSet(QStringLiteral("dump")))
        text += QStringLiteral("Dump        %1 (first %2 images)\n")
                    .arg(dumpDir)
                    .arg(std::min<int64_t>(dumpLimit, data.size()));
    printOut(text);
    return ExitOk;
}

} // namespace ql::cli
