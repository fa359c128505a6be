// QuantLens's W8A8 integer engine against PyTorch 1.13 eager-mode static quantization (engine
// onednn), layer by layer, on the demo models. The reference codes were made by
// tools/make_torch_reference.py (committed under resources/reference/); the QuantLens config
// resources/reference/torch_w8a8.json mirrors its qconfig. For every fused layer the output
// codes of both engines are compared over the same images: at most 1 code apart, and at least
// 99 % identical. The measured share is printed per layer (qInfo).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

#include "core/dataset.h"
#include "core/npy.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"

using namespace ql;

namespace {

const QString kReference = QStringLiteral(QL_RESOURCE_DIR "/reference");

QJsonObject readJson(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestTorchReference : public QObject
{
    Q_OBJECT
private slots:
    void matchesPyTorch_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("mlp") << QStringLiteral("mlp");
        QTest::newRow("multiexit_cnn") << QStringLiteral("multiexit_cnn");
    }

    void matchesPyTorch()
    {
        QFETCH(QString, model);
        const QString dir = kReference + QStringLiteral("/torch_%1_w8a8").arg(model);
        const QJsonObject index = readJson(dir + QStringLiteral("/index.json"));
        QVERIFY2(!index.isEmpty(), qPrintable(dir + ": no index.json"));

        const Model m = loadOnnxModel(
            (QStringLiteral(QL_RESOURCE_DIR "/models/") + index["model"].toString()).toStdString());
        QVERIFY2(index["sha256"].toString().toStdString() == m.sha256,
                 "the demo model changed since the reference was made: run "
                 "tools/make_torch_reference.py");

        const Preprocess pp = defaultPreprocess(m);
        const QString configPath = kReference + QStringLiteral("/torch_w8a8.json");
        QuantConfig config = loadQuantConfig(configPath.toStdString());
        config.preprocess = pp;

        const Dataset calib = loadImageFolder(QL_RESOURCE_DIR "/data/calib", pp);
        QCOMPARE(calib.size(), int64_t(index["calibration_images"].toInt()));
        const Dataset eval = loadImageFolder(QL_RESOURCE_DIR "/data/eval", pp);
        const QJsonArray images = index["images"].toArray();
        QVERIFY(images.size() > 0 && images.size() <= eval.size());
        // Same images in the same order: QuantLens's loading order is class, then file name.
        for (qsizetype i = 0; i < images.size(); ++i)
            QVERIFY2(QString::fromStdString(eval.files[size_t(i)]).endsWith(images[i].toString()),
                     qPrintable(images[i].toString()));

        const CalibrationStats stats = calibrate(m, calib);
        const QuantizedModel qmodel = buildQuantizedModel(m, config, stats);
        const std::vector<TensorDump> dumps =
            dumpQuantizedTensors(qmodel, eval.slice(0, images.size()));

        const QJsonObject layers = index["layers"].toObject();
        QVERIFY(!layers.isEmpty());
        bool allGood = true;
        for (auto it = layers.begin(); it != layers.end(); ++it) {
            const std::string name = it.key().toStdString();
            const QJsonObject entry = it.value().toObject();
            const PlannedLayer* layer = qmodel.plan.find(name);
            QVERIFY2(layer, name.c_str());
            const TensorDump* dump = nullptr;
            for (const TensorDump& d : dumps)
                if (d.tensor == layer->output)
                    dump = &d;
            QVERIFY2(dump, ("no codes for " + layer->output).c_str());

            const NpyArray torch = readNpy((dir + QLatin1Char('/') + entry["file"].toString())
                                               .toStdString());
            QCOMPARE(torch.shape, dump->codes.shape);
            int64_t identical = 0, maxDiff = 0;
            for (size_t k = 0; k < torch.i.size(); ++k) {
                const int64_t diff = std::abs(int64_t(torch.i[k]) - int64_t(dump->codes.q[k]));
                identical += diff == 0;
                maxDiff = std::max(maxDiff, diff);
            }
            const double share = 100.0 * double(identical) / double(std::max<size_t>(torch.i.size(), 1));
            const double torchScale = entry["scale"].toDouble();
            const double ourScale = double(dump->params.scale.at(0));
            qInfo("%-14s %-30s identical %7.3f %%  max |dcode| %lld  S rel.diff %.1e  Z %d/%d",
                  qPrintable(model), name.c_str(), share, static_cast<long long>(maxDiff),
                  std::abs(ourScale - torchScale) / torchScale, dump->params.zeroPoint.at(0),
                  entry["zero_point"].toInt());
            allGood = allGood && maxDiff <= 1 && share >= 99.0;
        }
        // Known for the CNN (tools/make_torch_reference.py, "Findings"): with PyTorch's own
        // input codes every layer's arithmetic agrees to >= 99.9 %, but two small differences
        // (the bias quantized to int32 vs oneDNN's float bias; BN folded as gamma/sigma vs
        // PyTorch's gamma*rsqrt, which flips the extreme weight of some channels at the
        // symmetric +-127.5 tie) make 1-code differences that grow with depth. The threshold
        // stays; this turns into an XPASS once the engine mirrors PyTorch there.
        if (model == QLatin1String("multiexit_cnn"))
            QEXPECT_FAIL("multiexit_cnn", "float bias and BN folding order differ from PyTorch",
                         Continue);
        QVERIFY2(allGood, "a layer differs from PyTorch by more than 1 code or in more than "
                          "1 % of its codes (see the lines above)");
    }
};

QTEST_GUILESS_MAIN(TestTorchReference)
#include "test_torch_reference.moc"
