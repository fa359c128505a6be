#pragma once
// Drift (spec §5): the propagated mean error (left axis, real units) and SQNR (right axis,
// dB) of every layer by depth, with layer names as the categories. On a multi-exit model the
// trunk (the layers the last exit depends on) comes first in plan order, then each earlier
// exit's head (the layers only that exit needs) as its own line segment after a separator, so
// the line never jumps between a head and the trunk (issue 14). A pinned baseline is
// overlaid dashed ("A: <name> (baseline)" against "B: current"), matched by layer name. The
// selected layer is marked; a click on a layer selects it.

#include <QHash>

#include <memory>

#include "core/quant/engine.h"
#include "widgets/chart_view.h"

class QCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace ql {

class DriftChart : public ChartView
{
    Q_OBJECT
public:
    explicit DriftChart(QWidget* parent = nullptr);

    void setReport(std::shared_ptr<const EvaluationReport> report);
    void setReport(const EvaluationReport& report);
    // nullptr (or clearBaseline()) removes the overlay.
    void setBaseline(std::shared_ptr<const EvaluationReport> baseline, const QString& name);
    void setBaseline(const EvaluationReport& baseline, const QString& name);
    void clearBaseline() { setBaseline(nullptr, QString()); }
    // What "B" is called in the legend (e.g. the preset name); empty: "current".
    void setCurrentName(const QString& name);
    void setSelectedLayer(const QString& layer);

    QLineSeries* meanErrorSeries() const { return m_mean; }
    QLineSeries* sqnrSeries() const { return m_sqnr; }
    QLineSeries* baselineMeanErrorSeries() const { return m_baseMean; }
    QLineSeries* baselineSqnrSeries() const { return m_baseSqnr; }
    QCategoryAxis* layerAxis() const { return m_x; }
    // The line segments in x order: [0] the trunk (meanErrorSeries() etc.), then one per exit
    // head; segmentTitles() names them ("trunk", "exit1 head", …).
    QList<QLineSeries*> meanErrorSegments() const;
    QList<QLineSeries*> sqnrSegments() const;
    QStringList segmentTitles() const { return m_segmentTitles; }
    // The report's layer index at category position x (−1 outside).
    int layerAtPosition(int x) const;

signals:
    void layerClicked(const QString& layer);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void refresh();
    void updateLabelAngle();
    void updateSelection();
    QString toolTipAt(double x) const;
    int layerIndexAt(double x) const;
    // Layer indices of the report per segment (trunk first), see the header comment.
    std::vector<std::vector<int>> segments() const;
    // Extra (head) series of role r: 0 mean, 1 SQNR, 2 baseline mean, 3 baseline SQNR.
    QLineSeries* headSeries(int role, size_t head);

    std::shared_ptr<const EvaluationReport> m_report;
    std::shared_ptr<const EvaluationReport> m_baseline;
    QString m_baselineName;
    QString m_currentName;
    QString m_selected;
    QStringList m_names;         // layer names behind the categories
    QHash<QString, int> m_index; // layer name -> x position (category)
    std::vector<int> m_order;    // x position -> layer index in m_report
    QStringList m_segmentTitles;
    std::vector<QLineSeries*> m_heads[4]; // per role, one series per exit head
    std::vector<QLineSeries*> m_separators;
    QLineSeries* m_mean;
    QLineSeries* m_sqnr;
    QLineSeries* m_baseMean;
    QLineSeries* m_baseSqnr;
    QLineSeries* m_zero;
    QLineSeries* m_selection;
    QCategoryAxis* m_x;
    QValueAxis* m_yError;
    QValueAxis* m_ySqnr;
};

} // namespace ql
