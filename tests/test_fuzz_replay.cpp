// Replays every input under tests/data/hostile/<target>/ through the same entry function the
// libFuzzer target uses (fuzz/fuzz_entries.h), built with the normal compiler and no
// libFuzzer. Each file once crashed or hung the loader (found by scripts/fuzz.sh or by hand,
// see tools/make_hostile_conv_models.py); now each must be refused with a ql::Error whose
// message names the input. A crash fails the whole test binary; any other exception fails
// the row.

#include <QtTest>

#include "fuzz/fuzz_entries.h"

using namespace ql;

class TestFuzzReplay : public QObject
{
    Q_OBJECT

private slots:
    void hostileInputsAreRefusedCleanly_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir root(QStringLiteral(QL_TEST_SOURCE_DIR "/data/hostile"));
        int rows = 0;
        for (const char* name : {"onnx_loader", "config", "image"}) {
            const QString target = QString::fromLatin1(name);
            const QDir dir(root.filePath(target));
            for (const QFileInfo& file : dir.entryInfoList(QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(target + "/" + file.fileName()))
                    << target << file.filePath();
                ++rows;
            }
        }
        QVERIFY2(rows >= 3, "the hostile inputs are missing");
    }

    void hostileInputsAreRefusedCleanly()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        const auto* data = reinterpret_cast<const uint8_t*>(bytes.constData());
        const size_t size = static_cast<size_t>(bytes.size());
        fuzz::Outcome outcome = fuzz::Outcome::Accepted;
        std::string expectedName;
        if (target == "onnx_loader") {
            outcome = fuzz::onnxLoader(data, size);
            expectedName = "fuzz.onnx: ";
        } else if (target == "config") {
            outcome = fuzz::configParser(data, size);
            expectedName = "fuzz.json";
        } else {
            outcome = fuzz::imageDecoder(data, size);
            expectedName = "ql_fuzz_image_";
        }
        QCOMPARE(outcome, fuzz::Outcome::Refused);
        const std::string& message = fuzz::lastError();
        QVERIFY2(message.find(expectedName) != std::string::npos, message.c_str());
        QVERIFY2(message.find('\n') == std::string::npos, message.c_str()); // one line
    }
};

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "test_fuzz_replay.moc"
