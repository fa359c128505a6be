// MainWindow: the Lessons page and the View menu (Lessons, Language). Kept apart from
// main_window.cpp so that the window only calls createLessons().
#include <QMenuBar>
#include <QTabWidget>

#include "app/inspector_page.h"
#include "app/lessons_page.h"
#include "app/main_window.h"
#include "app/translations.h"
#include "widgets/lessons_panel.h"

namespace ql {

void MainWindow::createLessons()
{
    auto* lessons = new LessonsPage(m_quant);
    addPage(lessons);
    // "Open in Inspector" from a lesson step: the inspector page on the step's element.
    connect(lessons->panel(), &LessonsPanel::inspectRequested, this,
            [this](const QString& layer, const std::vector<int64_t>& index) {
                if (auto* inspector = findChild<InspectorPage*>()) {
                    inspector->inspect(layer, index);
                    m_pages->setCurrentWidget(inspector);
                }
            });

    auto* view = new QMenu(tr("&View"), this);
    view->addAction(tr("&Lessons"), this, [this, lessons] { m_pages->setCurrentWidget(lessons); })
        ->setShortcut(QKeySequence(Qt::Key_F1 | Qt::ShiftModifier));
    view->addMenu(createLanguageMenu(this));
    const QList<QAction*> menus = menuBar()->actions();
    // Before Help (the last menu).
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.back(), view);
}

} // namespace ql
