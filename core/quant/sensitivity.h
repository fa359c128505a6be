#pragma once
// Per-layer sensitivity to the bit width (docs/mixed-precision.md).
//
// For every layer with weights (Conv / Gemm / MatMul in the layer plan) and every candidate
// bit width b:
//   * "only this layer": the base config with every other layer keep_float and this layer
//     quantized with b bits (weights, activations or both — SensitivityOptions::kinds; the
//     other tensor kind keeps the base config's bits);
//   * "reverse" (once per layer, no bit sweep): the base config everywhere except this layer,
//     which stays float — how much of the base config's loss this one layer is responsible for.
// Each is scored with ExitScorer on the evaluation set: top-1 drop (pt) and SQNR of the exit
// logits at every exit. One CalibrationStats serves every configuration (calibrating does not
// depend on the config), and the FP32 exit logits are computed once.
//
// Cost: 1 (base) + layers × (1 + kinds × bits) integer evaluations of the exits.

#include <string>
#include <vector>

#include "core/quant/exit_scorer.h"

namespace ql {

// Which tensors of the layer get the candidate bit width.
enum class BitsTarget { Weights, Activations, Both };
const char* bitsTargetName(BitsTarget t); // "weights", "activations", "both"
BitsTarget parseBitsTarget(const std::string& name); // throws ql::Error

struct SensitivityOptions
{
    std::vector<int> bits{2, 3, 4, 6, 8, 12, 16};
    std::vector<BitsTarget> kinds{BitsTarget::Weights}; // e.g. {Weights, Activations}: separately
    bool reverse = true;
};

// One (kind, bits) configuration of one layer, per exit.
struct SensitivityCell
{
    BitsTarget kind = BitsTarget::Weights;
    int bits = 8;
    std::vector<double> top1;   // %
    std::vector<double> drop;   // pt vs FP32 (> 0 = worse)
    std::vector<double> sqnrDb; // exit logits vs FP32
};

struct LayerSensitivity
{
    std::string layer;
    std::string opType;
    int depth = 0;          // position in the layer plan
    int64_t weights = 0;    // weight elements
    int64_t macs = 0;
    std::vector<SensitivityCell> cells; // kinds-major, bits ascending
    // Reverse: base config everywhere, this layer float.
    std::vector<double> reverseDrop;
    std::vector<double> reverseSqnrDb;

    const SensitivityCell* cell(BitsTarget kind, int bits) const;
};

struct SensitivityResult
{
    std::string model;                // file name
    int64_t samples = 0;
    bool labelled = false;
    std::vector<std::string> exits;   // exit outputs, by depth
    std::vector<double> fp32Top1;     // % per exit
    std::vector<int> bits;            // ascending
    std::vector<BitsTarget> kinds;
    ExitScore base;                   // the base config, every layer quantized
    std::vector<LayerSensitivity> layers; // plan order
    int evaluations = 0;
    double seconds = 0.0;

    const LayerSensitivity* find(const std::string& layer) const;
};

// The layers the analysis (and the search) varies: plan layers with weights that the base
// config does not keep float.
std::vector<std::string> weightedLayers(const Model& model, const QuantConfig& base);

// `base` with every layer except `layer` kept float and `layer` at `bits` for `kind`.
QuantConfig onlyLayerConfig(const QuantConfig& base, const std::string& layer, BitsTarget kind,
                            int bits);
// `base` with `layer` kept float.
QuantConfig floatLayerConfig(const QuantConfig& base, const std::string& layer);

// Progress: done/total in evaluations. Throws ql::Cancelled when ctl.cancel is set, ql::Error
// for bits outside 2..16 or a config the engine rejects.
SensitivityResult analyzeSensitivity(const ExitScorer& scorer, const QuantConfig& base,
                                     const CalibrationStats& calib,
                                     const SensitivityOptions& options = {},
                                     const RunControl& ctl = {});

// Adds to `into` the layers and cells of `part` it does not have yet (`into` empty: a copy of
// `part`), and updates `into.bits` (ascending) and `into.kinds`.
void mergeSensitivity(SensitivityResult& into, const SensitivityResult& part);

// JSON: everything above, nested. CSV: one row per (layer, kind, bits) plus one "reverse" row
// per layer (bits empty), columns layer, op, kind, bits, then top1/drop/sqnr per exit.
std::string sensitivityToJson(const SensitivityResult& result);
std::string sensitivityToCsv(const SensitivityResult& result);
// ".json" or ".csv" by extension, atomic; ql::Error otherwise or on a failed write.
void saveSensitivity(const SensitivityResult& result, const std::string& path);

} // namespace ql
