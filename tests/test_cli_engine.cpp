// quantlens-cli's integer-engine commands end to end through QProcess: config init/check, the
// one-line JSON-path error for invalid configs (exit 3, nothing written), evaluate with JSON
// and CSV reports, and explain on a demo Conv layer.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_test_runner.h"

#include "core/npy.h"

using namespace ql::testing;

namespace {

QString calibDir()
{
    return QStringLiteral(QL_RESOURCE_DIR "/data/calib");
}

QString evalDir()
{
    return QStringLiteral(QL_RESOURCE_DIR "/data/eval");
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

// The last stderr line is the error; progress lines may precede it only when images were
// loaded, which must not happen for a config error.
void verifyOneErrorLine(const QString& err, const QString& needle)
{
    const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 1, qPrintable(err));
    QVERIFY2(lines.front().startsWith(QStringLiteral("quantlens-cli: ")), qPrintable(err));
    QVERIFY2(lines.front().contains(needle), qPrintable(err));
}

} // namespace

class TestCliEngine : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_config = m_dir.filePath(QStringLiteral("w8a8.json"));
        const CliResult r = runCli({QStringLiteral("config"), QStringLiteral("init"),
                                    QStringLiteral("--model"), demoModel(),
                                    QStringLiteral("--out"), m_config});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void initWritesAConfigThatCheckAccepts()
    {
        const QJsonObject config = QJsonDocument::fromJson(readAll(m_config)).object();
        QCOMPARE(config["model"]["file_name"].toString(), QStringLiteral("multiexit_cnn.onnx"));
        QCOMPARE(config["model"]["sha256"].toString().size(), 64);
        QCOMPARE(config["defaults"]["weights"]["granularity"].toString(),
                 QStringLiteral("per_channel"));
        QVERIFY(config["preprocessing"].isObject());
        QVERIFY(config["layers"].toObject().contains(QStringLiteral("/stem/conv1/conv/Conv")));

        const CliResult r = runCli({QStringLiteral("config"), QStringLiteral("check"),
                                    QStringLiteral("--model"), demoModel(),
                                    QStringLiteral("--config"), m_config});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("OK")), qPrintable(r.out));

        // Without --out the same text goes to stdout.
        const CliResult s = runCli({QStringLiteral("config"), QStringLiteral("init"),
                                    QStringLiteral("--model"), demoModel()});
        QCOMPARE(s.exitCode, 0);
        QCOMPARE(s.out.toUtf8(), readAll(m_config));
    }

    void invalidConfigsAreRejectedWithTheJsonPath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("needle");
        const QByteArray good = readAll(m_config);
        const QJsonObject root = QJsonDocument::fromJson(good).object();
        auto edited = [&root](const std::function<void(QJsonObject&)>& edit) {
            QJsonObject copy = root;
            edit(copy);
            return QJsonDocument(copy).toJson();
        };
        QTest::newRow("bits 17") << edited([](QJsonObject& o) {
            QJsonObject d = o["defaults"].toObject();
            QJsonObject w = d["weights"].toObject();
            w["bits"] = 17;
            d["weights"] = w;
            o["defaults"] = d;
        }) << QStringLiteral("defaults.weights.bits");
        QTest::newRow("unknown layer") << edited([](QJsonObject& o) {
            QJsonObject layers = o["layers"].toObject();
            layers["no_such_layer"] = QJsonObject{};
            o["layers"] = layers;
        }) << QStringLiteral("layers.no_such_layer");
        QTest::newRow("wrong type") << edited([](QJsonObject& o) {
            QJsonObject d = o["defaults"].toObject();
            d["fusion"] = QStringLiteral("yes");
            o["defaults"] = d;
        }) << QStringLiteral("defaults.fusion");
        QTest::newRow("malformed") << good.left(good.size() / 2) << QStringLiteral("bad.json");
    }
    void invalidConfigsAreRejectedWithTheJsonPath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, needle);
        const QString config = m_dir.filePath(QStringLiteral("bad.json"));
        writeAll(config, json);

        CliResult r = runCli({QStringLiteral("config"), QStringLiteral("check"),
                              QStringLiteral("--model"), demoModel(), QStringLiteral("--config"),
                              config});
        QCOMPARE(r.exitCode, 3);
        verifyOneErrorLine(r.err, needle);

        const QString report = m_dir.filePath(QStringLiteral("never.json"));
        r = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), demoModel(),
                    QStringLiteral("--calib"), calibDir(), QStringLiteral("--config"), config,
                    QStringLiteral("--report"), report});
        QCOMPARE(r.exitCode, 3);
        verifyOneErrorLine(r.err, needle);
        QVERIFY(!QFile::exists(report));
    }

    void evaluateWritesJsonAndCsvReports()
    {
        for (const QString& name : {QStringLiteral("out.json"), QStringLiteral("out.csv")}) {
            const QString report = m_dir.filePath(name);
            const CliResult r = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"),
                                        demoModel(), QStringLiteral("--calib"), calibDir(),
                                        QStringLiteral("--data"), evalDir(),
                                        QStringLiteral("--config"), m_config,
                                        QStringLiteral("--limit"), QStringLiteral("100"),
                                        QStringLiteral("--report"), report});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(r.out.contains(QStringLiteral("/stem/conv1/conv/Conv")), qPrintable(r.out));
            QVERIFY(r.out.contains(QStringLiteral("exit3")));
            QVERIFY(r.out.contains(QStringLiteral("smaller")));
            QVERIFY(QFile::exists(report));
        }
        const QJsonObject json =
            QJsonDocument::fromJson(readAll(m_dir.filePath(QStringLiteral("out.json")))).object();
        QCOMPARE(json["samples"].toInt(), 100);
        QCOMPARE(json["exits"].toArray().size(), 3);
        const QJsonArray layers = json["layers"].toArray();
        QVERIFY(layers.size() > 10);
        QVERIFY(layers[0]["propagated"]["sqnr_db"].toDouble() > 20.0);
        QVERIFY(!layers[0]["propagated"]["error_histogram"]["counts"].toArray().isEmpty());

        const QStringList csv = QString::fromUtf8(readAll(m_dir.filePath(QStringLiteral("out.csv"))))
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), 1 + int(layers.size()));
        QVERIFY(csv[0].startsWith(QStringLiteral("depth,layer,")));
        const QStringList exits =
            QString::fromUtf8(readAll(m_dir.filePath(QStringLiteral("out_exits.csv"))))
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(exits.size(), 4);
    }

    void evaluateDumpsNpyTensors()
    {
        const QString dump = m_dir.filePath(QStringLiteral("dump"));
        const CliResult r = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"),
                                    demoModel(), QStringLiteral("--calib"), calibDir(),
                                    QStringLiteral("--limit"), QStringLiteral("20"),
                                    QStringLiteral("--no-local"), QStringLiteral("--dump"), dump,
                                    QStringLiteral("--dump-limit"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject params =
            QJsonDocument::fromJson(readAll(dump + QStringLiteral("/params.json"))).object();
        QCOMPARE(params["images"].toInt(), 2);
        const QJsonArray tensors = params["tensors"].toArray();
        QVERIFY(!tensors.isEmpty());
        const QJsonObject first = tensors[0].toObject();
        const QString prefix = dump + QLatin1Char('/') + first["file_prefix"].toString();
        const ql::NpyArray codes = ql::readNpy((prefix + QStringLiteral(".codes.npy")).toStdString());
        const ql::NpyArray deq = ql::readNpy((prefix + QStringLiteral(".dequant.npy")).toStdString());
        QCOMPARE(codes.shape.front(), int64_t(2));
        QCOMPARE(int(codes.type), int(ql::NpyType::UInt8));
        const double scale = first["scale"][0].toDouble();
        const int zero = first["zero_point"][0].toInt();
        for (size_t k = 0; k < codes.i.size(); k += 97)
            QCOMPARE(deq.f[k], float(scale) * float(codes.i[k] - zero));
        // A second run replaces the earlier dump; a foreign folder is refused (exit 3).
        QCOMPARE(runCli({QStringLiteral("evaluate"), QStringLiteral("--model"), demoModel(),
                         QStringLiteral("--calib"), calibDir(), QStringLiteral("--limit"),
                         QStringLiteral("10"), QStringLiteral("--no-local"),
                         QStringLiteral("--dump"), dump})
                     .exitCode,
                 0);
        const CliResult foreign = runCli({QStringLiteral("evaluate"), QStringLiteral("--model"),
                                          demoModel(), QStringLiteral("--calib"), calibDir(),
                                          QStringLiteral("--dump"), QStringLiteral(QL_TEST_SOURCE_DIR)});
        QCOMPARE(foreign.exitCode, 3);
    }

    void explainShowsTheFixedPointMultiplier()
    {
        const CliResult r = runCli({QStringLiteral("explain"), QStringLiteral("--model"),
                                    demoModel(), QStringLiteral("--calib"), calibDir(),
                                    QStringLiteral("--layer"),
                                    QStringLiteral("/stem/conv2/conv/Conv"),
                                    QStringLiteral("--index"), QStringLiteral("3,14,14")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("M0")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("shift")));
        QVERIFY(r.out.contains(QStringLiteral("toward_zero")));
        QVERIFY(r.out.contains(QStringLiteral("[0, 3, 14, 14]")));

        const CliResult bad = runCli({QStringLiteral("explain"), QStringLiteral("--model"),
                                      demoModel(), QStringLiteral("--calib"), calibDir(),
                                      QStringLiteral("--layer"),
                                      QStringLiteral("/stem/conv2/conv/Conv"),
                                      QStringLiteral("--index"), QStringLiteral("99,0,0")});
        QCOMPARE(bad.exitCode, 2);
    }

private:
    QTemporaryDir m_dir;
    QString m_config;
};

QTEST_GUILESS_MAIN(TestCliEngine)
#include "test_cli_engine.moc"
