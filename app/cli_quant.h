#pragma once
// Steps shared by the integer-engine commands (config, evaluate, explain): the model, its
// quantization config (from --config or --preset, validated against the model's layer names)
// and the image folders, each with the CLI's progress line and error contract.

#include <QString>

#include <functional>
#include <string>
#include <vector>

#include "app/cli_command.h"
#include "core/dataset.h"
#include "core/quant/engine.h"

namespace ql {
class ExitScorer;
}

namespace ql::cli {

Model loadModelArg(const QString& path);

// Layer names the config may override: the plan's anchor names under the config's fusion.
std::vector<std::string> configLayerNames(const Model& model, bool fusion);

// The preset with the model identity and default preprocessing filled in. Throws UsageError
// (command `command`) for an unknown preset name.
QuantConfig presetFor(const Model& model, const QString& preset, const QString& command);

// --config FILE (validated: every problem is an ql::Error "<file>: <json.path>: <what>"),
// else --preset (default w8a8). Both given is a usage error. A config made for another file
// (sha256 differs) is used with a warning on stderr.
QuantConfig configFromArgs(const Model& model, const ArgParser& parser, const QString& command);

// A folder with the config's preprocessing, a progress line and skipped files on stderr.
Dataset loadFolderArg(const QString& dir, const Preprocess& pp, int limit, const RunControl& ctl,
                      const QString& label);

// The argument options every quantizing command shares (--config, --preset).
void addConfigOptions(ArgParser& parser);

CalibrationStats calibrateWithProgress(const Model& model, const Dataset& calib,
                                       RunControl ctl);

// --model and --calib (both required).
void addModelCalibOptions(ArgParser& parser);

// --model, --calib, --data (default: the calibration folder), then --config and --preset.
void addModelDataOptions(ArgParser& parser);

// --limit, --calib-limit and --threads.
void addLimitOptions(ArgParser& parser);
// Only --calib-limit; only --threads (for commands that evaluate nothing).
void addCalibLimitOption(ArgParser& parser);
void addThreadsOption(ArgParser& parser);

// The values of the options above, read in this order (the first bad one is reported).
struct DataArgs
{
    QString modelPath;
    QString calibDir;
    QString dataDir; // --data, else calibDir
    int limit = 0;
    int calibLimit = 0;
    int threads = 0;
};
DataArgs dataArgsFrom(const ArgParser& parser);

// A RunControl cancelled by Ctrl+C with the given worker threads.
RunControl interruptibleControl(int threads);

// The calibration images, the evaluation images (the calibration set itself when --data and
// --limit equal the calibration's) and the calibration stats, each with its progress line.
// The evaluation images are labelled through the config's class map (pp.classMap) if any.
struct CalibratedData
{
    Dataset calib;
    Dataset evalData; // empty when sameData
    bool sameData = false;
    bool mapped = false; // data() was relabelled by pp.classMap
    CalibrationStats stats;
    double calibSeconds = 0.0; // time spent calibrating
    const Dataset& data() const { return sameData ? calib : evalData; }
};
CalibratedData loadAndCalibrate(const Model& model, const Preprocess& pp, const DataArgs& args,
                                const RunControl& ctl);
// The same in two steps, for commands that check the loaded data before calibrating: the
// folders (stats empty), then the calibration.
CalibratedData loadDataArgs(const Model& model, const Preprocess& pp, const DataArgs& args,
                            const RunControl& ctl);
void calibrateData(const Model& model, CalibratedData& data, const RunControl& ctl);

// Runs the FP32 model over `data` once (progress line "FP32 reference"), then `run` with the
// resulting scorer and a RunControl whose progress feeds a progress line titled `label`.
void runWithFp32Scorer(const Model& model, const Dataset& data, const RunControl& ctl,
                       const QString& label,
                       const std::function<void(const ExitScorer&, const RunControl&)>& run);

} // namespace ql::cli
