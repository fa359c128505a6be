// Issue 16 item 1 ("data loss with a success message on a full disk"), on a real full file
// system: a 64 KiB tmpfs mounted for this test (root only; skipped with the reason otherwise).
// For every kind of save — config JSON, JSON report, CSV report pair, npy dump, chart PNG and
// SVG export, and `quantlens-cli config init --out` — a pre-existing file keeps its exact old
// bytes, the error names the file and says "No space left on device", the CLI exits 3 with one
// line, and no temporary file is left behind.
// Before the fix, QSaveFile in Qt 6.4 renamed an empty file over the target (it ignores the
// failed final flush, and files under 16 KiB are only written at that flush).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "cli_test_runner.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/quant/quant_config.h"
#include "core/quant/report_io.h"
#include "widgets/drift_chart.h"

using namespace ql;

namespace {

const QString kNoSpace = QStringLiteral("No space left on device");
const QByteArray kOld = QByteArrayLiteral("{ \"the\": \"old bytes, which must survive\" }\n");
constexpr qint64 kPage = 4096; // tmpfs accounts in pages

std::string local(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

// Two layers and two exits: each CSV of this report is under one page (checked in the test).
EvaluationReport smallReport()
{
    EvaluationReport r;
    r.samples = 10;
    r.labelled = true;
    for (int i = 0; i < 2; ++i) {
        LayerReport l;
        l.name = "conv" + std::to_string(i);
        l.opType = "Conv";
        l.kind = LayerKind::Integer;
        l.kernel = "conv";
        l.depth = i;
        l.quantized = true;
        l.outputShape = {1, 4, 3, 3};
        l.outputParams = QuantParams{{0.05f}, {0}, -1, 0, 255};
        l.propagated.meanError = 0.01 * (i + 1);
        l.propagated.sqnrDb = 30.0 - i;
        l.propagated.errorHist = Histogram{-0.1, 0.1, {1, 4, 9, 4, 1}};
        l.propagated.valueHist = Histogram{-1.0, 2.0, {3, 5, 2}};
        l.local = l.propagated;
        r.layers.push_back(l);
    }
    r.exits = {ExitReport{"exit1", 1000, 10, 80.0, 70.0, 90.0},
               ExitReport{"exit2", 2000, 10, 90.0, 90.0, 100.0}};
    return r;
}

} // namespace

class TestFullDisk : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_mount;
    bool m_mounted = false;

    QString path(const QString& name) const { return m_mount + QLatin1Char('/') + name; }

    void writeOld(const QString& name)
    {
        QFile f(path(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(kOld), qint64(kOld.size()));
    }

    // Fills the file system with a filler file, then frees `freePages` pages of it.
    void fill(int freePages)
    {
        const std::string filler = local(path(QStringLiteral("filler")));
        const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(fd >= 0);
        const QByteArray page(kPage, '\0');
        qint64 written = 0;
        for (;;) {
            const ssize_t n = ::write(fd, page.constData(), size_t(page.size()));
            if (n <= 0)
                break;
            written += n;
        }
        const int err = errno;
        QVERIFY(::ftruncate(fd, written - freePages * kPage) == 0);
        ::close(fd);
        QCOMPARE(err, ENOSPC);
        QVERIFY(written >= freePages * kPage);
    }

    // The old files are intact and nothing else (a temporary) was left in the folder.
    void verifyUntouched(const QStringList& oldFiles)
    {
        for (const QString& name : oldFiles)
            QCOMPARE(readAll(path(name)), kOld);
        QStringList expected = oldFiles;
        expected << QStringLiteral("filler");
        expected.sort();
        QCOMPARE(QDir(m_mount).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                                         QDir::Name),
                 expected);
    }

    static void verifyNoSpaceError(const QString& message, const QString& file)
    {
        QVERIFY2(message.startsWith(file + QLatin1String(": ")), qPrintable(message));
        QVERIFY2(message.contains(kNoSpace), qPrintable(message));
    }

    template<class Save>
    void expectNoSpace(const QString& target, Save save)
    {
        try {
            save();
            QFAIL("the save succeeded on a full file system");
        } catch (const Error& e) {
            verifyNoSpaceError(QString::fromUtf8(e.what()), target);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_mount = m_dir.filePath(QStringLiteral("tmpfs"));
        QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("tmpfs")));
        if (::mount("tmpfs", local(m_mount).c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                    "size=64k,mode=0700") != 0) {
            const std::string why = std::error_code(errno, std::generic_category()).message();
            QSKIP(qPrintable(QStringLiteral("cannot mount a 64 KiB tmpfs (needs root or "
                                            "CAP_SYS_ADMIN): %1")
                                 .arg(QString::fromStdString(why))));
        }
        m_mounted = true;
    }

    void cleanup()
    {
        if (!m_mounted)
            return;
        QDir dir(m_mount);
        for (const QString& name :
             dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
            QVERIFY(dir.remove(name));
    }

    void cleanupTestCase()
    {
        if (m_mounted)
            QVERIFY(::umount2(local(m_mount).c_str(), MNT_DETACH) == 0);
    }

    void configSave()
    {
        writeOld(QStringLiteral("cfg.json"));
        fill(0);
        const QString target = path(QStringLiteral("cfg.json"));
        expectNoSpace(target, [&] { saveQuantConfig(presetConfig("w8a8"), local(target)); });
        verifyUntouched({QStringLiteral("cfg.json")});
    }

    void jsonReport()
    {
        writeOld(QStringLiteral("r.json"));
        fill(0);
        const QString target = path(QStringLiteral("r.json"));
        expectNoSpace(target, [&] { saveEvaluationReport(smallReport(), local(target)); });
        verifyUntouched({QStringLiteral("r.json")});
    }

    // One free page: the layer CSV fits, the exits CSV does not. Neither file may change
    // (before, the layer file was truncated to 4096 bytes and the exits file emptied).
    void csvReportPair()
    {
        const EvaluationReport report = smallReport();
        QVERIFY(qint64(layersToCsv(report).size()) < kPage);
        QVERIFY(qint64(exitsToCsv(report).size()) < kPage);
        const QStringList old{QStringLiteral("r.csv"), QStringLiteral("r_exits.csv")};
        for (const QString& name : old)
            writeOld(name);
        for (int freePages : {1, 0}) {
            fill(freePages);
            const QString target = path(QStringLiteral("r.csv"));
            try {
                saveEvaluationReport(report, local(target));
                QFAIL("the save succeeded on a full file system");
            } catch (const Error& e) {
                const QString message = QString::fromUtf8(e.what());
                QVERIFY2(message.contains(kNoSpace), e.what());
                // With one free page it is the second file that fails, and it is named.
                if (freePages == 1)
                    verifyNoSpaceError(message, path(QStringLiteral("r_exits.csv")));
            }
            verifyUntouched(old);
        }
    }

    void npyDump()
    {
        writeOld(QStringLiteral("t.codes.npy"));
        fill(0);
        const QString target = path(QStringLiteral("t.codes.npy"));
        const NpyArray a = NpyArray::fromFloat({2, 3}, {1, 2, 3, 4, 5, 6});
        expectNoSpace(target, [&] { writeNpy(local(target), a); });
        verifyUntouched({QStringLiteral("t.codes.npy")});
    }

    void chartExport()
    {
        DriftChart chart;
        chart.resize(600, 300);
        chart.setReport(smallReport());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        writeOld(QStringLiteral("drift.png"));
        writeOld(QStringLiteral("drift.svg"));
        fill(0);
        QString error;
        QVERIFY(!chart.exportPng(path(QStringLiteral("drift.png")), &error));
        verifyNoSpaceError(error, path(QStringLiteral("drift.png")));
        QVERIFY(!chart.exportSvg(path(QStringLiteral("drift.svg")), &error));
        verifyNoSpaceError(error, path(QStringLiteral("drift.svg")));
        verifyUntouched({QStringLiteral("drift.png"), QStringLiteral("drift.svg")});
    }

    // The reproduction: exit 0, "Wrote…" and a 0-byte file before the fix.
    void cliConfigInit()
    {
        writeOld(QStringLiteral("existing.json"));
        fill(0);
        const QString target = path(QStringLiteral("existing.json"));
        const ql::testing::CliResult r = ql::testing::runCli(
            {QStringLiteral("config"), QStringLiteral("init"), QStringLiteral("--model"),
             ql::testing::demoModel(), QStringLiteral("--out"), target});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1); // one line
        verifyNoSpaceError(r.err.trimmed().remove(QStringLiteral("quantlens-cli: ")), target);
        QVERIFY(!r.err.contains(QLatin1String("Wrote")));
        verifyUntouched({QStringLiteral("existing.json")});
    }
};

QTEST_MAIN(TestFullDisk)
#include "test_full_disk.moc"
