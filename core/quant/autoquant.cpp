// autoQuantize(): greedy mixed-precision search with backtracking and a refinement pass
// (autoquant.h, docs/mixed-precision.md). applyBits(), averageWeightBits(), the Pareto front
// and the CSV export are in pareto.cpp.

#include "core/quant/autoquant.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "core/error.h"
#include "core/quant/int_op.h"

namespace ql {

namespace {

// The layer moves or selects its input's codes: its input's (S, Z) come from upstream.
bool keepsCodes(const QuantizedLayer& L)
{
    return L.op && L.op->output == IntOutputParams::Input;
}

// Exact size and bit-ops of a bit assignment without building the model (modelSize() terms
// that depend on the searched bits; everything else is a constant taken from the W8A8 build):
//   bytes  = fixed + Σ ⌈w_bits · weights / 8⌉
//   bitops = fixed + Σ MACs · w_bits · a_bits(input), a_bits(input) = the activation bits of
//            the layer whose config gives the input tensor its (S, Z): its producer when that
//            makes new codes (through pooling / flatten), else its first quantized consumer.
struct CostModel
{
    struct Layer
    {
        std::string name;
        int64_t weights = 0;
        int64_t macs = 0;
        std::string source; // "" = fixed input bits
        int fixedInputBits = 8;
    };
    std::vector<Layer> layers;
    int64_t fixedBytes = 0;
    double fixedBitOps = 0.0;
    int64_t bytes8 = 0;
    double bitOps8 = 0.0;

    int64_t bytes(const BitAssignment& a) const
    {
        int64_t total = fixedBytes;
        for (const Layer& l : layers)
            total += (int64_t(a.at(l.name).weights) * l.weights + 7) / 8;
        return total;
    }
    double bitOps(const BitAssignment& a) const
    {
        double total = fixedBitOps;
        for (const Layer& l : layers) {
            const int in = l.source.empty() ? l.fixedInputBits : a.at(l.source).activations;
            total += double(l.macs) * a.at(l.name).weights * in;
        }
        return total;
    }
};

CostModel buildCostModel(const Model& model, const QuantConfig& base, const CalibrationStats& calib,
                         const std::vector<std::string>& searched, BitAssignment* start)
{
    BitAssignment all8;
    for (const std::string& n : searched)
        all8[n] = LayerBits{};
    const QuantizedModel qm = buildQuantizedModel(model, applyBits(base, all8), calib);
    const std::set<std::string> names(searched.begin(), searched.end());
    CostModel cm;
    const ModelSize size = modelSize(qm);
    cm.bytes8 = size.quantizedBytes;
    cm.bitOps8 = size.quantizedBitOps;
    for (const QuantizedLayer& L : qm.layers) {
        if (!names.count(L.plan.name))
            continue;
        if (!L.isMatmul())
            continue; // runs in float whatever its bits: not searched
        CostModel::Layer l;
        l.name = L.plan.name;
        l.weights = L.plan.weight.numel();
        l.macs = L.plan.macs;
        std::string t = L.plan.inputs.front();
        l.fixedInputBits = qm.tensorConfig.at(t).bits;
        for (;;) {
            const auto p = qm.plan.layerByOutput.find(t);
            if (p != qm.plan.layerByOutput.end()) {
                const QuantizedLayer& P = qm.layers[static_cast<size_t>(p->second)];
                if (keepsCodes(P)) {
                    t = P.plan.inputs.front();
                    continue;
                }
                if (P.runsInteger()) { // makes new codes
                    l.source = P.plan.name;
                    break;
                }
            }
            for (const QuantizedLayer& C : qm.layers) // a float tensor: its first quantized reader
                if (C.runsInteger() &&
                    std::find(C.plan.inputs.begin(), C.plan.inputs.end(), t) != C.plan.inputs.end()) {
                    l.source = C.plan.name;
                    break;
                }
            break;
        }
        cm.layers.push_back(l);
        (*start)[l.name] = LayerBits{};
    }
    std::set<std::string> searchedNow;
    for (const CostModel::Layer& l : cm.layers)
        searchedNow.insert(l.name);
    for (CostModel::Layer& l : cm.layers)
        if (!searchedNow.count(l.source))
            l.source.clear();
    cm.fixedBytes = cm.bytes8 - cm.bytes(*start); // bytes() and bitOps() start from 0 here
    cm.fixedBitOps = cm.bitOps8 - cm.bitOps(*start);
    return cm;
}

struct Move
{
    std::string layer;
    bool weights = true;
    int from = 8;
    int to = 8;
};

std::string moveText(const Move& m)
{
    return m.layer + (m.weights ? " w " : " a ") + std::to_string(m.from) + "→" +
           std::to_string(m.to);
}

BitAssignment applied(BitAssignment a, const Move& m)
{
    (m.weights ? a[m.layer].weights : a[m.layer].activations) = m.to;
    return a;
}

// The next candidate below / above `bits` (0 when there is none).
int stepDown(const std::vector<int>& candidates, int bits)
{
    int best = 0;
    for (int c : candidates)
        if (c < bits)
            best = std::max(best, c);
    return best;
}
int stepUp(const std::vector<int>& candidates, int bits)
{
    int best = 0;
    for (int c : candidates)
        if (c > bits && (best == 0 || c < best))
            best = c;
    return best;
}

std::string assignmentKey(const BitAssignment& a)
{
    std::string key;
    for (const auto& [n, b] : a)
        key += n + ':' + std::to_string(b.weights) + ',' + std::to_string(b.activations) + ';';
    return key;
}

class Search
{
public:
    Search(const ExitScorer& scorer, const QuantConfig& base, const CalibrationStats& calib,
           const AutoQuantOptions& opts, const RunControl& ctl, AutoQuantResult& result)
        : m_scorer(scorer), m_base(base), m_calib(calib), m_opts(opts), m_ctl(ctl), m_result(result)
    {
        m_inner = ctl;
        m_inner.progress = nullptr;
    }

    CostModel cost;
    BitAssignment state;
    long long done = 0, total = 0;

    bool accuracyMode() const { return m_opts.target.maxDrop.has_value(); }

    double objective(const BitAssignment& a) const
    {
        const double w = std::clamp(m_opts.sizeWeight, 0.0, 1.0);
        return w * double(cost.bytes(a)) / double(std::max<int64_t>(cost.bytes8, 1)) +
               (1.0 - w) * cost.bitOps(a) / std::max(cost.bitOps8, 1.0);
    }
    // Budget mode: the relative amount by which `a` exceeds the budgets (0 = within).
    double overBudget(const BitAssignment& a) const
    {
        double over = 0.0;
        if (m_opts.target.maxBytes)
            over += std::max(0.0, double(cost.bytes(a) - *m_opts.target.maxBytes)) /
                    double(std::max<int64_t>(cost.bytes8, 1));
        if (m_opts.target.maxBitOps)
            over += std::max(0.0, cost.bitOps(a) - *m_opts.target.maxBitOps) /
                    std::max(cost.bitOps8, 1.0);
        return over;
    }
    bool withinBudget(const ExitScore& s) const
    {
        return (!m_opts.target.maxBytes || s.size.quantizedBytes <= *m_opts.target.maxBytes) &&
               (!m_opts.target.maxBitOps || s.size.quantizedBitOps <= *m_opts.target.maxBitOps);
    }
    bool accurate(const ExitScore& s) const
    {
        return !m_opts.target.maxDrop ||
               s.dropAt(m_opts.target.exit) <= *m_opts.target.maxDrop + 1e-9;
    }
    // What the search state must keep: accuracy (accuracy mode) or the budgets.
    bool acceptable(const ExitScore& s) const
    {
        return accuracyMode() ? accurate(s) : withinBudget(s);
    }
    double drop(const EvaluatedConfig& e) const { return e.score.dropAt(m_opts.target.exit); }

    // Predicted noise power at the target exit(s) from the single-layer sensitivity.
    double noise(const Move& m, int bits) const
    {
        const LayerSensitivity* ls = m_result.sensitivity.find(m.layer);
        const SensitivityCell* c =
            ls ? ls->cell(m.weights ? BitsTarget::Weights : BitsTarget::Activations, bits) : nullptr;
        if (!c)
            return 0.0;
        double n = 0.0;
        for (size_t e = 0; e < c->sqnrDb.size(); ++e)
            if (m_opts.target.exit < 0 || int(e) == m_opts.target.exit)
                n += std::pow(10.0, -c->sqnrDb[e] / 10.0);
        return n;
    }
    double addedNoise(const Move& m) const { return noise(m, m.to) - noise(m, m.from); }

    std::vector<Move> moves(const BitAssignment& a, bool down) const
    {
        std::vector<Move> out;
        for (const CostModel::Layer& l : cost.layers)
            for (bool weights : {true, false}) {
                const int from = weights ? a.at(l.name).weights : a.at(l.name).activations;
                const std::vector<int>& cand = weights ? m_opts.weightBits : m_opts.activationBits;
                const int to = down ? stepDown(cand, from) : stepUp(cand, from);
                if (to > 0)
                    out.push_back({l.name, weights, from, to});
            }
        return out;
    }
    // Objective (accuracy mode) or budget excess (budget mode) saved by going from a to b.
    double saving(const BitAssignment& a, const BitAssignment& b) const
    {
        if (accuracyMode())
            return objective(a) - objective(b);
        double s = 0.0;
        if (m_opts.target.maxBytes)
            s += double(cost.bytes(a) - cost.bytes(b)) / double(std::max<int64_t>(cost.bytes8, 1));
        if (m_opts.target.maxBitOps)
            s += (cost.bitOps(a) - cost.bitOps(b)) / std::max(cost.bitOps8, 1.0);
        return s;
    }

    // Evaluates `a` (once: a repeated assignment returns the earlier entry).
    const EvaluatedConfig& evaluate(const BitAssignment& a, const std::string& stage,
                                    const std::string& move)
    {
        const std::string key = assignmentKey(a);
        if (const auto it = m_seen.find(key); it != m_seen.end())
            return m_result.evaluated[static_cast<size_t>(it->second)];
        m_ctl.check();
        EvaluatedConfig e;
        e.index = static_cast<int>(m_result.evaluated.size());
        e.stage = stage;
        e.move = move;
        e.bits = a;
        const QuantConfig config = applyBits(m_base, a);
        e.score = m_scorer.score(config, m_calib, m_inner);
        e.averageWeightBits = averageWeightBits(m_scorer.model(), config);
        e.objective = objective(a);
        e.feasible = accurate(e.score) && withinBudget(e.score);
        ++m_result.searchEvaluations;
        total = std::max(total, done + 1);
        m_ctl.report(++done, total);
        m_seen[key] = e.index;
        m_result.evaluated.push_back(std::move(e));
        return m_result.evaluated.back();
    }
    bool tried(const BitAssignment& a) const { return m_seen.count(assignmentKey(a)) != 0; }
    void accept(int index)
    {
        m_result.evaluated[static_cast<size_t>(index)].accepted = true;
        state = m_result.evaluated[static_cast<size_t>(index)].bits;
    }

    void greedy();
    void refine();

private:
    const ExitScorer& m_scorer;
    const QuantConfig& m_base;
    const CalibrationStats& m_calib;
    const AutoQuantOptions& m_opts;
    const RunControl& m_ctl;
    RunControl m_inner;
    AutoQuantResult& m_result;
    std::map<std::string, int> m_seen;
    std::set<std::pair<std::string, bool>> m_blocked; // (layer, weights)
};

void Search::greedy()
{
    for (;;) {
        if (!accuracyMode() && overBudget(state) <= 0.0)
            return;
        const Move* best = nullptr;
        double bestScore = 0.0;
        const std::vector<Move> candidates = moves(state, true);
        for (const Move& m : candidates) {
            if (m_blocked.count({m.layer, m.weights}))
                continue;
            const double s = saving(state, applied(state, m));
            if (s <= 0.0)
                continue;
            const double score = std::max(addedNoise(m), 1e-12) / s;
            if (!best || score < bestScore) {
                best = &m;
                bestScore = score;
            }
        }
        if (!best)
            return;
        const EvaluatedConfig& e = evaluate(applied(state, *best), "greedy", moveText(*best));
        if (accuracyMode() && !acceptable(e.score))
            m_blocked.insert({best->layer, best->weights}); // backtrack: state unchanged
        else
            accept(e.index);
    }
}

void Search::refine()
{
    const int budgetEnd = m_result.searchEvaluations + std::max(m_opts.refinementBudget, 0);
    total = done + std::max(m_opts.refinementBudget, 0);
    auto better = [&](const EvaluatedConfig& e, const BitAssignment& from) {
        if (!acceptable(e.score))
            return false;
        if (accuracyMode())
            return objective(e.bits) < objective(from);
        const EvaluatedConfig& cur = m_result.evaluated[m_seen.at(assignmentKey(from))];
        return drop(e) < drop(cur) - 1e-9;
    };
    // 1. Single moves: accuracy mode retries the blocked steps down; budget mode tries steps up
    //    that still fit the budgets (to recover accuracy).
    bool improved = true;
    while (improved && m_result.searchEvaluations < budgetEnd) {
        improved = false;
        for (const Move& m : moves(state, accuracyMode())) {
            if (m_result.searchEvaluations >= budgetEnd)
                break;
            const BitAssignment next = applied(state, m);
            if (tried(next) || (accuracyMode() ? saving(state, next) <= 0.0 : overBudget(next) > 0.0))
                continue;
            const EvaluatedConfig& e = evaluate(next, "refine", moveText(m));
            if (better(e, state)) {
                accept(e.index);
                improved = true;
                break;
            }
        }
    }
    // 2. Swaps: one (layer, kind) up, another down, ranked by predicted noise change.
    while (m_result.searchEvaluations < budgetEnd) {
        struct Swap
        {
            Move up, down;
            double noise;
        };
        std::vector<Swap> swaps;
        for (const Move& up : moves(state, false))
            for (const Move& down : moves(state, true)) {
                if (up.layer == down.layer && up.weights == down.weights)
                    continue;
                const BitAssignment next = applied(applied(state, up), down);
                if (tried(next))
                    continue;
                if (accuracyMode() ? saving(state, next) <= 0.0 : overBudget(next) > 0.0)
                    continue;
                swaps.push_back({up, down, addedNoise(up) + addedNoise(down)});
            }
        if (swaps.empty())
            return;
        const Swap& s = *std::min_element(swaps.begin(), swaps.end(),
                                          [](const Swap& a, const Swap& b) { return a.noise < b.noise; });
        if (!accuracyMode() && s.noise >= 0.0)
            return; // no swap is predicted to recover accuracy
        const EvaluatedConfig& e = evaluate(applied(applied(state, s.up), s.down), "refine",
                                            moveText(s.up) + ", " + moveText(s.down));
        if (better(e, state))
            accept(e.index);
    }
}

} // namespace

AutoQuantResult autoQuantize(const ExitScorer& scorer, const QuantConfig& base,
                             const CalibrationStats& calib, const AutoQuantOptions& options,
                             const RunControl& ctl, const SensitivityResult* previous)
{
    const auto start = std::chrono::steady_clock::now();
    const AutoQuantTarget& target = options.target;
    if (!target.maxDrop && !target.maxBytes && !target.maxBitOps)
        throw Error("autoquant: no target (an accuracy drop, a size or a bit-ops budget)");
    if (target.exit >= scorer.exitCount())
        throw Error("autoquant: exit " + std::to_string(target.exit + 1) + " does not exist (" +
                    std::to_string(scorer.exitCount()) + " exits)");
    for (const auto* list : {&options.weightBits, &options.activationBits}) {
        if (std::find(list->begin(), list->end(), 8) == list->end())
            throw Error("autoquant: the candidate bit widths must include 8 (the start)");
        for (int b : *list)
            if (b < 2 || b > 16)
                throw Error("autoquant: bit width " + std::to_string(b) + " is outside 2..16");
    }

    AutoQuantResult result;
    const Model& model = scorer.model();
    result.exits.clear();
    for (const ExitInfo& e : model.exits)
        result.exits.push_back(e.output);
    result.fp32Top1 = scorer.fp32Top1();

    // 1. Sensitivity: weights and activations, separately, at the candidate widths.
    const std::vector<std::string> layers = weightedLayers(model, base);
    const long long sensTotal = 2 + static_cast<long long>(layers.size()) *
                                        (options.weightBits.size() + options.activationBits.size());
    long long sensDone = 0;
    RunControl sensCtl = ctl;
    sensCtl.progress = [&](long long d, long long) { ctl.report(sensDone + d, sensTotal + 40); };
    SensitivityResult& sens = result.sensitivity;
    if (previous)
        mergeSensitivity(sens, *previous);
    for (BitsTarget kind : {BitsTarget::Weights, BitsTarget::Activations}) {
        SensitivityOptions so;
        so.kinds = {kind};
        so.reverse = false;
        so.bits.clear();
        for (int b : kind == BitsTarget::Weights ? options.weightBits : options.activationBits) {
            bool have = true;
            for (const std::string& n : layers) {
                const LayerSensitivity* l = sens.find(n);
                have = have && l && l->cell(kind, b);
            }
            if (!have)
                so.bits.push_back(b);
        }
        if (so.bits.empty())
            continue;
        const SensitivityResult part = analyzeSensitivity(scorer, base, calib, so, sensCtl);
        sensDone += part.evaluations;
        result.sensitivityEvaluations += part.evaluations;
        mergeSensitivity(sens, part);
    }
    result.sensitivity.kinds = {BitsTarget::Weights, BitsTarget::Activations};

    // 2. Greedy from W8A8, with the uniform reference points.
    Search search(scorer, base, calib, options, ctl, result);
    search.cost = buildCostModel(model, base, calib, layers, &search.state);
    search.done = sensDone;
    search.total = sensDone + static_cast<long long>(search.cost.layers.size()) *
                                  (options.weightBits.size() + options.activationBits.size());
    const EvaluatedConfig& w8a8 = search.evaluate(search.state, "start", "W8A8");
    result.w8a8 = w8a8.index;
    result.fp32Bytes = w8a8.score.size.fp32Bytes;
    result.fp32BitOps = w8a8.score.size.fp32BitOps;
    search.accept(w8a8.index);
    if (options.uniformPoints)
        for (int b : options.weightBits) {
            if (b >= 8)
                continue;
            BitAssignment u = search.state;
            for (auto& [n, bits] : u)
                bits.weights = b;
            // Appended piecewise: GCC 12 flags "W" + std::to_string(b) with a false -Wrestrict.
            std::string label(1, 'W');
            label += std::to_string(b);
            label += "A8";
            search.evaluate(u, "uniform", label);
        }
    search.greedy();
    // 3. Refinement.
    search.refine();

    // The answer: the best evaluated configuration that keeps the target.
    int best = -1;
    for (const EvaluatedConfig& e : result.evaluated) {
        const bool ok = search.acceptable(e.score);
        if (!ok)
            continue;
        if (best < 0) {
            best = e.index;
            continue;
        }
        const EvaluatedConfig& b = result.evaluated[static_cast<size_t>(best)];
        const bool better = search.accuracyMode()
                                ? (e.objective < b.objective - 1e-12 ||
                                   (std::abs(e.objective - b.objective) <= 1e-12 &&
                                    search.drop(e) < search.drop(b)))
                                : (search.drop(e) < search.drop(b) - 1e-9 ||
                                   (std::abs(search.drop(e) - search.drop(b)) <= 1e-9 &&
                                    e.objective < b.objective));
        if (better)
            best = e.index;
    }
    if (best < 0) // nothing keeps the target: the accepted end state (W8A8 in accuracy mode)
        best = search.evaluate(search.state, "refine", "").index;
    result.best = best;
    result.bits = result.found().bits;
    result.config = applyBits(base, result.bits);
    result.targetMet = result.found().feasible;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

} // namespace ql
