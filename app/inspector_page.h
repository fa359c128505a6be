#pragma once
// "Inspector" page: the teaching walk-through of one output element (InspectorWidget) driven
// by QuantSession::explain(). It follows the selected layer when that layer can be explained.

#include <vector>

#include "app/page.h"

namespace ql {

class InspectorWidget;
class QuantSession;

class InspectorPage : public Page
{
    Q_OBJECT
public:
    explicit InspectorPage(QuantSession* session, QWidget* parent = nullptr);

    QString title() const override { return tr("Inspector"); }

    InspectorWidget* inspector() const { return m_inspector; }

public slots:
    // Shows `layer` at `index` (n, o[, y, x]); an empty index keeps the current element.
    void inspect(const QString& layer, const std::vector<int64_t>& index);

private:
    void updateReport();
    std::vector<int64_t> worstIndex(const QString& layer) const;
    void explain(const QString& layer, const std::vector<int64_t>& index, int sample);

    QuantSession* m_session;
    InspectorWidget* m_inspector;
};

} // namespace ql
