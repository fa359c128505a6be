// quantlens-cli export: calibrate, build the quantized model exactly as `evaluate` does and
// write it in a format other toolchains read (docs/export-formats.md).
#include <QFileInfo>

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
    parser.addOption(QStringLiteral("calib-limit"), QStringLiteral("N"),
                     QStringLiteral("Calibrate on at most N images, spread over the classes"));
    parser.addOption(QStringLiteral("threads"), QStringLiteral("N"),
                     QStringLiteral("Worker threads (default: all hardware threads)"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString modelPath = parser.required(QStringLiteral("model"));
    const QString calibDir = parser.required(QStringLiteral("calib"));
    const QString formatName = parser.required(QStringLiteral("format"));
    const QString out = parser.required(QStringLiteral("out"));
    const int calibLimit = parser.intValue(QStringLiteral("calib-limit"), 0, 1);
    const int threads = parser.intValue(QStringLiteral("threads"), 0, 0);
    ExportFormat format = ExportFormat::Qdq;
    if (!parseExportFormat(formatName.toStdString(), &format))
        parser.fail(QStringLiteral("unknown --format '%1' (formats: %2)").arg(formatName, formatList()));

    const Model model = loadModelArg(modelPath);
    const QuantConfig config = configFromArgs(model, parser, kCommand);
    const RunControl ctl = interruptibleControl(threads);
    const Dataset calib = loadFolderArg(calibDir, config.preprocess, calibLimit, ctl,
                                        QStringLiteral("Loading calibration images"));
    const CalibrationStats stats = calibrateWithProgress(model, calib, ctl);
    const QuantizedModel qmodel = buildQuantizedModel(model, config, stats);
    const ExportResult result = exportQuantizedModel(qmodel, format, out.toStdString());

    for (const std::string& note : result.notes)
        printErr(QStringLiteral("note: %1\n").arg(QString::fromStdString(note)));
    QString text = QStringLiteral("Wrote %1 (%2)\n").arg(out, formatName);
    if (format == ExportFormat::Qdq)
        text += QStringLiteral("  opset %1, %2 QuantizeLinear, %3 DequantizeLinear; %4 quantized "
                               "layer(s), %5 float; onnx checker: %6\n")
                    .arg(result.qdq.opset)
                    .arg(result.qdq.quantizeNodes)
                    .arg(result.qdq.dequantizeNodes)
                    .arg(result.qdq.quantizedLayers)
                    .arg(result.qdq.floatLayers)
                    .arg(result.qdq.fullCheck ? QStringLiteral("passed (structure, types, shapes)")
                                              : QStringLiteral("passed (structure; libonnx 1.12 "
                                                               "cannot type-check opset 21)"));
    printOut(text);
    return ExitOk;
}

} // namespace ql::cli
