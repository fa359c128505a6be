#pragma once
// Automatic mixed precision: a per-layer bit assignment (weights and activations) that meets a
// target and minimises the other quantity. The algorithm and its cost in evaluations are
// explained in docs/mixed-precision.md; in short:
//
//   1. sensitivity (sensitivity.h) of every weighted layer, weights and activations separately,
//      at every candidate bit width — the predicted cost of lowering a layer is the noise it
//      adds at the target exit(s), 10^(−SQNR/10) of the exit logits, minus the same at 8 bits;
//   2. greedy: start at W8A8 everywhere; repeatedly take the single step down (one layer, one
//      tensor kind, to the next lower candidate) with the least predicted noise per unit of
//      objective saved, verify it with a full evaluation of the exits, keep it when the target
//      still holds, else undo it and never try that (layer, kind) again (backtrack);
//   3. refinement: retry the moves blocked earlier (the state has changed since), then swaps
//      (one layer up, another down) that save objective (accuracy target) or recover accuracy
//      (budget target), within a budget of evaluations.
//
// Targets: an accuracy drop ≤ maxDrop pt at one exit or at every exit — then the search
// minimises the objective (a mix of model size and bit-ops, both relative to W8A8) — or budgets
// (model size ≤ maxBytes, bit-ops ≤ maxBitOps) — then it minimises the accuracy drop.
// Every evaluated configuration is recorded; paretoFront() picks the non-dominated ones.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/quant/sensitivity.h"

namespace ql {

struct LayerBits
{
    int weights = 8;
    int activations = 8;
    bool operator==(const LayerBits&) const = default;
};
using BitAssignment = std::map<std::string, LayerBits>; // by layer name

struct AutoQuantTarget
{
    std::optional<double> maxDrop; // pt, at `exit`
    int exit = -1;                 // exit index; −1 = every exit (the worst drop counts)
    std::optional<int64_t> maxBytes;
    std::optional<double> maxBitOps; // per sample
};

struct AutoQuantOptions
{
    AutoQuantTarget target;
    std::vector<int> weightBits{2, 3, 4, 6, 8};
    std::vector<int> activationBits{4, 6, 8};
    // Objective = sizeWeight · bytes / bytes(W8A8) + (1 − sizeWeight) · bitops / bitops(W8A8).
    double sizeWeight = 0.5;
    int refinementBudget = 24;  // evaluations the refinement pass may spend
    bool uniformPoints = true;  // also evaluate uniform W{b}A8 (reference points on the front)
};

struct EvaluatedConfig
{
    int index = 0;
    std::string stage; // "start", "uniform", "greedy", "refine"
    std::string move;  // e.g. "/stem/conv2/conv/Conv w 8→6"
    bool accepted = false; // became the search state
    bool feasible = false; // meets the target (accuracy and budgets)
    BitAssignment bits;
    ExitScore score;
    double averageWeightBits = 0.0; // over the weight elements of the searched layers
    double objective = 0.0;         // see AutoQuantOptions::sizeWeight
};

struct AutoQuantResult
{
    QuantConfig config; // the found config: the base config plus per-layer bits
    BitAssignment bits;
    int best = -1;      // index into evaluated
    int w8a8 = 0;       // index of the W8A8 start
    bool targetMet = false;
    std::vector<EvaluatedConfig> evaluated;
    SensitivityResult sensitivity; // weights and activations cells
    std::vector<std::string> exits;
    std::vector<double> fp32Top1;
    int64_t fp32Bytes = 0;
    double fp32BitOps = 0.0;
    int sensitivityEvaluations = 0;
    int searchEvaluations = 0;
    double seconds = 0.0;

    const EvaluatedConfig& found() const { return evaluated.at(static_cast<size_t>(best)); }
};

// `base` with the bits of every named layer overridden (other override fields kept).
QuantConfig applyBits(const QuantConfig& base, const BitAssignment& bits);
// Σ w_bits · weights / Σ weights over the layers with weights that are quantized.
double averageWeightBits(const Model& model, const QuantConfig& config);

// `sensitivity` (optional): a previous analysis of the same model, base config and data to
// reuse; its missing cells are computed. Progress: done/total in evaluations (the total is an
// estimate that grows when the refinement pass starts). Throws ql::Cancelled, ql::Error.
AutoQuantResult autoQuantize(const ExitScorer& scorer, const QuantConfig& base,
                             const CalibrationStats& calib, const AutoQuantOptions& options = {},
                             const RunControl& ctl = {},
                             const SensitivityResult* sensitivity = nullptr);

// ---- Pareto front -------------------------------------------------------------------------

enum class CostAxis { Bytes, BitOps };

// Indices of the configurations not dominated in (cost, top-1 at `exit`), cheapest first:
// each has a strictly higher top-1 than every cheaper one. exit < 0: the worst exit's top-1
// relative to FP32 (−worst drop). Only "start", "greedy", "refine" and "uniform" entries.
std::vector<int> paretoFront(const std::vector<EvaluatedConfig>& evaluated, int exit,
                             CostAxis axis);

// One row per evaluated configuration: index, stage, move, accepted, feasible, bytes,
// average weight bits, bit-ops, per exit top-1 / drop / SQNR, on_front (size axis, at the
// target exit), bits ("layer:wXaY;…").
std::string paretoToCsv(const AutoQuantResult& result, int exit);

} // namespace ql
