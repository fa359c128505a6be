#pragma once
// "Model" page: the layer table beside the summary panel (model, exits, data, accuracy).

#include "app/page.h"

class QSplitter;

namespace ql {

class LayerTableView;
class ModelSummaryWidget;
class Session;

class ModelPage : public Page
{
    Q_OBJECT
public:
    explicit ModelPage(Session* session, QWidget* parent = nullptr);

    QString title() const override { return tr("Model"); }
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    LayerTableView* layerTable() const { return m_layers; }
    ModelSummaryWidget* summary() const { return m_summary; }

private:
    void updateDataset();
    void updateEvaluation();

    Session* m_session;
    QSplitter* m_splitter;
    LayerTableView* m_layers;
    ModelSummaryWidget* m_summary;
};

} // namespace ql
