#include "app/lessons_page.h"

#include <QMessageBox>
#include <QVBoxLayout>

#include "app/translations.h"
#include "widgets/lessons_panel.h"

namespace ql {

LessonsPage::LessonsPage(QuantSession* session, QWidget* parent)
    : Page(parent), m_panel(new LessonsPanel(session))
{
    setObjectName(QStringLiteral("lessons"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    m_panel->setLessonDirectory(lessonDirectoryFor(uiLanguage()));
    connect(m_panel, &LessonsPanel::exportFinished, this, [this](const QString& path, const QString& error) {
        if (error.isEmpty())
            QMessageBox::information(this, tr("Lesson Handout"), tr("Wrote %1").arg(path));
        else
            QMessageBox::warning(this, tr("Lesson Handout"), error);
    });
}

void LessonsPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("lesson"), m_panel->currentLesson());
    settings.setValue(QStringLiteral("step"), m_panel->currentStep());
}

void LessonsPage::restoreSettings(const QSettings& settings)
{
    m_panel->showStep(settings.value(QStringLiteral("lesson"), 0).toInt(),
                      settings.value(QStringLiteral("step"), 0).toInt());
}

} // namespace ql
