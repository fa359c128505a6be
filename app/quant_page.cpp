#include "app/quant_page.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <iterator>

#include "core/quant/quant_config.h"
#include "widgets/flow_layout.h"
#include "widgets/quant_layer_delegates.h"
#include "widgets/quant_layer_model.h"
#include "widgets/quant_session.h"
#include "widgets/quant_summary_widget.h"
#include "core/text_format.h"

namespace ql {

namespace {

struct PresetEntry
{
    const char* name;
    const char* label;
    const char* toolTip;
};

const PresetEntry kPresets[] = {
    {"w8a8", "W8A8", "int8 symmetric per-channel weights, uint8 affine activations, half_even"},
    {"w4a8", "W4A8", "4-bit weights, 8-bit activations"},
    {"w8a8-trunc", "W8A8 truncation", "W8A8 with toward_zero rounding everywhere: watch the drift"},
    {"int-only", "Integer-only fixed point",
     "W8A8 with fixed-point requantization: no float between quantize and dequantize"},
    {"all-float", "All float", "Every layer in FP32 (the reference)"},
};

// "keep" at the bottom of the range: the strip leaves the field alone.
QSpinBox* bitsSpin(QWidget* parent, const QString& toolTip)
{
    auto* spin = new QSpinBox(parent);
    spin->setRange(1, 16);
    spin->setSpecialValueText(QObject::tr("keep"));
    spin->setValue(1);
    spin->setToolTip(toolTip);
    return spin;
}

QComboBox* choiceCombo(QWidget* parent, QuantOption option, const QString& toolTip)
{
    auto* combo = new QComboBox(parent);
    combo->addItem(QObject::tr("keep"));
    for (const QuantChoice& c : quantChoices(option)) {
        combo->addItem(option == QuantOption::Scheme ? c.key : c.label, c.key);
        combo->setItemData(combo->count() - 1, c.label + QStringLiteral(": ") + c.toolTip,
                           Qt::ToolTipRole);
    }
    combo->setToolTip(toolTip);
    // Narrow in the strip; the popup still shows whole names.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(option == QuantOption::Observer ? 8 : 6);
    return combo;
}

} // namespace

QuantPage::QuantPage(QuantSession* session, QWidget* parent)
    : Page(parent), m_session(session), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_model(new QuantLayerModel(session, this)), m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView), m_summary(new QuantSummaryWidget(session)),
      m_presets(new QMenu(tr("&Presets"), this))
{
    setObjectName(QStringLiteral("quantPage"));

    for (const PresetEntry& p : kPresets) {
        QAction* a = m_presets->addAction(tr(p.label));
        a->setToolTip(tr(p.toolTip));
        a->setStatusTip(tr(p.toolTip));
        connect(a, &QAction::triggered, this,
                [this, name = QString::fromLatin1(p.name)] { applyPreset(name); });
    }
    m_presets->setToolTipsVisible(true);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QuantLayerModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setItemDelegate(new QuantLayerDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(QuantLayerModel::LayerColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSectionsMovable(true);
    // Default arrangement: the errors right after the name, then the settings that cause them,
    // then the static facts (also on the Model page). Sections can be dragged; the order is kept.
    const int visualOrder[] = {
        QuantLayerModel::LayerColumn,      QuantLayerModel::OpColumn,
        QuantLayerModel::SqnrLocalColumn,  QuantLayerModel::SqnrPropagatedColumn,
        QuantLayerModel::ClipColumn,       QuantLayerModel::OverflowColumn,
        QuantLayerModel::WeightBitsColumn, QuantLayerModel::ActivationBitsColumn,
        QuantLayerModel::SchemeColumn,     QuantLayerModel::GranularityColumn,
        QuantLayerModel::RoundingColumn,   QuantLayerModel::ObserverColumn,
        QuantLayerModel::KeepFloatColumn,  QuantLayerModel::OutputShapeColumn,
        QuantLayerModel::MacsColumn,       QuantLayerModel::ParamsColumn};
    QHeaderView* header = m_view->horizontalHeader();
    for (int visual = 0; visual < int(std::size(visualOrder)); ++visual)
        header->moveSection(header->visualIndex(visualOrder[visual]), visual);

    auto* left = new QWidget(m_splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(createEditorStrip());
    leftLayout->addWidget(m_view, 1);

    auto* scroll = new QScrollArea(m_splitter);
    scroll->setObjectName(QStringLiteral("summaryPanel"));
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(240);

    m_splitter->addWidget(left);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    // The table keeps a usable width; the summary can be dragged shut or hidden (toggle).
    m_splitter->setCollapsible(0, false);
    m_splitter->setCollapsible(1, true);
    m_splitter->setSizes({1060, 330});
    connect(m_summaryToggle, &QToolButton::toggled, scroll, &QWidget::setVisible);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this, scroll] {
        const QSignalBlocker block(m_summaryToggle);
        m_summaryToggle->setChecked(scroll->isVisible() && m_splitter->sizes().value(1) > 0);
    });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &QuantPage::updateSelectionInfo);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    m_session->selectLayer(current.data(QuantLayerModel::LayerNameRole).toString());
            });
    connect(session, &QuantSession::selectedLayerChanged, this, &QuantPage::followSessionSelection);
    // The Float column says why a layer runs in float once a report is there: widen it to its
    // reasons (up to 24 em; the tooltip has the full text), never narrower than the user left it.
    connect(session, &QuantSession::reportAvailable, this, [this] {
        if (m_headerRestored || m_model->rowCount() == 0)
            return;
        const int c = QuantLayerModel::KeepFloatColumn;
        const int before = m_view->columnWidth(c);
        m_view->resizeColumnToContents(c);
        const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
        m_view->setColumnWidth(c, std::max(before, std::min(m_view->columnWidth(c), 24 * em)));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_headerRestored && m_model->rowCount() > 0)
            fitColumns();
        updateSelectionInfo();
    });
    updateSelectionInfo();
}

QWidget* QuantPage::createEditorStrip()
{
    // Two rows that wrap (FlowLayout) rather than widen the window: presets, undo / redo and
    // the summary toggle; then the "apply to selected" fields, each with its label.
    auto* strip = new QWidget(this);
    auto* rows = new QVBoxLayout(strip);
    rows->setContentsMargins(0, 0, 0, 4);
    rows->setSpacing(4);
    auto* row = new FlowLayout;
    rows->addLayout(row);

    auto* presets = new QToolButton(strip);
    presets->setText(tr("Preset"));
    presets->setMenu(m_presets);
    presets->setPopupMode(QToolButton::InstantPopup);
    presets->setToolButtonStyle(Qt::ToolButtonTextOnly);
    presets->setToolTip(tr("Replace the whole config by a preset (undoable)"));
    row->addWidget(presets);

    // Fixed "Undo" / "Redo" texts: the step's description (often with a layer name) goes to
    // the tooltip, so it never widens the strip.
    QUndoStack* stack = m_session->undoStack();
    auto addStep = [&](const QString& text, const QString& shortcut, bool redo) {
        auto* button = new QToolButton(strip);
        button->setText(text);
        button->setAutoRaise(true);
        auto update = [button, text, shortcut, stack, redo] {
            const QString step = redo ? stack->redoText() : stack->undoText();
            button->setEnabled(redo ? stack->canRedo() : stack->canUndo());
            button->setToolTip(step.isEmpty() ? QStringLiteral("%1 (%2)").arg(text, shortcut)
                                              : QStringLiteral("%1: %2 (%3)").arg(text, step, shortcut));
        };
        connect(button, &QToolButton::clicked, stack, redo ? &QUndoStack::redo : &QUndoStack::undo);
        connect(stack, &QUndoStack::indexChanged, button, update);
        connect(stack, &QUndoStack::cleanChanged, button, update);
        update();
        row->addWidget(button);
    };
    addStep(tr("Undo"), tr("Ctrl+Z"), false);
    addStep(tr("Redo"), tr("Ctrl+Shift+Z"), true);

    m_summaryToggle = new QToolButton(strip);
    m_summaryToggle->setText(tr("Summary"));
    m_summaryToggle->setCheckable(true);
    m_summaryToggle->setChecked(true);
    m_summaryToggle->setToolTip(tr("Show or hide the summary panel (more room for the table)"));
    row->addWidget(m_summaryToggle);

    auto* hint = new QLabel(tr("Double-click or F2 edits a cell; select rows (Shift, Ctrl) to "
                               "edit many at once."),
                            strip);
    hint->setEnabled(false);
    hint->setWordWrap(true);
    hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    rows->addWidget(hint);

    row = new FlowLayout;
    rows->addLayout(row);
    m_selectionInfo = new QLabel(strip);
    row->addWidget(m_selectionInfo);
    auto addLabelled = [&](const QString& label, QWidget* w) {
        auto* group = new QWidget(strip);
        auto* pair = new QHBoxLayout(group);
        pair->setContentsMargins(0, 0, 0, 0);
        pair->setSpacing(3);
        auto* l = new QLabel(label, group);
        l->setBuddy(w);
        w->setParent(group);
        pair->addWidget(l);
        pair->addWidget(w);
        row->addWidget(group);
    };
    m_weightBits = bitsSpin(strip, tr("Weight bits for the selected layers"));
    m_activationBits = bitsSpin(strip, tr("Activation bits for the selected layers"));
    m_rounding =
        choiceCombo(strip, QuantOption::Rounding, tr("Rounding (weights and activations)"));
    m_scheme = choiceCombo(strip, QuantOption::Scheme, tr("Scheme of the weights / activations"));
    m_granularity = choiceCombo(strip, QuantOption::Granularity, tr("Weight scale granularity"));
    m_observer = choiceCombo(strip, QuantOption::Observer, tr("Activation range observer"));
    m_keepFloat = new QComboBox(strip);
    m_keepFloat->addItems({tr("keep"), tr("quantize"), tr("float")});
    m_keepFloat->setToolTip(tr("Run the selected layers in integer arithmetic or in FP32"));
    addLabelled(tr("&W"), m_weightBits);
    addLabelled(tr("&A"), m_activationBits);
    addLabelled(tr("R&ounding"), m_rounding);
    addLabelled(tr("S&cheme"), m_scheme);
    addLabelled(tr("&Gran."), m_granularity);
    addLabelled(tr("O&bs."), m_observer);
    addLabelled(tr("&Run"), m_keepFloat);
    m_apply = new QPushButton(tr("A&pply to Selected"), strip);
    m_apply->setToolTip(tr("Set the chosen fields on every selected layer (one undo step)"));
    connect(m_apply, &QPushButton::clicked, this, &QuantPage::applyToSelected);
    row->addWidget(m_apply);
    return strip;
}

void QuantPage::fitColumns()
{
    m_view->resizeColumnsToContents();
    // Long layer and op names elide in the middle rather than push the errors off screen.
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    for (int c = 0; c < QuantLayerModel::ColumnCount; ++c) {
        const int widest = em * (c == QuantLayerModel::LayerColumn ? 18 : 10);
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), widest));
    }
}

QStringList QuantPage::selectedLayers() const
{
    QStringList names;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        names << index.data(QuantLayerModel::LayerNameRole).toString();
    return names;
}

void QuantPage::updateSelectionInfo()
{
    const int n = int(m_view->selectionModel()->selectedRows().size());
    m_selectionInfo->setText(n ? formatQuantity(n, "layer:", "layers:") : tr("Select layers:"));
    m_apply->setEnabled(n > 0);
}

void QuantPage::followSessionSelection(const QString& layer)
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && current.data(QuantLayerModel::LayerNameRole).toString() == layer)
        return;
    const int row = m_model->rowOf(layer);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

QString QuantPage::configName() const
{
    const QuantConfig& current = m_session->config();
    for (const PresetEntry& p : kPresets) {
        QuantConfig preset = presetConfig(p.name);
        preset.model = current.model;
        preset.preprocess = current.preprocess;
        if (preset == current)
            return tr("preset %1").arg(tr(p.label));
    }
    const QString path = m_session->configPath();
    if (!path.isEmpty())
        return m_session->isDirty() ? tr("%1 (modified)").arg(QFileInfo(path).fileName())
                                    : QFileInfo(path).fileName();
    return tr("unsaved config (%1)")
        .arg(formatQuantity(m_session->undoStack()->index(), "edit", "edits"));
}

void QuantPage::applyPreset(const QString& name)
{
    QuantConfig next;
    try {
        next = presetConfig(name.toStdString());
    } catch (const std::exception&) {
        return;
    }
    const QuantConfig& current = m_session->config();
    next.model = current.model;
    next.preprocess = current.preprocess;
    QString label = name;
    for (const PresetEntry& p : kPresets)
        if (name == QLatin1String(p.name))
            label = tr(p.label);
    m_session->setConfig(next, tr("Preset %1").arg(label));
}

void QuantPage::applyToSelected()
{
    LayerEdit edit;
    if (m_weightBits->value() >= 2)
        edit.weightBits = m_weightBits->value();
    if (m_activationBits->value() >= 2)
        edit.activationBits = m_activationBits->value();
    if (m_rounding->currentIndex() > 0) {
        RoundingMode mode;
        if (parseRoundingMode(m_rounding->currentData().toString().toStdString(), &mode))
            edit.rounding = mode;
    }
    if (m_scheme->currentIndex() > 0) {
        const QStringList parts = m_scheme->currentData().toString().split(QLatin1Char('/'));
        edit.weightScheme = schemeOf(parts.value(0));
        edit.activationScheme = schemeOf(parts.value(1));
    }
    if (m_granularity->currentIndex() > 0)
        edit.granularity = m_granularity->currentData().toString() == QLatin1String("per_channel")
                               ? Granularity::PerChannel
                               : Granularity::PerTensor;
    if (m_observer->currentIndex() > 0) {
        ObserverKind kind;
        if (parseObserverKind(m_observer->currentData().toString().toStdString(), &kind))
            edit.observer = kind;
    }
    if (m_keepFloat->currentIndex() > 0)
        edit.keepFloat = m_keepFloat->currentIndex() == 2;
    const QStringList layers = selectedLayers();
    if (edit.isEmpty() || layers.isEmpty())
        return;
    m_model->applyEdit(
        layers, edit,
        tr("%1 on %2").arg(edit.describe(), formatQuantity(layers.size(), "layer", "layers")));
}

void QuantPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("header"), m_view->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("summaryVisible"), m_summaryToggle->isChecked());
}

void QuantPage::restoreSettings(const QSettings& settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_summaryToggle->setChecked(settings.value(QStringLiteral("summaryVisible"), true).toBool());
    m_headerRestored = m_view->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("header")).toByteArray());
}

} // namespace ql
