#pragma once
// "Quantize" page: the editable layer table (config + latest errors per layer) under an editor
// strip ("Apply to selected" and presets), beside the quantization summary. Every edit is an
// undoable QuantSession command; the report follows after a short debounce.

#include "app/page.h"

class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QTableView;
class QToolButton;

namespace ql {

class QuantLayerModel;
class QuantSession;
class QuantSummaryWidget;

class QuantPage : public Page
{
    Q_OBJECT
public:
    explicit QuantPage(QuantSession* session, QWidget* parent = nullptr);
    // How the current config is called in a baseline label: its preset, its file, or "unsaved".
    QString configName() const;

    QString title() const override { return tr("Quantize"); }
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    QTableView* tableView() const { return m_view; }
    QuantLayerModel* layerModel() const { return m_model; }
    QSortFilterProxyModel* proxyModel() const { return m_proxy; }
    QuantSummaryWidget* summary() const { return m_summary; }
    QMenu* presetsMenu() const { return m_presets; }

    QStringList selectedLayers() const;
    // Replaces the config by a preset ("w8a8", ...) keeping the model identity (undoable).
    void applyPreset(const QString& name);
    // The editor strip's settings on the selected layers, as one undoable step.
    void applyToSelected();

private:
    QWidget* createEditorStrip();
    void updateSelectionInfo();
    void fitColumns();
    void followSessionSelection(const QString& layer);

    QuantSession* m_session;
    QSplitter* m_splitter;
    QuantLayerModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QuantSummaryWidget* m_summary;
    QMenu* m_presets;
    QLabel* m_selectionInfo = nullptr;
    QSpinBox* m_weightBits = nullptr;
    QSpinBox* m_activationBits = nullptr;
    QComboBox* m_rounding = nullptr;
    QComboBox* m_scheme = nullptr;
    QComboBox* m_granularity = nullptr;
    QComboBox* m_observer = nullptr;
    QComboBox* m_keepFloat = nullptr;
    QPushButton* m_apply = nullptr;
    QToolButton* m_summaryToggle = nullptr;
    bool m_headerRestored = false;
};

} // namespace ql
