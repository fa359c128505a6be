// Quantization config: presets, resolution, JSON round trip, validation messages with JSON
// paths, atomic save.

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include "core/error.h"
#include "core/quant/quant_config.h"

using namespace ql;

namespace {

QuantConfig configWithOverrides()
{
    QuantConfig c = presetConfig("w8a8");
    c.comment = "made by a test";
    c.model.fileName = "cnn.onnx";
    c.model.sha256 = std::string(64, 'a');
    c.preprocess.channels = 3;
    c.preprocess.height = 32;
    c.preprocess.width = 30;
    c.preprocess.resize = Preprocess::Resize::ShorterSideThenCenterCrop;
    c.preprocess.resizeShorter = 36;
    c.preprocess.scale = 1.0f / 127.5f;
    c.preprocess.mean = {0.485f, 0.456f, 0.406f};
    c.preprocess.std = {0.229f, 0.224f, 0.225f};
    c.defaults.seed = 1234567;
    c.defaults.accumulator = AccumulatorMode::Int64;
    LayerOverride conv2;
    TensorQuantOverride w;
    w.bits = 4;
    w.rounding = RoundingMode::Stochastic;
    w.granularity = Granularity::PerTensor;
    conv2.weights = w;
    TensorQuantOverride a;
    a.observer = ObserverKind::Percentile;
    a.percentile = 99.9;
    conv2.activations = a;
    conv2.requantization = RequantMode::FixedPoint;
    conv2.comment = "the sensitive one";
    c.layers["conv2"] = conv2;
    LayerOverride fc;
    fc.keepFloat = true;
    fc.accumulator = AccumulatorMode::Int32;
    c.layers["fc"] = fc;
    return c;
}

const std::vector<std::string> kLayers{"conv1", "conv2", "fc"};

} // namespace

class TestQuantConfig : public QObject
{
    Q_OBJECT

private slots:
    void presets();
    void resolve();
    void roundTrip_data();
    void roundTrip();
    void saveIsDeterministic();
    void minimalDocumentGetsDefaults();
    void commentsAreAccepted();
    void validationErrors_data();
    void validationErrors();
    void unknownPreset();
    void saveIsAtomic();
    void loadMissingFile();
};

void TestQuantConfig::presets()
{
    const QuantConfig w8a8 = presetConfig("w8a8");
    QCOMPARE(w8a8.defaults.weights.bits, 8);
    QVERIFY(w8a8.defaults.weights.isSigned);
    QCOMPARE(w8a8.defaults.weights.scheme, QuantSpec::Scheme::Symmetric);
    QCOMPARE(w8a8.defaults.weights.granularity, Granularity::PerChannel);
    QVERIFY(!w8a8.defaults.activations.isSigned);
    QCOMPARE(w8a8.defaults.activations.scheme, QuantSpec::Scheme::Affine);
    QCOMPARE(w8a8.defaults.activations.rounding, RoundingMode::HalfEven);
    QCOMPARE(w8a8.defaults.requantization, RequantMode::Float);
    QCOMPARE(presetConfig("w4a8").defaults.weights.bits, 4);
    QCOMPARE(presetConfig("w8a8-trunc").defaults.activations.rounding, RoundingMode::TowardZero);
    QCOMPARE(presetConfig("w8a8-trunc").defaults.weights.rounding, RoundingMode::TowardZero);
    QCOMPARE(presetConfig("int-only").defaults.requantization, RequantMode::FixedPoint);
    QVERIFY(presetConfig("all-float").defaults.keepFloat);
    QCOMPARE(presetNames().size(), size_t(5));
}

void TestQuantConfig::resolve()
{
    const QuantConfig c = configWithOverrides();
    const ResolvedLayerConfig conv2 = resolveLayer(c, "conv2");
    QCOMPARE(conv2.weights.bits, 4);
    QCOMPARE(conv2.weights.rounding, RoundingMode::Stochastic);
    QCOMPARE(conv2.weights.scheme, QuantSpec::Scheme::Symmetric); // from defaults
    QCOMPARE(conv2.activations.observer, ObserverKind::Percentile);
    QCOMPARE(conv2.activations.percentile, 99.9);
    QCOMPARE(conv2.activations.bits, 8);
    QCOMPARE(conv2.requantization, RequantMode::FixedPoint);
    QCOMPARE(conv2.accumulator, AccumulatorMode::Int64);
    QVERIFY(!conv2.keepFloat);
    QVERIFY(resolveLayer(c, "fc").keepFloat);
    QCOMPARE(resolveLayer(c, "fc").accumulator, AccumulatorMode::Int32);
    const ResolvedLayerConfig plain = resolveLayer(c, "conv1");
    QCOMPARE(plain.weights, c.defaults.weights);
    QCOMPARE(plain.activations, c.defaults.activations);
}

void TestQuantConfig::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    for (const auto& n : presetNames())
        QTest::newRow(n.c_str()) << QString::fromStdString(n);
    QTest::newRow("with overrides") << QString("overrides");
}

void TestQuantConfig::roundTrip()
{
    QFETCH(QString, name);
    const QuantConfig c = name == "overrides" ? configWithOverrides() : presetConfig(name.toStdString());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("cfg.json").toStdString();
    saveQuantConfig(c, path);
    const QuantConfig back = loadQuantConfig(path, &kLayers);
    QVERIFY(back == c);
    QCOMPARE(serializeQuantConfig(back), serializeQuantConfig(c));
}

void TestQuantConfig::saveIsDeterministic()
{
    const std::string a = serializeQuantConfig(configWithOverrides());
    const std::string b = serializeQuantConfig(configWithOverrides());
    QCOMPARE(a, b);
    // Sorted keys, pretty printed.
    QVERIFY(a.find("\"defaults\"") < a.find("\"layers\""));
    QVERIFY(a.find("\n    \"") != std::string::npos);
}

void TestQuantConfig::minimalDocumentGetsDefaults()
{
    const QuantConfig c = parseQuantConfig(R"({"schema_version": 1})", "min.json");
    QVERIFY(c.defaults == presetConfig("w8a8").defaults);
    QVERIFY(c.layers.empty());
    const QuantConfig partial = parseQuantConfig(
        R"({"schema_version": 1, "defaults": {"weights": {"bits": 6}}})", "p.json");
    QCOMPARE(partial.defaults.weights.bits, 6);
    QCOMPARE(partial.defaults.weights.granularity, Granularity::PerChannel);
}

void TestQuantConfig::commentsAreAccepted()
{
    const QuantConfig c = parseQuantConfig(
        R"({"schema_version": 1, "comment": "top",
            "defaults": {"comment": {"any": ["thing"]}, "weights": {"comment": 3}},
            "layers": {"fc": {"comment": "keep this one float", "keep_float": true}}})",
        "c.json", &kLayers);
    QCOMPARE(c.comment, std::string("top"));
    QCOMPARE(c.layers.at("fc").comment, std::string("keep this one float"));
}

void TestQuantConfig::validationErrors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("bits out of range")
        << R"({"schema_version": 1, "layers": {"conv2": {"weights": {"bits": 17}}}})"
        << "cfg.json: layers.conv2.weights.bits: 17 is outside 2..16";
    QTest::newRow("bits too small")
        << R"({"schema_version": 1, "defaults": {"activations": {"bits": 1}}})"
        << "cfg.json: defaults.activations.bits: 1 is outside 2..16";
    QTest::newRow("bits not an integer")
        << R"({"schema_version": 1, "defaults": {"weights": {"bits": 7.5}}})"
        << "cfg.json: defaults.weights.bits: expected an integer, got 7.5";
    QTest::newRow("unknown layer")
        << R"({"schema_version": 1, "layers": {"nope": {}}})"
        << "cfg.json: layers.nope: unknown layer";
    QTest::newRow("bad rounding")
        << R"({"schema_version": 1, "defaults": {"weights": {"rounding": "nearest"}}})"
        << "cfg.json: defaults.weights.rounding: \"nearest\" is not one of half_even, half_away, toward_zero, floor, stochastic";
    QTest::newRow("wrong type")
        << R"({"schema_version": 1, "defaults": {"weights": {"bits": "8"}}})"
        << "cfg.json: defaults.weights.bits: expected a number, got string";
    QTest::newRow("wrong type bool")
        << R"({"schema_version": 1, "defaults": {"fusion": 1}})"
        << "cfg.json: defaults.fusion: expected a boolean, got number";
    QTest::newRow("malformed")
        << "{\"schema_version\": 1,\n \"defaults\": }"
        << "cfg.json: not valid JSON at line 2, column 15: object is missing after a comma";
    QTest::newRow("unknown key (typo)")
        << R"({"schema_version": 1, "defaults": {"weights": {"bitz": 8}}})"
        << "cfg.json: defaults.weights.bitz: unknown key";
    QTest::newRow("unknown top-level key")
        << R"({"schema_version": 1, "layer": {}})"
        << "cfg.json: layer: unknown key";
    QTest::newRow("missing schema version") << R"({"layers": {}})"
                                            << "cfg.json: schema_version: missing (expected 1)";
    QTest::newRow("schema version 2") << R"({"schema_version": 2})"
                                      << "cfg.json: schema_version: 2 is outside 1..1";
    QTest::newRow("per-channel activations")
        << R"({"schema_version": 1, "layers": {"fc": {"activations": {"granularity": "per_channel"}}}})"
        << "cfg.json: layers.fc.activations.granularity: per_channel is only supported for weights";
    QTest::newRow("bad observer")
        << R"({"schema_version": 1, "defaults": {"activations": {"observer": "kl"}}})"
        << "cfg.json: defaults.activations.observer: \"kl\" is not one of minmax, moving_average_minmax, percentile, mse, entropy, dynamic";
    QTest::newRow("percentile range")
        << R"({"schema_version": 1, "defaults": {"activations": {"percentile": 0}}})"
        << "cfg.json: defaults.activations.percentile: 0 is outside (0, 100]";
    QTest::newRow("bad requantization")
        << R"({"schema_version": 1, "layers": {"conv1": {"requantization": "int"}}})"
        << "cfg.json: layers.conv1.requantization: \"int\" is not one of float, fixed_point";
    QTest::newRow("bad accumulator")
        << R"({"schema_version": 1, "defaults": {"accumulator": "int16"}})"
        << "cfg.json: defaults.accumulator: \"int16\" is not one of int32, int64, auto";
    QTest::newRow("layer not an object")
        << R"({"schema_version": 1, "layers": {"conv1": true}})"
        << "cfg.json: layers.conv1: expected an object, got boolean";
    QTest::newRow("first problem wins")
        << R"({"schema_version": 1, "defaults": {"weights": {"bits": 99, "rounding": "x"}}})"
        << "cfg.json: defaults.weights.bits: 99 is outside 2..16";
    QTest::newRow("preprocessing mean element")
        << R"({"schema_version": 1, "preprocessing": {"mean": [0.5, "a"]}})"
        << "cfg.json: preprocessing.mean[1]: expected a number, got string";
    QTest::newRow("top level array") << "[1, 2]" << "cfg.json: expected an object at the top level";
}

void TestQuantConfig::validationErrors()
{
    QFETCH(QString, json);
    QFETCH(QString, message);
    try {
        parseQuantConfig(json.toStdString(), "cfg.json", &kLayers);
        QFAIL("no error");
    } catch (const Error& e) {
        QCOMPARE(QString::fromStdString(e.what()), message);
    }
}

void TestQuantConfig::unknownPreset()
{
    QVERIFY_THROWS_EXCEPTION(Error, presetConfig("w2a2"));
}

void TestQuantConfig::saveIsAtomic()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("cfg.json").toStdString();
    saveQuantConfig(presetConfig("w8a8"), path);
    QFile before(QString::fromStdString(path));
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray original = before.readAll();
    before.close();
    // A save into a directory that does not exist fails with an error …
    const std::string bad = dir.filePath("missing/dir/cfg.json").toStdString();
    QVERIFY_THROWS_EXCEPTION(Error, saveQuantConfig(presetConfig("int-only"), bad));
    QVERIFY(!QFile::exists(QString::fromStdString(bad)));
    // … and a save over a read-only directory leaves the target untouched.
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    bool threw = false;
    try {
        saveQuantConfig(presetConfig("int-only"), path);
    } catch (const Error&) {
        threw = true;
    }
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner);
    QFile after(QString::fromStdString(path));
    QVERIFY(after.open(QIODevice::ReadOnly));
    if (threw) // (root ignores directory permissions; then the save simply succeeded)
        QCOMPARE(after.readAll(), original);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"cfg.json"}); // no temp left
}

void TestQuantConfig::loadMissingFile()
{
    try {
        loadQuantConfig("/nonexistent/cfg.json");
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(QString(e.what()).startsWith("/nonexistent/cfg.json: cannot read"));
    }
}

QTEST_GUILESS_MAIN(TestQuantConfig)
#include "test_quant_config.moc"
