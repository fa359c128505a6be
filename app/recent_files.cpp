#include "app/recent_files.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>
#include <QStyle>

#include <map>

namespace ql {

namespace {

const char* const settingsKey = "recentFiles";

const char* kindKey(RecentFiles::Kind kind)
{
    switch (kind) {
    case RecentFiles::Kind::Model: return "model";
    case RecentFiles::Kind::Config: return "config";
    case RecentFiles::Kind::CalibrationFolder: return "calib";
    case RecentFiles::Kind::EvaluationFolder: return "eval";
    }
    return "model";
}

} // namespace

RecentFiles::RecentFiles(QMenu* menu, QObject* parent) : QObject(parent), m_menu(menu)
{
    load();
    rebuildMenu();
}

void RecentFiles::add(const QString& path, Kind kind)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    m_entries.removeIf([&](const Entry& e) { return e.kind == kind && e.path == clean; });
    m_entries.prepend({kind, clean});
    int kept = 0;
    m_entries.removeIf([&](const Entry& e) { return e.kind == kind && ++kept > MaxEntries; });
    save();
    rebuildMenu();
}

void RecentFiles::clear()
{
    m_entries.clear();
    save();
    rebuildMenu();
}

QStringList RecentFiles::entries() const
{
    QStringList paths;
    for (const Entry& e : m_entries)
        paths << e.path;
    return paths;
}

QStringList RecentFiles::entries(Kind kind) const
{
    QStringList paths;
    for (const Entry& e : m_entries)
        if (e.kind == kind)
            paths << e.path;
    return paths;
}

void RecentFiles::load()
{
    m_entries.clear();
    std::map<Kind, int> counts;
    for (const QString& stored : QSettings().value(QLatin1String(settingsKey)).toStringList()) {
        // "kind|path"; entries of older versions have no kind: guess it from the path.
        const qsizetype bar = stored.indexOf(QLatin1Char('|'));
        const QString key = bar > 0 ? stored.left(bar) : QString();
        Entry e{Kind::Model, bar > 0 ? stored.mid(bar + 1) : stored};
        bool known = false;
        for (Kind k : {Kind::Model, Kind::Config, Kind::CalibrationFolder, Kind::EvaluationFolder})
            if (key == QLatin1String(kindKey(k))) {
                e.kind = k;
                known = true;
            }
        if (!known) {
            e.path = stored;
            const QFileInfo info(stored);
            e.kind = info.isDir() ? Kind::EvaluationFolder
                     : info.suffix().compare(QLatin1String("json"), Qt::CaseInsensitive) == 0
                         ? Kind::Config
                         : Kind::Model;
        }
        if (++counts[e.kind] <= MaxEntries)
            m_entries << e;
    }
}

void RecentFiles::save() const
{
    QStringList stored;
    for (const Entry& e : m_entries)
        stored << QLatin1String(kindKey(e.kind)) + QLatin1Char('|') + e.path;
    QSettings().setValue(QLatin1String(settingsKey), stored);
}

void RecentFiles::rebuildMenu()
{
    m_menu->clear();
    QStyle* style = QApplication::style();
    const std::pair<Kind, QString> sections[] = {
        {Kind::Model, tr("Models")},
        {Kind::Config, tr("Configs")},
        {Kind::CalibrationFolder, tr("Calibration folders")},
        {Kind::EvaluationFolder, tr("Evaluation folders")},
    };
    int number = 1;
    for (const auto& [kind, title] : sections) {
        const QStringList paths = entries(kind);
        if (paths.isEmpty())
            continue;
        m_menu->addSection(title);
        for (const QString& path : paths) {
            const QFileInfo info(path);
            // "&1  model.onnx" — the full path is in the tooltip and status tip.
            const QString label = number <= 9 ? QStringLiteral("&%1  %2").arg(number).arg(info.fileName())
                                              : info.fileName();
            ++number;
            QAction* action = m_menu->addAction(
                style->standardIcon(info.isDir() ? QStyle::SP_DirIcon : QStyle::SP_FileIcon), label);
            action->setToolTip(QDir::toNativeSeparators(path));
            action->setStatusTip(QDir::toNativeSeparators(path));
            action->setEnabled(info.exists());
            connect(action, &QAction::triggered, this,
                    [this, kind, path] { emit openRequested(kind, path); });
        }
    }
    if (!m_entries.isEmpty())
        m_menu->addSeparator();
    QAction* clearAction = m_menu->addAction(tr("Clear Recent"), this, &RecentFiles::clear);
    clearAction->setEnabled(!m_entries.isEmpty());
    m_menu->setEnabled(true);
}

} // namespace ql
