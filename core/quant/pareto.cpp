// applyBits(), averageWeightBits(), paretoFront() and paretoToCsv() (autoquant.h).

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <algorithm>

#include "core/quant/autoquant.h"

namespace ql {

QuantConfig applyBits(const QuantConfig& base, const BitAssignment& bits)
{
    QuantConfig c = base;
    for (const auto& [layer, b] : bits) {
        LayerOverride& o = c.layers[layer];
        if (!o.weights)
            o.weights = TensorQuantOverride{};
        if (!o.activations)
            o.activations = TensorQuantOverride{};
        o.weights->bits = b.weights;
        o.activations->bits = b.activations;
    }
    return c;
}

double averageWeightBits(const Model& model, const QuantConfig& config)
{
    double bits = 0.0, count = 0.0;
    for (const PlannedLayer& L : planLayers(model, config.defaults.fusion).layers) {
        if (!L.hasWeights)
            continue;
        const ResolvedLayerConfig r = resolveLayer(config, L.name);
        if (r.keepFloat)
            continue;
        bits += double(r.weights.bits) * double(L.weight.numel());
        count += double(L.weight.numel());
    }
    return count > 0 ? bits / count : 0.0;
}

namespace {

double costOf(const EvaluatedConfig& e, CostAxis axis)
{
    return axis == CostAxis::Bytes ? double(e.score.size.quantizedBytes)
                                   : e.score.size.quantizedBitOps;
}

// Higher is better: top-1 at `exit`, or minus the worst drop.
double valueOf(const EvaluatedConfig& e, int exit)
{
    if (exit >= 0 && exit < static_cast<int>(e.score.top1.size()))
        return e.score.top1[static_cast<size_t>(exit)];
    return -e.score.dropAt(-1);
}

QString bitsText(const BitAssignment& bits)
{
    QStringList parts;
    for (const auto& [layer, b] : bits)
        parts << QStringLiteral("%1:w%2a%3").arg(QString::fromStdString(layer)).arg(b.weights).arg(
                     b.activations);
    return parts.join(QLatin1Char(';'));
}

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')))
        return s;
    QString q = s;
    q.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace

std::vector<int> paretoFront(const std::vector<EvaluatedConfig>& evaluated, int exit,
                             CostAxis axis)
{
    std::vector<int> order;
    for (const EvaluatedConfig& e : evaluated)
        if (e.stage == "start" || e.stage == "greedy" || e.stage == "refine" ||
            e.stage == "uniform")
            order.push_back(e.index);
    // Cheapest first; at equal cost the better one first, so the others are dominated.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const EvaluatedConfig& ea = evaluated[static_cast<size_t>(a)];
        const EvaluatedConfig& eb = evaluated[static_cast<size_t>(b)];
        const double ca = costOf(ea, axis), cb = costOf(eb, axis);
        if (ca != cb)
            return ca < cb;
        return valueOf(ea, exit) > valueOf(eb, exit);
    });
    std::vector<int> front;
    double bestValue = 0.0;
    for (int i : order) {
        const double v = valueOf(evaluated[static_cast<size_t>(i)], exit);
        if (front.empty() || v > bestValue + 1e-12) {
            front.push_back(i);
            bestValue = v;
        }
    }
    return front;
}

std::string paretoToCsv(const AutoQuantResult& r, int exit)
{
    const std::vector<int> front = paretoFront(r.evaluated, exit, CostAxis::Bytes);
    QStringList header{QStringLiteral("index"),     QStringLiteral("stage"),
                       QStringLiteral("move"),      QStringLiteral("accepted"),
                       QStringLiteral("feasible"),  QStringLiteral("bytes"),
                       QStringLiteral("avg_weight_bits"), QStringLiteral("bitops")};
    for (const std::string& e : r.exits)
        header << QStringLiteral("top1_%1").arg(QString::fromStdString(e))
               << QStringLiteral("drop_%1").arg(QString::fromStdString(e))
               << QStringLiteral("sqnr_db_%1").arg(QString::fromStdString(e));
    header << QStringLiteral("on_front") << QStringLiteral("found") << QStringLiteral("bits");
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const EvaluatedConfig& e : r.evaluated) {
        QStringList row{QString::number(e.index),
                        QString::fromStdString(e.stage),
                        csvField(QString::fromStdString(e.move)),
                        e.accepted ? QStringLiteral("1") : QStringLiteral("0"),
                        e.feasible ? QStringLiteral("1") : QStringLiteral("0"),
                        QString::number(e.score.size.quantizedBytes),
                        QString::number(e.averageWeightBits, 'f', 4),
                        QString::number(e.score.size.quantizedBitOps, 'g', 10)};
        for (size_t x = 0; x < r.exits.size(); ++x)
            row << QString::number(e.score.top1[x], 'f', 2)
                << QString::number(e.score.drop[x], 'f', 2)
                << QString::number(e.score.sqnrDb[x], 'f', 3);
        row << (std::find(front.begin(), front.end(), e.index) != front.end() ? QStringLiteral("1")
                                                                               : QStringLiteral("0"))
            << (e.index == r.best ? QStringLiteral("1") : QStringLiteral("0"))
            << csvField(bitsText(e.bits));
        text += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text.toStdString();
}

} // namespace ql
