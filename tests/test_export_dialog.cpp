// File ▸ Export Quantized Model…: the dialog exports off the GUI thread (the test waits for
// its exportFinished signal), shows the path and the QDQ summary on success, proposes the
// file name per format, and opens an error dialog naming the file on failure.
// QL_EXPORT_SCREENSHOT=FILE.png grabs the dialog after a successful export (docs/).

#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include "app/export_dialog.h"
#include "core/export/qdq_import.h"
#include "core/onnx_import.h"

using namespace ql;

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const std::string model = QL_RESOURCE_DIR "/models/multiexit_cnn.onnx";
        auto owned = std::make_shared<Owned>();
        owned->model = loadOnnxModel(model);
        const Preprocess pp = defaultPreprocess(owned->model);
        const Dataset calib = loadImageFolder(QL_RESOURCE_DIR "/data/calib", pp, 100);
        QuantConfig cfg = presetConfig("w8a8-trunc");
        cfg.preprocess = pp;
        owned->qmodel = buildQuantizedModel(owned->model, cfg, calibrate(owned->model, calib));
        m_qmodel = std::shared_ptr<const QuantizedModel>(owned, &owned->qmodel);
        m_modelPath = QString::fromStdString(model);
    }

    void exportsQdqAndShowsResult()
    {
        QTemporaryDir dir;
        ExportDialog dialog(m_qmodel, m_modelPath);
        QVERIFY(dialog.outputPath().endsWith(QLatin1String("multiexit_cnn.qdq.onnx")));
        dialog.setFormat(ExportFormat::AimetEncodings);
        QVERIFY(dialog.outputPath().endsWith(QLatin1String("multiexit_cnn.aimet.json")));
        dialog.setFormat(ExportFormat::Qdq);
        const QString out = dir.filePath(QStringLiteral("multiexit_cnn.qdq.onnx"));
        dialog.setOutputPath(out);
        dialog.show();
        QSignalSpy done(&dialog, &ExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(dialog.resultText().startsWith(QStringLiteral("Wrote ")));
        QVERIFY(dialog.resultText().contains(QLatin1String("toward_zero"))); // the note
        QVERIFY(QFile::exists(out));
        QVERIFY(importQdqFile(out.toStdString()).hasMetadata);
        const QByteArray shot = qgetenv("QL_EXPORT_SCREENSHOT");
        if (!shot.isEmpty())
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(shot)));
    }

    void failureOpensErrorDialog()
    {
        ExportDialog dialog(m_qmodel, m_modelPath);
        dialog.setOutputPath(QStringLiteral("/nonexistent-dir/x/model.qdq.onnx"));
        dialog.show();
        QSignalSpy done(&dialog, &ExportDialog::exportFinished);
        dialog.startExport();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), false);
        auto* box = dialog.findChild<QMessageBox*>(QStringLiteral("exportError"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QLatin1String("/nonexistent-dir/x/model.qdq.onnx")));
        QVERIFY(dialog.resultText().isEmpty());
    }

private:
    struct Owned
    {
        Model model;
        QuantizedModel qmodel;
    };
    std::shared_ptr<const QuantizedModel> m_qmodel;
    QString m_modelPath;
};

QTEST_MAIN(TestExportDialog)
#include "test_export_dialog.moc"
