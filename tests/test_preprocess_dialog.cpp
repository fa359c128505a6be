// Edit ▸ Input && Preprocessing… (issue 11 item 5) on the demo CNN: the dialog shows the
// config's preprocessing, refuses wrong fields with the JSON path (OK disabled), and OK is one
// undoable config edit after which both folders hold the new tensors (compared with
// loadImageFolder itself) and the evaluation folder's labels follow the class map; Cancel
// changes nothing. QL_PREPROCESS_SCREENSHOT=FILE.png grabs the filled-in dialog (docs/).
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <memory>

#include "app/preprocess_dialog.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

using namespace ql;
using State = QuantSession::EvaluationState;

namespace {

const QString kResources = QStringLiteral(QL_RESOURCE_DIR);
constexpr int kImages = 40;

#define QL_WAIT_UP_TO_DATE(qs, errors)                                                             \
    do {                                                                                           \
        QTRY_VERIFY_WITH_TIMEOUT(((qs).evaluationState() == State::UpToDate &&                     \
                                  !(qs).isReportStale() && !(qs).isBusy() &&                       \
                                  !m_session->isBusy()) ||                                         \
                                     (errors).count() > 0,                                         \
                                 180000);                                                          \
        if ((errors).count() > 0)                                                                  \
            QFAIL(qPrintable((errors).at(0).at(1).toString()));                                    \
    } while (false)

} // namespace

class TestPreprocessDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_session = std::make_unique<Session>();
        m_session->setAutoEvaluate(false);
        m_session->setDatasetLimit(kImages);
        m_quant = std::make_unique<QuantSession>(m_session.get());
        m_quant->setCalibrationLimit(kImages);
        m_quant->setDebounceMs(0);
        m_errors = std::make_unique<QSignalSpy>(m_quant.get(), &QuantSession::failed);
        m_sessionErrors = std::make_unique<QSignalSpy>(m_session.get(), &Session::failed);
        m_quant->openCalibrationFolder(kResources + QStringLiteral("/data/calib"));
        m_session->openModel(kResources + QStringLiteral("/models/multiexit_cnn.onnx"));
        m_session->openDataFolder(kResources + QStringLiteral("/data/eval"));
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QVERIFY(m_session->dataset());
        m_originalLabels = m_session->dataset()->labels;

        // The demo's folders in reverse: folder "0-tshirt-top" is output 9, and so on.
        QFile map(m_dir.filePath(QStringLiteral("reversed.txt")));
        QVERIFY(map.open(QIODevice::WriteOnly));
        const QStringList folders = {"0-tshirt-top", "1-trouser", "2-pullover", "3-dress",
                                     "4-coat",       "5-sandal",  "6-shirt",    "7-sneaker",
                                     "8-bag",        "9-ankle-boot"};
        for (int i = 0; i < folders.size(); ++i)
            map.write(QStringLiteral("%1 %2\n").arg(folders[i]).arg(9 - i).toUtf8());
        map.close();
    }

    void showsTheConfig()
    {
        PreprocessDialog dialog(m_quant.get());
        QCOMPARE(field<QSpinBox>(dialog, "height")->value(), 28);
        QCOMPARE(field<QSpinBox>(dialog, "width")->value(), 28);
        QCOMPARE(field<QLineEdit>(dialog, "scale")->text(), QStringLiteral("0.003921569"));
        QCOMPARE(field<QLineEdit>(dialog, "mean")->text(), QStringLiteral("0"));
        QCOMPARE(field<QLineEdit>(dialog, "classMap")->text(), QString());
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(dialog.preprocess() == m_quant->config().preprocess);
        // The text shown reads back as exactly the float the config holds.
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(!field<QComboBox>(dialog, "channelOrder")->isEnabled()); // grayscale
    }

    void wrongFieldsAreRefusedWithTheirPath()
    {
        PreprocessDialog dialog(m_quant.get());
        auto* stdField = field<QLineEdit>(dialog, "std");
        stdField->setText(QStringLiteral("0"));
        QCOMPARE(dialog.problem(), QStringLiteral("preprocessing.std[0]: 0 must be > 0"));
        QVERIFY(!okButton(dialog)->isEnabled());
        stdField->setText(QStringLiteral("abc"));
        QVERIFY(dialog.problem().startsWith(QStringLiteral("preprocessing.std: 'abc'")));
        stdField->setText(QStringLiteral("1"));
        QVERIFY(dialog.problem().isEmpty());
        // Against the model: the demo CNN reads [N, 1, 28, 28].
        field<QSpinBox>(dialog, "height")->setValue(32);
        QCOMPARE(dialog.problem(),
                 QStringLiteral("preprocessing.height: 32 does not match 28 (the model input "
                                "'input' is [?,1,28,28])"));
        field<QSpinBox>(dialog, "height")->setValue(28);
        field<QLineEdit>(dialog, "classMap")->setText(m_dir.filePath(QStringLiteral("none.txt")));
        QVERIFY2(dialog.problem().startsWith(QStringLiteral("preprocessing.class_map: ")) &&
                     dialog.problem().contains(QLatin1String("none.txt: cannot open")),
                 qPrintable(dialog.problem()));
        // accept() with a wrong field keeps the dialog open and the config as it was.
        const QuantConfig before = m_quant->config();
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(m_quant->config() == before);
    }

    void cancelLeavesTheConfig()
    {
        const QuantConfig before = m_quant->config();
        const int commands = m_quant->undoStack()->count();
        PreprocessDialog dialog(m_quant.get());
        field<QLineEdit>(dialog, "scale")->setText(QStringLiteral("1/127.5"));
        field<QLineEdit>(dialog, "mean")->setText(QStringLiteral("1"));
        QVERIFY(dialog.problem().isEmpty());
        dialog.reject();
        QVERIFY(m_quant->config() == before);
        QCOMPARE(m_quant->undoStack()->count(), commands);
    }

    void acceptIsOneUndoableEditThatReloadsTheData()
    {
        const QuantConfig before = m_quant->config();
        const int commands = m_quant->undoStack()->count();
        const QString mapPath = m_dir.filePath(QStringLiteral("reversed.txt"));
        {
            PreprocessDialog dialog(m_quant.get());
            dialog.show();
            field<QLineEdit>(dialog, "scale")->setText(QStringLiteral("1/255"));
            field<QLineEdit>(dialog, "mean")->setText(QStringLiteral("0.5"));
            field<QLineEdit>(dialog, "std")->setText(QStringLiteral("0.25"));
            field<QComboBox>(dialog, "resize")->setCurrentIndex(1); // shorter side + crop
            field<QLineEdit>(dialog, "classMap")->setText(mapPath);
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            const QByteArray shot = qgetenv("QL_PREPROCESS_SCREENSHOT");
            if (!shot.isEmpty())
                QVERIFY(dialog.grab().save(QString::fromLocal8Bit(shot)));
            dialog.accept();
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        const Preprocess& pp = m_quant->config().preprocess;
        QCOMPARE(pp.scale, 1.0f / 255);
        QCOMPARE(pp.mean, std::vector<float>{0.5f});
        QCOMPARE(pp.std, std::vector<float>{0.25f});
        QVERIFY(pp.resize == Preprocess::Resize::ShorterSideThenCenterCrop);
        QCOMPARE(QString::fromStdString(pp.classMap), mapPath);
        QVERIFY(m_quant->config().defaults == before.defaults); // only the preprocessing
        QCOMPARE(m_quant->undoStack()->count(), commands + 1);

        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QCOMPARE(m_sessionErrors->count(), 0);
        // Both folders hold the tensors loadImageFolder makes with the new settings.
        const Dataset calib = loadImageFolder(QL_RESOURCE_DIR "/data/calib", pp, kImages);
        QCOMPARE(m_quant->calibrationData()->images.f, calib.images.f);
        const Dataset eval = loadImageFolder(QL_RESOURCE_DIR "/data/eval", pp, kImages);
        QCOMPARE(m_session->dataset()->images.f, eval.images.f);
        QCOMPARE(m_quant->report()->samples, kImages);
        // The class map relabelled the evaluation images: folder k is output 9 - k.
        std::vector<int> reversed = m_originalLabels;
        for (int& label : reversed)
            label = 9 - label;
        QCOMPARE(m_session->dataset()->labels, reversed);

        // Undo: the old preprocessing and the old tensors and labels again.
        m_quant->undoStack()->undo();
        QVERIFY(m_quant->config() == before);
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        const Dataset original =
            loadImageFolder(QL_RESOURCE_DIR "/data/eval", before.preprocess, kImages);
        QCOMPARE(m_session->dataset()->images.f, original.images.f);
        QCOMPARE(m_session->dataset()->labels, m_originalLabels);
    }

private:
    template <typename W>
    static W* field(const QDialog& dialog, const char* name)
    {
        W* w = dialog.findChild<W*>(QLatin1String(name));
        if (!w)
            qFatal("no field %s", name);
        return w;
    }
    static QPushButton* okButton(const QDialog& dialog)
    {
        return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<QuantSession> m_quant;
    std::unique_ptr<QSignalSpy> m_errors;
    std::unique_ptr<QSignalSpy> m_sessionErrors;
    std::vector<int> m_originalLabels;
};

QTEST_MAIN(TestPreprocessDialog)
#include "test_preprocess_dialog.moc"
