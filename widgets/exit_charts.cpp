#include "widgets/exit_charts.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

#include "core/text_format.h"

namespace ql {

namespace {

QString macsText(double macs)
{
    return QObject::tr("%1 M MACs").arg(macs / 1e6, 0, 'f', macs < 1e7 ? 2 : 1);
}

const ExitReport* findExit(const EvaluationReport* report, const std::string& output)
{
    if (report)
        for (const ExitReport& e : report->exits)
            if (e.output == output)
                return &e;
    return nullptr;
}

// A percentage axis around [lowest, highest] with at most 8 round steps, inside [0, 100].
// Bars get extra room below the lowest value so that the shortest bar stays visible.
void percentRange(QValueAxis* axis, double lowest, double highest, bool bars)
{
    const double span = std::max(highest - lowest, 0.5);
    double lo = lowest - (bars ? std::max(2.0, span) : span * 0.15);
    double hi = highest + span * 0.15;
    // A curve spans at least 2 points so that noise of a few samples does not look dramatic.
    if (!bars && hi - lo < 2.0) {
        const double mid = (hi + lo) / 2.0;
        lo = mid - 1.0;
        hi = mid + 1.0;
    }
    double step = 10.0;
    for (double s : {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0})
        if ((hi - lo) / s <= 8.0) {
            step = s;
            break;
        }
    lo = std::max(0.0, std::floor(lo / step) * step);
    hi = std::min(100.0, std::ceil(hi / step) * step);
    if (hi <= lo)
        hi = lo + step;
    axis->setRange(lo, hi);
    axis->setTickCount(int(std::lround((hi - lo) / step)) + 1);
    axis->setLabelFormat(step < 1.0 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
}

} // namespace

// ---- ExitAccuracyChart --------------------------------------------------------------------

ExitAccuracyChart::ExitAccuracyChart(QWidget* parent)
    : ChartView(parent), m_series(new QBarSeries), m_x(new QBarCategoryAxis), m_y(new QValueAxis)
{
    QChart* chart = chartstyle::makeChart(true);
    chart->addSeries(m_series);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    m_series->attachAxis(m_x);
    m_series->attachAxis(m_y);
    m_series->setLabelsVisible(true);
    m_series->setLabelsFormat(QStringLiteral("@value"));
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    m_series->setLabelsPrecision(4);
    chartstyle::styleAxis(m_x, tr("exit (MACs per sample to reach it)"));
    chartstyle::styleAxis(m_y, tr("top-1 accuracy (%)"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    setChart(chart);
    setExportName(QStringLiteral("exit-accuracy"));
    connect(m_series, &QBarSeries::hovered, this, [this](bool status, int index, QBarSet* set) {
        if (!status || !m_report || index < 0 || index >= int(m_report->exits.size())) {
            showValueToolTip(QString());
            return;
        }
        const ExitReport& e = m_report->exits[size_t(index)];
        showValueToolTip(tr("%1 (%2)\n%3: %4 %\nquantized agrees with FP32 on %5 %")
                             .arg(QString::fromStdString(e.output), macsText(double(e.macs)),
                                  set->label())
                             .arg(set->at(index), 0, 'f', 2)
                             .arg(e.agreement, 0, 'f', 2));
    });
    setHasData(false);
}

void ExitAccuracyChart::setReport(std::shared_ptr<const EvaluationReport> report)
{
    m_report = std::move(report);
    refresh();
}

void ExitAccuracyChart::setReport(const EvaluationReport& report)
{
    setReport(std::make_shared<const EvaluationReport>(report));
}

void ExitAccuracyChart::setBaseline(std::shared_ptr<const EvaluationReport> baseline,
                                    const QString& name)
{
    m_baseline = std::move(baseline);
    m_baselineName = name;
    refresh();
}

void ExitAccuracyChart::refresh()
{
    if (!m_report || m_report->exits.empty()) {
        setHasData(false);
        return;
    }
    setHasData(true);
    const bool labelled = m_report->labelled;
    m_series->clear(); // a handful of bars: rebuilding the sets is cheap

    QStringList categories;
    auto* fp32 = new QBarSet(tr("FP32"));
    auto* quant = new QBarSet(m_baseline ? tr("B: current") : tr("quantized"));
    QBarSet* base = m_baseline ? new QBarSet(tr("A: %1 (baseline)").arg(m_baselineName))
                               : nullptr;
    double lowest = 100.0, highest = 0.0;
    const auto add = [&](QBarSet* set, double v) {
        set->append(v);
        lowest = std::min(lowest, v);
        highest = std::max(highest, v);
    };
    for (const ExitReport& e : m_report->exits) {
        categories << tr("%1<br>%2").arg(QString::fromStdString(e.output),
                                         macsText(double(e.macs)));
        if (labelled) {
            add(fp32, e.fp32Top1);
            add(quant, e.quantTop1);
        } else {
            add(quant, e.agreement);
        }
        if (base) {
            const ExitReport* b = findExit(m_baseline.get(), e.output);
            add(base, b ? (labelled ? b->quantTop1 : b->agreement) : 0.0);
        }
    }
    fp32->setColor(chartstyle::fp32());
    quant->setColor(chartstyle::current());
    for (QBarSet* set : {fp32, quant})
        set->setLabelColor(Qt::white);
    if (labelled)
        m_series->append(fp32);
    else
        delete fp32;
    if (base) {
        base->setColor(chartstyle::baseline());
        base->setLabelColor(QColor(0x1f, 0x29, 0x37));
        m_series->append(base);
    }
    m_series->append(quant);

    m_x->setCategories(categories);
    percentRange(m_y, lowest, highest, true);
    m_y->setTitleText(labelled ? tr("top-1 accuracy (%)") : tr("top-1 agreement with FP32 (%)"));
    chart()->setTitle(labelled ? tr("Accuracy per exit")
                               : tr("Agreement with FP32 per exit (unlabelled data)"));
}

// ---- ExitPolicyChart ----------------------------------------------------------------------

ExitPolicyChart::ExitPolicyChart(QWidget* parent)
    : ChartView(parent), m_fp32(new QLineSeries), m_quant(new QLineSeries),
      m_base(new QLineSeries), m_fp32Points(new QScatterSeries),
      m_quantPoints(new QScatterSeries), m_marker(new QScatterSeries), m_x(new QValueAxis),
      m_y(new QValueAxis)
{
    QChart* chart = chartstyle::makeChart(true);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
             m_base, m_fp32, m_quant, m_fp32Points, m_quantPoints, m_marker}) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    const auto pen = [](QColor c, Qt::PenStyle style) {
        QPen p(c);
        p.setWidthF(2.2);
        p.setStyle(style);
        return p;
    };
    m_fp32->setPen(pen(chartstyle::fp32(), Qt::SolidLine));
    m_quant->setPen(pen(chartstyle::current(), Qt::SolidLine));
    m_base->setPen(pen(chartstyle::baseline(), Qt::DashLine));
    m_fp32->setName(tr("FP32"));
    for (QScatterSeries* s : {m_fp32Points, m_quantPoints}) {
        s->setMarkerSize(7);
        s->setBorderColor(Qt::white);
    }
    m_fp32Points->setColor(chartstyle::fp32());
    m_quantPoints->setColor(chartstyle::current());
    m_marker->setMarkerSize(15);
    m_marker->setColor(QColor(0xf5, 0xb7, 0x00));
    m_marker->setBorderColor(QColor(0x1f, 0x29, 0x37));
    m_marker->setName(tr("current threshold"));
    chartstyle::hideFromLegend(chart, m_fp32Points);
    chartstyle::hideFromLegend(chart, m_quantPoints);
    chartstyle::styleAxis(m_x, tr("average MACs per sample (M)"));
    chartstyle::styleAxis(m_y, tr("accuracy (%)"));
    m_x->setLabelFormat(QStringLiteral("%.2f"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    chart->setTitle(tr("Exit policy: accuracy against cost"));
    setChart(chart);
    setZoomMode(ZoomMode::Both);
    setReferenceSeries(m_quant);
    setToolTipProvider([this](const QPointF& v) { return toolTipAt(v); });
    setExportName(QStringLiteral("exit-policy"));
    setHasData(false);
}

void ExitPolicyChart::setReport(std::shared_ptr<const EvaluationReport> report)
{
    m_report = std::move(report);
    refresh();
}

void ExitPolicyChart::setBaseline(std::shared_ptr<const EvaluationReport> baseline,
                                  const QString& name)
{
    m_baseline = std::move(baseline);
    m_baselineName = name;
    refresh();
}

void ExitPolicyChart::refresh()
{
    if (!m_report || m_report->exitPolicy.empty()) {
        setHasData(false);
        m_current = -1;
        return;
    }
    setHasData(true);
    resetZoom();
    QList<QPointF> fp32, quant, base;
    double xLo = INFINITY, xHi = -INFINITY, yLo = 100.0, yHi = 0.0;
    const auto grow = [&](const QPointF& p) {
        xLo = std::min(xLo, p.x());
        xHi = std::max(xHi, p.x());
        yLo = std::min(yLo, p.y());
        yHi = std::max(yHi, p.y());
    };
    for (const ExitPolicyPoint& p : m_report->exitPolicy) {
        fp32.append(QPointF(p.fp32AvgMacs / 1e6, p.fp32Accuracy));
        quant.append(QPointF(p.quantAvgMacs / 1e6, p.quantAccuracy));
        grow(fp32.back());
        grow(quant.back());
    }
    if (m_baseline)
        for (const ExitPolicyPoint& p : m_baseline->exitPolicy) {
            base.append(QPointF(p.quantAvgMacs / 1e6, p.quantAccuracy));
            grow(base.back());
        }
    m_fp32->replace(fp32);
    m_fp32Points->replace(fp32);
    m_quant->replace(quant);
    m_quantPoints->replace(quant);
    m_base->replace(base);
    m_base->setVisible(m_baseline != nullptr);
    m_quant->setName(m_baseline ? tr("B: current") : tr("quantized"));
    m_base->setName(tr("A: %1 (baseline)").arg(m_baselineName));

    const double pad = std::max((xHi - xLo) * 0.06, 0.01);
    chartstyle::niceRange(m_x, std::max(0.0, xLo - pad), xHi + pad);
    percentRange(m_y, yLo, yHi, false);
    m_y->setTitleText(m_report->labelled ? tr("top-1 accuracy (%)")
                                         : tr("agreement with the last FP32 exit (%)"));
    setThreshold(m_threshold);
}

int ExitPolicyChart::setThreshold(double threshold)
{
    m_threshold = threshold;
    m_current = -1;
    if (!m_report || m_report->exitPolicy.empty()) {
        m_marker->clear();
        return m_current;
    }
    double best = INFINITY;
    const auto& points = m_report->exitPolicy;
    for (size_t i = 0; i < points.size(); ++i)
        if (std::abs(points[i].threshold - threshold) < best) {
            best = std::abs(points[i].threshold - threshold);
            m_current = int(i);
        }
    const ExitPolicyPoint& p = points[size_t(m_current)];
    m_marker->replace({QPointF(p.fp32AvgMacs / 1e6, p.fp32Accuracy),
                       QPointF(p.quantAvgMacs / 1e6, p.quantAccuracy)});
    return m_current;
}

QString ExitPolicyChart::toolTipAt(const QPointF& value) const
{
    if (!m_report)
        return {};
    // The nearest policy point on either curve, within a few pixels' worth of value.
    const QRectF plot = chart()->plotArea();
    const double sx = (m_x->max() - m_x->min()) / std::max(1.0, plot.width());
    const double sy = (m_y->max() - m_y->min()) / std::max(1.0, plot.height());
    double best = 8.0; // px
    QString text;
    for (const ExitPolicyPoint& p : m_report->exitPolicy) {
        for (bool quantized : {false, true}) {
            const double x = (quantized ? p.quantAvgMacs : p.fp32AvgMacs) / 1e6;
            const double y = quantized ? p.quantAccuracy : p.fp32Accuracy;
            const double d = std::hypot((x - value.x()) / sx, (y - value.y()) / sy);
            if (d < best) {
                best = d;
                text = tr("threshold %1\n%2: %3 % at %4 M MACs")
                           .arg(p.threshold, 0, 'f', 2)
                           .arg(quantized ? tr("quantized") : tr("FP32"))
                           .arg(y, 0, 'f', 2)
                           .arg(x, 0, 'f', 3);
            }
        }
    }
    return text;
}

// ---- ExitPolicyWidget ---------------------------------------------------------------------

ExitPolicyWidget::ExitPolicyWidget(QWidget* parent)
    : QWidget(parent), m_chart(new ExitPolicyChart(this)), m_slider(new QSlider(Qt::Horizontal)),
      m_thresholdLabel(new QLabel), m_numbers(new QLabel)
{
    m_slider->setObjectName(QStringLiteral("thresholdSlider"));
    m_slider->setRange(50, 100);
    m_slider->setSingleStep(5);
    m_slider->setPageStep(5);
    m_slider->setTickInterval(5);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setValue(90);
    m_slider->setToolTip(tr("Take the first exit whose max-softmax probability reaches the "
                            "threshold (else the last exit)"));
    m_thresholdLabel->setMinimumWidth(m_thresholdLabel->fontMetrics().horizontalAdvance(
        QStringLiteral("0.000")));
    m_numbers->setObjectName(QStringLiteral("policyNumbers"));
    m_numbers->setWordWrap(true);
    m_numbers->setTextFormat(Qt::RichText);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Exit threshold:")));
    row->addWidget(m_slider, 1);
    row->addWidget(m_thresholdLabel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart, 1);
    layout->addLayout(row);
    layout->addWidget(m_numbers);
    connect(m_slider, &QSlider::valueChanged, this, &ExitPolicyWidget::updateThreshold);
    updateThreshold();
}

void ExitPolicyWidget::setReport(std::shared_ptr<const EvaluationReport> report)
{
    m_chart->setReport(std::move(report));
    updateThreshold();
}

void ExitPolicyWidget::setReport(const EvaluationReport& report)
{
    setReport(std::make_shared<const EvaluationReport>(report));
}

void ExitPolicyWidget::setBaseline(std::shared_ptr<const EvaluationReport> baseline,
                                   const QString& name)
{
    m_chart->setBaseline(std::move(baseline), name);
    updateThreshold();
}

void ExitPolicyWidget::updateThreshold()
{
    const double threshold = m_slider->value() / 100.0;
    m_thresholdLabel->setText(QString::number(threshold, 'f', 2));
    const int i = m_chart->setThreshold(threshold);
    const EvaluationReport* report = m_chart->report();
    if (i < 0 || !report) {
        m_numbers->setText(QString());
        return;
    }
    const ExitPolicyPoint& p = report->exitPolicy[size_t(i)];
    QStringList shares;
    for (size_t e = 0; e < p.quantExitShare.size(); ++e) {
        const QString name = e < report->exits.size()
                                 ? QString::fromStdString(report->exits[e].output)
                                 : QString::number(e + 1);
        shares << tr("%1 %2 %").arg(name).arg(100.0 * p.quantExitShare[e], 0, 'f', 1);
    }
    const double delta = p.quantAccuracy - p.fp32Accuracy;
    m_numbers->setText(
        tr("<b>threshold %1</b>: FP32 <b>%2 %</b> at %3 M MACs per sample, quantized "
           "<b>%4 %</b> (%5 pt) at %6 M MACs<br>quantized samples leaving at: %7")
            .arg(p.threshold, 0, 'f', 2)
            .arg(p.fp32Accuracy, 0, 'f', 2)
            .arg(p.fp32AvgMacs / 1e6, 0, 'f', 3)
            .arg(p.quantAccuracy, 0, 'f', 2)
            .arg((delta >= 0 ? QStringLiteral("+") : QString()) +
                 QString::number(delta, 'f', 2).replace(QLatin1Char('-'), QChar(0x2212)))
            .arg(p.quantAvgMacs / 1e6, 0, 'f', 3)
            .arg(shares.isEmpty() ? tr("—") : shares.join(QStringLiteral(", "))));
}

} // namespace ql
