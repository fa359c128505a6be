#include "widgets/model_summary_widget.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/exit_tradeoff_chart.h"
#include "core/prediction_stats.h"
#include "core/text_format.h"

namespace ql {

namespace {

enum ExitColumn { ExitName, ExitOutput, ExitClasses, ExitMacs, ExitResult, ExitColumns };

QString countWithHuman(int64_t n)
{
    return n >= 1000 ? QStringLiteral("%1 (%2)").arg(formatCount(n), formatHuman(double(n)))
                     : formatCount(n);
}

QFormLayout* makeForm(QGroupBox* box)
{
    auto* form = new QFormLayout(box);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    return form;
}

} // namespace

ModelSummaryWidget::ModelSummaryWidget(QWidget* parent) : QWidget(parent)
{
    auto* modelBox = new QGroupBox(tr("Model"), this);
    auto* modelForm = makeForm(modelBox);
    m_file = addRow(modelForm, tr("File"));
    m_sha = addRow(modelForm, tr("SHA-256"));
    m_producer = addRow(modelForm, tr("Producer"));
    m_input = addRow(modelForm, tr("Input"));
    m_nodes = addRow(modelForm, tr("Nodes"));
    m_params = addRow(modelForm, tr("Parameters"));
    m_macs = addRow(modelForm, tr("MACs / sample"));

    m_exitsBox = new QGroupBox(tr("Exits"), this);
    m_exits = new QTreeWidget(m_exitsBox);
    m_exits->setRootIsDecorated(false);
    m_exits->setColumnCount(ExitColumns);
    m_exits->setSelectionMode(QAbstractItemView::NoSelection);
    m_exits->setFocusPolicy(Qt::NoFocus);
    m_exits->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_exits->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_exits->header()->setStretchLastSection(false);
    m_exits->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_exits->header()->setSectionResizeMode(ExitOutput, QHeaderView::Stretch);
    m_exitsNote = new QLabel(m_exitsBox);
    m_exitsNote->setWordWrap(true);
    auto* exitsLayout = new QVBoxLayout(m_exitsBox);
    exitsLayout->addWidget(m_exits);
    exitsLayout->addWidget(m_exitsNote);

    m_chartBox = new QGroupBox(tr("Accuracy vs cost"), this);
    m_chart = new ExitTradeoffChart(m_chartBox);
    auto* chartLayout = new QVBoxLayout(m_chartBox);
    chartLayout->setContentsMargins(2, 2, 2, 2);
    chartLayout->addWidget(m_chart);
    m_chartBox->hide();

    auto* dataBox = new QGroupBox(tr("Data"), this);
    auto* dataForm = makeForm(dataBox);
    m_folder = addRow(dataForm, tr("Folder"));
    m_images = addRow(dataForm, tr("Images"));
    m_classes = addRow(dataForm, tr("Classes"));
    m_skipped = addRow(dataForm, tr("Skipped"));
    m_skippedList = new QListWidget(dataBox);
    m_skippedList->setMaximumHeight(m_skippedList->fontMetrics().height() * 6);
    m_skippedList->setSelectionMode(QAbstractItemView::NoSelection);
    dataForm->addRow(m_skippedList);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(modelBox);
    layout->addWidget(m_exitsBox);
    layout->addWidget(m_chartBox, 1);
    layout->addWidget(dataBox);
    layout->addStretch(1);

    setModel(nullptr, {});
    setDataset(nullptr, {}, false);
}

QLabel* ModelSummaryWidget::addRow(QFormLayout* form, const QString& label)
{
    auto* value = new QLabel(form->parentWidget());
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    value->setMinimumWidth(1);
    form->addRow(label + QLatin1Char(':'), value);
    return value;
}

void ModelSummaryWidget::setModel(std::shared_ptr<const Model> model, const QString& path)
{
    m_model = std::move(model);
    m_result.reset();
    const QString none = QStringLiteral("—");
    if (!m_model) {
        for (QLabel* l : {m_file, m_sha, m_producer, m_input, m_nodes, m_params, m_macs})
            l->setText(none);
        m_file->setText(tr("No model open — File ▸ Open Model… or drop an .onnx file here"));
        updateExits();
        return;
    }
    m_file->setText(QFileInfo(path).fileName());
    m_file->setToolTip(QDir::toNativeSeparators(path));
    const QString sha = QString::fromStdString(m_model->sha256);
    m_sha->setText(sha.isEmpty() ? none : sha.left(16) + QStringLiteral("…"));
    m_sha->setToolTip(sha);
    const QString producer = QString::fromStdString(m_model->producer);
    m_producer->setText(tr("%1 · opset %2")
                            .arg(producer.isEmpty() ? tr("unknown") : producer)
                            .arg(m_model->opset));
    QStringList inputs;
    for (const ValueInfo& in : m_model->graph.inputs)
        inputs << QStringLiteral("%1 %2 %3")
                      .arg(QString::fromStdString(in.name), formatShape(in.shape),
                           QString::fromLatin1(dtypeName(in.dtype)));
    m_input->setText(inputs.join(QLatin1Char('\n')));
    m_nodes->setText(formatCount(int64_t(m_model->graph.nodes.size())));
    m_params->setText(countWithHuman(m_model->totalParams()));
    m_macs->setText(countWithHuman(m_model->totalMacs()));
    updateExits();
}

void ModelSummaryWidget::setDataset(std::shared_ptr<const Dataset> dataset, const QString& dir,
                                    bool loading)
{
    m_dataset = std::move(dataset);
    m_dataDir = dir;
    m_dataLoading = loading;
    m_result.reset();
    updateDataRows();
    updateExits();
}

void ModelSummaryWidget::setEvaluation(std::shared_ptr<const Fp32EvalResult> result,
                                       bool running)
{
    m_result = std::move(result);
    m_evaluating = running;
    updateExits();
}

void ModelSummaryWidget::updateDataRows()
{
    const QString none = QStringLiteral("—");
    if (m_dataDir.isEmpty()) {
        m_folder->setText(tr("No data folder — File ▸ Open Data Folder…"));
        m_folder->setToolTip({});
    } else {
        m_folder->setText(QDir(m_dataDir).dirName());
        m_folder->setToolTip(QDir::toNativeSeparators(m_dataDir));
    }
    m_skippedList->clear();
    m_skippedList->hide();
    if (!m_dataset) {
        m_images->setText(m_dataLoading ? tr("loading…")
                                        : (m_dataDir.isEmpty() || m_model ? none
                                                                          : tr("waiting for a model")));
        m_classes->setText(none);
        m_skipped->setText(none);
        return;
    }
    m_images->setText(formatCount(m_dataset->size()));
    if (m_dataset->labelled()) {
        QStringList names;
        for (const std::string& c : m_dataset->classes)
            names << QString::fromStdString(c);
        m_classes->setText(tr("%1 (%2)").arg(names.size()).arg(names.join(QStringLiteral(", "))));
        m_classes->setToolTip(names.join(QLatin1Char('\n')));
    } else {
        m_classes->setText(tr("unlabelled (no class sub-folders)"));
        m_classes->setToolTip({});
    }
    const auto& skipped = m_dataset->skipped;
    m_skipped->setText(skipped.empty() ? tr("none") : formatQuantity(int64_t(skipped.size()), "file", "files"));
    for (const SkippedFile& s : skipped)
        m_skippedList->addItem(QStringLiteral("%1: %2").arg(
            QFileInfo(QString::fromStdString(s.path)).fileName(), QString::fromStdString(s.reason)));
    m_skippedList->setVisible(!skipped.empty());
}

void ModelSummaryWidget::updateExits()
{
    m_exits->clear();
    const bool labelled = !m_dataset || m_dataset->labelled();
    m_exits->setHeaderLabels({tr("Exit"), tr("Output"), tr("Classes"), tr("MACs"),
                              labelled ? tr("FP32 top-1") : tr("Agrees w/ last")});
    m_exits->headerItem()->setToolTip(
        ExitResult, labelled ? tr("Top-1 accuracy of the FP32 model at this exit")
                             : tr("Share of images on which this exit predicts the same class "
                                  "as the deepest exit (the folder has no labels)"));
    if (!m_model) {
        m_chartBox->hide();
        m_exitsNote->setText({});
        m_exits->setFixedHeight(m_exits->header()->sizeHint().height() + 8);
        return;
    }
    const double total = double(std::max<int64_t>(m_model->totalMacs(), 1));
    const auto& exits = m_model->exits;
    const bool haveResult = m_result && m_result->exits.size() == exits.size();
    for (size_t i = 0; i < exits.size(); ++i) {
        const ExitInfo& e = exits[i];
        auto* item = new QTreeWidgetItem(m_exits);
        // Height only: the Output column stretches, so its width hint is ignored.
        item->setSizeHint(ExitOutput, QSize(0, m_exits->fontMetrics().height() + 8));
        item->setText(ExitName, tr("exit%1").arg(i + 1));
        item->setText(ExitOutput, QString::fromStdString(e.output));
        item->setText(ExitClasses, QString::number(e.classes));
        item->setText(ExitMacs, QStringLiteral("%1 (%2 %)")
                                    .arg(formatHuman(double(e.macs)))
                                    .arg(100.0 * double(e.macs) / total, 0, 'f', 0));
        item->setToolTip(ExitMacs, tr("%1 MACs per sample to reach this exit")
                                       .arg(formatCount(e.macs)));
        for (int c : {ExitClasses, ExitMacs, ExitResult})
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (!haveResult) {
            item->setText(ExitResult, m_evaluating ? tr("…") : QStringLiteral("—"));
            continue;
        }
        const ExitAccuracy& acc = m_result->exits[i];
        if (labelled) {
            item->setText(ExitResult, formatPercent(acc.top1()));
            item->setToolTip(ExitResult, tr("%1 of %2 images correct")
                                             .arg(formatCount(acc.correct), formatCount(acc.total)));
        } else {
            item->setText(ExitResult, formatPercent(agreementPercent(
                                          m_result->predictions[i], m_result->predictions.back())));
        }
    }
    const int rows = int(exits.size());
    const int rowHeight = rows ? m_exits->sizeHintForRow(0) : 0;
    m_exits->setFixedHeight(m_exits->header()->sizeHint().height() + rows * rowHeight +
                            2 * m_exits->frameWidth() + 2);

    updateChart(labelled);

    if (exits.empty())
        m_exitsNote->setText(tr("The model has no classifier output."));
    else if (haveResult)
        m_exitsNote->setText(
            labelled ? tr("FP32 top-1 on %1.")
                               .arg(formatQuantity(m_result->samples, "image", "images"))
                     : tr("The folder is unlabelled: accuracy is not available. Shown: agreement "
                          "with the deepest exit on %1.")
                           .arg(formatQuantity(m_result->samples, "image", "images")));
    else if (m_evaluating)
        m_exitsNote->setText(tr("Evaluating FP32…"));
    else if (!m_dataset)
        m_exitsNote->setText(tr("Open a data folder to measure FP32 accuracy per exit."));
    else
        m_exitsNote->setText({});
}

void ModelSummaryWidget::updateChart(bool labelled)
{
    const auto& exits = m_model->exits;
    if (!m_result || m_result->exits.size() != exits.size() || exits.empty()) {
        m_chartBox->hide();
        return;
    }
    std::vector<ExitTradeoffChart::Point> points;
    for (size_t i = 0; i < exits.size(); ++i) {
        const double percent =
            labelled ? m_result->exits[i].top1()
                     : agreementPercent(m_result->predictions[i], m_result->predictions.back());
        points.push_back({tr("exit%1").arg(i + 1), double(exits[i].macs), percent});
    }
    m_chart->setPoints(points, labelled ? tr("FP32 top-1")
                                        : tr("Agreement with exit%1").arg(exits.size()));
    m_chartBox->show();
}

} // namespace ql
