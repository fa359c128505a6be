// Golden files for the two JSON export formats on the demo CNN under w8a8 (calibrated on the
// 500 calibration images): tests/data/export/multiexit_cnn_w8a8.ort-overrides.json and
// .aimet.json. The whole text must match byte for byte (the calibration and the quantizer are
// deterministic; Qt writes the shortest round-trip form of each double). After an intended
// change, regenerate with QL_UPDATE_GOLDEN=1 and review the diff.
//
// Independent of the golden text, the mapping itself is checked: one entry per output channel
// for per-channel weights, AIMET's offset = qmin − Z with min = S·offset and max = S·(qmax − Z),
// ORT's quant types, and the float layers listed for exclusion.

#include <algorithm>
#include <cmath>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest/QtTest>

#include "core/export/aimet_encodings.h"
#include "core/export/exporter.h"
#include "core/export/ort_overrides.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"

using namespace ql;

namespace {

const std::string kResources = QL_RESOURCE_DIR;
const QString kGolden = QStringLiteral(QL_TEST_SOURCE_DIR "/data/export/");

void compareGolden(const std::string& text, const QString& name)
{
    const QString path = kGolden + name;
    if (qEnvironmentVariableIsSet("QL_UPDATE_GOLDEN")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), qint64(text.size()));
        qInfo("updated %s", qPrintable(path));
        return;
    }
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray golden = f.readAll();
    const QByteArray actual = QByteArray::fromStdString(text);
    if (golden != actual) {
        // Scales and ranges come from the FP32 calibration, whose last float32 bit depends on
        // the SIMD path the FP32 kernels take on this CPU (summation order): a line may differ
        // from the golden one only in its numbers, each within 1e-6 relative (float32 keeps
        // ~7 significant digits). Structure, names and integers must match exactly.
        static const QRegularExpression number(QStringLiteral("-?[0-9]+\\.[0-9]+(e[-+]?[0-9]+)?"));
        auto sameUpToRounding = [&](const QByteArray& x, const QByteArray& y) {
            const QString a = QString::fromUtf8(x), b = QString::fromUtf8(y);
            QString sa = a, sb = b;
            if (sa.replace(number, QStringLiteral("#")) != sb.replace(number, QStringLiteral("#")))
                return false;
            auto ia = number.globalMatch(a), ib = number.globalMatch(b);
            while (ia.hasNext() && ib.hasNext()) {
                const double u = ia.next().captured(0).toDouble();
                const double v = ib.next().captured(0).toDouble();
                if (std::abs(u - v) > 1e-6 * std::max(std::abs(u), std::abs(v)))
                    return false;
            }
            return true;
        };
        const QList<QByteArray> a = actual.split('\n'), g = golden.split('\n');
        bool same = a.size() == g.size();
        for (int i = 0; same && i < a.size(); ++i)
            same = a[i] == g[i] || sameUpToRounding(a[i], g[i]);
        if (same)
            return;
        for (int i = 0; i < std::min(a.size(), g.size()); ++i)
            if (a[i] != g[i] && !sameUpToRounding(a[i], g[i]))
                QFAIL(qPrintable(QStringLiteral("%1 line %2: got '%3', golden '%4'")
                                     .arg(name).arg(i + 1)
                                     .arg(QString::fromUtf8(a[i]), QString::fromUtf8(g[i]))));
        QFAIL(qPrintable(name + QStringLiteral(": length differs")));
    }
}

} // namespace

class TestExportFormats : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_model = loadOnnxModel(kResources + "/models/multiexit_cnn.onnx");
        const Preprocess pp = defaultPreprocess(m_model);
        const Dataset calib = loadImageFolder(kResources + "/data/calib", pp);
        QuantConfig cfg = presetConfig("w8a8");
        cfg.preprocess = pp;
        // One layer kept float, so that the exclusion lists are exercised.
        cfg.layers[planLayers(m_model, true).layers.back().name].keepFloat = true;
        m_qm = buildQuantizedModel(m_model, cfg, calibrate(m_model, calib));
    }

    void aimetGolden() { compareGolden(aimetEncodingsJson(m_qm), QStringLiteral("multiexit_cnn_w8a8.aimet.json")); }
    void ortGolden() { compareGolden(ortOverridesJson(m_qm), QStringLiteral("multiexit_cnn_w8a8.ort-overrides.json")); }

    // The one summary both front ends print (quantlens-cli export, the export dialog).
    void exportSummaryText()
    {
        ExportResult r;
        r.path = "/out/m.qdq.onnx";
        r.qdq.opset = 21;
        r.qdq.quantizeNodes = 12;
        r.qdq.dequantizeNodes = 30;
        r.qdq.quantizedLayers = 9;
        r.qdq.floatLayers = 1;
        r.qdq.fullCheck = false;
        r.notes = {"activations round to nearest"};
        QCOMPARE(QString::fromStdString(exportSummary(r, false)),
                 QStringLiteral("Wrote /out/m.qdq.onnx (qdq)\n  opset 21, 12 QuantizeLinear, 30 "
                                "DequantizeLinear; 9 quantized layer(s), 1 float; onnx checker: "
                                "passed (structure; libonnx 1.12 cannot type-check opset 21)"));
        r.format = ExportFormat::AimetEncodings;
        r.path = "/out/m.aimet.json";
        QCOMPARE(QString::fromStdString(exportSummary(r, true)),
                 QStringLiteral("Wrote /out/m.aimet.json (aimet-encodings)\n"
                                "note: activations round to nearest"));
    }

    void aimetMapping()
    {
        const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(aimetEncodingsJson(m_qm))).object();
        const QJsonObject params = root[QStringLiteral("param_encodings")].toObject();
        const QJsonObject acts = root[QStringLiteral("activation_encodings")].toObject();
        int weights = 0;
        for (const QuantizedLayer& L : m_qm.layers) {
            if (!L.isMatmul())
                continue;
            ++weights;
            const QString name = QString::fromStdString(L.plan.anchor(m_model.graph).inputs[1]);
            const QJsonArray list = params[name].toArray();
            QCOMPARE(list.size(), qsizetype(L.plan.outChannels()));
            const QJsonObject c0 = list[0].toObject();
            QCOMPARE(c0[QStringLiteral("offset")].toInt(), -128); // int8 symmetric: qmin − 0
            QCOMPARE(c0[QStringLiteral("is_symmetric")].toString(), QStringLiteral("True"));
            QCOMPARE(float(c0[QStringLiteral("scale")].toDouble()), L.weightParams.scale[0]);
            QCOMPARE(float(c0[QStringLiteral("min")].toDouble()), L.weightParams.scale[0] * -128.0f);
            QCOMPARE(float(c0[QStringLiteral("max")].toDouble()), L.weightParams.scale[0] * 127.0f);
            const QJsonObject out = acts[QString::fromStdString(L.plan.output)].toArray()[0].toObject();
            QCOMPARE(out[QStringLiteral("offset")].toInt(), -L.outputParams.zeroPoint[0]); // uint8
            QCOMPARE(out[QStringLiteral("bitwidth")].toInt(), 8);
        }
        QCOMPARE(params.size(), qsizetype(weights));
        QVERIFY(!root[QStringLiteral("excluded_layers")].toArray().isEmpty());
    }

    void ortMapping()
    {
        const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(ortOverridesJson(m_qm))).object();
        const QJsonObject o = root[QStringLiteral("TensorQuantOverrides")].toObject();
        for (const QuantizedLayer& L : m_qm.layers) {
            if (L.kernelName() != "conv")
                continue;
            const QJsonArray w = o[QString::fromStdString(L.plan.anchor(m_model.graph).inputs[1])].toArray();
            QCOMPARE(w.size(), qsizetype(L.plan.outChannels()));
            QCOMPARE(w[0].toObject()[QStringLiteral("quant_type")].toString(), QStringLiteral("QInt8"));
            QCOMPARE(w[0].toObject()[QStringLiteral("axis")].toInt(), 0);
            const QJsonObject a = o[QString::fromStdString(L.plan.output)].toArray()[0].toObject();
            QCOMPARE(a[QStringLiteral("quant_type")].toString(), QStringLiteral("QUInt8"));
            QCOMPARE(a[QStringLiteral("zero_point")].toInt(), L.outputParams.zeroPoint[0]);
        }
        QVERIFY(!root[QStringLiteral("nodes_to_exclude")].toArray().isEmpty());
    }

private:
    Model m_model;
    QuantizedModel m_qm;
};

QTEST_GUILESS_MAIN(TestExportFormats)
#include "test_export_formats.moc"
