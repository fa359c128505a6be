#include "widgets/quant_layer_model.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <QFont>
#include <QUndoStack>

#include <algorithm>

#include "core/quant/engine.h"
#include "widgets/quant_options.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"
#include "core/text_format.h"

namespace ql {

namespace {

const QString kDash = QStringLiteral("—");

QString sqnrText(const ErrorStats& s)
{
    if (s.count == 0)
        return kDash;
    if (s.mse == 0.0)
        return QStringLiteral("exact");
    return QString::number(s.sqnrDb, 'f', 1);
}

bool runsInteger(const LayerReport& r)
{
    return r.quantized && r.kind == LayerKind::Integer;
}

} // namespace

const QList<QuantChoice>& QuantLayerModel::choices(int column)
{
    static const QList<QuantChoice> none;
    switch (column) {
    case SchemeColumn:
        return quantChoices(QuantOption::Scheme);
    case GranularityColumn:
        return quantChoices(QuantOption::Granularity);
    case RoundingColumn:
        return quantChoices(QuantOption::Rounding);
    case ObserverColumn:
        return quantChoices(QuantOption::Observer);
    default:
        return none;
    }
}

QString QuantLayerModel::sqnrLegend()
{
    return tr("SQNR = 10·log10(Σr² / Σe²): signal over quantization noise.\n"
              "red < %1 dB · amber < %2 dB · green ≥ %2 dB")
        .arg(kSqnrRed)
        .arg(kSqnrAmber);
}

// ---- the model ------------------------------------------------------------------------------

QuantLayerModel::QuantLayerModel(QuantSession* session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session)
{
    rebuildReportIndex();
    connect(session, &QuantSession::planChanged, this, [this] {
        beginResetModel();
        rebuildReportIndex();
        endResetModel();
    });
    connect(session, &QuantSession::configChanged, this, [this] {
        emitColumnsChanged(WeightBitsColumn, KeepFloatColumn);
        emitColumnsChanged(SqnrLocalColumn, OverflowColumn); // stale: greyed
    });
    connect(session, &QuantSession::reportAvailable, this, [this] {
        rebuildReportIndex();
        emitColumnsChanged(LayerColumn, ColumnCount - 1);
    });
    connect(session, &QuantSession::evaluationStateChanged, this,
            [this] { emitColumnsChanged(SqnrLocalColumn, OverflowColumn); });
}

void QuantLayerModel::rebuildReportIndex()
{
    m_reportRow.clear();
    if (const auto report = m_session->report())
        for (size_t i = 0; i < report->layers.size(); ++i)
            m_reportRow[report->layers[i].name] = int(i);
}

void QuantLayerModel::emitColumnsChanged(int first, int last)
{
    if (rowCount() > 0)
        emit dataChanged(index(0, first), index(rowCount() - 1, last));
}

int QuantLayerModel::rowCount(const QModelIndex& parent) const
{
    const auto plan = m_session->plan();
    return parent.isValid() || !plan ? 0 : int(plan->layers.size());
}

int QuantLayerModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const PlannedLayer& QuantLayerModel::layer(int row) const
{
    return m_session->plan()->layers[size_t(row)];
}

QString QuantLayerModel::layerName(int row) const
{
    return row >= 0 && row < rowCount() ? QString::fromStdString(layer(row).name) : QString();
}

int QuantLayerModel::rowOf(const QString& name) const
{
    const auto plan = m_session->plan();
    if (!plan)
        return -1;
    const auto it = plan->layerByName.find(name.toStdString());
    return it == plan->layerByName.end() ? -1 : it->second;
}

const LayerReport* QuantLayerModel::reportOf(int row) const
{
    const auto report = m_session->report();
    const auto it = m_reportRow.find(layer(row).name);
    return report && it != m_reportRow.end() ? &report->layers[size_t(it->second)] : nullptr;
}

QString QuantLayerModel::outputShape(int row) const
{
    const auto model = m_session->session()->model();
    if (!model)
        return {};
    const auto it = model->graph.shapes.find(layer(row).output);
    if (it == model->graph.shapes.end())
        return QStringLiteral("?");
    // Without the batch dimension: the table is per sample, like the MACs.
    const Shape& shape = it->second;
    return shape.size() > 1 ? formatShape(Shape(shape.begin() + 1, shape.end()))
                            : formatShape(shape);
}

bool QuantLayerModel::isEditableColumn(int column) const
{
    return column >= WeightBitsColumn && column <= KeepFloatColumn;
}

Qt::ItemFlags QuantLayerModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    const int c = index.column();
    const bool weightOnly = c == WeightBitsColumn || c == GranularityColumn;
    if (weightOnly && !layer(index.row()).hasWeights)
        return f;
    if (c == KeepFloatColumn)
        f |= Qt::ItemIsUserCheckable;
    else if (isEditableColumn(c))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant QuantLayerModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const int row = index.row();
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(row, c);
    case Qt::EditRole:
        return editValue(row, c);
    case SortRole:
        return sortValue(row, c);
    case LayerNameRole:
        return QString::fromStdString(layer(row).name);
    case Qt::ToolTipRole:
        return toolTip(row, c);
    case Qt::BackgroundRole:
        return background(row, c);
    case Qt::ForegroundRole:
        return foreground(row, c);
    case Qt::CheckStateRole:
        if (c == KeepFloatColumn)
            return resolveLayer(m_session->config(), layer(row).name).keepFloat ? Qt::Checked
                                                                                : Qt::Unchecked;
        return {};
    case Qt::TextAlignmentRole:
        if (c == MacsColumn || c == ParamsColumn || c >= SqnrLocalColumn || c == WeightBitsColumn ||
            c == ActivationBitsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (c >= SqnrLocalColumn && m_session->isReportStale()) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    default:
        return {};
    }
}

QVariant QuantLayerModel::displayValue(int row, int column) const
{
    const PlannedLayer& L = layer(row);
    const ResolvedLayerConfig cfg = resolveLayer(m_session->config(), L.name);
    const LayerReport* r = reportOf(row);
    switch (column) {
    case LayerColumn:
        return QString::fromStdString(L.name);
    case OpColumn:
        return QString::fromStdString(L.opType);
    case OutputShapeColumn:
        return outputShape(row);
    case MacsColumn:
        return formatCount(L.macs);
    case ParamsColumn:
        return formatCount(L.params);
    case WeightBitsColumn:
        return L.hasWeights ? QString::number(cfg.weights.bits) : kDash;
    case ActivationBitsColumn:
        return QString::number(cfg.activations.bits);
    case SchemeColumn:
        return L.hasWeights ? schemeKey(cfg.weights.scheme, cfg.activations.scheme)
                            : kDash + QLatin1Char('/') + schemeShort(cfg.activations.scheme);
    case GranularityColumn:
        return L.hasWeights ? QString::fromLatin1(granularityName(cfg.weights.granularity)) : kDash;
    case RoundingColumn:
        if (L.hasWeights && cfg.weights.rounding != cfg.activations.rounding)
            return QStringLiteral("W %1 · A %2")
                .arg(QLatin1String(roundingModeName(cfg.weights.rounding)),
                     QLatin1String(roundingModeName(cfg.activations.rounding)));
        return QString::fromLatin1(roundingModeName(cfg.activations.rounding));
    case ObserverColumn:
        return QString::fromLatin1(observerKindName(cfg.activations.observer));
    case KeepFloatColumn: // the checkbox is the user's choice; the text says why a layer IS float
        return r && r->kind == LayerKind::Float ? QString::fromStdString(r->floatReason) : QString();
    case SqnrLocalColumn:
        return r && runsInteger(*r) ? sqnrText(r->local) : kDash;
    case SqnrPropagatedColumn:
        return r ? sqnrText(r->propagated) : kDash;
    case ClipColumn:
        if (!r || !runsInteger(*r) || r->propagated.count == 0)
            return kDash;
        return QString::number(100.0 * (r->propagated.clipLowRate + r->propagated.clipHighRate),
                               'f', 2);
    case OverflowColumn:
        return r && L.hasWeights && runsInteger(*r) ? formatCount(r->accumulatorOverflows) : kDash;
    default:
        return {};
    }
}

QVariant QuantLayerModel::sortValue(int row, int column) const
{
    const PlannedLayer& L = layer(row);
    const LayerReport* r = reportOf(row);
    const ResolvedLayerConfig cfg = resolveLayer(m_session->config(), L.name);
    constexpr double missing = -1.0e9; // "—" sorts first
    switch (column) {
    case LayerColumn:
        return double(L.depth); // plan order = depth
    case MacsColumn:
        return double(L.macs);
    case ParamsColumn:
        return double(L.params);
    case WeightBitsColumn:
        return L.hasWeights ? double(cfg.weights.bits) : missing;
    case ActivationBitsColumn:
        return double(cfg.activations.bits);
    case KeepFloatColumn:
        return cfg.keepFloat ? 1.0 : 0.0;
    case SqnrLocalColumn:
        return r && runsInteger(*r) && r->local.count ? r->local.sqnrDb : missing;
    case SqnrPropagatedColumn:
        return r && r->propagated.count ? r->propagated.sqnrDb : missing;
    case ClipColumn:
        return r && runsInteger(*r) && r->propagated.count
                   ? r->propagated.clipLowRate + r->propagated.clipHighRate
                   : missing;
    case OverflowColumn:
        return r && L.hasWeights && runsInteger(*r) ? double(r->accumulatorOverflows) : missing;
    default:
        return displayValue(row, column);
    }
}

QVariant QuantLayerModel::editValue(int row, int column) const
{
    const PlannedLayer& L = layer(row);
    const ResolvedLayerConfig cfg = resolveLayer(m_session->config(), L.name);
    switch (column) {
    case WeightBitsColumn:
        return cfg.weights.bits;
    case ActivationBitsColumn:
        return cfg.activations.bits;
    case SchemeColumn:
        return schemeKey(cfg.weights.scheme, cfg.activations.scheme);
    case GranularityColumn:
        return QString::fromLatin1(granularityName(cfg.weights.granularity));
    case RoundingColumn:
        return QString::fromLatin1(roundingModeName(cfg.activations.rounding));
    case ObserverColumn:
        return QString::fromLatin1(observerKindName(cfg.activations.observer));
    case KeepFloatColumn:
        return cfg.keepFloat;
    default:
        return displayValue(row, column);
    }
}

// "S = 0.0123, Z = 0" per tensor; per channel the count, the range of S and the zero points.
QString QuantLayerModel::scaleZeroText(const QuantParams& p)
{
    const auto [lo, hi] = std::minmax_element(p.scale.begin(), p.scale.end());
    const auto [zlo, zhi] = std::minmax_element(p.zeroPoint.begin(), p.zeroPoint.end());
    const QString z = *zlo == *zhi ? QString::number(*zlo)
                                   : QStringLiteral("%1 … %2").arg(*zlo).arg(*zhi);
    if (p.scale.size() == 1)
        return tr("S = %1, Z = %2").arg(double(p.scale.front()), 0, 'g', 6).arg(z);
    return tr("S per channel (%1): %2 … %3, Z = %4")
        .arg(p.scale.size())
        .arg(double(*lo), 0, 'g', 6)
        .arg(double(*hi), 0, 'g', 6)
        .arg(z);
}

QString QuantLayerModel::toolTip(int row, int column) const
{
    const PlannedLayer& L = layer(row);
    const LayerReport* r = reportOf(row);
    const QString key = editValue(row, column).toString();
    for (const QuantChoice& choice : choices(column))
        if (choice.key == key)
            return QStringLiteral("%1: %2").arg(choice.label, choice.toolTip);
    switch (column) {
    case LayerColumn: {
        QStringList lines{QStringLiteral("%1 (%2)").arg(QString::fromStdString(L.name),
                                                        QString::fromStdString(L.opType))};
        if (r)
            lines << tr("Runs as: %1").arg(r->kind == LayerKind::Integer
                                                ? tr("integer (%1)").arg(QString::fromStdString(r->kernel))
                                                : tr("float: %1").arg(QString::fromStdString(r->floatReason)));
        if (r && !r->fusedNodes.empty()) {
            QStringList fused;
            for (const std::string& n : r->fusedNodes)
                fused << QString::fromStdString(n);
            lines << tr("Fused: %1").arg(fused.join(QStringLiteral(", ")));
        }
        return lines.join(QLatin1Char('\n'));
    }
    case WeightBitsColumn:
    case ActivationBitsColumn: {
        const int bits = editValue(row, column).toInt();
        QString tip = tr("%1 bits: %2 codes (F2 or double-click to edit, 2..16)")
                          .arg(bits)
                          .arg(qlonglong(1) << bits);
        // The (S, Z) the report was made with: the weights' or the output's.
        const QuantParams* p = !r ? nullptr
                               : column == WeightBitsColumn ? &r->weightParams
                                                            : (r->quantized ? &r->outputParams : nullptr);
        if (p && !p->scale.empty()) {
            tip += QLatin1Char('\n') + scaleZeroText(*p);
            if (m_session->usesImportedParams())
                tip += QLatin1Char('\n') + tr("As stored in the QDQ file %1")
                                               .arg(QFileInfo(m_session->session()->modelPath()).fileName());
        }
        return tip;
    }
    case KeepFloatColumn:
        if (r && r->kind == LayerKind::Float)
            return tr("Runs in FP32 between a dequantize and a quantize boundary: %1\n"
                      "Check to keep it float by config.")
                .arg(QString::fromStdString(r->floatReason));
        return tr("Run this layer in FP32 between a dequantize and a quantize boundary");
    case SqnrLocalColumn:
        return tr("This layer alone, fed with the FP32 input.\n") + sqnrLegend();
    case SqnrPropagatedColumn:
        return tr("The whole integer chain up to here: upstream error arrives too.\n") +
               sqnrLegend();
    case ClipColumn:
        if (r && r->propagated.count)
            return tr("Output codes saturated at qmin: %1 %, at qmax: %2 %")
                .arg(100.0 * r->propagated.clipLowRate, 0, 'f', 3)
                .arg(100.0 * r->propagated.clipHighRate, 0, 'f', 3);
        return {};
    case OverflowColumn:
        return tr("Accumulators that left the int32 range (counted on the propagated run)");
    default:
        return {};
    }
}

QVariant QuantLayerModel::background(int row, int column) const
{
    if (column != SqnrLocalColumn && column != SqnrPropagatedColumn)
        return {};
    const double v = sortValue(row, column).toDouble();
    if (v <= -1.0e8)
        return {};
    if (v < kSqnrRed)
        return QBrush(QColor(0xf4, 0xc7, 0xc3));
    if (v < kSqnrAmber)
        return QBrush(QColor(0xfc, 0xe8, 0xb2));
    return QBrush(QColor(0xb7, 0xe1, 0xcd));
}

QVariant QuantLayerModel::foreground(int row, int column) const
{
    const bool stale = m_session->isReportStale();
    if (column >= SqnrLocalColumn) {
        if (stale)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (background(row, column).isValid())
            return QBrush(QColor(Qt::black)); // readable on the pastel cell in any theme
        if (column == OverflowColumn && sortValue(row, column).toDouble() > 0)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        return {};
    }
    if (column >= WeightBitsColumn && column < KeepFloatColumn &&
        resolveLayer(m_session->config(), layer(row).name).keepFloat)
        return QBrush(QColor(0x90, 0x90, 0x90)); // set but unused while the layer is float
    return {};
}

QVariant QuantLayerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    // Two-line titles keep the sixteen columns within a normal window.
    static const char* const titles[ColumnCount] = {
        "Layer",       "Op",          "Output\nshape", "MACs",
        "Params",      "W\nbits",     "A\nbits",       "Scheme\nW/A",
        "Granularity", "Rounding",    "Observer",      "Float",
        "SQNR\nlocal", "SQNR\nprop.", "Clip\n%",       "int32\noverflows"};
    static const char* const tips[ColumnCount] = {
        "Layer after fusion, named after its anchor node (sorts by depth)",
        "Anchor operator",
        "Output tensor shape for one sample",
        "Multiply-accumulates per sample",
        "Learned parameters after BatchNorm folding",
        "Weight bit width (2..16)",
        "Activation (output) bit width (2..16)",
        "Quantization scheme of the weights / the activations",
        "Weight scales per output channel or one per tensor",
        "Rounding wherever a real becomes a code: weights, bias, requantization",
        "How the activation range is chosen from the calibration data",
        "Keep this layer in FP32",
        "SQNR (dB) of this layer alone, fed with FP32 inputs",
        "SQNR (dB) at this layer through the whole integer chain: drift shows here",
        "Share of output codes saturated at qmin or qmax (%)",
        "int32 accumulator overflows (the engine widens to int64 and counts them)"};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return tr(titles[section]);
    if (role == Qt::ToolTipRole) {
        const QString tip = tr(tips[section]);
        return section == SqnrLocalColumn || section == SqnrPropagatedColumn
                   ? tip + QLatin1Char('\n') + sqnrLegend()
                   : tip;
    }
    return {};
}

std::optional<LayerEdit> QuantLayerModel::editFor(int column, const QVariant& value, int role) const
{
    LayerEdit e;
    const QString key = value.toString();
    if (column == KeepFloatColumn) {
        if (role != Qt::CheckStateRole && role != Qt::EditRole)
            return std::nullopt;
        e.keepFloat = role == Qt::CheckStateRole ? value.toInt() == Qt::Checked : value.toBool();
        return e;
    }
    if (role != Qt::EditRole)
        return std::nullopt;
    bool ok = false;
    switch (column) {
    case WeightBitsColumn:
    case ActivationBitsColumn: {
        const int bits = value.toInt(&ok);
        if (!ok || bits < 2 || bits > 16)
            return std::nullopt;
        (column == WeightBitsColumn ? e.weightBits : e.activationBits) = bits;
        return e;
    }
    case SchemeColumn: {
        const QStringList parts = key.split(QLatin1Char('/'));
        if (parts.size() != 2)
            return std::nullopt;
        e.weightScheme = schemeOf(parts[0]);
        e.activationScheme = schemeOf(parts[1]);
        return e;
    }
    case GranularityColumn:
        if (key != QLatin1String("per_channel") && key != QLatin1String("per_tensor"))
            return std::nullopt;
        e.granularity =
            key == QLatin1String("per_channel") ? Granularity::PerChannel : Granularity::PerTensor;
        return e;
    case RoundingColumn: {
        RoundingMode mode;
        if (!parseRoundingMode(key.toStdString(), &mode))
            return std::nullopt;
        e.rounding = mode;
        return e;
    }
    case ObserverColumn: {
        ObserverKind kind;
        if (!parseObserverKind(key.toStdString(), &kind))
            return std::nullopt;
        e.observer = kind;
        return e;
    }
    default:
        return std::nullopt;
    }
}

bool QuantLayerModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !(flags(index) & (Qt::ItemIsEditable | Qt::ItemIsUserCheckable)))
        return false;
    const std::optional<LayerEdit> edit = editFor(index.column(), value, role);
    if (!edit)
        return false;
    const QString name = layerName(index.row());
    applyEdit({name}, *edit, QStringLiteral("%1: %2").arg(name, edit->describe()),
              QStringLiteral("cell:%1:%2").arg(name).arg(index.column()));
    return true; // dataChanged follows from QuantSession::configChanged
}

void QuantLayerModel::applyEdit(const QStringList& layers, const LayerEdit& edit,
                                const QString& description, const QString& mergeKey)
{
    if (edit.isEmpty() || layers.isEmpty())
        return;
    QStringList weighted, plain;
    for (const QString& name : layers) {
        const int row = rowOf(name);
        if (row >= 0)
            (layer(row).hasWeights ? weighted : plain) << name;
    }
    const auto withWeights = [edit](LayerOverride& o) { edit.applyTo(o, true); };
    const auto withoutWeights = [edit](LayerOverride& o) { edit.applyTo(o, false); };
    if (weighted.isEmpty() || plain.isEmpty()) {
        m_session->editLayers(weighted.isEmpty() ? plain : weighted,
                              weighted.isEmpty()
                                  ? std::function<void(LayerOverride&)>(withoutWeights)
                                  : std::function<void(LayerOverride&)>(withWeights),
                              description, mergeKey);
        return;
    }
    // Two config changes, one undo step.
    m_session->undoStack()->beginMacro(description);
    m_session->editLayers(weighted, withWeights, description);
    m_session->editLayers(plain, withoutWeights, description);
    m_session->undoStack()->endMacro();
}

} // namespace ql
