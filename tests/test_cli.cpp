// quantlens-cli end to end through QProcess: exit codes, the one-line error contract, and
// the info/run output on the bundled demo assets.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_test_runner.h"

using namespace ql::testing;

namespace {

QString demoData()
{
    return QStringLiteral(QL_RESOURCE_DIR "/data/eval");
}

// A folder holding the first `perClass` images of some demo classes (ImageFolder layout).
bool makeSubset(const QString& root, const QStringList& classes, int perClass)
{
    for (const QString& name : classes) {
        const QDir source(demoData() + "/" + name);
        if (!QDir(root).mkpath(name))
            return false;
        const QStringList files = source.entryList(QDir::Files, QDir::Name).mid(0, perClass);
        for (const QString& file : files)
            if (!QFile::copy(source.filePath(file), root + "/" + name + "/" + file))
                return false;
    }
    return true;
}

QString top1Row(const QString& out) // the deepest exit's row of the run table
{
    const QStringList lines = out.split(QLatin1Char('\n'));
    for (const QString& line : lines)
        if (line.trimmed().startsWith(QStringLiteral("exit3")))
            return line.trimmed();
    return {};
}

// The error contract: exactly one line, "quantlens-cli: <message>".
void verifyOneErrorLine(const QString& err)
{
    const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 1, qPrintable(err));
    QVERIFY2(lines.front().startsWith(QStringLiteral("quantlens-cli: ")), qPrintable(err));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void noArgumentsIsUsageError()
    {
        const CliResult r = runCli({});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("Usage:")));
    }

    void unknownCommandIsUsageError()
    {
        const CliResult r = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown command 'frobnicate'")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("--help")));
    }

    void unknownOptionAndMissingValue()
    {
        CliResult r = runCli({QStringLiteral("info"), QStringLiteral("--bogus"), demoModel()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'--bogus'")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("quantlens-cli info --help")));

        r = runCli({QStringLiteral("run"), QStringLiteral("--model")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("needs a value")), qPrintable(r.err));

        r = runCli({QStringLiteral("run"), QStringLiteral("--model"), demoModel()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("missing --data")), qPrintable(r.err));

        r = runCli({QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                    QStringLiteral("--data"), demoData(), QStringLiteral("--limit"),
                    QStringLiteral("lots")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--limit")), qPrintable(r.err));
    }

    void helpAndVersion()
    {
        CliResult r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("info")) && r.out.contains(QStringLiteral("run")));
        r = runCli({QStringLiteral("run"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--limit")));
        r = runCli({QStringLiteral("help"), QStringLiteral("info")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--json")));
        r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("quantlens-cli ")));
    }

    void infoOnMissingFile()
    {
        const QString missing = QStringLiteral("/nonexistent/dir/nothing_here.onnx");
        const CliResult r = runCli({QStringLiteral("info"), missing});
        QCOMPARE(r.exitCode, 3);
        verifyOneErrorLine(r.err);
        QVERIFY2(r.err.contains(QStringLiteral("nothing_here.onnx")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void infoOnGarbageFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("garbage.onnx"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a protobuf \x01\x02\x03\xff\xfe garbage garbage");
        f.close();
        const CliResult r = runCli({QStringLiteral("info"), path});
        QCOMPARE(r.exitCode, 3);
        verifyOneErrorLine(r.err);
        QVERIFY2(r.err.contains(QStringLiteral("garbage.onnx")), qPrintable(r.err));
    }

    void infoOnDemoModel()
    {
        QVERIFY2(QFile::exists(demoModel()), qPrintable(demoModel() + " is missing"));
        const CliResult r = runCli({QStringLiteral("info"), demoModel()});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Totals")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("MACs per sample")));
        QVERIFY(r.out.contains(QStringLiteral("exit1")));
        QVERIFY(r.out.contains(QStringLiteral("exit2")));
        QVERIFY(r.out.contains(QStringLiteral("Conv")));

        const CliResult j = runCli({QStringLiteral("info"), demoModel(), QStringLiteral("--json")});
        QCOMPARE(j.exitCode, 0);
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(j.out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(root.value("nodes").toArray().size() > 0);
        QVERIFY(root.value("exits").toArray().size() >= 2);
        QVERIFY(root.value("totals").toObject().value("macs").toInteger() > 0);
        // Exits are ordered by the MACs needed to reach them.
        const QJsonArray exits = root.value("exits").toArray();
        for (qsizetype i = 1; i < exits.size(); ++i)
            QVERIFY(exits[i - 1].toObject().value("macs").toInteger() <=
                    exits[i].toObject().value("macs").toInteger());
    }

    void runOnDemoData()
    {
        QVERIFY2(QFile::exists(demoModel()), qPrintable(demoModel() + " is missing"));
        QVERIFY2(QFileInfo(demoData()).isDir(), qPrintable(demoData() + " is missing"));
        const CliResult r = runCli({QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                                    QStringLiteral("--data"), demoData(), QStringLiteral("--limit"),
                                    QStringLiteral("100")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("exit1")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("exit2")));
        QVERIFY(r.out.contains(QStringLiteral("100 images")));
        QVERIFY(r.out.contains(QStringLiteral("Top-1")));
        // stderr is not a terminal here: progress comes as whole lines, no carriage returns.
        QVERIFY(!r.err.contains(QLatin1Char('\r')));
    }

    // 3 folders against 10 logits: labels 0..2 by sorted name cannot be the model's classes.
    // A warning says so; with a class map the same folder scores against the right outputs.
    void runWarnsAboutFoldersAndHonoursAClassMap()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("subset"));
        QVERIFY(makeSubset(data, {"1-trouser", "5-sandal", "8-bag"}, 20));
        const QStringList base{QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                               QStringLiteral("--data"), data};
        const CliResult plain = runCli(base);
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QVERIFY2(plain.err.contains(QStringLiteral("warning: 3 class folders")), qPrintable(plain.err));
        QVERIFY(plain.out.contains(QStringLiteral("against 10 model outputs")));

        const QString map = dir.filePath(QStringLiteral("labels.txt"));
        QFile file(map);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# folder index\n1-trouser 1\n5-sandal 5\n8-bag 8\n");
        file.close();
        const CliResult mapped = runCli(base + QStringList{QStringLiteral("--class-map"), map});
        QVERIFY2(mapped.exitCode == 0, qPrintable(mapped.err));
        QVERIFY2(!mapped.err.contains(QStringLiteral("warning")), qPrintable(mapped.err));
        QVERIFY(mapped.out.contains(QStringLiteral("mapped by")));
        // Trousers, sandals and bags are the demo CNN's easiest classes (>= 96 % each on the
        // full eval set); unmapped, the labels 0..2 would score near 0 %.
        const QString row = top1Row(mapped.out);
        const QRegularExpression percent(QStringLiteral("(\\d+\\.\\d+) %"));
        const QRegularExpressionMatch m = percent.match(row);
        QVERIFY2(m.hasMatch() && m.captured(1).toDouble() >= 90.0, qPrintable(row));

        // A folder missing from the map is an error naming it (exit 3; after the loading
        // progress lines, the one error line).
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("1-trouser 1\n5-sandal 5\n");
        file.close();
        const CliResult missing = runCli(base + QStringList{QStringLiteral("--class-map"), map});
        QCOMPARE(missing.exitCode, 3);
        const QString last = missing.err.trimmed().section(QLatin1Char('\n'), -1);
        QVERIFY2(last.startsWith(QStringLiteral("quantlens-cli: ")) &&
                     last.contains(QStringLiteral("no entry for class folder '8-bag'")),
                 qPrintable(missing.err));
    }

    // The config's preprocessing.class_map (relative: next to the config) does what
    // --class-map does, for run and for evaluate; --class-map overrides it.
    void configClassMapIsHonoured()
    {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("subset"));
        QVERIFY(makeSubset(data, {"1-trouser", "5-sandal", "8-bag"}, 20));
        QFile map(dir.filePath(QStringLiteral("maps/labels.txt")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("maps")));
        QVERIFY(map.open(QIODevice::WriteOnly));
        map.write("1-trouser 1\n5-sandal 5\n8-bag 8\n");
        map.close();
        const QString config = dir.filePath(QStringLiteral("cfg.json"));
        QFile cfg(config);
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(R"({"schema_version": 1, "preprocessing": {"class_map": "maps/labels.txt"}})");
        cfg.close();

        const CliResult run = runCli({QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                                      QStringLiteral("--data"), data, QStringLiteral("--config"),
                                      config});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(!run.err.contains(QStringLiteral("warning")), qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("mapped by ") + dir.filePath("maps/labels.txt")),
                 qPrintable(run.out));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("(\\d+\\.\\d+) %")).match(top1Row(run.out));
        QVERIFY2(m.hasMatch() && m.captured(1).toDouble() >= 90.0, qPrintable(run.out));

        const CliResult evaluate = runCli(
            {QStringLiteral("evaluate"), QStringLiteral("--model"), demoModel(),
             QStringLiteral("--calib"), data, QStringLiteral("--config"), config,
             QStringLiteral("--no-local")});
        QVERIFY2(evaluate.exitCode == 0, qPrintable(evaluate.err));
        QVERIFY2(!evaluate.err.contains(QStringLiteral("class folders")), qPrintable(evaluate.err));

        // --class-map wins: a map without 8-bag fails, naming the folder.
        QFile partial(dir.filePath(QStringLiteral("partial.txt")));
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write("1-trouser 1\n5-sandal 5\n");
        partial.close();
        const CliResult over = runCli({QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                                       QStringLiteral("--data"), data, QStringLiteral("--config"),
                                       config, QStringLiteral("--class-map"), partial.fileName()});
        QCOMPARE(over.exitCode, 3);
        QVERIFY2(over.err.contains(QStringLiteral("no entry for class folder '8-bag'")),
                 qPrintable(over.err));
    }

    // The identity map over all ten folders changes nothing.
    void runWithIdentityClassMapMatchesPlainRun()
    {
        QTemporaryDir dir;
        const QString map = dir.filePath(QStringLiteral("labels.txt"));
        QFile file(map);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QStringList folders = QDir(demoData()).entryList(QDir::Dirs | QDir::NoDotAndDotDot,
                                                               QDir::Name);
        QCOMPARE(folders.size(), 10);
        for (const QString& f : folders) // ImageNet's synset-mapping style: index = position
            file.write((f + " " + f.section('-', 1) + " description\n").toUtf8());
        file.close();
        const QStringList base{QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                               QStringLiteral("--data"), demoData(), QStringLiteral("--limit"),
                               QStringLiteral("100")};
        const CliResult plain = runCli(base);
        const CliResult mapped = runCli(base + QStringList{QStringLiteral("--class-map"), map});
        QVERIFY2(plain.exitCode == 0 && mapped.exitCode == 0, qPrintable(mapped.err));
        QVERIFY(!top1Row(plain.out).isEmpty());
        QCOMPARE(top1Row(mapped.out), top1Row(plain.out));
    }

    void runOnMissingFolder()
    {
        QVERIFY2(QFile::exists(demoModel()), qPrintable(demoModel() + " is missing"));
        const CliResult r = runCli({QStringLiteral("run"), QStringLiteral("--model"), demoModel(),
                                    QStringLiteral("--data"), QStringLiteral("/nonexistent/images")});
        QCOMPARE(r.exitCode, 3);
        verifyOneErrorLine(r.err);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/images")), qPrintable(r.err));
    }

    // Issue 16: `--out /dev/full` exited 0. A save to a device is written in place and its
    // error reported; so is output sent to a full stdout (`config init > /dev/full`).
    void savesToDevFullFail()
    {
        const CliResult r = runCli({QStringLiteral("config"), QStringLiteral("init"),
                                    QStringLiteral("--model"), demoModel(),
                                    QStringLiteral("--out"), QStringLiteral("/dev/full")});
        QCOMPARE(r.exitCode, 3);
        verifyOneErrorLine(r.err);
        QVERIFY2(r.err.contains(QStringLiteral("/dev/full: cannot write: No space left on device")),
                 qPrintable(r.err));

        QProcess p;
        p.setStandardOutputFile(QStringLiteral("/dev/full"));
        p.start(QStringLiteral(QL_CLI_PATH),
                {QStringLiteral("config"), QStringLiteral("init"), QStringLiteral("--model"),
                 demoModel()});
        QVERIFY(p.waitForFinished(300000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QCOMPARE(p.exitCode(), 3);
        verifyOneErrorLine(err);
        QVERIFY2(err.contains(QStringLiteral("standard output: cannot write: No space left on device")),
                 qPrintable(err));
    }

    // Issue 16 item 6b: 20000x20000 preprocessing on the 28x28 demo model passed `config check`
    // and then died with std::bad_alloc (exit 1). Now refused with the JSON path, exit 3; a
    // size the model cannot take (32x32) is refused too.
    void configCheckRefusesHostilePreprocessing()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("cfg.json"));
        CliResult r = runCli({QStringLiteral("config"), QStringLiteral("init"),
                              QStringLiteral("--model"), demoModel(), QStringLiteral("--out"),
                              path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        const struct
        {
            int side;
            const char* message;
        } cases[] = {{20000, ": preprocessing: 1x20000x20000 = 400000000 values per image"},
                     {32, ": preprocessing.height: 32 does not match 28"}};
        for (const auto& c : cases) {
            QJsonObject pp = config[QStringLiteral("preprocessing")].toObject();
            pp[QStringLiteral("height")] = c.side;
            pp[QStringLiteral("width")] = c.side;
            config[QStringLiteral("preprocessing")] = pp;
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QJsonDocument(config).toJson());
            file.close();
            for (const QString& command : {QStringLiteral("check"), QStringLiteral("evaluate")}) {
                const QStringList args =
                    command == QLatin1String("check")
                        ? QStringList{QStringLiteral("config"), command, QStringLiteral("--model"),
                                      demoModel(), QStringLiteral("--config"), path}
                        : QStringList{command, QStringLiteral("--model"), demoModel(),
                                      QStringLiteral("--calib"), demoData(),
                                      QStringLiteral("--config"), path};
                r = runCli(args);
                QCOMPARE(r.exitCode, 3);
                verifyOneErrorLine(r.err);
                QVERIFY2(r.err.contains(path + QLatin1String(c.message)), qPrintable(r.err));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
