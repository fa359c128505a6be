#pragma once
// "Lessons" page: the guided lessons (LessonsPanel) in the language of the UI.

#include "app/page.h"

namespace ql {

class LessonsPanel;
class QuantSession;

class LessonsPage : public Page
{
    Q_OBJECT
public:
    explicit LessonsPage(QuantSession* session, QWidget* parent = nullptr);

    QString title() const override { return tr("Lessons"); }
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    LessonsPanel* panel() const { return m_panel; }

private:
    LessonsPanel* m_panel;
};

} // namespace ql
