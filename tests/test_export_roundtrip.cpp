// The round trip: a config exported as a QDQ model and opened again gives the same per-layer
// config (bits, signedness, scheme, granularity, rounding — everything resolveLayer() says),
// the same (S, Z) of every coded tensor, the same weight and bias codes, and evaluating the
// re-imported model gives bit-identical codes for every quantized tensor (exact: the codes
// are integers copied through the file, the scales float32 written as raw bytes).
//
// Cases: the demo CNN (BN folded, ReLU fused, early exits) under w8a8, w4a8, w8a8-trunc and a
// mixed config with 4- and 6-bit activations (Clip onto the grid), a 12-bit layer (int16
// storage, opset 21) and a layer kept float; the MLP under w8a8.

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "core/export/qdq_export.h"
#include "core/export/qdq_import.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"

using namespace ql;

namespace {

const std::string kResources = QL_RESOURCE_DIR;

QuantConfig mixedConfig(const Model& model)
{
    QuantConfig c = presetConfig("w8a8");
    c.preprocess = defaultPreprocess(model);
    const LayerPlan plan = planLayers(model, true);
    int weighted = 0;
    for (const PlannedLayer& L : plan.layers) {
        if (!L.hasWeights)
            continue;
        LayerOverride o;
        switch (weighted++ % 4) {
        case 0: // 4-bit weights, 6-bit activations
            o.weights = TensorQuantOverride{4, {}, {}, {}, {}, {}, {}, {}, {}, {}};
            o.activations = TensorQuantOverride{6, {}, {}, {}, {}, {}, {}, {}, {}, {}};
            break;
        case 1: // 12-bit weights and activations (int16 storage)
            o.weights = TensorQuantOverride{12, {}, {}, {}, {}, {}, {}, {}, {}, {}};
            o.activations = TensorQuantOverride{12, {}, {}, {}, {}, {}, {}, {}, {}, {}};
            break;
        case 2: // kept float
            o.keepFloat = true;
            break;
        default: // 3-bit per-tensor affine weights, 4-bit activations, truncation
            o.weights = TensorQuantOverride{3, {}, {}, QuantSpec::Scheme::Affine, {},
                                            Granularity::PerTensor, RoundingMode::TowardZero,
                                            {}, {}, {}};
            o.activations = TensorQuantOverride{4, {}, {}, {}, {}, {}, RoundingMode::TowardZero,
                                                {}, {}, {}};
        }
        c.layers[L.name] = o;
    }
    return c;
}

} // namespace

class TestExportRoundtrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("config");
        for (const char* config : {"w8a8", "w4a8", "w8a8-trunc", "mixed"})
            QTest::newRow(qPrintable(QStringLiteral("cnn %1").arg(config)))
                << QStringLiteral("multiexit_cnn.onnx") << QString::fromLatin1(config);
        QTest::newRow("mlp w8a8") << QStringLiteral("mlp.onnx") << QStringLiteral("w8a8");
    }

    void roundTrip()
    {
        QFETCH(QString, model);
        QFETCH(QString, config);
        const Model m = loadOnnxModel(kResources + "/models/" + model.toStdString());
        const Preprocess pp = defaultPreprocess(m);
        const Dataset calib = loadImageFolder(kResources + "/data/calib", pp, 100);
        const Dataset eval = loadImageFolder(kResources + "/data/eval", pp, 50);
        QuantConfig cfg = config == QLatin1String("mixed") ? mixedConfig(m)
                                                            : presetConfig(config.toStdString());
        cfg.preprocess = pp;
        QTemporaryDir dir;
        // The class map is stored relative to the export's folder (no absolute path of this
        // machine in the file) and read back absolute (it need not exist to be carried).
        cfg.preprocess.classMap = dir.filePath(QStringLiteral("labels/map.txt")).toStdString();
        const QuantizedModel original = buildQuantizedModel(m, cfg, calibrate(m, calib));

        const std::string path = dir.filePath(QStringLiteral("out/model.qdq.onnx")).toStdString();
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("out")));
        const QdqExportResult info = exportQdq(original, path);
        QCOMPARE(info.opset, config == QLatin1String("mixed") ? int64_t(21) : m.opset);

        QFile written(QString::fromStdString(path));
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QVERIFY(bytes.contains(R"("class_map": "../labels/map.txt")"));
        QVERIFY(!bytes.contains(dir.path().toUtf8()));
        const QdqImport imported = importQdqFile(path);
        QVERIFY(imported.hasMetadata);
        QCOMPARE(imported.config.preprocess.classMap, cfg.preprocess.classMap);
        const QuantizedModel back =
            buildImportedQuantizedModel(imported, calibrate(imported.model, calib));

        // Same layers, same resolved config, same parameters and codes.
        QCOMPARE(back.layers.size(), original.layers.size());
        for (size_t i = 0; i < original.layers.size(); ++i) {
            const QuantizedLayer& a = original.layers[i];
            const QuantizedLayer& b = back.layers[i];
            const QByteArray where = QByteArray::fromStdString(a.plan.name);
            QVERIFY2(a.plan.name == b.plan.name, where.constData());
            QVERIFY2(a.kind() == b.kind() && a.kernelName() == b.kernelName(), where.constData());
            QVERIFY2(a.config == b.config, where.constData());
            QVERIFY2(a.outputParams == b.outputParams, where.constData());
            QVERIFY2(a.inputParams == b.inputParams, where.constData());
            QVERIFY2(a.weightParams == b.weightParams, where.constData());
            QVERIFY2(a.weightCodes == b.weightCodes, where.constData());
            QVERIFY2(a.biasCodes == b.biasCodes, where.constData());
            QVERIFY2(a.activationMin == b.activationMin && a.activationMax == b.activationMax,
                     where.constData());
        }
        QVERIFY(original.tensorParams == back.tensorParams);

        // Evaluating both: every quantized tensor's codes identical.
        const std::vector<TensorDump> da = dumpQuantizedTensors(original, eval.images);
        const std::vector<TensorDump> db = dumpQuantizedTensors(back, eval.images);
        QCOMPARE(db.size(), da.size());
        int64_t codes = 0;
        for (size_t i = 0; i < da.size(); ++i) {
            QCOMPARE(db[i].tensor, da[i].tensor);
            QVERIFY2(db[i].codes.q == da[i].codes.q, da[i].tensor.c_str());
            codes += da[i].codes.numel();
        }
        qInfo("%s %s: opset %lld, %zu coded tensors, %lld codes identical", qPrintable(model),
              qPrintable(config), static_cast<long long>(info.opset), da.size(),
              static_cast<long long>(codes));
    }

    void foreignQdqIsReadFromTheGraph()
    {
        // Without QuantLens's metadata the graph alone states the config: the storage width
        // becomes the bit width, zero points give the scheme, the scale count the granularity.
        const Model m = loadOnnxModel(kResources + "/models/mlp.onnx");
        const Preprocess pp = defaultPreprocess(m);
        const Dataset calib = loadImageFolder(kResources + "/data/calib", pp, 100);
        QuantConfig cfg = presetConfig("w8a8");
        cfg.preprocess = pp;
        const QuantizedModel original = buildQuantizedModel(m, cfg, calibrate(m, calib));
        QdqImport imported;
        {
            QTemporaryDir dir;
            const std::string path = dir.filePath(QStringLiteral("m.onnx")).toStdString();
            exportQdq(original, path);
            imported = importQdqFile(path);
        }
        imported.hasMetadata = false;
        imported.config = QuantConfig();
        imported.config.preprocess = pp;
        const QuantizedModel back =
            buildImportedQuantizedModel(imported, calibrate(imported.model, calib));
        for (size_t i = 0; i < original.layers.size(); ++i) {
            const QuantizedLayer& a = original.layers[i];
            const QuantizedLayer& b = back.layers[i];
            if (!a.outputQuantized)
                continue;
            QCOMPARE(b.config.activations.bits, a.config.activations.bits);
            QCOMPARE(b.config.activations.isSigned, a.config.activations.isSigned);
            QCOMPARE(b.config.activations.scheme, a.config.activations.scheme);
            QCOMPARE(b.outputParams, a.outputParams);
            if (a.kernelName() == "gemm") {
                // Signed int8 weights travel as uint8 q + 128 (ORT's u8u8 kernels): a foreign
                // reader sees unsigned symmetric 8-bit weights with the same real values.
                QCOMPARE(b.config.weights.bits, 8);
                QCOMPARE(b.config.weights.isSigned, false);
                QCOMPARE(b.config.weights.scheme, QuantSpec::Scheme::Symmetric);
                QCOMPARE(b.config.weights.granularity, Granularity::PerChannel);
                QCOMPARE(b.weightCodes.size(), a.weightCodes.size());
                for (size_t k = 0; k < a.weightCodes.size(); ++k)
                    QCOMPARE(b.weightCodes[k], a.weightCodes[k] + 128);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestExportRoundtrip)
#include "test_export_roundtrip.moc"
