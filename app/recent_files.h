#pragma once
// File ▸ Open Recent: the last models, configs, calibration folders and evaluation folders
// opened, most recent first, kept in QSettings with their kind, and shown in one section per
// kind. Triggering an entry emits openRequested with the kind it was opened as, so a
// calibration folder reopens as the calibration folder.

#include <QObject>
#include <QStringList>

class QMenu;

namespace ql {

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Model, Config, CalibrationFolder, EvaluationFolder };
    Q_ENUM(Kind)
    static constexpr int MaxEntries = 8; // per kind

    RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path, Kind kind = Kind::Model);
    void clear();
    QStringList entries() const; // every path, most recent first
    QStringList entries(Kind kind) const;

signals:
    void openRequested(ql::RecentFiles::Kind kind, const QString& path);

private:
    struct Entry
    {
        Kind kind;
        QString path;
    };
    void load();
    void save() const;
    void rebuildMenu();

    QMenu* m_menu;
    QList<Entry> m_entries;
};

} // namespace ql
