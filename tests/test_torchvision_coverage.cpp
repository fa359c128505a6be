// Integer coverage on real exports (issue 11 item 3): the 16 torchvision models made by
// tools/make_torchvision_onnx.py (random weights, opset 13, dynamic batch; not committed) open
// and, under the w8a8 preset, at least 99 % of their MACs run in integer arithmetic. Runs only
// when QL_TORCHVISION_DIR names the folder holding <model>.onnx and <model>.input.npy (the
// export script's recorded inputs, used here as the calibration set); skipped otherwise.

#include <QtTest/QtTest>

#include <map>

#include "core/npy.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"

using namespace ql;

class TestTorchvisionCoverage : public QObject
{
    Q_OBJECT

private slots:
    void integerCoverageAtLeast99Percent_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* m : {"resnet18", "mobilenet_v2", "mobilenet_v3_small", "efficientnet_b0",
                              "shufflenet_v2_x1_0", "squeezenet1_1", "googlenet", "regnet_y_400mf",
                              "mnasnet0_5", "densenet121", "convnext_tiny", "resnext50_32x4d",
                              "vgg11_bn", "alexnet", "inception_v3", "vit_b_16"})
            QTest::newRow(m) << QString(m);
    }

    void integerCoverageAtLeast99Percent()
    {
        const QByteArray dir = qgetenv("QL_TORCHVISION_DIR");
        if (dir.isEmpty())
            QSKIP("QL_TORCHVISION_DIR is not set (exports from tools/make_torchvision_onnx.py)");
        QFETCH(QString, name);
        const std::string base = dir.toStdString() + "/" + name.toStdString();
        for (const char* ext : {".onnx", ".input.npy"})
            QVERIFY2(QFile::exists(QString::fromStdString(base + ext)),
                     qPrintable(QString::fromStdString(base + ext) + " is missing"));
        const Model model = loadOnnxModel(base + ".onnx");
        const NpyArray input = readNpy(base + ".input.npy");
        Dataset calib;
        calib.root = base + ".input.npy";
        calib.images = Tensor::fromFloat(input.shape, input.f);
        for (int64_t i = 0; i < input.shape.at(0); ++i) {
            calib.files.push_back("sample" + std::to_string(i));
            calib.labels.push_back(-1);
        }
        const CalibrationStats stats = calibrate(model, calib, RunControl{}, 1);
        const QuantizedModel qm = buildQuantizedModel(model, presetConfig("w8a8"), stats);
        const ModelSize size = modelSize(qm);
        QString floats;
        for (const QuantizedLayer& L : qm.layers)
            if (!L.runsInteger() && L.plan.macs > 0)
                floats += QStringLiteral("\n  %1 (%2 MACs): %3")
                              .arg(QString::fromStdString(L.plan.name))
                              .arg(L.plan.macs)
                              .arg(QString::fromStdString(L.floatReason));
        qInfo("| %s | %.2f GMACs | %.2f %% | %.2fx |", qPrintable(name), double(size.totalMacs) / 1e9,
              size.integerCoverage(), size.compression());
        // What stays float (with or without MACs), grouped by op type and reason.
        std::map<std::string, int> reasons;
        int integer = 0;
        for (const QuantizedLayer& L : qm.layers) {
            integer += L.runsInteger() ? 1 : 0;
            if (!L.runsInteger()) {
                // Tensor and node names quoted as '...' become '*' so that equal reasons group.
                std::string why;
                const std::string& r = L.floatReason;
                for (size_t i = 0; i < r.size(); ++i) {
                    const size_t close = r[i] == '\'' ? r.find('\'', i + 1) : std::string::npos;
                    if (close == std::string::npos) {
                        why += r[i];
                        continue;
                    }
                    why += "'*'";
                    i = close;
                }
                ++reasons[L.plan.opType + ": " + why];
            }
        }
        QString summary;
        for (const auto& [why, count] : reasons)
            summary += QStringLiteral("\n  %1x %2").arg(count).arg(QString::fromStdString(why));
        qInfo("%s: %d of %zu layers integer; float:%s", qPrintable(name), integer, qm.layers.size(),
              qPrintable(summary));
        QVERIFY2(size.integerCoverage() >= 99.0,
                 qPrintable(QStringLiteral("%1: %2 % of MACs integer; float layers with MACs:%3")
                                .arg(name)
                                .arg(size.integerCoverage(), 0, 'f', 2)
                                .arg(floats)));
        if (name == QLatin1String("resnet18")) // issue 11: about 3.9x under w8a8
            QVERIFY2(size.compression() > 3.8 && size.compression() < 4.0,
                     qPrintable(QString::number(size.compression())));
    }
};

QTEST_GUILESS_MAIN(TestTorchvisionCoverage)
#include "test_torchvision_coverage.moc"
