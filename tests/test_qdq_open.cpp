// Issue 12 on the GUI side: QuantLens opens its own QDQ export and reconstructs the per-layer
// config, shown in the layer table: bits and scheme from the file, and the (S, Z) the file
// stores (not recalibrated ones) in the bits columns' tooltips. The QDQ model is exported by
// the test itself from the demo CNN under a mixed config (w8a8, one layer at 5-bit weights,
// one with affine weights and 6-bit activations) calibrated on 100 images; the GUI calibrates
// on only 20, so recalibrated scales would differ and the test would see it.
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "core/export/qdq_export.h"
#include "core/export/qdq_import.h"
#include "core/onnx_import.h"
#include "widgets/quant_layer_model.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

using namespace ql;
using State = QuantSession::EvaluationState;

namespace {
const QString kResources = QStringLiteral(QL_RESOURCE_DIR);

// The scale as the tooltip must show it: the per-tensor S, or the per-channel range of S.
QString expectedScale(const QuantParams& p)
{
    const auto [lo, hi] = std::minmax_element(p.scale.begin(), p.scale.end());
    if (p.scale.size() == 1)
        return QStringLiteral("S = %1, Z = %2").arg(double(p.scale.front()), 0, 'g', 6).arg(p.zeroPoint.front());
    return QStringLiteral("S per channel (%1): %2 … %3")
        .arg(p.scale.size())
        .arg(double(*lo), 0, 'g', 6)
        .arg(double(*hi), 0, 'g', 6);
}
} // namespace

class TestQdqOpen : public QObject
{
    Q_OBJECT

private slots:
    void ownExportShowsItsConfigAndParams()
    {
        QStandardPaths::setTestModeEnabled(true);
        const std::string res = kResources.toStdString();
        const Model m = loadOnnxModel(res + "/models/multiexit_cnn.onnx");
        const Preprocess pp = defaultPreprocess(m);
        QuantConfig cfg = presetConfig("w8a8");
        cfg.preprocess = pp;
        const LayerPlan plan = planLayers(m, true);
        std::vector<std::string> weighted;
        for (const PlannedLayer& L : plan.layers)
            if (L.hasWeights)
                weighted.push_back(L.name);
        QVERIFY(weighted.size() >= 3);
        LayerOverride five, six;
        five.weights = TensorQuantOverride{5, {}, {}, {}, {}, {}, {}, {}, {}, {}};
        six.weights = TensorQuantOverride{{}, {}, {}, QuantSpec::Scheme::Affine, {}, {}, {}, {}, {}, {}};
        six.activations = TensorQuantOverride{6, {}, {}, {}, {}, {}, {}, {}, {}, {}};
        cfg.layers[weighted[0]] = five;
        cfg.layers[weighted[2]] = six;
        const Dataset calib = loadImageFolder(res + "/data/calib", pp, 100);
        const QuantizedModel original = buildQuantizedModel(m, cfg, calibrate(m, calib));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("cnn.qdq.onnx"));
        exportQdq(original, QFile::encodeName(path).toStdString());

        Session session;
        session.setAutoEvaluate(false);
        session.setDatasetLimit(40);
        QuantSession quant(&session);
        quant.setCalibrationLimit(20);
        quant.setDebounceMs(0);
        QSignalSpy errors(&quant, &QuantSession::failed);
        QSignalSpy openErrors(&session, &Session::failed);
        quant.openCalibrationFolder(kResources + QStringLiteral("/data/calib"));
        session.openModel(path);
        session.openDataFolder(kResources + QStringLiteral("/data/eval"));
        QTRY_VERIFY_WITH_TIMEOUT((quant.evaluationState() == State::UpToDate && !quant.isReportStale() &&
                                  !quant.isBusy()) || errors.count() > 0 || openErrors.count() > 0,
                                 180000);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.at(0).at(1).toString()));
        QVERIFY2(openErrors.isEmpty(), openErrors.isEmpty() ? "" : qPrintable(openErrors.at(0).at(1).toString()));

        // The file was read as QDQ and its config is the session's.
        QVERIFY(session.qdqImport());
        QVERIFY(quant.usesImportedParams());
        QCOMPARE(quant.config().layers.size(), cfg.layers.size());
        QVERIFY(quant.config().layers == cfg.layers);
        QVERIFY(quant.config().defaults == cfg.defaults);

        // The report's (S, Z) are the exported ones, layer by layer.
        const auto report = quant.report();
        QVERIFY(report);
        const Dataset few = loadImageFolder(res + "/data/calib", pp, 20);
        const QuantizedModel recalibrated = buildQuantizedModel(
            session.qdqImport()->model, quant.config(), calibrate(session.qdqImport()->model, few));
        int compared = 0, recalibratedDiffers = 0;
        for (const QuantizedLayer& L : original.layers) {
            const auto it = std::find_if(report->layers.begin(), report->layers.end(),
                                         [&](const LayerReport& r) { return r.name == L.plan.name; });
            QVERIFY2(it != report->layers.end(), L.plan.name.c_str());
            QVERIFY2(it->config == L.config, L.plan.name.c_str());
            QVERIFY2(it->weightParams == L.weightParams, L.plan.name.c_str());
            QVERIFY2(it->outputParams == L.outputParams, L.plan.name.c_str());
            ++compared;
            for (const QuantizedLayer& R : recalibrated.layers)
                if (R.plan.name == L.plan.name && R.outputQuantized && !(R.outputParams == L.outputParams))
                    ++recalibratedDiffers;
        }
        QVERIFY(compared > 0);
        QVERIFY(recalibratedDiffers > 0); // so a recalibrating GUI would fail the loop above

        // The layer table: bits and scheme as exported, (S, Z) of the file in the tooltips.
        QuantLayerModel table(&quant);
        const int r5 = table.rowOf(QString::fromStdString(weighted[0]));
        const int r6 = table.rowOf(QString::fromStdString(weighted[2]));
        QVERIFY(r5 >= 0 && r6 >= 0);
        QCOMPARE(table.index(r5, QuantLayerModel::WeightBitsColumn).data().toInt(), 5);
        QCOMPARE(table.index(r6, QuantLayerModel::ActivationBitsColumn).data().toInt(), 6);
        QCOMPARE(table.index(r6, QuantLayerModel::SchemeColumn).data(Qt::EditRole).toString(),
                 QStringLiteral("affine/affine"));
        QCOMPARE(table.index(r5, QuantLayerModel::SchemeColumn).data(Qt::EditRole).toString(),
                 QStringLiteral("sym/affine"));
        const QuantizedLayer& L5 = original.layers[size_t(original.plan.layerByName.at(weighted[0]))];
        const QString tip5 = table.index(r5, QuantLayerModel::WeightBitsColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip5.contains(expectedScale(L5.weightParams)), qPrintable(tip5));
        QVERIFY2(tip5.contains(QStringLiteral("cnn.qdq.onnx")), qPrintable(tip5));
        const QuantizedLayer& L6 = original.layers[size_t(original.plan.layerByName.at(weighted[2]))];
        const QString tip6 = table.index(r6, QuantLayerModel::ActivationBitsColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip6.contains(expectedScale(L6.outputParams)), qPrintable(tip6));

        // An edit leaves the file's config: from then on the scales are calibrated.
        table.setData(table.index(r5, QuantLayerModel::WeightBitsColumn), 8);
        QVERIFY(!quant.usesImportedParams());
        QTRY_VERIFY_WITH_TIMEOUT((quant.evaluationState() == State::UpToDate && !quant.isReportStale() &&
                                  !quant.isBusy()) || errors.count() > 0, 180000);
        QVERIFY(!table.index(r5, QuantLayerModel::WeightBitsColumn).data(Qt::ToolTipRole).toString()
                     .contains(QStringLiteral("cnn.qdq.onnx")));
    }
};

QTEST_MAIN(TestQdqOpen)
#include "test_qdq_open.moc"
