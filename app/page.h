#pragma once
// A page of the main window (layers, and later config editor, charts, inspector, summary).
// Pages read the shared Session; the window only hosts them and persists their state.

#include <QSettings>
#include <QWidget>

namespace ql {

class Page : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString title() const = 0;
    // Called inside a QSettings group named after the page's objectName().
    virtual void saveSettings(QSettings& settings) const { Q_UNUSED(settings); }
    virtual void restoreSettings(const QSettings& settings) { Q_UNUSED(settings); }
};

} // namespace ql
