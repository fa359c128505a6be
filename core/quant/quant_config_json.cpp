// JSON reading and writing of QuantConfig (schema: docs/config-schema.md).
//
// Validation walks the document in schema order (schema_version, model, preprocessing,
// defaults, layers; inside an object: its known keys in schema order, then unknown keys) and
// stops at the first problem, reported as "<file>: <json.path>: <what>". A "comment" key is
// accepted in every object and its value is never checked.

#include <QtCore/QByteArray>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/atomic_write.h"
#include "core/error.h"
#include "core/preprocess_check.h"
#include "core/quant/quant_config.h"

namespace ql {

namespace {

const char* jsonTypeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool: return "boolean";
    case QJsonValue::Double: return "number";
    case QJsonValue::String: return "string";
    case QJsonValue::Array: return "array";
    case QJsonValue::Object: return "object";
    case QJsonValue::Undefined: return "nothing";
    }
    return "?";
}

std::string numberText(double d)
{
    return QByteArray::number(d, 'g', QLocale::FloatingPointShortest).toStdString();
}

class Reader
{
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& path, const std::string& what) const
    {
        throw Error(m_file + ": " + (path.empty() ? std::string() : path + ": ") + what);
    }

    QJsonObject object(const QJsonValue& v, const std::string& path) const
    {
        if (!v.isObject())
            fail(path, std::string("expected an object, got ") + jsonTypeName(v));
        return v.toObject();
    }
    // Rejects keys outside `known` (and "comment").
    void checkKeys(const QJsonObject& o, const std::string& path,
                   std::initializer_list<const char*> known) const
    {
        std::set<QString> allowed{QStringLiteral("comment")};
        for (const char* k : known)
            allowed.insert(QString::fromLatin1(k));
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!allowed.count(it.key()))
                fail(join(path, it.key().toStdString()), "unknown key");
    }
    static std::string join(const std::string& path, const std::string& key)
    {
        return path.empty() ? key : path + "." + key;
    }
    double number(const QJsonValue& v, const std::string& path) const
    {
        if (!v.isDouble())
            fail(path, std::string("expected a number, got ") + jsonTypeName(v));
        return v.toDouble();
    }
    int64_t integer(const QJsonValue& v, const std::string& path, int64_t lo, int64_t hi) const
    {
        const double d = number(v, path);
        if (d != std::floor(d))
            fail(path, "expected an integer, got " + numberText(d));
        if (d < double(lo) || d > double(hi))
            fail(path, numberText(d) + " is outside " + std::to_string(lo) + ".." +
                           std::to_string(hi));
        return static_cast<int64_t>(d);
    }
    // A number stored as float: 1e308 would silently become inf.
    float float32(const QJsonValue& v, const std::string& path) const
    {
        const double d = number(v, path);
        if (!(std::abs(d) <= double(std::numeric_limits<float>::max())))
            fail(path, numberText(d) + " does not fit a 32-bit float");
        return static_cast<float>(d);
    }
    bool boolean(const QJsonValue& v, const std::string& path) const
    {
        if (!v.isBool())
            fail(path, std::string("expected a boolean, got ") + jsonTypeName(v));
        return v.toBool();
    }
    std::string string(const QJsonValue& v, const std::string& path) const
    {
        if (!v.isString())
            fail(path, std::string("expected a string, got ") + jsonTypeName(v));
        return v.toString().toStdString();
    }
    // One of `names`; parse(name, &out) converts.
    template <typename T, typename Parse>
    T choice(const QJsonValue& v, const std::string& path, Parse parse,
             const std::string& names) const
    {
        T out{};
        if (!v.isString())
            fail(path, "expected one of " + names + ", got " + jsonTypeName(v));
        if (!parse(v.toString().toStdString(), &out))
            fail(path, "\"" + v.toString().toStdString() + "\" is not one of " + names);
        return out;
    }

private:
    std::string m_file;
};

bool parseScheme(const std::string& s, QuantSpec::Scheme* out)
{
    if (s == "affine") *out = QuantSpec::Scheme::Affine;
    else if (s == "symmetric") *out = QuantSpec::Scheme::Symmetric;
    else return false;
    return true;
}
const char* schemeName(QuantSpec::Scheme s)
{
    return s == QuantSpec::Scheme::Symmetric ? "symmetric" : "affine";
}
bool parseDivisor(const std::string& s, QuantSpec::SymmetricDivisor* out)
{
    if (s == "pytorch") *out = QuantSpec::SymmetricDivisor::PyTorch;
    else if (s == "tflite") *out = QuantSpec::SymmetricDivisor::TFLite;
    else return false;
    return true;
}
const char* divisorName(QuantSpec::SymmetricDivisor d)
{
    return d == QuantSpec::SymmetricDivisor::TFLite ? "tflite" : "pytorch";
}
bool parseGranularity(const std::string& s, Granularity* out)
{
    if (s == "per_tensor") *out = Granularity::PerTensor;
    else if (s == "per_channel") *out = Granularity::PerChannel;
    else return false;
    return true;
}

// Reads a (partial) tensor config; `isWeights` allows per_channel.
TensorQuantOverride readTensor(const Reader& r, const QJsonValue& value, const std::string& path,
                               bool isWeights)
{
    const QJsonObject o = r.object(value, path);
    TensorQuantOverride t;
    auto has = [&](const char* k) { return o.contains(QLatin1String(k)); };
    auto at = [&](const char* k) { return o.value(QLatin1String(k)); };
    auto p = [&](const char* k) { return Reader::join(path, k); };
    if (has("bits"))
        t.bits = static_cast<int>(r.integer(at("bits"), p("bits"), 2, 16));
    if (has("signed"))
        t.isSigned = r.boolean(at("signed"), p("signed"));
    if (has("narrow_range"))
        t.narrowRange = r.boolean(at("narrow_range"), p("narrow_range"));
    if (has("scheme"))
        t.scheme = r.choice<QuantSpec::Scheme>(at("scheme"), p("scheme"), parseScheme,
                                               "affine, symmetric");
    if (has("symmetric_divisor"))
        t.symmetricDivisor = r.choice<QuantSpec::SymmetricDivisor>(
            at("symmetric_divisor"), p("symmetric_divisor"), parseDivisor, "pytorch, tflite");
    if (has("granularity")) {
        t.granularity = r.choice<Granularity>(at("granularity"), p("granularity"),
                                              parseGranularity, "per_tensor, per_channel");
        if (!isWeights && *t.granularity == Granularity::PerChannel)
            r.fail(p("granularity"), "per_channel is only supported for weights");
    }
    if (has("rounding"))
        t.rounding = r.choice<RoundingMode>(at("rounding"), p("rounding"), parseRoundingMode,
                                            roundingModeNames());
    if (has("observer"))
        t.observer = r.choice<ObserverKind>(at("observer"), p("observer"), parseObserverKind,
                                            observerKindNames());
    if (has("percentile")) {
        const double v = r.number(at("percentile"), p("percentile"));
        if (!(v > 0.0 && v <= 100.0))
            r.fail(p("percentile"), numberText(v) + " is outside (0, 100]");
        t.percentile = v;
    }
    if (has("averaging_constant")) {
        const double v = r.number(at("averaging_constant"), p("averaging_constant"));
        if (!(v > 0.0 && v <= 1.0))
            r.fail(p("averaging_constant"), numberText(v) + " is outside (0, 1]");
        t.averagingConstant = v;
    }
    r.checkKeys(o, path, {"bits", "signed", "narrow_range", "scheme", "symmetric_divisor",
                          "granularity", "rounding", "observer", "percentile",
                          "averaging_constant"});
    return t;
}

Preprocess readPreprocess(const Reader& r, const QJsonValue& value, const std::string& path)
{
    const QJsonObject o = r.object(value, path);
    Preprocess pp;
    auto has = [&](const char* k) { return o.contains(QLatin1String(k)); };
    auto at = [&](const char* k) { return o.value(QLatin1String(k)); };
    auto p = [&](const char* k) { return Reader::join(path, k); };
    auto floats = [&](const char* k) {
        if (!at(k).isArray())
            r.fail(p(k), std::string("expected an array, got ") + jsonTypeName(at(k)));
        std::vector<float> v;
        const QJsonArray a = at(k).toArray();
        for (int i = 0; i < a.size(); ++i)
            v.push_back(r.float32(a[i], p(k) + "[" + std::to_string(i) + "]"));
        return v;
    };
    if (has("channels"))
        pp.channels = static_cast<int>(r.integer(at("channels"), p("channels"), 1, 4));
    if (has("channel_order")) {
        const std::string s = r.string(at("channel_order"), p("channel_order"));
        if (s == "rgb")
            pp.channelOrder = Preprocess::ChannelOrder::Rgb;
        else if (s == "bgr")
            pp.channelOrder = Preprocess::ChannelOrder::Bgr;
        else
            r.fail(p("channel_order"), "\"" + s + "\" is not one of rgb, bgr");
    }
    if (has("height"))
        pp.height = static_cast<int>(r.integer(at("height"), p("height"), 1, 65536));
    if (has("width"))
        pp.width = static_cast<int>(r.integer(at("width"), p("width"), 1, 65536));
    if (has("resize")) {
        const std::string s = r.string(at("resize"), p("resize"));
        if (s == "stretch")
            pp.resize = Preprocess::Resize::Stretch;
        else if (s == "shorter_side_center_crop")
            pp.resize = Preprocess::Resize::ShorterSideThenCenterCrop;
        else
            r.fail(p("resize"), "\"" + s + "\" is not one of stretch, shorter_side_center_crop");
    }
    if (has("resize_shorter"))
        pp.resizeShorter = static_cast<int>(r.integer(at("resize_shorter"), p("resize_shorter"), 0, 65536));
    if (has("scale"))
        pp.scale = r.float32(at("scale"), p("scale"));
    if (has("mean"))
        pp.mean = floats("mean");
    if (has("std"))
        pp.std = floats("std");
    if (has("flatten_to_rank2"))
        pp.flattenToRank2 = r.boolean(at("flatten_to_rank2"), p("flatten_to_rank2"));
    if (has("class_map")) {
        pp.classMap = r.string(at("class_map"), p("class_map"));
        if (pp.classMap.find('\0') != std::string::npos)
            r.fail(p("class_map"), "contains a NUL character");
    }
    r.checkKeys(o, path, {"channels", "channel_order", "height", "width", "resize",
                          "resize_shorter", "scale", "mean", "std", "flatten_to_rank2",
                          "class_map"});
    // Ranges and combinations (core/preprocess_check.h): scale 0, std 1e-45, 20000x20000, ...
    if (const auto problem = checkPreprocess(pp))
        r.fail(problem->key.empty() ? path : p(problem->key.c_str()), problem->what);
    return pp;
}

RequantMode readRequant(const Reader& r, const QJsonValue& v, const std::string& path)
{
    return r.choice<RequantMode>(v, path, parseRequantMode, "float, fixed_point");
}

AccumulatorMode readAccumulator(const Reader& r, const QJsonValue& v, const std::string& path)
{
    return r.choice<AccumulatorMode>(v, path, parseAccumulatorMode, "int32, int64, auto");
}

QJsonObject writeTensor(const TensorQuantConfig& t, bool isWeights)
{
    QJsonObject o;
    o["bits"] = t.bits;
    o["signed"] = t.isSigned;
    o["narrow_range"] = t.narrowRange;
    o["scheme"] = schemeName(t.scheme);
    o["symmetric_divisor"] = divisorName(t.symmetricDivisor);
    if (isWeights)
        o["granularity"] = granularityName(t.granularity);
    o["rounding"] = roundingModeName(t.rounding);
    o["observer"] = observerKindName(t.observer);
    o["percentile"] = t.percentile;
    o["averaging_constant"] = t.averagingConstant;
    return o;
}

QJsonObject writeOverride(const TensorQuantOverride& t)
{
    QJsonObject o;
    if (t.bits) o["bits"] = *t.bits;
    if (t.isSigned) o["signed"] = *t.isSigned;
    if (t.narrowRange) o["narrow_range"] = *t.narrowRange;
    if (t.scheme) o["scheme"] = schemeName(*t.scheme);
    if (t.symmetricDivisor) o["symmetric_divisor"] = divisorName(*t.symmetricDivisor);
    if (t.granularity) o["granularity"] = granularityName(*t.granularity);
    if (t.rounding) o["rounding"] = roundingModeName(*t.rounding);
    if (t.observer) o["observer"] = observerKindName(*t.observer);
    if (t.percentile) o["percentile"] = *t.percentile;
    if (t.averagingConstant) o["averaging_constant"] = *t.averagingConstant;
    return o;
}

QJsonArray floatArray(const std::vector<float>& v)
{
    QJsonArray a;
    for (float f : v)
        a.append(double(f));
    return a;
}

} // namespace

QuantConfig parseQuantConfig(const std::string& bytes, const std::string& displayName,
                             const std::vector<std::string>* validLayerNames)
{
    const Reader r(displayName);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(bytes), &error);
    if (error.error != QJsonParseError::NoError) {
        // Line and column (1-based) of the byte offset Qt reports: what an editor shows.
        const size_t offset = std::min(static_cast<size_t>(std::max(error.offset, 0)), bytes.size());
        const size_t lineStart = bytes.rfind('\n', offset == 0 ? 0 : offset - 1);
        const size_t line = 1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
        const size_t column = offset - (lineStart == std::string::npos || offset == 0 ? 0 : lineStart + 1) + 1;
        r.fail("", "not valid JSON at line " + std::to_string(line) + ", column " +
                       std::to_string(column) + ": " + error.errorString().toStdString());
    }
    if (!doc.isObject())
        r.fail("", "expected an object at the top level");
    const QJsonObject root = doc.object();
    QuantConfig c;
    if (!root.contains("schema_version"))
        r.fail("schema_version", "missing (expected 1)");
    c.schemaVersion = static_cast<int>(r.integer(root["schema_version"], "schema_version", 1, 1));

    if (root.contains("model")) {
        const QJsonObject m = r.object(root["model"], "model");
        if (m.contains("file_name"))
            c.model.fileName = r.string(m["file_name"], "model.file_name");
        if (m.contains("sha256")) {
            c.model.sha256 = r.string(m["sha256"], "model.sha256");
            const bool hex = c.model.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
            if (!c.model.sha256.empty() && (c.model.sha256.size() != 64 || !hex))
                r.fail("model.sha256", "expected 64 lower-case hex digits");
        }
        r.checkKeys(m, "model", {"file_name", "sha256"});
    }
    if (root.contains("preprocessing"))
        c.preprocess = readPreprocess(r, root["preprocessing"], "preprocessing");

    c.defaults = presetConfig("w8a8").defaults;
    if (root.contains("defaults")) {
        const QJsonObject d = r.object(root["defaults"], "defaults");
        if (d.contains("weights"))
            c.defaults.weights =
                readTensor(r, d["weights"], "defaults.weights", true).applyTo(c.defaults.weights);
        if (d.contains("activations"))
            c.defaults.activations = readTensor(r, d["activations"], "defaults.activations", false)
                                         .applyTo(c.defaults.activations);
        if (d.contains("requantization"))
            c.defaults.requantization =
                readRequant(r, d["requantization"], "defaults.requantization");
        if (d.contains("accumulator"))
            c.defaults.accumulator = readAccumulator(r, d["accumulator"], "defaults.accumulator");
        if (d.contains("fusion"))
            c.defaults.fusion = r.boolean(d["fusion"], "defaults.fusion");
        if (d.contains("keep_float"))
            c.defaults.keepFloat = r.boolean(d["keep_float"], "defaults.keep_float");
        if (d.contains("seed"))
            c.defaults.seed = static_cast<uint64_t>(
                r.integer(d["seed"], "defaults.seed", 0, (int64_t(1) << 53) - 1));
        r.checkKeys(d, "defaults", {"weights", "activations", "requantization", "accumulator",
                                    "fusion", "keep_float", "seed"});
    }

    if (root.contains("layers")) {
        const QJsonObject layers = r.object(root["layers"], "layers");
        for (auto it = layers.begin(); it != layers.end(); ++it) {
            const std::string name = it.key().toStdString();
            const std::string path = "layers." + name;
            if (validLayerNames &&
                std::find(validLayerNames->begin(), validLayerNames->end(), name) ==
                    validLayerNames->end())
                r.fail(path, "unknown layer");
            const QJsonObject l = r.object(it.value(), path);
            LayerOverride o;
            if (l.contains("weights"))
                o.weights = readTensor(r, l["weights"], path + ".weights", true);
            if (l.contains("activations"))
                o.activations = readTensor(r, l["activations"], path + ".activations", false);
            if (l.contains("keep_float"))
                o.keepFloat = r.boolean(l["keep_float"], path + ".keep_float");
            if (l.contains("requantization"))
                o.requantization = readRequant(r, l["requantization"], path + ".requantization");
            if (l.contains("accumulator"))
                o.accumulator = readAccumulator(r, l["accumulator"], path + ".accumulator");
            if (l.contains("comment") && l["comment"].isString())
                o.comment = l["comment"].toString().toStdString();
            r.checkKeys(l, path, {"weights", "activations", "keep_float", "requantization",
                                  "accumulator"});
            c.layers[name] = o;
        }
    }
    if (root.contains("comment") && root["comment"].isString())
        c.comment = root["comment"].toString().toStdString();
    r.checkKeys(root, "", {"schema_version", "model", "preprocessing", "defaults", "layers"});
    return c;
}

QuantConfig loadQuantConfig(const std::string& path,
                            const std::vector<std::string>* validLayerNames)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + file.errorString().toStdString());
    // A config is a few kB (a thousand layers is well under 1 MiB); reading is capped so that
    // `--config /dev/zero` or a multi-GB file fails at once instead of filling memory.
    constexpr qint64 kMaxConfigBytes = qint64(16) << 20;
    const QByteArray bytes = file.read(kMaxConfigBytes + 1);
    if (bytes.size() > kMaxConfigBytes)
        throw Error(path + ": larger than 16 MiB, not a QuantLens config");
    if (file.error() != QFileDevice::NoError)
        throw Error(path + ": cannot read: " + file.errorString().toStdString());
    QuantConfig config = parseQuantConfig(bytes.toStdString(), path, validLayerNames);
    resolveClassMap(config.preprocess, path);
    return config;
}

void resolveClassMap(Preprocess& pp, const std::string& file)
{
    const QString map = QString::fromStdString(pp.classMap);
    if (!map.isEmpty() && QFileInfo(map).isRelative())
        pp.classMap = QFileInfo(QFileInfo(QString::fromStdString(file)).absoluteDir(), map)
                          .absoluteFilePath()
                          .toStdString();
}

QuantConfig classMapRelativeTo(QuantConfig config, const std::string& file)
{
    const QString map = QString::fromStdString(config.preprocess.classMap);
    if (!map.isEmpty() && QFileInfo(map).isAbsolute())
        config.preprocess.classMap =
            QFileInfo(QString::fromStdString(file)).absoluteDir().relativeFilePath(map).toStdString();
    return config;
}

std::string serializeQuantConfig(const QuantConfig& c)
{
    QJsonObject root;
    root["schema_version"] = c.schemaVersion;
    if (!c.comment.empty())
        root["comment"] = QString::fromStdString(c.comment);
    root["model"] = QJsonObject{{"file_name", QString::fromStdString(c.model.fileName)},
                                {"sha256", QString::fromStdString(c.model.sha256)}};
    const Preprocess& pp = c.preprocess;
    root["preprocessing"] = QJsonObject{
        {"channels", pp.channels},
        {"channel_order", pp.channelOrder == Preprocess::ChannelOrder::Bgr ? "bgr" : "rgb"},
        {"class_map", QString::fromStdString(pp.classMap)},
        {"height", pp.height},
        {"width", pp.width},
        {"resize", pp.resize == Preprocess::Resize::Stretch ? "stretch" : "shorter_side_center_crop"},
        {"resize_shorter", pp.resizeShorter},
        {"scale", double(pp.scale)},
        {"mean", floatArray(pp.mean)},
        {"std", floatArray(pp.std)},
        {"flatten_to_rank2", pp.flattenToRank2},
    };
    const QuantDefaults& d = c.defaults;
    root["defaults"] = QJsonObject{
        {"weights", writeTensor(d.weights, true)},
        {"activations", writeTensor(d.activations, false)},
        {"requantization", requantModeName(d.requantization)},
        {"accumulator", accumulatorModeName(d.accumulator)},
        {"fusion", d.fusion},
        {"keep_float", d.keepFloat},
        {"seed", double(d.seed)},
    };
    QJsonObject layers;
    for (const auto& [name, o] : c.layers) {
        QJsonObject l;
        if (o.weights) l["weights"] = writeOverride(*o.weights);
        if (o.activations) l["activations"] = writeOverride(*o.activations);
        if (o.keepFloat) l["keep_float"] = *o.keepFloat;
        if (o.requantization) l["requantization"] = requantModeName(*o.requantization);
        if (o.accumulator) l["accumulator"] = accumulatorModeName(*o.accumulator);
        if (!o.comment.empty()) l["comment"] = QString::fromStdString(o.comment);
        layers[QString::fromStdString(name)] = l;
    }
    root["layers"] = layers;
    // QJsonObject keeps keys sorted, so the text is deterministic.
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

void saveQuantConfig(const QuantConfig& config, const std::string& path)
{
    writeFileAtomic(path, serializeQuantConfig(classMapRelativeTo(config, path)));
}

} // namespace ql
