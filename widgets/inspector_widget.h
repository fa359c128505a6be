#pragma once
// The teaching inspector: pick an integer Conv/Gemm layer and one output element, and read
// how the engine computed it (spec §3) — input codes and zero points, the dot product term by
// term, bias, accumulator, the multiplier M and its fixed-point form M0·2^(shift − 31), the
// rounding, + Z_y, the clamp, the output code, and its error against FP32 in LSB — plus the
// same element under every rounding mode.
//
// The widget only shows values: it emits explainRequested() and the owner answers with
// setResult() (or setError()), so it is testable with a hand-made ExplainResult.

#include <QWidget>

#include <memory>
#include <vector>

#include "core/quant/engine.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QGridLayout;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTimer;

namespace ql {

class InspectorWidget : public QWidget
{
    Q_OBJECT
public:
    // Rows of the terms table shown until "Show all K terms" is checked.
    static constexpr int kFirstTerms = 8;

    explicit InspectorWidget(QWidget* parent = nullptr);

    // Fills the layer list with the report's integer Conv/Gemm layers (index ranges from their
    // output shapes, n from the number of samples). nullptr: shows the empty text.
    void setReport(std::shared_ptr<const EvaluationReport> report);
    void setReport(const EvaluationReport& report);
    void setEmptyText(const QString& text);

    // Selects `layer` and, when given, the element `index` = (n, o[, y, x]); requests it.
    // Returns false when the layer cannot be explained.
    bool setElement(const QString& layer, const std::vector<int64_t>& index = {});
    QString currentLayer() const;
    std::vector<int64_t> currentIndex() const; // n first (the sample)
    QStringList layers() const;

    void setResult(const ExplainResult& result);
    void setError(const QString& message);

signals:
    // index[0] is the sample n in the evaluation data (also passed as `sample`).
    void explainRequested(const QString& layer, const std::vector<int64_t>& index, int sample);
    // The user picked another layer in the drop-down (not emitted by setElement()).
    void layerChosen(const QString& layer);

private:
    void buildControls(QWidget* host);
    QWidget* buildWalkthrough();
    QWidget* buildTables();
    void updateIndexRanges();
    void scheduleRequest();
    void emitRequest();
    void fillTerms();
    void fillAlternatives();
    void clearValues();
    QLabel* addRow(QGridLayout* grid, const QString& name, const QString& label,
                   const QString& tip = QString());

    std::shared_ptr<const EvaluationReport> m_report;
    ExplainResult m_result;
    bool m_hasResult = false;

    QStackedWidget* m_stack;
    QLabel* m_empty;
    QComboBox* m_layer;
    std::vector<QLabel*> m_indexLabels;
    std::vector<QSpinBox*> m_index; // n, then up to three output dims
    int m_dims = 1;                 // rank of the current layer's output
    QLabel* m_headline;
    QCheckBox* m_showAll;
    QTableWidget* m_terms;
    QTableWidget* m_alternatives;
    QGroupBox* m_termsBox;
    QTimer* m_requestTimer;
    std::vector<QLabel*> m_values; // every value label, to clear
};

} // namespace ql
