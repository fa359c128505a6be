#pragma once
// File ▸ Open Recent: the last models and data folders opened, most recent first, kept in
// QSettings. Triggering an entry emits openRequested; the owner decides model vs folder.

#include <QObject>
#include <QStringList>

class QMenu;

namespace ql {

class RecentFiles : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxEntries = 8;

    RecentFiles(QMenu* menu, QObject* parent = nullptr);

    void add(const QString& path);
    void clear();
    QStringList entries() const { return m_entries; }

signals:
    void openRequested(const QString& path);

private:
    void load();
    void save() const;
    void rebuildMenu();

    QMenu* m_menu;
    QStringList m_entries;
};

} // namespace ql
