// quantlens-cli config init|check: write a full default quantization config for a model, or
// validate one against it (the config JSON schema is docs/config-schema.md).
#include <QFile>
#include <QFileInfo>

#include "app/cli_command.h"
#include "app/cli_quant.h"
#include "core/preprocess_check.h"
#include "core/quant/layer_plan.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("config");

QString configHelp()
{
    return QStringLiteral(
        "Usage: quantlens-cli config init --model MODEL.onnx [--preset P] [--out C.json]\n"
        "       quantlens-cli config check --model MODEL.onnx --config C.json\n\n"
        "init   writes a complete config for the model: its identity (file name and\n"
        "       SHA-256), the preprocessing its input implies, every default spelled out,\n"
        "       and one empty entry per layer (with a comment naming the op and the fused\n"
        "       nodes) ready to override. Printed on stdout unless --out is given.\n"
        "check  validates a config against the model; the first problem is reported as\n"
        "       '<file>: <json.path>: <what>' with exit status 3.\n\n"
        "Presets: w8a8 (default: int8 symmetric per-channel weights, uint8 affine\n"
        "activations, half_even, float requantization), w4a8, w8a8-trunc (toward_zero\n"
        "rounding), int-only (fixed-point requantization), all-float.\n\n"
        "Run 'quantlens-cli config init --help' or 'config check --help' for the options.\n");
}

// "Conv, folds bn1, fuses relu1" — the comment of a layer's empty override.
std::string layerComment(const PlannedLayer& layer)
{
    std::string text = layer.opType;
    if (!layer.foldedBatchNorm.empty())
        text += ", folds " + layer.foldedBatchNorm;
    if (layer.activation.kind != FusedActivation::Kind::None)
        text += ", fuses " + layer.activation.nodeName;
    if (layer.macs > 0)
        text += ", " + formatHuman(double(layer.macs)).toStdString() + " MACs";
    return text;
}

int runInit(const QStringList& args)
{
    ArgParser parser(QStringLiteral("config init"),
                     QStringLiteral("config init --model MODEL.onnx [--preset P] [--out C.json]"),
                     QStringLiteral("Write a complete default quantization config for the model."));
    parser.addOption(QStringLiteral("model"), QStringLiteral("MODEL.onnx"),
                     QStringLiteral("The ONNX model (required)"));
    parser.addOption(QStringLiteral("preset"), QStringLiteral("P"),
                     QStringLiteral("w8a8 (default), w4a8, w8a8-trunc, int-only, all-float"));
    parser.addOption(QStringLiteral("out"), QStringLiteral("C.json"),
                     QStringLiteral("Write here (atomically) instead of stdout"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString modelPath = parser.required(QStringLiteral("model"));
    const QString preset = parser.isSet(QStringLiteral("preset"))
                               ? parser.value(QStringLiteral("preset"))
                               : QStringLiteral("w8a8");
    const Model model = loadModelArg(modelPath);
    QuantConfig config = presetFor(model, preset, QStringLiteral("config init"));
    config.comment = "QuantLens config for " + config.model.fileName + ", preset " +
                     preset.toStdString();
    const LayerPlan plan = planLayers(model, config.defaults.fusion);
    for (const PlannedLayer& layer : plan.layers) {
        LayerOverride entry;
        entry.comment = layerComment(layer);
        config.layers[layer.name] = entry;
    }
    if (!parser.isSet(QStringLiteral("out"))) {
        printOut(QString::fromStdString(serializeQuantConfig(config)));
        return ExitOk;
    }
    const QString out = parser.value(QStringLiteral("out"));
    saveQuantConfig(config, QFile::encodeName(out).toStdString());
    printErr(QStringLiteral("Wrote %1 (%2 layers, preset %3)\n")
                 .arg(out)
                 .arg(plan.layers.size())
                 .arg(preset));
    return ExitOk;
}

int runCheck(const QStringList& args)
{
    ArgParser parser(QStringLiteral("config check"),
                     QStringLiteral("config check --model MODEL.onnx --config C.json"),
                     QStringLiteral("Validate a quantization config against the model. Exit "
                                    "status 3 and one line\n'<file>: <json.path>: <what>' on the "
                                    "first problem."));
    parser.addOption(QStringLiteral("model"), QStringLiteral("MODEL.onnx"),
                     QStringLiteral("The ONNX model (required)"));
    parser.addOption(QStringLiteral("config"), QStringLiteral("C.json"),
                     QStringLiteral("The config to check (required)"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString modelPath = parser.required(QStringLiteral("model"));
    const QString configPath = parser.required(QStringLiteral("config"));
    const Model model = loadModelArg(modelPath);
    const std::string path = QFile::encodeName(configPath).toStdString();
    const QuantConfig unchecked = loadQuantConfig(path);
    const std::vector<std::string> names = configLayerNames(model, unchecked.defaults.fusion);
    const QuantConfig config = loadQuantConfig(path, &names);
    requireValidPreprocess(config.preprocess, path + ": preprocessing", &model);
    if (!config.model.sha256.empty() && config.model.sha256 != model.sha256)
        throw Error(path + ": model.sha256: the config was made for another file (" +
                    config.model.fileName + ", " + config.model.sha256.substr(0, 12) +
                    "…); this model's is " + model.sha256.substr(0, 12) + "…");
    size_t overridden = 0;
    for (const auto& [name, entry] : config.layers)
        if (entry.weights || entry.activations || entry.keepFloat || entry.requantization ||
            entry.accumulator)
            ++overridden;
    printOut(QStringLiteral("%1: OK for %2 (%3 layers, %4 with overrides)\n")
                 .arg(configPath, QFileInfo(modelPath).fileName())
                 .arg(names.size())
                 .arg(overridden));
    return ExitOk;
}

} // namespace

int runConfig(const QStringList& args)
{
    if (args.isEmpty())
        throw UsageError(kCommand, QStringLiteral("missing sub-command (init or check)"));
    const QString& sub = args.front();
    if (sub == QLatin1String("-h") || sub == QLatin1String("--help")) {
        printOut(configHelp());
        return ExitOk;
    }
    if (sub == QLatin1String("init"))
        return runInit(args.mid(1));
    if (sub == QLatin1String("check"))
        return runCheck(args.mid(1));
    throw UsageError(kCommand, QStringLiteral("unknown sub-command '%1' (expected init or check)")
                                   .arg(sub));
}

} // namespace ql::cli
