// analyzeSensitivity() and its JSON / CSV export (sensitivity.h).

#include "core/quant/sensitivity.h"

#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>
#include <chrono>

#include "core/error.h"
#include "core/quant/report_io.h"

namespace ql {

const char* bitsTargetName(BitsTarget t)
{
    switch (t) {
    case BitsTarget::Weights: return "weights";
    case BitsTarget::Activations: return "activations";
    case BitsTarget::Both: return "both";
    }
    return "weights";
}

BitsTarget parseBitsTarget(const std::string& name)
{
    for (BitsTarget t : {BitsTarget::Weights, BitsTarget::Activations, BitsTarget::Both})
        if (name == bitsTargetName(t))
            return t;
    throw Error("unknown bit-width target '" + name + "' (weights, activations, both)");
}

const SensitivityCell* LayerSensitivity::cell(BitsTarget kind, int bits) const
{
    for (const SensitivityCell& c : cells)
        if (c.kind == kind && c.bits == bits)
            return &c;
    return nullptr;
}

const LayerSensitivity* SensitivityResult::find(const std::string& layer) const
{
    for (const LayerSensitivity& l : layers)
        if (l.layer == layer)
            return &l;
    return nullptr;
}

std::vector<std::string> weightedLayers(const Model& model, const QuantConfig& base)
{
    std::vector<std::string> names;
    for (const PlannedLayer& L : planLayers(model, base.defaults.fusion).layers)
        if (L.hasWeights && !resolveLayer(base, L.name).keepFloat)
            names.push_back(L.name);
    return names;
}

QuantConfig onlyLayerConfig(const QuantConfig& base, const std::string& layer, BitsTarget kind,
                            int bits)
{
    QuantConfig c = base;
    c.defaults.keepFloat = true;
    for (auto& [name, o] : c.layers)
        o.keepFloat = true;
    LayerOverride& o = c.layers[layer];
    o.keepFloat = false;
    if (kind != BitsTarget::Activations) {
        if (!o.weights)
            o.weights = TensorQuantOverride{};
        o.weights->bits = bits;
    }
    if (kind != BitsTarget::Weights) {
        if (!o.activations)
            o.activations = TensorQuantOverride{};
        o.activations->bits = bits;
    }
    return c;
}

QuantConfig floatLayerConfig(const QuantConfig& base, const std::string& layer)
{
    QuantConfig c = base;
    c.layers[layer].keepFloat = true;
    return c;
}

SensitivityResult analyzeSensitivity(const ExitScorer& scorer, const QuantConfig& base,
                                     const CalibrationStats& calib,
                                     const SensitivityOptions& options, const RunControl& ctl)
{
    const auto start = std::chrono::steady_clock::now();
    const Model& model = scorer.model();
    SensitivityResult result;
    result.model = QFileInfo(QString::fromStdString(model.path)).fileName().toStdString();
    result.samples = scorer.samples();
    result.labelled = scorer.labelled();
    for (const ExitInfo& e : model.exits)
        result.exits.push_back(e.output);
    result.fp32Top1 = scorer.fp32Top1();
    result.bits = options.bits;
    std::sort(result.bits.begin(), result.bits.end());
    result.bits.erase(std::unique(result.bits.begin(), result.bits.end()), result.bits.end());
    for (int b : result.bits)
        if (b < 2 || b > 16)
            throw Error("sensitivity: bit width " + std::to_string(b) + " is outside 2..16");
    result.kinds = options.kinds.empty() ? std::vector<BitsTarget>{BitsTarget::Weights}
                                         : options.kinds;

    const LayerPlan plan = planLayers(model, base.defaults.fusion);
    const std::vector<std::string> names = weightedLayers(model, base);
    const long long total = 1 + static_cast<long long>(names.size()) *
                                    ((options.reverse ? 1 : 0) +
                                     static_cast<long long>(result.kinds.size() * result.bits.size()));
    long long done = 0;
    RunControl inner = ctl;
    inner.progress = nullptr;
    auto evaluate = [&](const QuantConfig& c) {
        ctl.check();
        ExitScore s = scorer.score(c, calib, inner);
        ++result.evaluations;
        ctl.report(++done, total);
        return s;
    };

    result.base = evaluate(base);
    for (const std::string& name : names) {
        const PlannedLayer& L = *plan.find(name);
        LayerSensitivity ls;
        ls.layer = name;
        ls.opType = L.opType;
        ls.depth = L.depth;
        ls.weights = L.weight.numel();
        ls.macs = L.macs;
        for (BitsTarget kind : result.kinds)
            for (int bits : result.bits) {
                const ExitScore s = evaluate(onlyLayerConfig(base, name, kind, bits));
                ls.cells.push_back({kind, bits, s.top1, s.drop, s.sqnrDb});
            }
        if (options.reverse) {
            const ExitScore s = evaluate(floatLayerConfig(base, name));
            ls.reverseDrop = s.drop;
            ls.reverseSqnrDb = s.sqnrDb;
        }
        result.layers.push_back(std::move(ls));
    }
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

void mergeSensitivity(SensitivityResult& into, const SensitivityResult& part)
{
    if (into.layers.empty()) {
        into = part;
        return;
    }
    for (const LayerSensitivity& p : part.layers) {
        LayerSensitivity* l = nullptr;
        for (LayerSensitivity& x : into.layers)
            l = x.layer == p.layer ? &x : l;
        if (!l) {
            into.layers.push_back(p);
            continue;
        }
        for (const SensitivityCell& c : p.cells)
            if (!l->cell(c.kind, c.bits))
                l->cells.push_back(c);
    }
    for (int b : part.bits)
        if (std::find(into.bits.begin(), into.bits.end(), b) == into.bits.end())
            into.bits.push_back(b);
    std::sort(into.bits.begin(), into.bits.end());
    for (BitsTarget k : part.kinds)
        if (std::find(into.kinds.begin(), into.kinds.end(), k) == into.kinds.end())
            into.kinds.push_back(k);
}

// ---- export -----------------------------------------------------------------------------------

namespace {

QJsonArray numbers(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

QString csvField(const std::string& s)
{
    QString q = QString::fromStdString(s);
    if (q.contains(QLatin1Char(',')) || q.contains(QLatin1Char('"')) ||
        q.contains(QLatin1Char('\n'))) {
        q.replace(QLatin1String("\""), QLatin1String("\"\""));
        q = QLatin1Char('"') + q + QLatin1Char('"');
    }
    return q;
}

QString num(double v)
{
    return QString::number(v, 'g', 8);
}

} // namespace

std::string sensitivityToJson(const SensitivityResult& r)
{
    QJsonObject root;
    root[QStringLiteral("format")] = QStringLiteral("quantlens-sensitivity");
    root[QStringLiteral("format_version")] = 1;
    root[QStringLiteral("model")] = QString::fromStdString(r.model);
    root[QStringLiteral("samples")] = static_cast<qint64>(r.samples);
    root[QStringLiteral("labelled")] = r.labelled;
    QJsonArray exits;
    for (const std::string& e : r.exits)
        exits.append(QString::fromStdString(e));
    root[QStringLiteral("exits")] = exits;
    root[QStringLiteral("fp32_top1")] = numbers(r.fp32Top1);
    QJsonArray bits, kinds;
    for (int b : r.bits)
        bits.append(b);
    for (BitsTarget k : r.kinds)
        kinds.append(QString::fromLatin1(bitsTargetName(k)));
    root[QStringLiteral("bits")] = bits;
    root[QStringLiteral("kinds")] = kinds;
    QJsonObject base;
    base[QStringLiteral("top1")] = numbers(r.base.top1);
    base[QStringLiteral("drop")] = numbers(r.base.drop);
    base[QStringLiteral("sqnr_db")] = numbers(r.base.sqnrDb);
    base[QStringLiteral("bytes")] = static_cast<qint64>(r.base.size.quantizedBytes);
    root[QStringLiteral("base")] = base;
    QJsonArray layers;
    for (const LayerSensitivity& l : r.layers) {
        QJsonObject o;
        o[QStringLiteral("layer")] = QString::fromStdString(l.layer);
        o[QStringLiteral("op")] = QString::fromStdString(l.opType);
        o[QStringLiteral("depth")] = l.depth;
        o[QStringLiteral("weights")] = static_cast<qint64>(l.weights);
        o[QStringLiteral("macs")] = static_cast<qint64>(l.macs);
        QJsonArray cells;
        for (const SensitivityCell& c : l.cells) {
            QJsonObject co;
            co[QStringLiteral("kind")] = QString::fromLatin1(bitsTargetName(c.kind));
            co[QStringLiteral("bits")] = c.bits;
            co[QStringLiteral("top1")] = numbers(c.top1);
            co[QStringLiteral("drop")] = numbers(c.drop);
            co[QStringLiteral("sqnr_db")] = numbers(c.sqnrDb);
            cells.append(co);
        }
        o[QStringLiteral("cells")] = cells;
        if (!l.reverseDrop.empty()) {
            QJsonObject rev;
            rev[QStringLiteral("drop")] = numbers(l.reverseDrop);
            rev[QStringLiteral("sqnr_db")] = numbers(l.reverseSqnrDb);
            o[QStringLiteral("reverse")] = rev;
        }
        layers.append(o);
    }
    root[QStringLiteral("layers")] = layers;
    root[QStringLiteral("evaluations")] = r.evaluations;
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::string sensitivityToCsv(const SensitivityResult& r)
{
    QStringList header{QStringLiteral("layer"), QStringLiteral("op"), QStringLiteral("kind"),
                       QStringLiteral("bits")};
    for (const std::string& e : r.exits)
        header << QStringLiteral("top1_%1").arg(QString::fromStdString(e))
               << QStringLiteral("drop_%1").arg(QString::fromStdString(e))
               << QStringLiteral("sqnr_db_%1").arg(QString::fromStdString(e));
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const LayerSensitivity& l : r.layers) {
        for (const SensitivityCell& c : l.cells) {
            QStringList row{csvField(l.layer), csvField(l.opType),
                            QString::fromLatin1(bitsTargetName(c.kind)), QString::number(c.bits)};
            for (size_t e = 0; e < r.exits.size(); ++e)
                row << num(c.top1[e]) << num(c.drop[e]) << num(c.sqnrDb[e]);
            text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
        if (!l.reverseDrop.empty()) {
            QStringList row{csvField(l.layer), csvField(l.opType), QStringLiteral("reverse"),
                            QString()};
            for (size_t e = 0; e < r.exits.size(); ++e)
                row << num(r.fp32Top1[e] - l.reverseDrop[e]) << num(l.reverseDrop[e])
                    << num(l.reverseSqnrDb[e]);
            text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    return text.toStdString();
}

void saveSensitivity(const SensitivityResult& result, const std::string& path)
{
    const QString suffix = QFileInfo(QString::fromStdString(path)).suffix().toLower();
    if (suffix == QLatin1String("json"))
        writeTextFileAtomic(path, sensitivityToJson(result));
    else if (suffix == QLatin1String("csv"))
        writeTextFileAtomic(path, sensitivityToCsv(result));
    else
        throw Error(path + ": expected a .json or .csv file name");
}

} // namespace ql
