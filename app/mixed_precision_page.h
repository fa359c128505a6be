#pragma once
// "Mixed Precision" page (docs/mixed-precision.md): the per-layer sensitivity heat map (click a
// cell: that layer gets those bits, undoable), the automatic search form with its Pareto plot
// (click a point: its config becomes the current one, undoable), and the size / bit-ops table
// of the current config against FP32 and W8A8, with an optional magnitude-pruning share for
// the sparse size. The jobs and their results live in a MixedPrecisionSession (widgets/); the
// page assembles the widgets over it.

#include <memory>

#include "app/page.h"
#include "core/quant/autoquant.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace ql {

class MixedPrecisionSession;
class ParetoChart;
class QuantSession;
class SensitivityHeatmap;
class SizeCostTable;

class MixedPrecisionPage : public Page
{
    Q_OBJECT
public:
    explicit MixedPrecisionPage(QuantSession* session, QWidget* parent = nullptr);
    ~MixedPrecisionPage() override;

    QString title() const override { return tr("Mixed Precision"); }
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    MixedPrecisionSession* analysis() const { return m_analysis; }
    SensitivityHeatmap* heatmap() const { return m_heatmap; }
    ParetoChart* pareto() const { return m_pareto; }
    SizeCostTable* sizeTableWidget() const { return m_sizeTable; }
    QPushButton* runSensitivityButton() const { return m_runSensitivity; }
    QPushButton* runSearchButton() const { return m_runSearch; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* searchSummary() const { return m_searchSummary; }

    // Results computed elsewhere (tests, a saved analysis); `base` = the config they were made
    // for, on the current image limit (a search result counts as checked on its own images).
    void setSensitivity(std::shared_ptr<const SensitivityResult> result, const QuantConfig& base);
    void setSearchResult(std::shared_ptr<const AutoQuantResult> result, const QuantConfig& base);

    void runSensitivity();
    void runSearch();
    // evaluated[index] of the last search (its best: the found config) becomes the current
    // config, as one undoable step.
    void applyPoint(int index);
    void applyFound();
    void cancel();
    bool isBusy() const;
    void setImageLimit(int images); // 0 = every evaluation image

signals:
    void sensitivityAvailable();
    void searchAvailable();
    void busyChanged(bool busy);
    void failed(const QString& title, const QString& message);

private slots:
    void showSensitivity();
    void showSearch();

private:
    QWidget* createSensitivityPanel();
    QWidget* createSearchPanel();
    QWidget* createSizePanel();
    void updateState();
    void updateExits();
    void updateCurrentBits();
    void updateSizeTable();
    void applyCell(const QString& layer, int bits);
    int selectedExit() const; // −1 = every exit
    std::vector<int> parsedBits(bool* ok) const;
    QString imageCount(int limit) const; // "200 images" (limit <= 0: all)

    QuantSession* m_session;
    // sensitivity
    SensitivityHeatmap* m_heatmap;
    QComboBox* m_kind;
    QComboBox* m_metric;
    QComboBox* m_exit;
    QLineEdit* m_bits;
    QSpinBox* m_images;
    QPushButton* m_runSensitivity;
    // search
    QComboBox* m_targetKind;
    QDoubleSpinBox* m_targetValue;
    QComboBox* m_axis;
    QPushButton* m_runSearch;
    QPushButton* m_applyFound;
    QLabel* m_searchSummary;
    ParetoChart* m_pareto;
    // size
    SizeCostTable* m_sizeTable;
    QSpinBox* m_prune;
    QLabel* m_sizeSummary;
    // jobs
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    MixedPrecisionSession* m_analysis;
};

} // namespace ql
