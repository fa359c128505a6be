#pragma once
// Steps shared by the integer-engine commands (config, evaluate, explain): the model, its
// quantization config (from --config or --preset, validated against the model's layer names)
// and the image folders, each with the CLI's progress line and error contract.

#include <QString>

#include <string>
#include <vector>

#include "app/cli_command.h"
#include "core/dataset.h"
#include "core/quant/engine.h"

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

} // namespace ql::cli
