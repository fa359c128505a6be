// Predicted vs deployed on a real architecture (issue 12 item 4): torchvision's ResNet-18
// quantized by QuantLens for w8a8, w4a8, w8a8-trunc and an autoquant config, exported as QDQ
// and run in ONNX Runtime 1.30 (all graph optimizations: QLinearConv / QGemm kernels) on the
// same ImageNet-size images. Per config: |QuantLens top-1 − ORT top-1| ≤ 0.3 pt, ≥ 99 % of the
// top-1 predictions identical, and ≥ 5 distinct predicted classes on both sides (of 10), so
// that agreement cannot come from a model that predicts one class for everything.
// One image weighs 100 / N pt: below N = 334 a single differing prediction exceeds 0.3 pt, so
// the top-1 bound is max(0.3, 100 / N) pt — 0.3 pt at the default N = 400.
//
// The model (not committed; no trained weights can be downloaded here) is made by
// tools/make_fitted_resnet18.py: torchvision's ResNet-18 with random convolutions, its
// BatchNorm statistics recalibrated and its fc head fitted (linear probe) on a training split
// of tools/make_imagenet_like.py --separable images (each class its hue and stripe
// orientation); opset 13, dynamic batch. The eval images are another seed of the same
// generator, disjoint from the training split. Files:
//   $QL_TORCHVISION_DIR/resnet18.onnx
//   $QL_TORCHVISION_DIR/imagenet_like/        eval images + labels.txt (or QL_IMAGENET_DIR)
//   $QL_TORCHVISION_DIR/imagenet_like_train/  calibration images (the training split; when
//                                             absent, the eval folder calibrates)
// Skipped with the reason when the variable, the files or ONNX Runtime (tests/ort_runner.h)
// are missing. Preprocessing: the model's default (Resize 256 + CenterCrop 224 + ImageNet
// mean/std, RGB), labels.txt as the class map. QL_TORCHVISION_EVAL_IMAGES (default 400) and
// QL_TORCHVISION_CALIB_IMAGES (default 50) size the run.
//
// w8a8-trunc: ONNX cannot say "truncate" (QuantizeLinear and ORT's requantization round half
// to even), so as in test_export_ort the bounds hold against QuantLens evaluating the exported
// file's codes with half_even activations (test::ortExpressibleModel); the truncating
// prediction is printed too.
// autoquant: tests/data/export/autoquant_resnet18.json, written by quantlens-cli autoquant
// (118 evaluations, 39 min on this 2-core VM: too slow for a test) with the training split's
// class map and a 2 pt target; its "comment" says how. W4/W8 and A6/A8 mixed (A6 through the
// export's grid Clip), −1.67 pt on the 60 search images.
//
// Why not 100 %: the convolutions requantize as ORT's bit for bit, but the input quantizer and
// ORT's QLinearAdd still differ from QuantLens's in rare last-bit cases (see test_export_ort);
// 20 layers deep, one such code can swap two nearly equal top logits. Until QuantLens
// evaluated M = S_x·S_w / S_y in float32 the way ORT does (floatProductMultiplier), 1 code in
// 10^5 of the first convolution already differed and w4a8 agreed at only 97.5 %. The logged
// rows go to the README.

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <algorithm>
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

size_t distinctClasses(const std::vector<int>& predictions)
{
    return std::set<int>(predictions.begin(), predictions.end()).size();
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
            QSKIP("QL_TORCHVISION_DIR is not set (resnet18.onnx from "
                  "tools/make_fitted_resnet18.py)");
        if (const std::string reason = test::ortUnavailableReason(); !reason.empty())
            QSKIP(qPrintable(QStringLiteral("ONNX Runtime cannot run: %1")
                                 .arg(QString::fromStdString(reason))));
        QString images = qEnvironmentVariable("QL_IMAGENET_DIR");
        if (images.isEmpty())
            images = dir + QStringLiteral("/imagenet_like");
        if (!QFileInfo(images + QStringLiteral("/labels.txt")).isFile())
            QSKIP(qPrintable(QStringLiteral("%1/labels.txt is missing: make the images with "
                                            "tools/make_imagenet_like.py %1 --separable "
                                            "--seed 2 (or set QL_IMAGENET_DIR)")
                                 .arg(images)));
        QString calibImages = dir + QStringLiteral("/imagenet_like_train");
        if (!QFileInfo(calibImages + QStringLiteral("/labels.txt")).isFile())
            calibImages = images;
        QVERIFY(m_dir.isValid());
        const QString modelPath = dir + QStringLiteral("/resnet18.onnx");
        if (!QFileInfo(modelPath).isFile())
            QSKIP(qPrintable(modelPath + QStringLiteral(" is missing: make it with "
                                                        "tools/make_fitted_resnet18.py")));
        m_model = loadOnnxModel(modelPath.toStdString());
        m_pp = defaultPreprocess(m_model);
        m_pp.classMap = (images + QStringLiteral("/labels.txt")).toStdString();
        const int64_t classes = m_model.exits.back().classes;
        m_calib = loadImageFolder(calibImages.toStdString(), m_pp,
                                  envInt("QL_TORCHVISION_CALIB_IMAGES", 50));
        m_eval = loadImageFolder(images.toStdString(), m_pp,
                                 envInt("QL_TORCHVISION_EVAL_IMAGES", 400));
        QVERIFY(applyConfiguredClassMap(m_eval, m_pp, classes));
        qInfo("calibration: %lld images of %s; eval: %lld images of %s",
              static_cast<long long>(m_calib.size()), qPrintable(calibImages),
              static_cast<long long>(m_eval.size()), qPrintable(images));
        m_stats = calibrate(m_model, m_calib);
    }

    void ortAgreesWithQuantLens_data()
    {
        QTest::addColumn<QString>("config");
        for (const char* config : {"w8a8", "w4a8", "w8a8-trunc", "autoquant"})
            QTest::newRow(config) << QString::fromLatin1(config);
    }

    void ortAgreesWithQuantLens()
    {
        QFETCH(QString, config);
        QuantConfig cfg;
        if (config == QLatin1String("autoquant")) {
            const std::vector<std::string> names = planLayers(m_model, true).layerNames();
            cfg = loadQuantConfig(QL_TEST_SOURCE_DIR "/data/export/autoquant_resnet18.json",
                                  &names);
        } else {
            cfg = presetConfig(config.toStdString());
        }
        cfg.preprocess = m_pp;
        const QuantizedModel qm = buildQuantizedModel(m_model, cfg, m_stats);
        const QString path = m_dir.filePath(QStringLiteral("resnet18_%1.qdq.onnx").arg(config));
        QdqExportResult info;
        const std::string bytes = buildQdqModel(qm, &info);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QCOMPARE(out.write(bytes.data(), qint64(bytes.size())), qint64(bytes.size()));
        out.close();
        QCOMPARE(info.floatLayers, 0); // every layer of ResNet-18 is integer in these configs

        const bool truncated = cfg.defaults.activations.rounding != RoundingMode::HalfEven;
        const ExitPredictions ql = quantizedPredictions(qm, m_eval);
        const ExitPredictions qlExpressible =
            truncated
                ? quantizedPredictions(test::ortExpressibleModel(bytes, m_calib)->quantized, m_eval)
                : ql;
        std::map<std::string, std::vector<int>> ort;
        try {
            ort = test::ortTop1(path, m_eval, m_dir.path());
        } catch (const Error& e) {
            QFAIL(e.what());
        }
        QCOMPARE(ql.outputs.size(), size_t(1));
        const std::vector<int>& ortTop = ort.at(ql.outputs[0]);
        const std::vector<int>& reference = qlExpressible.top1[0];
        const double qlTop1 = top1Percent(ql.top1[0], m_eval);
        const double refTop1 = top1Percent(reference, m_eval);
        const double ortTop1 = top1Percent(ortTop, m_eval);
        const double agree = agreementPercent(ql.top1[0], ortTop);
        const double refAgree = agreementPercent(reference, ortTop);
        const size_t distinct = distinctClasses(reference);
        const size_t ortDistinct = distinctClasses(ortTop);
        qInfo("| resnet18 (fitted head, %lld images) | %s | logits | %.2f %% | %.2f %% | "
              "%.1f %% | %zu / %zu |",
              static_cast<long long>(m_eval.size()), qPrintable(config), qlTop1, ortTop1, agree,
              distinctClasses(ql.top1[0]), ortDistinct);
        if (truncated)
            qInfo("    vs QuantLens with half_even activations (what ONNX expresses): "
                  "%.2f %%, agreement %.1f %%, %zu distinct classes",
                  refTop1, refAgree, distinct);
        // One image's weight when it exceeds 0.3 pt (see the header); + 1e-9 because the
        // top-1 values are 100 · k / N in floating point.
        const double top1Bound = std::max(0.3, 100.0 / double(m_eval.size()));
        QVERIFY2(std::abs(refTop1 - ortTop1) <= top1Bound + 1e-9,
                 qPrintable(QStringLiteral("top-1 QuantLens %1 vs ORT %2 (bound %3 pt)")
                                .arg(refTop1)
                                .arg(ortTop1)
                                .arg(top1Bound)));
        QVERIFY2(refAgree >= 99.0, qPrintable(QStringLiteral("agreement %1 %").arg(refAgree)));
        QVERIFY2(distinct >= 5 && ortDistinct >= 5,
                 qPrintable(QStringLiteral("predictions collapsed: %1 (QuantLens) / %2 (ORT) "
                                           "distinct classes")
                                .arg(distinct)
                                .arg(ortDistinct)));
    }

private:
    Model m_model;
    Preprocess m_pp;
    Dataset m_calib;
    Dataset m_eval;
    CalibrationStats m_stats;
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestExportOrtTorchvision)
#include "test_export_ort_torchvision.moc"
