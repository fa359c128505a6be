// core/atomic_write: the one writer behind every save. New file, replacement (bytes and
// permission bits), a symbolic link kept, non-regular targets written in place with errors
// checked (/dev/full fails with ENOSPC, /dev/null succeeds), a folder or a missing folder
// refused with the path in the message, and no temporary file left behind in any case.
// The full-disk behaviour on a real file system is in test_full_disk (tmpfs).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

#include "core/atomic_write.h"
#include "core/error.h"

using namespace ql;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

std::string local(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

// Every name in the folder, hidden ones included (temporary files start with a dot).
QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                                   QDir::NoDotAndDotDot,
                               QDir::Name);
}

mode_t permissions(const QString& path)
{
    struct stat st{};
    return ::stat(local(path).c_str(), &st) == 0 ? (st.st_mode & 07777) : mode_t(-1);
}

} // namespace

class TestAtomicWrite : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ::umask(022); // the mode expected for new files below
    }

    void writesNewFileAndReplacesOld()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("a.json"));
        writeFileAtomic(local(path), "first");
        QCOMPARE(readAll(path), QByteArray("first"));
        QCOMPARE(permissions(path), mode_t(0644)); // 0666 & ~umask, like any new file
        QVERIFY(::chmod(local(path).c_str(), 0640) == 0);
        writeFileAtomic(local(path), std::string(100000, 'x')); // larger than any buffer
        QCOMPARE(readAll(path), QByteArray(100000, 'x'));
        QCOMPARE(permissions(path), mode_t(0640)); // a replaced file keeps its mode
        writeFileAtomic(local(path), "");
        QCOMPARE(readAll(path), QByteArray());
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("a.json")});
    }

    void symbolicLinkIsKept()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("real")));
        const QString target = dir.filePath(QStringLiteral("real/cfg.json"));
        const QString link = dir.filePath(QStringLiteral("cfg.json"));
        writeFileAtomic(local(target), "old");
        QVERIFY(QFile::link(target, link));
        writeFileAtomic(local(link), "new");
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(target), QByteArray("new"));
        QCOMPARE(entries(dir.filePath(QStringLiteral("real"))),
                 QStringList{QStringLiteral("cfg.json")});
    }

    void deviceTargetsAreWrittenInPlace()
    {
        // The issue's `--out /dev/full` case: the error must surface, not a silent success.
        try {
            writeFileAtomic("/dev/full", "some bytes");
            QFAIL("writing /dev/full succeeded");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QLatin1String("/dev/full: ")), e.what());
            QVERIFY2(message.contains(QLatin1String("No space left on device")), e.what());
        }
        writeFileAtomic("/dev/null", "discarded"); // a device with nothing to sync is fine
    }

    void batchWritesEveryFileOrNone()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString a = dir.filePath(QStringLiteral("r.csv"));
        const QString b = dir.filePath(QStringLiteral("r_exits.csv"));
        writeFilesAtomic({{local(a), "layers v1"}, {local(b), "exits v1"}});
        QCOMPARE(readAll(a), QByteArray("layers v1"));
        QCOMPARE(readAll(b), QByteArray("exits v1"));
        writeFilesAtomic({{local(a), "layers v2"}, {local(b), "exits v2"}});
        QCOMPARE(readAll(a), QByteArray("layers v2"));
        QCOMPARE(readAll(b), QByteArray("exits v2"));
        QCOMPARE(entries(dir.path()), (QStringList{QStringLiteral("r.csv"),
                                                   QStringLiteral("r_exits.csv")}));

        // The second file cannot be written (its folder is missing): the temporaries are all
        // written before any rename, so the first file keeps its old bytes.
        const QString missing = dir.filePath(QStringLiteral("gone/r_exits.csv"));
        QVERIFY_THROWS_EXCEPTION(Error,
                                 writeFilesAtomic({{local(a), "layers v3"}, {local(missing), "x"}}));
        QCOMPARE(readAll(a), QByteArray("layers v2"));
        QCOMPARE(entries(dir.path()), (QStringList{QStringLiteral("r.csv"),
                                                   QStringLiteral("r_exits.csv")}));
    }

    void refusedTargetsNameThePath()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = dir.filePath(QStringLiteral("out.json"));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("out.json")));
        try {
            writeFileAtomic(local(folder), "x");
            QFAIL("writing over a folder succeeded");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     folder + QStringLiteral(": cannot write: it is a folder"));
        }
        const QString missing = dir.filePath(QStringLiteral("no/such/dir/r.json"));
        try {
            writeFileAtomic(local(missing), "x");
            QFAIL("writing into a missing folder succeeded");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(missing + QLatin1String(": ")), e.what());
            QVERIFY2(message.contains(QLatin1String("No such file or directory")), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, writeFileAtomic("", "x"));
        QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("out.json")});
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "test_atomic_write.moc"
