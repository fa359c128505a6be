// core/quant/report_io: a hand-made EvaluationReport exported as JSON (parsed back, keys and
// values checked) and CSV (header + one row per layer, exits in a second file), and the
// atomic-write contract (a failed export leaves the target as it was).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "core/error.h"
#include "core/quant/report_io.h"

using namespace ql;

namespace {

ErrorStats stats(double sqnr, double meanError)
{
    ErrorStats s;
    s.count = 1000;
    s.meanError = meanError;
    s.mse = 1e-4;
    s.sqnrDb = sqnr;
    s.maxAbsError = 0.03;
    s.cosine = 0.999;
    s.clipLowRate = 0.001;
    s.clipHighRate = 0.002;
    s.refMin = -1.5;
    s.refMax = 2.5;
    s.clipMin = -1.4;
    s.clipMax = 2.4;
    s.errorHist = Histogram{-0.03, 0.03, {1, 5, 10, 5, 1}};
    s.valueHist = Histogram{-1.5, 2.5, {3, 4}};
    return s;
}

EvaluationReport sampleReport()
{
    EvaluationReport r;
    r.modelPath = "/models/demo.onnx";
    r.samples = 100;
    r.labelled = true;
    r.totalOverflows = 3;
    r.size.fp32Bytes = 4000;
    r.size.quantizedBytes = 1000;
    r.size.fp32BitOps = 1024.0;
    r.size.quantizedBitOps = 64.0;

    LayerReport conv;
    conv.name = "conv1";
    conv.opType = "Conv";
    conv.kind = LayerKind::Integer;
    conv.kernel = "conv";
    conv.depth = 0;
    conv.output = "/stem/relu_out";
    conv.outputShape = {1, 16, 28, 28};
    conv.macs = 112896;
    conv.params = 160;
    conv.quantized = true;
    conv.config.weights.scheme = QuantSpec::Scheme::Symmetric;
    conv.config.weights.granularity = Granularity::PerChannel;
    conv.config.activations.isSigned = false;
    conv.config.activations.rounding = RoundingMode::TowardZero;
    conv.fusedNodes = {"bn1", "relu1"};
    conv.inputs = {"input", "/stem/skip"};
    conv.weightParams = QuantParams{{0.01f, 0.02f}, {0, 0}, 0, -128, 127};
    conv.outputParams = QuantParams{{0.05f}, {3}, -1, 0, 255};
    conv.weightError = stats(40.0, 0.0);
    conv.local = stats(35.5, -0.001);
    conv.propagated = stats(30.25, -0.002);
    conv.accumulatorOverflows = 3;
    conv.int64Accumulator = true;

    LayerReport soft;
    soft.name = "softmax, \"final\"";  // a name that needs CSV quoting
    soft.opType = "Softmax";
    soft.kind = LayerKind::Float;
    soft.floatReason = "op Softmax has no integer kernel";
    soft.depth = 1;
    soft.output = "probs";
    soft.outputShape = {1, 10};
    soft.propagated = stats(200.0, 0.0);
    soft.propagated.maxAbsError = std::numeric_limits<double>::quiet_NaN();

    r.layers = {conv, soft};
    r.exits = {ExitReport{"exit1", 1000, 100, 80.0, 79.0, 97.0},
               ExitReport{"exit2", 5000, 100, 90.0, 89.5, 98.5}};
    r.exitPolicy = {ExitPolicyPoint{0.5, 85.0, 2000.0, 84.0, 2100.0, {0.7, 0.3}}};
    return r;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Minimal RFC 4180 reader for the checks (quoted fields, doubled quotes).
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestReportIo : public QObject
{
    Q_OBJECT
private slots:
    void jsonRoundTrip()
    {
        QuantConfig config = presetConfig("w8a8");
        config.model.fileName = "demo.onnx";
        ReportContext context;
        context.config = &config;
        context.toolVersion = "9.9";
        const QByteArray text = QByteArray::fromStdString(reportToJson(sampleReport(), context));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject root = doc.object();
        QCOMPARE(root["format"].toString(), QStringLiteral("quantlens-evaluation-report"));
        QCOMPARE(root["format_version"].toInt(), 1);
        QCOMPARE(root["model"].toString(), QStringLiteral("/models/demo.onnx"));
        QCOMPARE(root["samples"].toInt(), 100);
        QCOMPARE(root["labelled"].toBool(), true);
        QCOMPARE(root["total_overflows"].toInt(), 3);
        QCOMPARE(root["tool_version"].toString(), QStringLiteral("9.9"));
        QCOMPARE(root["size"]["compression"].toDouble(), 4.0);
        QCOMPARE(root["config"]["model"]["file_name"].toString(), QStringLiteral("demo.onnx"));

        const QJsonArray layers = root["layers"].toArray();
        QCOMPARE(layers.size(), 2);
        const QJsonObject conv = layers[0].toObject();
        QCOMPARE(conv["name"].toString(), QStringLiteral("conv1"));
        QCOMPARE(conv["output_shape"].toArray().size(), 4);
        QCOMPARE(conv["fused_nodes"].toArray()[1].toString(), QStringLiteral("relu1"));
        QCOMPARE(conv["inputs"].toArray()[1].toString(), QStringLiteral("/stem/skip"));
        QCOMPARE(conv["config"]["weights"]["scheme"].toString(), QStringLiteral("symmetric"));
        QCOMPARE(conv["config"]["weights"]["granularity"].toString(), QStringLiteral("per_channel"));
        QCOMPARE(conv["config"]["activations"]["rounding"].toString(),
                 QStringLiteral("toward_zero"));
        QCOMPARE(conv["weight_params"]["scale"].toArray().size(), 2);
        QCOMPARE(conv["weight_params"]["scale"][1].toDouble(), double(0.02f));
        QCOMPARE(conv["output_params"]["zero_point"][0].toInt(), 3);
        QCOMPARE(conv["local"]["sqnr_db"].toDouble(), 35.5);
        QCOMPARE(conv["propagated"]["mean_error"].toDouble(), -0.002);
        QCOMPARE(conv["propagated"]["error_histogram"]["counts"].toArray().size(), 5);
        QCOMPARE(conv["propagated"]["error_histogram"]["counts"][2].toInt(), 10);
        QCOMPARE(conv["propagated"]["value_histogram"]["hi"].toDouble(), 2.5);
        QCOMPARE(conv["accumulator_overflows"].toInt(), 3);
        QCOMPARE(conv["int64_accumulator"].toBool(), true);
        // NaN has no JSON spelling: null.
        QVERIFY(layers[1]["propagated"]["max_abs_error"].isNull());

        const QJsonArray exits = root["exits"].toArray();
        QCOMPARE(exits.size(), 2);
        QCOMPARE(exits[1]["quant_top1"].toDouble(), 89.5);
        QCOMPARE(exits[1]["agreement"].toDouble(), 98.5);
        QCOMPARE(root["exit_policy"][0]["quant_exit_share"][0].toDouble(), 0.7);
    }

    void csvLayersAndExits()
    {
        const EvaluationReport report = sampleReport();
        const QList<QStringList> rows = parseCsv(QString::fromStdString(layersToCsv(report)));
        QCOMPARE(rows.size(), 1 + int(report.layers.size()));
        const QStringList& header = rows[0];
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), header.size());
        auto cell = [&](int row, const char* column) {
            const qsizetype c = header.indexOf(QLatin1String(column));
            return c < 0 ? QStringLiteral("<no column %1>").arg(QLatin1String(column))
                         : rows[row][c];
        };
        QCOMPARE(cell(1, "layer"), QStringLiteral("conv1"));
        QCOMPARE(cell(1, "output_shape"), QStringLiteral("1x16x28x28"));
        QCOMPARE(cell(1, "fused_nodes"), QStringLiteral("bn1 relu1"));
        QCOMPARE(cell(1, "inputs"), QStringLiteral("input /stem/skip"));
        QCOMPARE(cell(1, "w_granularity"), QStringLiteral("per_channel"));
        QCOMPARE(cell(1, "a_rounding"), QStringLiteral("toward_zero"));
        QCOMPARE(cell(1, "weight_scale_max"), QStringLiteral("0.02"));
        QCOMPARE(cell(1, "output_zero_point"), QStringLiteral("3"));
        QCOMPARE(cell(1, "local_sqnr_db"), QStringLiteral("35.5"));
        QCOMPARE(cell(1, "propagated_sqnr_db"), QStringLiteral("30.25"));
        QCOMPARE(cell(1, "accumulator_overflows"), QStringLiteral("3"));
        QCOMPARE(cell(2, "layer"), QStringLiteral("softmax, \"final\""));
        QCOMPARE(cell(2, "w_bits"), QString()); // no weights: empty cell
        QCOMPARE(cell(2, "propagated_max_abs_error"), QStringLiteral("nan"));

        const QList<QStringList> exits = parseCsv(QString::fromStdString(exitsToCsv(report)));
        QCOMPARE(exits.size(), 3);
        QCOMPARE(exits[0], (QStringList{"exit", "output", "macs", "samples", "fp32_top1",
                                        "quant_top1", "agreement"}));
        QCOMPARE(exits[2], (QStringList{"exit2", "exit2", "5000", "100", "90", "89.5", "98.5"}));
    }

    void savesByExtension()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("r.json"));
        const QString csv = dir.filePath(QStringLiteral("r.csv"));
        saveEvaluationReport(sampleReport(), json.toStdString());
        saveEvaluationReport(sampleReport(), csv.toStdString());
        QVERIFY(QJsonDocument::fromJson(readAll(json)).isObject());
        QVERIFY(readAll(csv).startsWith("depth,layer,op,"));
        QCOMPARE(QString::fromStdString(exitsCsvPath(csv.toStdString())),
                 dir.filePath(QStringLiteral("r_exits.csv")));
        QVERIFY(readAll(dir.filePath(QStringLiteral("r_exits.csv"))).startsWith("exit,output,"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3); // no temporary left over
    }

    void failedWriteLeavesTargetUntouched()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Unknown extension: an error, nothing created.
        const QString txt = dir.filePath(QStringLiteral("r.txt"));
        QVERIFY_THROWS_EXCEPTION(Error, saveEvaluationReport(sampleReport(), txt.toStdString()));
        QVERIFY(!QFile::exists(txt));
        // Missing folder: an error naming the path.
        const QString missing = dir.filePath(QStringLiteral("no/such/dir/r.json"));
        try {
            saveEvaluationReport(sampleReport(), missing.toStdString());
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(missing), e.what());
        }
        // An existing report and a write that fails midway (the exits file cannot be
        // created because a folder sits at its path): the old report is unchanged.
        const QString csv = dir.filePath(QStringLiteral("old.csv"));
        {
            QFile f(csv);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("previous report\n");
        }
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("old_exits.csv")));
        QVERIFY_THROWS_EXCEPTION(Error, saveEvaluationReport(sampleReport(), csv.toStdString()));
        QCOMPARE(readAll(csv), QByteArray("previous report\n"));
        const QStringList leftovers = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(leftovers, QStringList{QStringLiteral("old.csv")});
    }
};

QTEST_GUILESS_MAIN(TestReportIo)
#include "test_report_io.moc"
