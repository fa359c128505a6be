#include "app/mixed_precision_page.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include "core/quant/pruning.h"
#include "core/quant/size_table.h"
#include "widgets/flow_layout.h"
#include "widgets/mixed_precision_session.h"
#include "widgets/pareto_chart.h"
#include "widgets/quant_session.h"
#include "widgets/sensitivity_heatmap.h"
#include "widgets/size_cost_table.h"
#include "widgets/session.h"
#include "core/text_format.h"

namespace ql {

namespace {

enum TargetKind { TargetDrop = 0, TargetSize = 1, TargetBitOps = 2 };

} // namespace

MixedPrecisionPage::MixedPrecisionPage(QuantSession* session, QWidget* parent)
    : Page(parent), m_session(session), m_cancel(new QPushButton(tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_status(new QLabel(this)),
      m_analysis(new MixedPrecisionSession(session, this))
{
    setObjectName(QStringLiteral("mixedPrecision"));
    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(createSensitivityPanel());
    top->addWidget(createSearchPanel());
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    top->setSizes({700, 700});
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(top);
    vertical->addWidget(createSizePanel());
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    vertical->setSizes({480, 300});

    auto* jobRow = new QHBoxLayout;
    // Status texts wrap (never clipped, never widening the window).
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("mixedPrecisionStatus"));
    m_progress->setMaximumWidth(260);
    m_progress->setTextVisible(true);
    jobRow->addWidget(m_status, 1);
    jobRow->addWidget(m_progress);
    jobRow->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(vertical, 1);
    layout->addLayout(jobRow);

    connect(m_analysis, &MixedPrecisionSession::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(int(std::max<qint64>(total, 1)));
        m_progress->setValue(int(std::min(done, total)));
        m_progress->setFormat(tr("%1 / %2 evaluations").arg(done).arg(total));
    });
    connect(m_analysis, &MixedPrecisionSession::busyChanged, this, [this](bool busy) {
        m_progress->setValue(0);
        updateState();
        emit busyChanged(busy);
    });
    connect(m_analysis, &MixedPrecisionSession::cancelled, this,
            [this] { m_status->setText(tr("Cancelled")); });
    connect(m_analysis, &MixedPrecisionSession::failed, this,
            [this](const QString& title, const QString& message) {
                m_status->setText(tr("Failed: %1").arg(message));
                emit failed(title, message);
            });
    connect(m_analysis, &MixedPrecisionSession::sensitivityAvailable, this,
            &MixedPrecisionPage::showSensitivity);
    connect(m_analysis, &MixedPrecisionSession::searchAvailable, this,
            &MixedPrecisionPage::showSearch);
    connect(m_cancel, &QPushButton::clicked, this, &MixedPrecisionPage::cancel);
    connect(m_session, &QuantSession::configChanged, this, [this] {
        updateCurrentBits();
        updateSizeTable();
    });
    connect(m_session, &QuantSession::calibrationChanged, this, [this] {
        updateSizeTable();
        updateState();
    });
    connect(m_session->session(), &Session::modelChanged, this, [this] {
        m_analysis->clear();
        m_status->clear();
        updateExits();
        updateSizeTable();
        updateState();
    });
    connect(m_session->session(), &Session::datasetChanged, this, &MixedPrecisionPage::updateState);
    updateExits();
    updateState();
    updateSizeTable();
}

MixedPrecisionPage::~MixedPrecisionPage() = default;

QWidget* MixedPrecisionPage::createSensitivityPanel()
{
    auto* box = new QGroupBox(tr("Sensitivity: only one layer quantized"), this);
    m_kind = new QComboBox(box);
    m_kind->addItem(tr("Weights"), int(BitsTarget::Weights));
    m_kind->addItem(tr("Activations"), int(BitsTarget::Activations));
    m_kind->addItem(tr("Both"), int(BitsTarget::Both));
    m_kind->setToolTip(tr("Which tensors of the layer get the bit width"));
    m_metric = new QComboBox(box);
    m_metric->addItem(tr("Top-1 drop"));
    m_metric->addItem(tr("Exit SQNR"));
    m_exit = new QComboBox(box);
    m_exit->setToolTip(tr("Exit the heat map, the search target and the Pareto plot refer to"));
    m_bits = new QLineEdit(QStringLiteral("2,3,4,6,8,12,16"), box);
    m_bits->setObjectName(QStringLiteral("sensitivityBits"));
    m_bits->setToolTip(tr("Bit widths to try, comma-separated (2..16)"));
    m_bits->setMaximumWidth(130);
    m_images = new QSpinBox(box);
    m_images->setRange(0, 1000000);
    m_images->setValue(200);
    m_images->setSpecialValueText(tr("all"));
    m_images->setToolTip(tr("Evaluation images used by the sensitivity analysis and the search, "
                            "spread over the classes (0 = all)"));
    m_runSensitivity = new QPushButton(tr("Run sensitivity"), box);
    m_heatmap = new SensitivityHeatmap(box);

    auto* row1 = new FlowLayout;
    row1->addWidget(new QLabel(tr("Bits"), box));
    row1->addWidget(m_bits);
    row1->addWidget(m_kind);
    row1->addWidget(new QLabel(tr("Images"), box));
    row1->addWidget(m_images);
    row1->addWidget(m_runSensitivity);
    auto* row2 = new FlowLayout;
    row2->addWidget(new QLabel(tr("Colour"), box));
    row2->addWidget(m_metric);
    row2->addWidget(new QLabel(tr("at"), box));
    row2->addWidget(m_exit);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(m_heatmap, 1);

    connect(m_runSensitivity, &QPushButton::clicked, this, &MixedPrecisionPage::runSensitivity);
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_heatmap->model()->setMetric(i == 0 ? SensitivityHeatmapModel::Metric::Drop
                                             : SensitivityHeatmapModel::Metric::Sqnr);
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        m_heatmap->model()->setKind(BitsTarget(m_kind->currentData().toInt()));
        updateCurrentBits();
    });
    connect(m_exit, &QComboBox::currentIndexChanged, this, [this] {
        m_heatmap->model()->setExit(selectedExit());
        m_pareto->setExit(selectedExit());
    });
    connect(m_heatmap, &SensitivityHeatmap::cellClicked, this, &MixedPrecisionPage::applyCell);
    return box;
}

QWidget* MixedPrecisionPage::createSearchPanel()
{
    auto* box = new QGroupBox(tr("Automatic mixed precision"), this);
    m_targetKind = new QComboBox(box);
    m_targetKind->addItem(tr("Top-1 drop at most"));
    m_targetKind->addItem(tr("Model size at most"));
    m_targetKind->addItem(tr("Bit-ops at most"));
    m_targetValue = new QDoubleSpinBox(box);
    m_targetValue->setDecimals(2);
    m_targetValue->setRange(0.0, 1e9);
    m_targetValue->setValue(1.0);
    m_targetValue->setSuffix(tr(" pt"));
    m_axis = new QComboBox(box);
    m_axis->addItem(tr("Size"));
    m_axis->addItem(tr("Bit-ops"));
    m_runSearch = new QPushButton(tr("Run search"), box);
    m_applyFound = new QPushButton(tr("Apply found config"), box);
    m_searchSummary = new QLabel(box);
    m_searchSummary->setWordWrap(true);
    m_searchSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pareto = new ParetoChart(box);
    m_pareto->setMinimumHeight(260);

    auto* row = new FlowLayout;
    row->addWidget(m_targetKind);
    row->addWidget(m_targetValue);
    row->addWidget(new QLabel(tr("Plot against"), box));
    row->addWidget(m_axis);
    row->addWidget(m_runSearch);
    row->addWidget(m_applyFound);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_searchSummary);
    layout->addWidget(m_pareto, 1);

    connect(m_targetKind, &QComboBox::currentIndexChanged, this, [this](int kind) {
        const auto* size = m_session->report() ? &m_session->report()->size : nullptr;
        if (kind == TargetDrop) {
            m_targetValue->setSuffix(tr(" pt"));
            m_targetValue->setValue(1.0);
        } else if (kind == TargetSize) {
            m_targetValue->setSuffix(tr(" kB"));
            m_targetValue->setValue(size ? 0.5 * double(size->quantizedBytes) / 1000.0 : 100.0);
        } else {
            m_targetValue->setSuffix(tr(" M bit-ops"));
            m_targetValue->setValue(size ? 0.5 * size->quantizedBitOps / 1e6 : 100.0);
        }
    });
    connect(m_axis, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_pareto->setAxis(i == 0 ? CostAxis::Bytes : CostAxis::BitOps);
    });
    connect(m_runSearch, &QPushButton::clicked, this, &MixedPrecisionPage::runSearch);
    connect(m_applyFound, &QPushButton::clicked, this, &MixedPrecisionPage::applyFound);
    connect(m_pareto, &ParetoChart::pointClicked, this, &MixedPrecisionPage::applyPoint);
    return box;
}

QWidget* MixedPrecisionPage::createSizePanel()
{
    auto* box = new QGroupBox(tr("Size and cost of the current config"), this);
    m_prune = new QSpinBox(box);
    m_prune->setRange(0, 99);
    m_prune->setSuffix(tr(" %"));
    m_prune->setToolTip(tr("Zero this share of every layer's smallest-magnitude weights (size "
                           "only: the sparse column shows the bitmap encoding)"));
    m_sizeSummary = new QLabel(box);
    m_sizeSummary->setWordWrap(true);
    m_sizeTable = new SizeCostTable(box);

    auto* row = new QHBoxLayout;
    row->addWidget(m_sizeSummary, 1);
    row->addWidget(new QLabel(tr("Prune smallest |w|"), box));
    row->addWidget(m_prune);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_sizeTable, 1);
    connect(m_prune, &QSpinBox::valueChanged, this, &MixedPrecisionPage::updateSizeTable);
    return box;
}

void MixedPrecisionPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("bits"), m_bits->text());
    settings.setValue(QStringLiteral("images"), m_images->value());
    settings.setValue(QStringLiteral("metric"), m_metric->currentIndex());
}

void MixedPrecisionPage::restoreSettings(const QSettings& settings)
{
    m_bits->setText(settings.value(QStringLiteral("bits"), m_bits->text()).toString());
    m_images->setValue(settings.value(QStringLiteral("images"), m_images->value()).toInt());
    m_metric->setCurrentIndex(settings.value(QStringLiteral("metric"), 0).toInt());
}

void MixedPrecisionPage::setImageLimit(int images)
{
    m_images->setValue(images);
}

int MixedPrecisionPage::selectedExit() const
{
    const int data = m_exit->currentData().toInt();
    return m_exit->count() == 0 ? -1 : data;
}

void MixedPrecisionPage::updateExits()
{
    const QSignalBlocker block(m_exit);
    m_exit->clear();
    if (const auto model = m_session->session()->model()) {
        for (size_t e = 0; e < model->exits.size(); ++e)
            m_exit->addItem(QString::fromStdString(model->exits[e].output), int(e));
        if (model->exits.size() > 1)
            m_exit->addItem(tr("every exit (worst)"), -1);
        // Multi-exit models: "every exit" by default, so no exit silently loses accuracy.
        m_exit->setCurrentIndex(m_exit->count() - 1);
    }
    m_heatmap->model()->setExit(selectedExit());
    m_pareto->setExit(selectedExit());
}

std::vector<int> MixedPrecisionPage::parsedBits(bool* ok) const
{
    std::vector<int> bits;
    *ok = true;
    for (const QString& part : m_bits->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool good = false;
        const int b = part.trimmed().toInt(&good);
        if (!good || b < 2 || b > 16)
            *ok = false;
        else
            bits.push_back(b);
    }
    *ok = *ok && !bits.empty();
    return bits;
}

void MixedPrecisionPage::updateState()
{
    const bool ready = m_analysis->isReady();
    m_runSensitivity->setEnabled(ready && !isBusy());
    m_runSearch->setEnabled(ready && !isBusy());
    m_applyFound->setEnabled(m_analysis->search() != nullptr);
    m_cancel->setEnabled(isBusy());
    m_progress->setVisible(isBusy());
    // The hint only while something is missing; it never outlives the missing piece.
    const QString hint = tr("Open a model, a calibration folder and evaluation images to analyse "
                            "per-layer bit widths.");
    if (!isBusy() && !ready)
        m_status->setText(hint);
    else if (ready && m_status->text() == hint)
        m_status->clear();
}

void MixedPrecisionPage::cancel()
{
    m_analysis->cancel();
}

bool MixedPrecisionPage::isBusy() const
{
    return m_analysis->isBusy();
}

void MixedPrecisionPage::runSensitivity()
{
    bool ok = false;
    SensitivityOptions options;
    options.bits = parsedBits(&ok);
    if (!ok) {
        m_status->setText(tr("Bits: a comma-separated list of widths in 2..16"));
        return;
    }
    options.kinds = {BitsTarget(m_kind->currentData().toInt())};
    if (!m_analysis->isReady())
        return;
    const int images = m_images->value();
    m_status->setText(tr("Sensitivity on %1: FP32 reference, then one evaluation per layer and "
                         "width…")
                          .arg(imageCount(images)));
    m_analysis->runSensitivity(options, images);
}

void MixedPrecisionPage::runSearch()
{
    if (!m_analysis->isReady())
        return;
    AutoQuantOptions options;
    options.target.exit = selectedExit();
    const double v = m_targetValue->value();
    switch (m_targetKind->currentIndex()) {
    case TargetDrop: options.target.maxDrop = v; break;
    case TargetSize: options.target.maxBytes = std::llround(v * 1000.0); break;
    default: options.target.maxBitOps = v * 1e6; break;
    }
    const int images = m_images->value();
    m_searchSummary->clear();
    m_status->setText(tr("Searching on %1: sensitivity, then greedy steps verified by evaluation, "
                         "then a re-check on all %2…")
                          .arg(imageCount(images))
                          .arg(imageCount(0)));
    m_analysis->runSearch(options, images);
}

QString MixedPrecisionPage::imageCount(int limit) const
{
    const auto data = m_analysis->data();
    const int64_t all = data ? data->size() : 0;
    const int64_t n = limit <= 0 ? all : std::min<int64_t>(limit, all);
    return formatQuantity(n, "image", "images");
}

void MixedPrecisionPage::setSensitivity(std::shared_ptr<const SensitivityResult> result,
                                        const QuantConfig& base)
{
    m_analysis->setSensitivity(std::move(result), base, m_images->value());
}

void MixedPrecisionPage::showSensitivity()
{
    const auto result = m_analysis->sensitivity();
    if (result && !result->kinds.empty()) {
        const QSignalBlocker block(m_kind);
        m_kind->setCurrentIndex(m_kind->findData(int(result->kinds.front())));
        m_heatmap->model()->setKind(result->kinds.front());
    }
    m_heatmap->model()->setResult(result);
    updateCurrentBits();
    if (result)
        m_status->setText(tr("Sensitivity: %1 evaluations on %2 in %3 s")
                              .arg(result->evaluations)
                              .arg(formatQuantity(result->samples, "image", "images"))
                              .arg(result->seconds, 0, 'f', 1));
    if (result)
        emit sensitivityAvailable();
}

void MixedPrecisionPage::setSearchResult(std::shared_ptr<const AutoQuantResult> result,
                                         const QuantConfig& base)
{
    if (!result) {
        m_analysis->setSearch(nullptr);
        return;
    }
    auto outcome = std::make_shared<SearchOutcome>();
    outcome->result = *result;
    outcome->base = base;
    outcome->searchImages = outcome->fullImages = result->sensitivity.samples;
    outcome->chosen = result->best;
    outcome->fullScore = result->found().score;
    outcome->targetMetOnFull = result->targetMet;
    m_analysis->setSearch(outcome);
}

void MixedPrecisionPage::showSearch()
{
    const auto outcome = m_analysis->search();
    m_pareto->setResult(outcome ? std::shared_ptr<const AutoQuantResult>(outcome, &outcome->result)
                                : nullptr);
    if (outcome) {
        const AutoQuantResult& r = outcome->result;
        const EvaluatedConfig& f = r.evaluated[static_cast<size_t>(outcome->chosen)];
        const ExitScore& full = outcome->fullScore;
        const EvaluatedConfig& w8 = r.evaluated[static_cast<size_t>(r.w8a8)];
        QStringList exits;
        for (size_t e = 0; e < full.top1.size() && e < r.exits.size(); ++e)
            exits << tr("%1 %2 % (%3)")
                         .arg(QString::fromStdString(r.exits[e]))
                         .arg(full.top1[e], 0, 'f', 1)
                         .arg(QString::asprintf("%+.1f pt", -full.drop[e]));
        const bool sampled = outcome->searchImages < outcome->fullImages;
        QString verdict = outcome->targetMetOnFull ? tr("Target met") : tr("Target not met");
        if (sampled)
            verdict += tr(" on all %1").arg(formatQuantity(outcome->fullImages, "image", "images"));
        QString how = sampled ? tr("Searched on %1 (%2 evaluations), re-checked on all %3 "
                                   "(%4 evaluations)")
                                    .arg(formatQuantity(outcome->searchImages, "image", "images"))
                                    .arg(r.sensitivityEvaluations + r.searchEvaluations)
                                    .arg(formatQuantity(outcome->fullImages, "image", "images"))
                                    .arg(outcome->recheckEvaluations)
                              : tr("Searched on %1 (%2 evaluations)")
                                    .arg(formatQuantity(outcome->searchImages, "image", "images"))
                                    .arg(r.sensitivityEvaluations + r.searchEvaluations);
        if (sampled && outcome->chosen != r.best)
            how += tr("; the search's own pick missed the target on the full set, so point #%1 "
                      "is proposed")
                       .arg(outcome->chosen);
        m_searchSummary->setText(
            tr("<b>%1</b>: %2 B (%3 bits avg) vs W8A8 %4 B — %5× smaller; %6. %7. "
               "Click a point to apply its config.")
                .arg(verdict)
                .arg(formatCount(f.score.size.quantizedBytes))
                .arg(f.averageWeightBits, 0, 'f', 2)
                .arg(formatCount(w8.score.size.quantizedBytes))
                .arg(double(w8.score.size.quantizedBytes) /
                         double(std::max<int64_t>(f.score.size.quantizedBytes, 1)),
                     0, 'f', 2)
                .arg(exits.join(QStringLiteral(", ")), how));
        m_status->setText(tr("Search: %1 evaluations in %2 s")
                              .arg(r.sensitivityEvaluations + r.searchEvaluations +
                                   outcome->recheckEvaluations)
                              .arg(r.seconds, 0, 'f', 1));
    } else {
        m_searchSummary->clear();
    }
    updateState();
    if (outcome)
        emit searchAvailable();
}

void MixedPrecisionPage::updateCurrentBits()
{
    std::map<std::string, int> bits;
    if (const auto sensitivity = m_analysis->sensitivity()) {
        const BitsTarget kind = m_heatmap->model()->kind();
        for (const LayerSensitivity& l : sensitivity->layers) {
            const ResolvedLayerConfig r = resolveLayer(m_session->config(), l.layer);
            if (r.keepFloat)
                continue;
            if (kind == BitsTarget::Activations)
                bits[l.layer] = r.activations.bits;
            else if (kind == BitsTarget::Weights || r.weights.bits == r.activations.bits)
                bits[l.layer] = r.weights.bits;
        }
    }
    m_heatmap->model()->setCurrentBits(bits);
}

void MixedPrecisionPage::applyCell(const QString& layer, int bits)
{
    const BitsTarget kind = m_heatmap->model()->kind();
    m_session->editLayers(
        {layer},
        [kind, bits](LayerOverride& o) {
            if (kind != BitsTarget::Activations) {
                if (!o.weights)
                    o.weights = TensorQuantOverride{};
                o.weights->bits = bits;
            }
            if (kind != BitsTarget::Weights) {
                if (!o.activations)
                    o.activations = TensorQuantOverride{};
                o.activations->bits = bits;
            }
        },
        tr("Set %1 of %2 to %3 bits")
            .arg(QString::fromLatin1(bitsTargetName(kind)), layer)
            .arg(bits));
}

void MixedPrecisionPage::applyFound()
{
    m_analysis->applyFound();
}

void MixedPrecisionPage::applyPoint(int index)
{
    m_analysis->applyPoint(index);
}

void MixedPrecisionPage::updateSizeTable()
{
    m_sizeTable->clearTable();
    const auto model = m_session->session()->model();
    const auto calib = m_session->calibration();
    if (!model || !calib) {
        m_sizeSummary->setText(tr("Needs a model and its calibration."));
        return;
    }
    SizeTable t;
    try {
        const QuantConfig& config = m_session->config();
        if (m_prune->value() > 0) {
            PruneSpec spec;
            spec.defaultSparsity = m_prune->value() / 100.0;
            spec.fusion = config.defaults.fusion;
            const PrunedModel pruned = pruneModel(*model, spec);
            t = sizeTable(pruned.model, config, *calib);
        } else {
            t = sizeTable(*model, config, *calib);
        }
    } catch (const std::exception& e) {
        m_sizeSummary->setText(tr("Cannot size this config: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    m_sizeTable->setTable(t);
    m_sizeSummary->setText(SizeCostTable::summary(t));
}

} // namespace ql
