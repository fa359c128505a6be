#include "core/lessons/lesson_values.h"

#include <QLocale>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cmath>
#include <set>

#include "core/error.h"

namespace ql {

namespace {

bool isWeighted(const QuantizedLayer& l)
{
    return l.isMatmul();
}

// Largest / smallest per-output-channel max|w| of the float (folded) weights: how much one
// per-tensor scale has to stretch to cover every channel.
double channelSpread(const PlannedLayer& p)
{
    const int64_t channels = p.outChannels();
    if (channels < 2 || p.weight.f.empty())
        return 1.0;
    const int64_t per = int64_t(p.weight.f.size()) / channels;
    double lo = INFINITY, hi = 0.0;
    for (int64_t o = 0; o < channels; ++o) {
        double m = 0.0;
        for (int64_t i = 0; i < per; ++i)
            m = std::max(m, double(std::fabs(p.weight.f[size_t(o * per + i)])));
        lo = std::min(lo, m);
        hi = std::max(hi, m);
    }
    return lo > 0.0 ? hi / lo : INFINITY;
}

const std::set<std::string>& integerKeys()
{
    static const std::set<std::string> keys = {
        "Z_x", "Z_w", "Z_y", "qmin", "qmax", "K", "x0", "w0", "p0", "sum", "bias_code", "acc",
        "M0", "shift", "n", "rounded", "with_zp", "act_min", "act_max", "q", "trunc_q",
        "even_q", "depth", "macs", "params", "w_bits", "a_bits", "channels", "layers",
        "weighted", "exits", "samples", "overflows", "total", "differing", "max_diff", "count",
        "layer_w_bits"};
    return keys;
}

std::string lastPart(const std::string& key)
{
    const auto dot = key.rfind('.');
    return dot == std::string::npos ? key : key.substr(dot + 1);
}

const ExitPolicyPoint* policyAt(const EvaluationReport& r, double threshold)
{
    for (const ExitPolicyPoint& p : r.exitPolicy)
        if (std::fabs(p.threshold - threshold) < 1e-9)
            return &p;
    return nullptr;
}

} // namespace

double reportTop1(const EvaluationReport& r)
{
    return r.exits.empty() ? 0.0 : r.exits.back().quantTop1;
}

double layerMeanLsb(const LayerReport& l)
{
    if (!l.quantized || l.outputParams.scale.size() != 1 || l.outputParams.scale[0] <= 0.0f)
        return 0.0;
    return l.propagated.meanError / double(l.outputParams.scale[0]);
}

double reportMeanLsb(const EvaluationReport& r, double from, double to)
{
    std::vector<double> lsb;
    for (const LayerReport& l : r.layers)
        if (l.quantized && l.outputParams.scale.size() == 1)
            lsb.push_back(std::fabs(layerMeanLsb(l)));
    const auto n = double(lsb.size());
    const auto begin = size_t(std::floor(from * n)), end = size_t(std::floor(to * n));
    double sum = 0.0;
    for (size_t i = begin; i < end; ++i)
        sum += lsb[i];
    return end > begin ? sum / double(end - begin) : 0.0;
}

LessonResolver::LessonResolver(LessonContext context) : m_ctx(std::move(context)) {}

std::string LessonResolver::selectLayer(const std::string& selector) const
{
    if (!m_ctx.qmodel)
        return {};
    const auto& layers = m_ctx.qmodel->layers;
    if (selector.empty())
        return {};
    if (!std::count(lessonLayerSelectors().begin(), lessonLayerSelectors().end(), selector))
        return m_ctx.qmodel->plan.find(selector) ? selector : std::string();
    const QuantizedLayer* best = nullptr;
    double bestScore = -1.0;
    for (const QuantizedLayer& l : layers) {
        if (!isWeighted(l))
            continue;
        double score = 0.0;
        if (selector == "first_weighted")
            return l.plan.name;
        if (selector == "last_weighted")
            score = l.plan.depth;
        else if (selector == "largest_weighted")
            score = double(l.plan.params);
        else if (selector == "widest_channel_spread")
            score = channelSpread(l.plan);
        else if (selector == "first_folded_bn") {
            if (!l.plan.foldedBatchNorm.empty())
                return l.plan.name;
            continue;
        }
        if (score > bestScore) { // first of equals wins
            bestScore = score;
            best = &l;
        }
    }
    return best ? best->plan.name : std::string();
}

std::vector<std::string> LessonResolver::missingRequirements(const LessonStep& step,
                                                             const std::string& layer) const
{
    std::vector<std::string> missing;
    const QuantizedLayer* q = nullptr;
    if (m_ctx.qmodel)
        for (const QuantizedLayer& l : m_ctx.qmodel->layers)
            if (l.plan.name == layer)
                q = &l;
    for (const auto& [req, text] : step.requirements) {
        bool ok = false;
        if (req == "weighted")
            ok = q && isWeighted(*q);
        else if (req == "folded_bn")
            ok = q && !q->plan.foldedBatchNorm.empty();
        else if (req == "multi_exit")
            ok = m_ctx.report && m_ctx.report->exits.size() >= 2;
        else if (req == "labelled")
            ok = m_ctx.report && m_ctx.report->labelled;
        else if (req == "per_channel_weights")
            ok = q && isWeighted(*q) && q->plan.outChannels() > 1;
        if (!ok)
            missing.push_back(req);
    }
    return missing;
}

const LayerReport* LessonResolver::layerReport(const std::string& layer) const
{
    if (!m_ctx.report || layer.empty())
        return nullptr;
    for (const LayerReport& l : m_ctx.report->layers)
        if (l.name == layer)
            return &l;
    return nullptr;
}

std::vector<int64_t> LessonResolver::element(const std::string& layer) const
{
    const LayerReport* l = layerReport(layer);
    if (!l)
        return {};
    if (!l->worstIndex.empty())
        return l->worstIndex;
    std::vector<int64_t> first(l->outputShape.size(), 0); // batch dim included (n = 0)
    return first;
}

const ExplainResult* LessonResolver::explanation(const std::string& layer) const
{
    auto it = m_explained.find(layer);
    if (it == m_explained.end()) {
        std::optional<ExplainResult> result;
        const LayerReport* l = layerReport(layer);
        const PlannedLayer* p = m_ctx.qmodel ? m_ctx.qmodel->plan.find(layer) : nullptr;
        bool weighted = false;
        if (m_ctx.qmodel)
            for (const QuantizedLayer& q : m_ctx.qmodel->layers)
                weighted |= q.plan.name == layer && isWeighted(q);
        if (l && p && weighted && m_ctx.images && !m_ctx.images->empty())
            result = explainElement(*m_ctx.qmodel, *m_ctx.images, layer, element(layer));
        it = m_explained.emplace(layer, std::move(result)).first;
    }
    return it->second ? &*it->second : nullptr;
}

std::optional<double> LessonResolver::number(const std::string& key, const std::string& layer) const
{
    const auto dot = key.find('.');
    if (dot == std::string::npos)
        return std::nullopt;
    const std::string ns = key.substr(0, dot), k = key.substr(dot + 1);
    const EvaluationReport* r = m_ctx.report;

    if (ns == "model" && r) {
        if (k == "layers") return double(r->layers.size());
        if (k == "weighted") {
            if (!m_ctx.qmodel) return std::nullopt;
            int n = 0;
            for (const QuantizedLayer& q : m_ctx.qmodel->layers)
                n += isWeighted(q);
            return double(n);
        }
        if (k == "exits") return double(r->exits.size());
        if (k == "samples") return double(r->samples);
        if (k == "fp32_kb") return r->size.fp32Bytes / 1000.0;
        if (k == "quant_kb") return r->size.quantizedBytes / 1000.0;
        if (k == "compression") return r->size.compression();
        if (k == "top1") return reportTop1(*r);
        if (k == "fp32_top1" && !r->exits.empty()) return r->exits.back().fp32Top1;
        if (k == "mean_lsb") return reportMeanLsb(*r);
        if (k == "overflows") return double(r->totalOverflows);
        return std::nullopt;
    }
    if (ns == "layer") {
        const LayerReport* l = layerReport(layer);
        if (!l) return std::nullopt;
        if (k == "depth") return double(l->depth);
        if (k == "macs") return double(l->macs);
        if (k == "params") return double(l->params);
        if (!l->quantized) return std::nullopt;
        const QuantParams& y = l->outputParams;
        const QuantParams& w = l->weightParams;
        if (k == "a_bits") return double(l->config.activations.bits);
        if (k == "S_y" && y.scale.size() == 1) return double(y.scale[0]);
        if (k == "Z_y" && y.zeroPoint.size() == 1) return double(y.zeroPoint[0]);
        if (k == "qmin") return double(y.qmin);
        if (k == "qmax") return double(y.qmax);
        if (k == "range_lo") return l->propagated.clipMin;
        if (k == "range_hi") return l->propagated.clipMax;
        if (k == "ref_min") return l->propagated.refMin;
        if (k == "ref_max") return l->propagated.refMax;
        if (k == "clip_pct") return 100.0 * (l->propagated.clipLowRate + l->propagated.clipHighRate);
        if (k == "sqnr") return l->propagated.sqnrDb;
        if (k == "sqnr_local") return l->local.sqnrDb;
        if (k == "mean_error") return l->propagated.meanError;
        if (k == "mean_lsb") return layerMeanLsb(*l);
        if (w.scale.empty()) return std::nullopt;
        if (k == "w_bits") return double(l->config.weights.bits);
        if (k == "weight_sqnr") return l->weightError.sqnrDb;
        if (k == "channels") return double(w.scale.size());
        if (k == "S_w") return double(w.scale[0]);
        const auto [lo, hi] = std::minmax_element(w.scale.begin(), w.scale.end());
        if (k == "S_w_min") return double(*lo);
        if (k == "S_w_max") return double(*hi);
        if (k == "S_w_ratio" && *lo > 0.0f) return double(*hi) / double(*lo);
        return std::nullopt;
    }
    if (ns == "explain") {
        const ExplainResult* e = explanation(layer);
        if (!e) return std::nullopt;
        if (k == "S_x") return e->inputScale;
        if (k == "Z_x") return e->inputZeroPoint;
        if (k == "S_w") return e->weightScale;
        if (k == "Z_w") return e->weightZeroPoint;
        if (k == "K") return double(e->terms.size());
        if (!e->terms.empty()) {
            if (k == "x0") return e->terms[0].x;
            if (k == "w0") return e->terms[0].w;
            if (k == "p0") return double(e->terms[0].product);
        }
        if (k == "sum") return double(e->sumProducts);
        if (k == "bias") return e->biasReal;
        if (k == "bias_code") return e->biasCode;
        if (k == "acc") return double(e->accumulator);
        if (k == "M") return e->multiplier;
        if (k == "M0") return e->multiplierFixed;
        if (k == "shift") return e->shift;
        if (k == "n") return 31 - e->shift; // M = M0 · 2^−n
        if (k == "scaled") return e->scaledAccumulator;
        if (k == "rounded") return double(e->rounded);
        if (k == "with_zp") return double(e->withZeroPoint);
        if (k == "act_min") return e->activationMin;
        if (k == "act_max") return e->activationMax;
        if (k == "q") return e->outputCode;
        if (k == "S_y") return e->outputScale;
        if (k == "Z_y") return e->outputZeroPoint;
        if (k == "deq") return e->dequantized;
        if (k == "fp32") return e->fp32;
        if (k == "error") return e->dequantized - e->fp32;
        for (const RoundingAlternative& a : e->alternatives) {
            if (k == "trunc_q" && a.rounding == "toward_zero") return a.code;
            if (k == "even_q" && a.rounding == "half_even") return a.code;
        }
        return std::nullopt;
    }
    if (ns == "bn" && m_ctx.qmodel) {
        const PlannedLayer* p = m_ctx.qmodel->plan.find(layer);
        if (!p || p->foldedBatchNorm.empty() || !p->hasWeights) return std::nullopt;
        const Graph& g = m_ctx.qmodel->model->graph;
        const Node& conv = p->anchor(g);
        const int bnIndex = g.nodeIndex(p->foldedBatchNorm);
        if (bnIndex < 0) return std::nullopt;
        const Node& bn = g.nodes[size_t(bnIndex)];
        auto init = [&](const Node& node, size_t input) -> std::optional<double> {
            if (node.inputs.size() <= input) return std::nullopt;
            const auto it = g.initializers.find(node.inputs[input]);
            if (it == g.initializers.end() || it->second.numel() == 0) return std::nullopt;
            return it->second.at(0);
        };
        const double eps = bn.attrFloat("epsilon", 1e-5f);
        if (k == "eps") return eps;
        if (k == "gamma") return init(bn, 1);
        if (k == "beta") return init(bn, 2);
        if (k == "mean") return init(bn, 3);
        if (k == "var") return init(bn, 4);
        if (k == "sigma") {
            const auto var = init(bn, 4);
            return var ? std::optional<double>(std::sqrt(*var + eps)) : std::nullopt;
        }
        if (k == "w") return init(conv, 1);
        if (k == "b") return conv.inputs.size() > 2 && !conv.inputs[2].empty() ? init(conv, 2)
                                                                              : std::optional<double>(0.0);
        if (k == "w_folded" && !p->weight.f.empty()) return p->weight.f[0];
        if (k == "b_folded" && !p->bias.empty()) return p->bias[0];
        return std::nullopt;
    }
    if ((ns == "exit" || ns == "policy") && r && !r->exits.empty()) {
        const ExitReport& first = r->exits.front();
        const ExitReport& last = r->exits.back();
        if (k == "count") return double(r->exits.size());
        if (ns == "exit") {
            if (k == "first_fp32") return first.fp32Top1;
            if (k == "first_quant") return first.quantTop1;
            if (k == "last_fp32") return last.fp32Top1;
            if (k == "last_quant") return last.quantTop1;
            if (k == "first_macs_pct" && last.macs > 0) return 100.0 * double(first.macs) / double(last.macs);
            return std::nullopt;
        }
        const ExitPolicyPoint* p = policyAt(*r, 0.9);
        if (!p || last.macs <= 0) return std::nullopt;
        if (k == "threshold") return p->threshold;
        if (k == "acc") return p->quantAccuracy;
        if (k == "fp32_acc") return p->fp32Accuracy;
        if (k == "macs_pct") return 100.0 * p->quantAvgMacs / double(last.macs);
        if (k == "saving_pct") return 100.0 - 100.0 * p->quantAvgMacs / double(last.macs);
        if (k == "first_share_pct" && !p->quantExitShare.empty()) return 100.0 * p->quantExitShare[0];
        return std::nullopt;
    }
    if (ns == "before" || ns == "after") {
        const EvaluationReport* br = ns == "before" ? m_ctx.before : m_ctx.after;
        if (!br) return std::nullopt;
        if (k == "top1") return reportTop1(*br);
        if (k == "mean_lsb") return reportMeanLsb(*br);
        if (k == "first_third_lsb") return reportMeanLsb(*br, 0.0, 1.0 / 3.0);
        if (k == "last_third_lsb") return reportMeanLsb(*br, 2.0 / 3.0, 1.0);
        if (k == "size_kb") return br->size.quantizedBytes / 1000.0;
        const LayerReport* l = nullptr;
        for (const LayerReport& x : br->layers)
            if (x.name == layer) l = &x;
        if (!l || !l->quantized) return std::nullopt;
        if (k == "layer_sqnr") return l->propagated.sqnrDb;
        if (k == "layer_mean_lsb") return layerMeanLsb(*l);
        if (k == "layer_clip_pct") return 100.0 * (l->propagated.clipLowRate + l->propagated.clipHighRate);
        if (l->weightParams.scale.empty()) return std::nullopt;
        if (k == "layer_weight_sqnr") return l->weightError.sqnrDb;
        if (k == "layer_w_bits") return double(l->config.weights.bits);
        return std::nullopt;
    }
    if (ns == "delta" && m_ctx.before && m_ctx.after) {
        if (k == "top1") return reportTop1(*m_ctx.after) - reportTop1(*m_ctx.before);
        if (k == "size_kb")
            return (m_ctx.after->size.quantizedBytes - m_ctx.before->size.quantizedBytes) / 1000.0;
        return std::nullopt;
    }
    if (ns == "codes" && m_ctx.codes) {
        if (k == "identical_pct") return m_ctx.codes->identicalPct();
        if (k == "total") return double(m_ctx.codes->total);
        if (k == "differing") return double(m_ctx.codes->total - m_ctx.codes->identical);
        if (k == "max_diff") return double(m_ctx.codes->maxDiff);
        return std::nullopt;
    }
    return std::nullopt;
}

std::string LessonResolver::format(const std::string& key, double v, int digits) const
{
    QLocale locale(QString::fromStdString(m_ctx.language));
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    const std::string last = lastPart(key);
    if (digits > 0)
        return locale.toString(v, 'g', digits).toStdString();
    if (integerKeys().count(last) && v == std::floor(v))
        return locale.toString(qlonglong(v)).toStdString();
    const bool percent = last.find("pct") != std::string::npos || last.find("top1") != std::string::npos ||
                         last == "acc" || last == "fp32_acc" || last.ends_with("_fp32") ||
                         last.ends_with("_quant");
    if (percent || last.find("sqnr") != std::string::npos)
        return locale.toString(v, 'f', percent ? 2 : 1).toStdString();
    return locale.toString(v, 'g', 4).toStdString();
}

std::optional<ResolvedValue> LessonResolver::value(const std::string& key,
                                                   const std::string& layer) const
{
    ResolvedValue out;
    out.key = key;
    if (key == "layer.name" || key == "layer.op") {
        const LayerReport* l = layerReport(layer);
        if (!l) return std::nullopt;
        out.isNumber = false;
        out.text = key == "layer.name" ? l->name : l->opType;
        return out;
    }
    if (key == "explain.element") {
        const ExplainResult* e = explanation(layer);
        if (!e) return std::nullopt;
        out.isNumber = false;
        for (int64_t i : e->index)
            out.text += (out.text.empty() ? "(" : ", ") + std::to_string(i);
        out.text += ")";
        return out;
    }
    const std::optional<double> v = number(key, layer);
    if (!v || !std::isfinite(*v))
        return std::nullopt;
    out.number = *v;
    out.text = format(key, *v);
    return out;
}

ResolvedText LessonResolver::resolve(const std::string& text, const std::string& layer) const
{
    static const QRegularExpression placeholder(QStringLiteral(R"(\{([a-z_]+\.[A-Za-z0-9_]+)(?::(\d+))?\})"));
    ResolvedText out;
    const QString in = QString::fromStdString(text);
    QString html;
    qsizetype pos = 0;
    auto it = placeholder.globalMatch(in);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        html += in.mid(pos, m.capturedStart() - pos);
        pos = m.capturedEnd();
        const std::string key = m.captured(1).toStdString();
        const int digits = m.captured(2).isEmpty() ? 0 : m.captured(2).toInt();
        std::optional<ResolvedValue> v = value(key, layer);
        if (!v) {
            out.unresolved.push_back(key);
            html += m.captured(0);
            continue;
        }
        if (v->isNumber && digits > 0)
            v->text = format(key, v->number, digits);
        html += QString::fromStdString(v->text)
                    .toHtmlEscaped();
        out.values.push_back(*v);
    }
    html += in.mid(pos);
    out.html = html.toStdString();
    return out;
}

} // namespace ql
