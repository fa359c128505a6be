#include "app/cli_quant.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include "app/cli_progress.h"
#include "core/class_map.h"
#include "core/error.h"
#include "core/onnx_import.h"
#include "core/preprocess_check.h"
#include "core/quant/exit_scorer.h"
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
    requireValidPreprocess(config.preprocess, path + ": preprocessing", &model);
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

void addModelCalibOptions(ArgParser& parser)
{
    parser.addOption(QStringLiteral("model"), QStringLiteral("MODEL.onnx"),
                     QStringLiteral("The ONNX model (required)"));
    parser.addOption(QStringLiteral("calib"), QStringLiteral("DIR"),
                     QStringLiteral("Calibration images (required)"));
}

void addModelDataOptions(ArgParser& parser)
{
    addModelCalibOptions(parser);
    parser.addOption(QStringLiteral("data"), QStringLiteral("DIR"),
                     QStringLiteral("Evaluation images (default: the calibration folder)"));
    addConfigOptions(parser);
}

void addLimitOptions(ArgParser& parser)
{
    parser.addOption(QStringLiteral("limit"), QStringLiteral("N"),
                     QStringLiteral("Evaluate at most N images, spread over the classes"));
    addCalibLimitOption(parser);
    addThreadsOption(parser);
}

void addCalibLimitOption(ArgParser& parser)
{
    parser.addOption(QStringLiteral("calib-limit"), QStringLiteral("N"),
                     QStringLiteral("Calibrate on at most N images, spread over the classes"));
}

void addThreadsOption(ArgParser& parser)
{
    parser.addOption(QStringLiteral("threads"), QStringLiteral("N"),
                     QStringLiteral("Worker threads (default: all hardware threads)"));
}

DataArgs dataArgsFrom(const ArgParser& parser)
{
    DataArgs a;
    a.modelPath = parser.required(QStringLiteral("model"));
    a.calibDir = parser.required(QStringLiteral("calib"));
    a.dataDir = parser.isSet(QStringLiteral("data")) ? parser.value(QStringLiteral("data"))
                                                     : a.calibDir;
    a.limit = parser.intValue(QStringLiteral("limit"), 0, 1);
    a.calibLimit = parser.intValue(QStringLiteral("calib-limit"), 0, 1);
    a.threads = parser.intValue(QStringLiteral("threads"), 0, 0);
    return a;
}

RunControl interruptibleControl(int threads)
{
    RunControl ctl;
    ctl.cancel = &interruptToken();
    ctl.threads = threads;
    return ctl;
}

CalibratedData loadDataArgs(const Model& model, const Preprocess& pp, const DataArgs& args,
                            const RunControl& ctl)
{
    CalibratedData d;
    d.calib = loadFolderArg(args.calibDir, pp, args.calibLimit, ctl,
                            QStringLiteral("Loading calibration images"));
    d.sameData = args.dataDir == args.calibDir && args.limit == args.calibLimit;
    if (!d.sameData)
        d.evalData = loadFolderArg(args.dataDir, pp, args.limit, ctl,
                                   QStringLiteral("Loading evaluation images"));
    d.mapped = applyConfiguredClassMap(d.sameData ? d.calib : d.evalData, pp,
                                       model.exits.empty() ? 0 : model.exits.back().classes);
    return d;
}

void calibrateData(const Model& model, CalibratedData& d, const RunControl& ctl)
{
    QElapsedTimer timer;
    timer.start();
    d.stats = calibrateWithProgress(model, d.calib, ctl);
    d.calibSeconds = double(timer.nsecsElapsed()) / 1e9;
}

CalibratedData loadAndCalibrate(const Model& model, const Preprocess& pp, const DataArgs& args,
                                const RunControl& ctl)
{
    CalibratedData d = loadDataArgs(model, pp, args, ctl);
    calibrateData(model, d, ctl);
    return d;
}

void runWithFp32Scorer(const Model& model, const Dataset& data, const RunControl& ctl,
                       const QString& label,
                       const std::function<void(const ExitScorer&, const RunControl&)>& run)
{
    ProgressLine fp32(QStringLiteral("FP32 reference"));
    RunControl c = ctl;
    c.progress = fp32.callback();
    const ExitScorer scorer(model, data, c);
    fp32.finish();
    ProgressLine progress(label);
    c.progress = progress.callback();
    run(scorer, c);
    progress.finish();
}

} // namespace ql::cli
