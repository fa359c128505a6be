#pragma once
// Early exits (spec §6):
//   ExitAccuracyChart — top-1 accuracy per exit, FP32 against quantized (and the pinned
//     baseline) as grouped bars; the category labels carry the MACs needed to reach each exit.
//     Without labels the bars show agreement with FP32 instead.
//   ExitPolicyChart — the exit policy's accuracy against average MACs as the threshold sweeps
//     0.50…1.00, for FP32 and quantized; the current threshold is marked on both curves.
//   ExitPolicyWidget — that chart with a threshold slider and a line with its numbers.

#include <QWidget>

#include <memory>

#include "core/quant/engine.h"
#include "widgets/chart_view.h"

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QSlider;
class QValueAxis;

namespace ql {

class ExitAccuracyChart : public ChartView
{
    Q_OBJECT
public:
    explicit ExitAccuracyChart(QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const EvaluationReport> report);
    void setReport(const EvaluationReport& report);
    void setBaseline(std::shared_ptr<const EvaluationReport> baseline, const QString& name);
    void clearBaseline() { setBaseline(nullptr, QString()); }

    QBarSeries* series() const { return m_series; }
    QBarCategoryAxis* exitAxis() const { return m_x; }

private:
    void refresh();

    std::shared_ptr<const EvaluationReport> m_report;
    std::shared_ptr<const EvaluationReport> m_baseline;
    QString m_baselineName;
    QBarSeries* m_series;
    QBarCategoryAxis* m_x;
    QValueAxis* m_y;
};

class ExitPolicyChart : public ChartView
{
    Q_OBJECT
public:
    explicit ExitPolicyChart(QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const EvaluationReport> report);
    void setBaseline(std::shared_ptr<const EvaluationReport> baseline, const QString& name);
    // Marks the policy point nearest to `threshold`; returns its index (-1 without data).
    int setThreshold(double threshold);
    int currentPoint() const { return m_current; }
    const EvaluationReport* report() const { return m_report.get(); }

    QLineSeries* fp32Curve() const { return m_fp32; }
    QLineSeries* quantCurve() const { return m_quant; }
    QLineSeries* baselineCurve() const { return m_base; }
    QScatterSeries* marker() const { return m_marker; }

private:
    void refresh();
    QString toolTipAt(const QPointF& value) const;

    std::shared_ptr<const EvaluationReport> m_report;
    std::shared_ptr<const EvaluationReport> m_baseline;
    QString m_baselineName;
    double m_threshold = 0.9;
    int m_current = -1;
    QLineSeries* m_fp32;
    QLineSeries* m_quant;
    QLineSeries* m_base;
    QScatterSeries* m_fp32Points;
    QScatterSeries* m_quantPoints;
    QScatterSeries* m_marker;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

class ExitPolicyWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ExitPolicyWidget(QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const EvaluationReport> report);
    void setReport(const EvaluationReport& report);
    void setBaseline(std::shared_ptr<const EvaluationReport> baseline, const QString& name);
    void setEmptyText(const QString& text) { m_chart->setEmptyText(text); }

    ExitPolicyChart* chart() const { return m_chart; }
    QSlider* slider() const { return m_slider; }   // threshold × 100, 50…100
    QLabel* numbers() const { return m_numbers; }   // the current point's numbers

private:
    void updateThreshold();

    ExitPolicyChart* m_chart;
    QSlider* m_slider;
    QLabel* m_thresholdLabel;
    QLabel* m_numbers;
};

} // namespace ql
