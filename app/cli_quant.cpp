#include "app/cli_quant.h"

#include <QFile>
#include <QFileInfo>

#include "app/cli_progress.h"
#include "core/error.h"
#include "core/onnx_import.h"
#include "core/quant/layer_plan.h"

namespace ql::cli {

Model loadModelArg(const QString& path)
{
    return loadOnnxModel(QFile::encodeName(path).toStdString());
}

std::vector<std::string> configLayerNames(const Model& model, bool fusion)
{
    return planLayers(model, fusion).layerNames();
}

QuantConfig presetFor(const Model& model, const QString& preset, const QString& command)
{
    QuantConfig config;
    try {
        config = presetConfig(preset.toStdString());
    } catch (const Error& e) {
        throw UsageError(command, QString::fromStdString(e.what()));
    }
    config.model.fileName = QFileInfo(QString::fromStdString(model.path)).fileName().toStdString();
    config.model.sha256 = model.sha256;
    config.preprocess = defaultPreprocess(model);
    return config;
}

void addConfigOptions(ArgParser& parser)
{
    parser.addOption(QStringLiteral("config"), QStringLiteral("C.json"),
                     QStringLiteral("Quantization config (see 'quantlens-cli config init')"));
    parser.addOption(QStringLiteral("preset"), QStringLiteral("P"),
                     QStringLiteral("Built-in config instead of --config: w8a8 (default), w4a8,\n"
                                    "    w8a8-trunc, int-only, all-float"));
}

QuantConfig configFromArgs(const Model& model, const ArgParser& parser, const QString& command)
{
    const QString configPath = parser.value(QStringLiteral("config"));
    const bool hasConfig = parser.isSet(QStringLiteral("config"));
    if (hasConfig && parser.isSet(QStringLiteral("preset")))
        throw UsageError(command, QStringLiteral("--config and --preset exclude each other"));
    if (!hasConfig)
        return presetFor(model,
                         parser.isSet(QStringLiteral("preset")) ? parser.value(QStringLiteral("preset"))
                                                                : QStringLiteral("w8a8"),
                         command);

    // Two passes: the layer names depend on the config's own fusion switch.
    const std::string path = QFile::encodeName(configPath).toStdString();
    const QuantConfig unchecked = loadQuantConfig(path);
    const std::vector<std::string> names = configLayerNames(model, unchecked.defaults.fusion);
    QuantConfig config = loadQuantConfig(path, &names);
    if (!config.model.sha256.empty() && config.model.sha256 != model.sha256)
        printErr(QStringLiteral("warning: %1 was made for %2 (sha256 %3…), not for this file\n")
                     .arg(configPath, QString::fromStdString(config.model.fileName),
                          QString::fromStdString(config.model.sha256.substr(0, 12))));
    if (config.model.fileName.empty())
        config.model.fileName =
            QFileInfo(QString::fromStdString(model.path)).fileName().toStdString();
    return config;
}

Dataset loadFolderArg(const QString& dir, const Preprocess& pp, int limit, const RunControl& ctl,
                      const QString& label)
{
    ProgressLine progress(label);
    RunControl c = ctl;
    c.progress = progress.callback();
    Dataset data = loadImageFolder(QFile::encodeName(dir).toStdString(), pp, limit, c);
    progress.finish();
    for (const SkippedFile& s : data.skipped)
        printErr(QStringLiteral("skipped %1: %2\n")
                     .arg(QFileInfo(QString::fromStdString(s.path)).fileName(),
                          QString::fromStdString(s.reason)));
    return data;
}

CalibrationStats calibrateWithProgress(const Model& model, const Dataset& calib, RunControl ctl)
{
    ProgressLine progress(QStringLiteral("Calibrating"));
    ctl.progress = progress.callback();
    CalibrationStats stats = calibrate(model, calib, ctl);
    progress.finish();
    return stats;
}

} // namespace ql::cli
