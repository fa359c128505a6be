#pragma once
// Side panel: what the open model is (file, hash, producer, totals, exits), what the data
// folder holds (images, classes, skipped files) and the FP32 accuracy per exit once known.

#include <QWidget>

#include <memory>

#include "core/dataset.h"
#include "core/fp32_eval.h"
#include "core/graph.h"

class QFormLayout;
class QGroupBox;
class QLabel;
class QListWidget;
class QTreeWidget;

namespace ql {

class ExitTradeoffChart;

class ModelSummaryWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ModelSummaryWidget(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const Model> model, const QString& path);
    // dataset null: nothing loaded for dir (yet); loading says whether a load is under way.
    void setDataset(std::shared_ptr<const Dataset> dataset, const QString& dir, bool loading);
    void setEvaluation(std::shared_ptr<const Fp32EvalResult> result, bool running);

    QTreeWidget* exitsTree() const { return m_exits; }
    ExitTradeoffChart* tradeoffChart() const { return m_chart; }

private:
    QLabel* addRow(QFormLayout* form, const QString& label);
    void updateExits();
    void updateChart(bool labelled);
    void updateDataRows();

    std::shared_ptr<const Model> m_model;
    std::shared_ptr<const Dataset> m_dataset;
    std::shared_ptr<const Fp32EvalResult> m_result;
    QString m_dataDir;
    bool m_dataLoading = false;
    bool m_evaluating = false;

    QLabel* m_file;
    QLabel* m_sha;
    QLabel* m_producer;
    QLabel* m_input;
    QLabel* m_nodes;
    QLabel* m_params;
    QLabel* m_macs;
    QGroupBox* m_exitsBox;
    QTreeWidget* m_exits;
    QLabel* m_exitsNote;
    QGroupBox* m_chartBox;
    ExitTradeoffChart* m_chart;
    QLabel* m_folder;
    QLabel* m_images;
    QLabel* m_classes;
    QLabel* m_skipped;
    QListWidget* m_skippedList;
};

} // namespace ql
