#pragma once
// The sensitivity heat map: layers (rows) × bit widths (columns) of a SensitivityResult, each
// cell coloured by the accuracy drop at the chosen exit (pt) or by the SQNR of that exit's
// logits (dB), with the value as text, details on hover and a colour legend underneath.
// A click on a cell emits cellClicked(layer, bits); the page turns it into a config edit.
// The cell whose bits equal the layer's current bits (setCurrentBits) is drawn bold.

#include <QAbstractTableModel>
#include <QWidget>

#include <map>
#include <memory>

#include "core/quant/sensitivity.h"

class QLabel;
class QTableView;

namespace ql {

class SensitivityHeatmapModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Metric { Drop, Sqnr };
    enum Role { BadnessRole = Qt::UserRole + 1, ValueRole, LayerRole, BitsRole };

    explicit SensitivityHeatmapModel(QObject* parent = nullptr);

    void setResult(std::shared_ptr<const SensitivityResult> result);
    std::shared_ptr<const SensitivityResult> result() const { return m_result; }
    void setKind(BitsTarget kind);
    BitsTarget kind() const { return m_kind; }
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    void setExit(int exit); // exit index; −1 (or out of range): the worst exit per cell
    int exit() const { return m_exit; }
    void setCurrentBits(const std::map<std::string, int>& bits); // layer → bits of this kind

    // Value range the colours span (drop: [0, max(1, largest drop)]; SQNR: [min, max]).
    double rangeLow() const { return m_low; }
    double rangeHigh() const { return m_high; }

    // 0 = harmless … 1 = worst, for a value of the current metric.
    double badness(double value) const;
    static QColor colorFor(double badness);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const SensitivityCell* cellAt(const QModelIndex& index) const;
    double valueOf(const SensitivityCell& c) const;
    void updateRange();

    std::shared_ptr<const SensitivityResult> m_result;
    BitsTarget m_kind = BitsTarget::Weights;
    Metric m_metric = Metric::Drop;
    int m_exit = -1;
    double m_low = 0.0;
    double m_high = 1.0;
    std::map<std::string, int> m_current;
};

// Gradient bar with the metric's range, drawn under the table.
class HeatmapLegend : public QWidget
{
    Q_OBJECT
public:
    explicit HeatmapLegend(const SensitivityHeatmapModel* model, QWidget* parent = nullptr);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const SensitivityHeatmapModel* m_model;
};

class SensitivityHeatmap : public QWidget
{
    Q_OBJECT
public:
    explicit SensitivityHeatmap(QWidget* parent = nullptr);

    SensitivityHeatmapModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    void setEmptyText(const QString& text);

signals:
    void cellClicked(const QString& layer, int bits);

private:
    void updateVisibility();

    SensitivityHeatmapModel* m_model;
    QTableView* m_view;
    HeatmapLegend* m_legend;
    QLabel* m_empty;
};

} // namespace ql
