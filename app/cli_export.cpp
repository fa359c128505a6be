// quantlens-cli export: calibrate, build the quantized model exactly as `evaluate` does and
// write it in a format other toolchains read (docs/export-formats.md).
#include <QFile>

#include "app/cli_command.h"
#include "app/cli_quant.h"
#include "core/export/exporter.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("export");

QString formatList()
{
    QStringList names;
    for (const std::string& n : exportFormatNames())
        names << QString::fromStdString(n);
    return names.join(QStringLiteral(", "));
}

} // namespace

int runExport(const QStringList& args)
{
    ArgParser parser(
        kCommand,
        QStringLiteral("export --model MODEL.onnx --calib DIR [--config C.json | --preset P]\n"
                       "       --format F --out FILE [--calib-limit N] [--threads N]"),
        QStringLiteral(
            "Calibrate on --calib, quantize the model with the config (as 'evaluate' does) and\n"
            "write it for another toolchain:\n"
            "  qdq  an ONNX model with QuantizeLinear/DequantizeLinear pairs: calibrated scales\n"
            "       and zero points, weights and biases as QuantLens's integer codes (per\n"
            "       channel with axis), float layers left float. Runs in ONNX Runtime.\n"
            "  ort-overrides    TensorQuantOverrides JSON for onnxruntime.quantization's\n"
            "       quantize_static (per-tensor bits, types, scales and zero points).\n"
            "  aimet-encodings  AIMET encodings JSON (activation_encodings, param_encodings).\n"
            "Field mapping: docs/export-formats.md.\n"
            "What the target cannot express (e.g. truncating activation rounding) is listed\n"
            "on stderr; the file is written atomically."));
    addModelCalibOptions(parser);
    addConfigOptions(parser);
    parser.addOption(QStringLiteral("format"), QStringLiteral("F"),
                     QStringLiteral("Output format: %1 (required)").arg(formatList()));
    parser.addOption(QStringLiteral("out"), QStringLiteral("FILE"),
                     QStringLiteral("Output file (required)"));
    addCalibLimitOption(parser);
    addThreadsOption(parser);
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    DataArgs dataArgs = dataArgsFrom(parser);
    dataArgs.limit = dataArgs.calibLimit; // nothing is evaluated: the calibration set only
    const QString formatName = parser.required(QStringLiteral("format"));
    const QString out = parser.required(QStringLiteral("out"));
    ExportFormat format = ExportFormat::Qdq;
    if (!parseExportFormat(formatName.toStdString(), &format))
        parser.fail(QStringLiteral("unknown --format '%1' (formats: %2)").arg(formatName, formatList()));

    const Model model = loadModelArg(dataArgs.modelPath);
    const QuantConfig config = configFromArgs(model, parser, kCommand);
    const RunControl ctl = interruptibleControl(dataArgs.threads);
    // Nothing is scored, so the labels do not matter: no class map to fail on.
    Preprocess pp = config.preprocess;
    pp.classMap.clear();
    const CalibratedData loaded = loadAndCalibrate(model, pp, dataArgs, ctl);
    const QuantizedModel qmodel = buildQuantizedModel(model, config, loaded.stats);
    const ExportResult result =
        exportQuantizedModel(qmodel, format, QFile::encodeName(out).toStdString());

    for (const std::string& note : result.notes)
        printErr(QStringLiteral("note: %1\n").arg(QString::fromStdString(note)));
    const QString text = QString::fromStdString(exportSummary(result, false)) + QLatin1Char('\n');
    printOut(text);
    return ExitOk;
}

} // namespace ql::cli
