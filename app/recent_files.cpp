#include "app/recent_files.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStyle>

namespace ql {

namespace {
const char* const settingsKey = "recentFiles";
}

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), m_menu(menu)
{
    load();
    rebuildMenu();
}

void RecentFiles::add(const QString& path)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    m_entries.removeAll(clean);
    m_entries.prepend(clean);
    while (m_entries.size() > MaxEntries)
        m_entries.removeLast();
    save();
    rebuildMenu();
}

void RecentFiles::clear()
{
    m_entries.clear();
    save();
    rebuildMenu();
}

void RecentFiles::load()
{
    m_entries = QSettings().value(QLatin1String(settingsKey)).toStringList();
    while (m_entries.size() > MaxEntries)
        m_entries.removeLast();
}

void RecentFiles::save() const
{
    QSettings().setValue(QLatin1String(settingsKey), m_entries);
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    QStyle* style = QApplication::style();
    int number = 1;
    for (const QString& path : std::as_const(m_entries)) {
        const QFileInfo info(path);
        // "&1 model.onnx  (folder)" — the full path is in the tooltip and status tip.
        const QString label = QStringLiteral("&%1  %2").arg(number++).arg(info.fileName());
        QAction* action = m_menu->addAction(
            style->standardIcon(info.isDir() ? QStyle::SP_DirIcon : QStyle::SP_FileIcon), label);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setEnabled(info.exists());
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (!m_entries.isEmpty())
        m_menu->addSeparator();
    QAction* clearAction = m_menu->addAction(tr("Clear Recent"), this, &RecentFiles::clear);
    clearAction->setEnabled(!m_entries.isEmpty());
    m_menu->setEnabled(true);
}

} // namespace ql
