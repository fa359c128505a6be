// Issue 16 items 6b and 7: hostile preprocessing settings are refused with their JSON path
// (before, scale 0 / −1 / 1e308 and std 1e-45 were accepted, and 20000×20000 on a 28×28 model
// passed `config check` and then died with bad_alloc), and an arithmetic refusal inside the
// integer engine ("requantization multiplier … is too large") names the model file and the
// layer. The CLI side (exit 3, one line) is in test_cli.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <limits>

#include "core/dataset.h"
#include "core/error.h"
#include "core/onnx_import.h"
#include "core/preprocess_check.h"
#include "core/quant/engine.h"
#include "dataset_test_images.h"
#include "onnx_test_models.h"

using namespace ql;
using namespace ql::testing;

namespace {

// A config whose preprocessing has `entries` (the rest: defaults, 1×28×28 grey).
std::string configWith(const QString& entries)
{
    return QStringLiteral(R"({"schema_version": 1, "preprocessing": {%1}})")
        .arg(entries)
        .toStdString();
}

QString parseError(const std::string& json)
{
    try {
        parseQuantConfig(json, "cfg.json");
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<accepted>");
}

} // namespace

class TestConfigValidation : public QObject
{
    Q_OBJECT
private slots:
    void hostilePreprocessingIsRefused_data()
    {
        QTest::addColumn<QString>("entries");
        QTest::addColumn<QString>("expected");
        QTest::newRow("scale 0") << R"("scale": 0)" << "cfg.json: preprocessing.scale: 0 must be > 0";
        QTest::newRow("scale -1") << R"("scale": -1)"
                                  << "cfg.json: preprocessing.scale: -1 must be > 0";
        QTest::newRow("scale 1e308")
            << R"("scale": 1e308)"
            << "cfg.json: preprocessing.scale: 1e+308 does not fit a 32-bit float";
        QTest::newRow("scale 1e-45 (denormal)")
            << R"("scale": 1e-45)" << "cfg.json: preprocessing.scale: 1e-45 is too small";
        QTest::newRow("std 1e-45") << R"("std": [1e-45])"
                                   << "cfg.json: preprocessing.std[0]: 1e-45 is too small";
        QTest::newRow("std 0") << R"("std": [0])" << "cfg.json: preprocessing.std[0]: 0 must be > 0";
        QTest::newRow("std negative") << R"("std": [-0.5])"
                                      << "cfg.json: preprocessing.std[0]: -0.5 must be > 0";
        QTest::newRow("std 1e-30 (huge inputs)")
            << R"("std": [1e-30])"
            << "cfg.json: preprocessing: pixels 0..255 become values up to 1e+30";
        QTest::newRow("mean 1e308") << R"("mean": [1e308])"
                                    << "cfg.json: preprocessing.mean[0]: 1e+308 does not fit";
        QTest::newRow("mean count") << R"("mean": [0, 0])"
                                    << "cfg.json: preprocessing.mean: needs 1 value, got 2";
        QTest::newRow("channels 2") << R"("channels": 2)"
                                    << "cfg.json: preprocessing.channels: 2 must be 1";
        QTest::newRow("20000x20000") << R"("height": 20000, "width": 20000)"
                                     << "cfg.json: preprocessing: 1x20000x20000 = 400000000 "
                                        "values per image is more than the limit";
        QTest::newRow("crop side") << R"("height": 9000, "width": 1000,
                                       "resize": "shorter_side_center_crop")"
                                   << "cfg.json: preprocessing.height: 9000 is more than 8192";
        QTest::newRow("resize_shorter") << R"("resize_shorter": 60000)"
                                        << "cfg.json: preprocessing.resize_shorter: 60000 is "
                                           "outside 0..8192";
        QTest::newRow("channel_order unknown")
            << R"("channels": 3, "channel_order": "rbg")"
            << "cfg.json: preprocessing.channel_order: \"rbg\" is not one of rgb, bgr";
        QTest::newRow("channel_order not a string")
            << R"("channel_order": 1)"
            << "cfg.json: preprocessing.channel_order: expected a string, got number";
        QTest::newRow("bgr on grayscale")
            << R"("channel_order": "bgr")"
            << "cfg.json: preprocessing.channel_order: \"bgr\" needs 3 channels (channels is 1)";
        QTest::newRow("class_map not a string")
            << R"("class_map": ["a.txt"])"
            << "cfg.json: preprocessing.class_map: expected a string, got array";
    }

    void hostilePreprocessingIsRefused()
    {
        QFETCH(QString, entries);
        QFETCH(QString, expected);
        const QString error = parseError(configWith(entries));
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }

    // channel_order and class_map (issue 11 item 5): written, read back equal; a config from
    // before they existed still loads (RGB, no map); a relative class map is the config
    // file's neighbour.
    void channelOrderAndClassMapRoundTrip()
    {
        QuantConfig c = presetConfig("w8a8");
        c.preprocess.channels = 3;
        c.preprocess.mean = {0.5f, 0.25f, 0.125f};
        c.preprocess.std = {0.5f};
        c.preprocess.channelOrder = Preprocess::ChannelOrder::Bgr;
        c.preprocess.classMap = "/data/imagenet/LOC_synset_mapping.txt";
        const std::string text = serializeQuantConfig(c);
        QVERIFY(text.find("\"channel_order\": \"bgr\"") != std::string::npos);
        QVERIFY(text.find("\"class_map\": \"/data/imagenet/LOC_synset_mapping.txt\"") !=
                std::string::npos);
        const QuantConfig back = parseQuantConfig(text, "cfg.json");
        QVERIFY(back == c);
        QCOMPARE(serializeQuantConfig(back), text);

        const QuantConfig old = parseQuantConfig(configWith(R"("channels": 3, "mean": [0])"),
                                                 "old.json");
        QVERIFY(old.preprocess.channelOrder == Preprocess::ChannelOrder::Rgb);
        QVERIFY(old.preprocess.classMap.empty());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cfg.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(configWith(R"("class_map": "labels/map.txt")").c_str());
        file.close();
        const QuantConfig loaded = loadQuantConfig(path.toStdString());
        QCOMPARE(QString::fromStdString(loaded.preprocess.classMap),
                 dir.filePath(QStringLiteral("labels/map.txt")));
        // Saved, it is written relative to the file's folder and read back absolute.
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("configs")));
        const std::string saved = dir.filePath(QStringLiteral("configs/saved.json")).toStdString();
        saveQuantConfig(loaded, saved);
        QFile savedFile(QString::fromStdString(saved));
        QVERIFY(savedFile.open(QIODevice::ReadOnly));
        const QByteArray savedText = savedFile.readAll();
        QVERIFY(savedText.contains(R"("class_map": "../labels/map.txt")"));
        QVERIFY(!savedText.contains(dir.path().toUtf8()));
        QCOMPARE(loadQuantConfig(saved).preprocess.classMap, loaded.preprocess.classMap);
        // Parsed from text (no file) it stays as written.
        QCOMPARE(parseQuantConfig(configWith(R"("class_map": "labels/map.txt")"), "x.json")
                     .preprocess.classMap,
                 std::string("labels/map.txt"));
    }

    // NaN cannot be written in JSON; through the struct (the GUI, the API) it is refused too.
    void nanIsRefused()
    {
        Preprocess pp;
        pp.scale = std::numeric_limits<float>::quiet_NaN();
        QVERIFY_THROWS_EXCEPTION(Error, requireValidPreprocess(pp, "x"));
        try {
            requireValidPreprocess(pp, "cfg.json: preprocessing");
        } catch (const Error& e) {
            QCOMPARE(QString::fromUtf8(e.what()),
                     QStringLiteral("cfg.json: preprocessing.scale: NaN is not a number"));
        }
        pp = Preprocess{};
        pp.std = {std::numeric_limits<float>::infinity()};
        QVERIFY(checkPreprocess(pp).has_value());
        QVERIFY(!checkPreprocess(Preprocess{}).has_value());
    }

    // The model decides the size: 32×32 on a [N,1,28,28] input (the executor could run
    // nothing), and an MLP input of 784 values.
    void preprocessingMustMatchTheModel()
    {
        const Model cnn = modelWithInput({-1, 1, 28, 28});
        Preprocess pp;
        pp.height = 32;
        const auto problem = checkPreprocessForModel(pp, cnn);
        QVERIFY(problem.has_value());
        QCOMPARE(QString::fromStdString(problem->key), QStringLiteral("height"));
        QCOMPARE(QString::fromStdString(problem->what),
                 QStringLiteral("32 does not match 28 (the model input 'input' is [?,1,28,28])"));
        QVERIFY(!checkPreprocessForModel(Preprocess{}, cnn).has_value());

        const Model mlp = modelWithInput({-1, 784});
        QVERIFY(checkPreprocessForModel(Preprocess{}, mlp).has_value()); // not flattened
        Preprocess flat;
        flat.flattenToRank2 = true;
        QVERIFY(!checkPreprocessForModel(flat, mlp).has_value());
        flat.width = 27;
        QVERIFY(checkPreprocessForModel(flat, mlp).has_value());
        // Dynamic dims are not checked.
        QVERIFY(!checkPreprocessForModel(pp, modelWithInput({-1, 1, -1, -1})).has_value());
    }

    // The loader refuses the absurd size itself (before: std::bad_alloc, exit 1).
    void loaderRefusesAbsurdSize()
    {
        Preprocess pp;
        pp.height = pp.width = 20000;
        const std::string root = QL_RESOURCE_DIR "/data/eval";
        try {
            loadImageFolder(root, pp, 1);
            QFAIL("loaded");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith(
                         QString::fromStdString(root) + ": preprocessing: 1x20000x20000"),
                     e.what());
        }
    }

    // A Gemm whose weights cancel on every calibration sample: its output range is [0, 0], so
    // S_y is the floor FLT_EPSILON while S_x·S_w ≈ 7874: M ≈ 6.6e10 ≥ 2^31 cannot be
    // represented as a fixed-point multiplier. The error names the file and the layer.
    void hugeMultiplierNamesFileAndLayer()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {-1, 2});
        addValue(g->mutable_output(), "y", {-1, 1});
        addFloatInit(g, "w", {2, 1}, {1e6f, -1e6f}, false);
        addNode(g, "MatMul", {"x", "w"}, {"y"}, "cancelling_matmul");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("cancel.onnx"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const std::string bytes = m.SerializeAsString();
            QVERIFY(f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size()));
        }
        const Model model = loadOnnxModel(path.toStdString());
        Dataset data;
        data.root = "memory";
        for (int i = 0; i < 4; ++i) {
            data.files.push_back("sample" + std::to_string(i));
            data.labels.push_back(-1);
        }
        data.images = Tensor::fromFloat({4, 2}, {0, 0, 100, 100, 200, 200, 255, 255});
        const CalibrationStats stats = calibrate(model, data);
        QuantConfig config = presetConfig("int-only");
        const QuantizedModel qm = buildQuantizedModel(model, config, stats);
        try {
            evaluateQuantized(qm, data);
            QFAIL("evaluated");
        } catch (const Error& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(path + QStringLiteral(": layer 'cancelling_matmul'")),
                     e.what());
            QVERIFY2(message.contains(QLatin1String("requantization multiplier")), e.what());
            QVERIFY2(message.contains(QLatin1String("is too large")), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestConfigValidation)
#include "test_config_validation.moc"
