#include "widgets/sensitivity_heatmap.h"

#include <QHeaderView>
#include <QLabel>
#include <QLinearGradient>
#include <QPainter>
#include <QStackedLayout>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace ql {

namespace {

// ColorBrewer YlOrRd: pale yellow (harmless) → orange → dark red (worst).
const QColor kStops[] = {QColor(0xff, 0xff, 0xcc), QColor(0xfe, 0xd9, 0x76),
                         QColor(0xfd, 0x8d, 0x3c), QColor(0xe3, 0x1a, 0x1c),
                         QColor(0x80, 0x00, 0x26)};
constexpr int kStopCount = 5;

QString sqnrText(double db)
{
    return db >= 200.0 ? QStringLiteral("exact") : QString::number(db, 'f', 1);
}

} // namespace

SensitivityHeatmapModel::SensitivityHeatmapModel(QObject* parent) : QAbstractTableModel(parent) {}

void SensitivityHeatmapModel::setResult(std::shared_ptr<const SensitivityResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    if (m_result && !m_result->kinds.empty() &&
        std::find(m_result->kinds.begin(), m_result->kinds.end(), m_kind) == m_result->kinds.end())
        m_kind = m_result->kinds.front();
    updateRange();
    endResetModel();
}

void SensitivityHeatmapModel::setKind(BitsTarget kind)
{
    beginResetModel();
    m_kind = kind;
    updateRange();
    endResetModel();
}

void SensitivityHeatmapModel::setMetric(Metric metric)
{
    beginResetModel();
    m_metric = metric;
    updateRange();
    endResetModel();
}

void SensitivityHeatmapModel::setExit(int exit)
{
    beginResetModel();
    m_exit = exit;
    updateRange();
    endResetModel();
}

void SensitivityHeatmapModel::setCurrentBits(const std::map<std::string, int>& bits)
{
    m_current = bits;
    if (rowCount() > 0 && columnCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::FontRole});
}

double SensitivityHeatmapModel::valueOf(const SensitivityCell& c) const
{
    const int n = static_cast<int>(c.drop.size());
    if (m_exit < 0 || m_exit >= n) // every exit: the worst one
        return m_metric == Metric::Drop ? *std::max_element(c.drop.begin(), c.drop.end())
                                        : *std::min_element(c.sqnrDb.begin(), c.sqnrDb.end());
    const size_t e = static_cast<size_t>(m_exit);
    return m_metric == Metric::Drop ? c.drop[e] : c.sqnrDb[e];
}

void SensitivityHeatmapModel::updateRange()
{
    if (m_metric == Metric::Drop) {
        m_low = 0.0;
        m_high = 1.0;
    } else {
        m_low = 1e300;
        m_high = -1e300;
    }
    if (!m_result)
        return;
    for (const LayerSensitivity& l : m_result->layers)
        for (const SensitivityCell& c : l.cells) {
            if (c.kind != m_kind || c.drop.empty())
                continue;
            const double v = valueOf(c);
            if (m_metric == Metric::Drop) {
                m_high = std::max(m_high, v);
            } else if (v < 200.0) {
                m_low = std::min(m_low, v);
                m_high = std::max(m_high, v);
            }
        }
    if (m_metric == Metric::Sqnr && m_low > m_high) {
        m_low = 0.0;
        m_high = 60.0;
    }
    if (m_high - m_low < 1e-9)
        m_high = m_low + 1.0;
}

double SensitivityHeatmapModel::badness(double value) const
{
    const double t = m_metric == Metric::Drop ? (value - m_low) / (m_high - m_low)
                                              : (m_high - value) / (m_high - m_low);
    return std::clamp(t, 0.0, 1.0);
}

QColor SensitivityHeatmapModel::colorFor(double badness)
{
    const double x = std::clamp(badness, 0.0, 1.0) * (kStopCount - 1);
    const int i = std::min(static_cast<int>(x), kStopCount - 2);
    const double f = x - i;
    const QColor& a = kStops[i];
    const QColor& b = kStops[i + 1];
    return QColor::fromRgbF(float(a.redF() + f * (b.redF() - a.redF())),
                            float(a.greenF() + f * (b.greenF() - a.greenF())),
                            float(a.blueF() + f * (b.blueF() - a.blueF())));
}

int SensitivityHeatmapModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->layers.size());
}

int SensitivityHeatmapModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(m_result->bits.size());
}

const SensitivityCell* SensitivityHeatmapModel::cellAt(const QModelIndex& index) const
{
    if (!index.isValid() || !m_result || index.row() >= rowCount() ||
        index.column() >= columnCount())
        return nullptr;
    return m_result->layers[static_cast<size_t>(index.row())].cell(
        m_kind, m_result->bits[static_cast<size_t>(index.column())]);
}

QVariant SensitivityHeatmapModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !m_result)
        return {};
    const LayerSensitivity& l = m_result->layers[static_cast<size_t>(index.row())];
    const int bits = m_result->bits[static_cast<size_t>(index.column())];
    if (role == LayerRole)
        return QString::fromStdString(l.layer);
    if (role == BitsRole)
        return bits;
    const SensitivityCell* c = cellAt(index);
    if (!c) {
        if (role == Qt::DisplayRole)
            return QStringLiteral("–");
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignCenter);
        return {};
    }
    const double v = valueOf(*c);
    switch (role) {
    case Qt::DisplayRole:
        return m_metric == Metric::Drop ? QString::asprintf("%+.1f", v) : sqnrText(v);
    case ValueRole:
        return v;
    case BadnessRole:
        return badness(v);
    case Qt::BackgroundRole:
        return colorFor(badness(v));
    case Qt::ForegroundRole:
        return badness(v) > 0.55 ? QColor(Qt::white) : QColor(0x20, 0x20, 0x20);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case Qt::FontRole: {
        const auto it = m_current.find(l.layer);
        if (it == m_current.end() || it->second != bits)
            return {};
        QFont f;
        f.setBold(true);
        f.setUnderline(true);
        return f;
    }
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>%1</b><br>%2 at %3 bits (only this layer quantized)<br>")
                          .arg(QString::fromStdString(l.layer).toHtmlEscaped(),
                               QString::fromLatin1(bitsTargetName(c->kind)))
                          .arg(bits);
        for (size_t e = 0; e < c->drop.size(); ++e)
            tip += QStringLiteral("%1: top-1 %2 %, drop %3 pt, SQNR %4 dB<br>")
                       .arg(e < m_result->exits.size()
                                ? QString::fromStdString(m_result->exits[e]).toHtmlEscaped()
                                : QStringLiteral("exit%1").arg(e + 1))
                       .arg(c->top1[e], 0, 'f', 2)
                       .arg(QString::asprintf("%+.2f", c->drop[e]))
                       .arg(sqnrText(c->sqnrDb[e]));
        tip += QStringLiteral("<i>Click: set this layer's %1 to %2 bits</i>")
                   .arg(QString::fromLatin1(bitsTargetName(c->kind)))
                   .arg(bits);
        return tip;
    }
    default:
        return {};
    }
}

QVariant SensitivityHeatmapModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const
{
    if (!m_result || section < 0)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section >= columnCount())
            return {};
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1 bit").arg(m_result->bits[static_cast<size_t>(section)]);
        return {};
    }
    if (section >= rowCount())
        return {};
    const LayerSensitivity& l = m_result->layers[static_cast<size_t>(section)];
    if (role == Qt::DisplayRole)
        return QString::fromStdString(l.layer);
    if (role == Qt::ToolTipRole)
        return QStringLiteral("%1 (%2), %3 weights").arg(QString::fromStdString(l.layer),
                                                          QString::fromStdString(l.opType))
            .arg(l.weights);
    return {};
}

// ---- legend -----------------------------------------------------------------------------------

HeatmapLegend::HeatmapLegend(const SensitivityHeatmapModel* model, QWidget* parent)
    : QWidget(parent), m_model(model)
{
    connect(model, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize HeatmapLegend::sizeHint() const
{
    return {240, fontMetrics().height() * 2 + 12};
}

void HeatmapLegend::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const bool drop = m_model->metric() == SensitivityHeatmapModel::Metric::Drop;
    const QString title = drop ? tr("Top-1 drop (pt)") : tr("Exit SQNR (dB)");
    const int h = fontMetrics().height();
    const int titleWidth = fontMetrics().horizontalAdvance(title) + 12;
    const QRect bar(titleWidth, 2, std::max(60, width() - titleWidth - 8), h);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 2, titleWidth, h), Qt::AlignVCenter | Qt::AlignLeft, title);
    QLinearGradient g(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 20; ++i) {
        const double t = i / 20.0; // left = harmless for both metrics
        g.setColorAt(t, SensitivityHeatmapModel::colorFor(t));
    }
    p.fillRect(bar, g);
    p.setPen(QColor(0x90, 0x90, 0x90));
    p.drawRect(bar.adjusted(0, 0, -1, -1));
    p.setPen(palette().color(QPalette::WindowText));
    const double lo = drop ? m_model->rangeLow() : m_model->rangeHigh();
    const double hi = drop ? m_model->rangeHigh() : m_model->rangeLow();
    const QRect labels(bar.left(), bar.bottom() + 2, bar.width(), h);
    p.drawText(labels, Qt::AlignLeft | Qt::AlignTop, QString::number(lo, 'f', 1));
    p.drawText(labels, Qt::AlignHCenter | Qt::AlignTop, QString::number((lo + hi) / 2, 'f', 1));
    p.drawText(labels, Qt::AlignRight | Qt::AlignTop,
               QString::number(hi, 'f', 1) + (drop ? QStringLiteral("+") : QString()));
}

// ---- the widget -------------------------------------------------------------------------------

SensitivityHeatmap::SensitivityHeatmap(QWidget* parent)
    : QWidget(parent), m_model(new SensitivityHeatmapModel(this)), m_view(new QTableView(this)),
      m_legend(new HeatmapLegend(m_model, this)), m_empty(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setMouseTracking(true);
    m_view->setShowGrid(true);
    m_view->setStyleSheet(QStringLiteral("QTableView { gridline-color: white; }"));
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->horizontalHeader()->setMinimumSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("+00.0")) + 10);
    // Rows share the height (a compact heat map) but never get thinner than one text line.
    m_view->verticalHeader()->setMinimumSectionSize(fontMetrics().height() + 6);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_view->setCornerButtonEnabled(false);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setEnabled(false);

    auto* stack = new QWidget(this);
    auto* stackLayout = new QStackedLayout(stack);
    stackLayout->addWidget(m_view);
    stackLayout->addWidget(m_empty);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack, 1);
    layout->addWidget(m_legend);

    connect(m_view, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (!index.data(SensitivityHeatmapModel::ValueRole).isValid())
            return;
        emit cellClicked(index.data(SensitivityHeatmapModel::LayerRole).toString(),
                         index.data(SensitivityHeatmapModel::BitsRole).toInt());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &SensitivityHeatmap::updateVisibility);
    setEmptyText(tr("Run the sensitivity analysis to fill the heat map."));
}

void SensitivityHeatmap::setEmptyText(const QString& text)
{
    m_empty->setText(text);
    updateVisibility();
}

void SensitivityHeatmap::updateVisibility()
{
    const bool has = m_model->rowCount() > 0;
    auto* stack = static_cast<QStackedLayout*>(m_view->parentWidget()->layout());
    stack->setCurrentWidget(has ? static_cast<QWidget*>(m_view) : m_empty);
    m_legend->setVisible(has);
}

} // namespace ql
