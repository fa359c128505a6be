// Predicted vs deployed on a real architecture (issue 12 item 4): torchvision's ResNet-18
// (tools/make_torchvision_onnx.py: random weights, opset 13, dynamic batch; not committed)
// quantized by QuantLens, exported as QDQ and run in ONNX Runtime 1.30 (all graph
// optimizations: QLinearConv / QGemm kernels) on the same ImageNet-size images; at least 99 %
// of the top-1 predictions must be identical to QuantLens's own quantized predictions.
//
// Runs only when QL_TORCHVISION_DIR names the exports' folder (resnet18.onnx) and ONNX Runtime
// can run (tests/ort_runner.h); skipped with the reason otherwise. The images are a folder made
// by tools/make_imagenet_like.py (256×256 JPEGs in synset folders + labels.txt): QL_IMAGENET_DIR,
// else $QL_TORCHVISION_DIR/imagenet_like. The preprocessing is the model's default
// (Resize 256 + CenterCrop 224 + ImageNet mean/std, RGB) with labels.txt as the class map.
// QL_TORCHVISION_EVAL_IMAGES (default 300) and QL_TORCHVISION_CALIB_IMAGES (default 100) size
// the run.
//
// Why not 100 %: ORT requantizes with a float32 multiplier and quantizes inputs by dividing by
// S, QuantLens multiplies by a double M and by 1/S (see test_export_ort), so a few codes
// differ by 1 LSB; with random weights many top-2 logits are close, and such a code can swap
// them. The logged table row goes to the README.

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <set>

#include "core/class_map.h"
#include "core/export/predictions.h"
#include "core/export/qdq_export.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"
#include "ort_runner.h"

using namespace ql;

namespace {

int envInt(const char* name, int fallback)
{
    bool ok = false;
    const int v = qEnvironmentVariableIntValue(name, &ok);
    return ok && v > 0 ? v : fallback;
}

} // namespace

class TestExportOrtTorchvision : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString dir = qEnvironmentVariable("QL_TORCHVISION_DIR");
        if (dir.isEmpty())
            QSKIP("QL_TORCHVISION_DIR is not set (exports from tools/make_torchvision_onnx.py)");
        if (const std::string reason = test::ortUnavailableReason(); !reason.empty())
            QSKIP(qPrintable(QStringLiteral("ONNX Runtime cannot run: %1")
                                 .arg(QString::fromStdString(reason))));
        QString images = qEnvironmentVariable("QL_IMAGENET_DIR");
        if (images.isEmpty())
            images = dir + QStringLiteral("/imagenet_like");
        if (!QFileInfo(images + QStringLiteral("/labels.txt")).isFile())
            QSKIP(qPrintable(QStringLiteral("%1/labels.txt is missing: make the images with "
                                            "tools/make_imagenet_like.py %1 (or set "
                                            "QL_IMAGENET_DIR)")
                                 .arg(images)));
        QVERIFY(m_dir.isValid());
        const QString modelPath = dir + QStringLiteral("/resnet18.onnx");
        QVERIFY2(QFileInfo(modelPath).isFile(),
                 qPrintable(modelPath + QStringLiteral(" is missing: make it with "
                                                       "tools/make_torchvision_onnx.py")));
        m_model = loadOnnxModel(modelPath.toStdString());
        m_pp = defaultPreprocess(m_model);
        m_pp.classMap = (images + QStringLiteral("/labels.txt")).toStdString();
        const std::string root = images.toStdString();
        const int64_t classes = m_model.exits.back().classes;
        Dataset calib = loadImageFolder(root, m_pp, envInt("QL_TORCHVISION_CALIB_IMAGES", 100));
        m_eval = loadImageFolder(root, m_pp, envInt("QL_TORCHVISION_EVAL_IMAGES", 300));
        QVERIFY(applyConfiguredClassMap(m_eval, m_pp, classes));
        m_stats = calibrate(m_model, calib);
    }

    void ortAgreesWithQuantLens_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::newRow("w8a8") << QStringLiteral("w8a8");
        QTest::newRow("w4a8") << QStringLiteral("w4a8");
    }

    void ortAgreesWithQuantLens()
    {
        QFETCH(QString, preset);
        QuantConfig cfg = presetConfig(preset.toStdString());
        cfg.preprocess = m_pp;
        const QuantizedModel qm = buildQuantizedModel(m_model, cfg, m_stats);
        const QString path = m_dir.filePath(QStringLiteral("resnet18_%1.qdq.onnx").arg(preset));
        QdqExportResult info;
        const std::string bytes = buildQdqModel(qm, &info);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
        out.close();
        QCOMPARE(info.floatLayers, 0); // every layer of ResNet-18 is integer under these presets

        const ExitPredictions ql = quantizedPredictions(qm, m_eval);
        std::map<std::string, std::vector<int>> ort;
        try {
            ort = test::ortTop1(path, m_eval, m_dir.path());
        } catch (const Error& e) {
            QFAIL(e.what());
        }
        QCOMPARE(ql.outputs.size(), size_t(1));
        const std::vector<int>& ortTop = ort.at(ql.outputs[0]);
        const double qlTop1 = top1Percent(ql.top1[0], m_eval);
        const double ortTop1 = top1Percent(ortTop, m_eval);
        const double agree = agreementPercent(ql.top1[0], ortTop);
        // With random weights the predictions may crowd into few classes: say how many, so
        // that the agreement can be judged.
        const size_t distinct = std::set<int>(ql.top1[0].begin(), ql.top1[0].end()).size();
        qInfo("| resnet18 (random weights, %lld images) | %s | logits | %.2f %% | %.2f %% | "
              "%.1f %% | (%zu distinct predicted classes)",
              static_cast<long long>(m_eval.size()), qPrintable(preset), qlTop1, ortTop1, agree,
              distinct);
        QVERIFY2(agree >= 99.0, qPrintable(QStringLiteral("agreement %1 %").arg(agree)));
    }

private:
    Model m_model;
    Preprocess m_pp;
    Dataset m_eval;
    CalibrationStats m_stats;
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestExportOrtTorchvision)
#include "test_export_ort_torchvision.moc"
