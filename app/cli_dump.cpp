#include "app/cli_dump.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <set>

#include "core/error.h"
#include "core/npy.h"
#include "core/quant/report_io.h"

namespace ql::cli {

namespace {

constexpr const char* kDumpFormat = "quantlens-dump";

std::string pathOf(const QString& p)
{
    return QFile::encodeName(p).toStdString();
}

// ONNX tensor names carry '/', ':' and the like: keep [A-Za-z0-9._-], map the rest to '_',
// and make the result unique inside the dump.
QString fileStem(const std::string& name, std::set<QString>& taken)
{
    QString stem;
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '_' || c == '-';
        stem += ok ? QLatin1Char(c) : QLatin1Char('_');
    }
    while (stem.startsWith(QLatin1Char('.')) || stem.startsWith(QLatin1Char('_')))
        stem.remove(0, 1);
    if (stem.isEmpty())
        stem = QStringLiteral("tensor");
    QString unique = stem;
    for (int k = 2; taken.count(unique); ++k)
        unique = stem + QStringLiteral("-%1").arg(k);
    taken.insert(unique);
    return unique;
}

QJsonArray floats(const std::vector<float>& v)
{
    QJsonArray a;
    for (float x : v)
        a.append(double(x));
    return a;
}

QJsonArray ints(const std::vector<int32_t>& v)
{
    QJsonArray a;
    for (int32_t x : v)
        a.append(x);
    return a;
}

QJsonArray shapeJson(const Shape& s)
{
    QJsonArray a;
    for (int64_t d : s)
        a.append(qint64(d));
    return a;
}

QString typeName(NpyType t)
{
    switch (t) {
    case NpyType::Int8: return QStringLiteral("int8");
    case NpyType::UInt8: return QStringLiteral("uint8");
    case NpyType::Int16: return QStringLiteral("int16");
    case NpyType::UInt16: return QStringLiteral("uint16");
    case NpyType::Int32: return QStringLiteral("int32");
    case NpyType::Float32: return QStringLiteral("float32");
    }
    return {};
}

// Writes the three arrays and returns the params.json entry.
QJsonObject writeTriple(const QDir& dir, const QString& stem, const Tensor& codes,
                        const QuantParams& params, const std::vector<float>& dequantized,
                        const std::vector<float>& fp32)
{
    const NpyArray codeArray = npyFromCodes(codes, params.qmin, params.qmax);
    writeNpy(pathOf(dir.filePath(stem + QStringLiteral(".codes.npy"))), codeArray);
    writeNpy(pathOf(dir.filePath(stem + QStringLiteral(".dequant.npy"))),
             NpyArray::fromFloat(codes.shape, dequantized));
    if (!fp32.empty())
        writeNpy(pathOf(dir.filePath(stem + QStringLiteral(".fp32.npy"))),
                 NpyArray::fromFloat(codes.shape, fp32));
    return QJsonObject{{"file_prefix", stem},
                       {"codes_dtype", typeName(codeArray.type)},
                       {"shape", shapeJson(codes.shape)},
                       {"scale", floats(params.scale)},
                       {"zero_point", ints(params.zeroPoint)},
                       {"axis", params.axis},
                       {"qmin", params.qmin},
                       {"qmax", params.qmax}};
}

bool isEarlierDump(const QDir& dir)
{
    QFile file(dir.filePath(QStringLiteral("params.json")));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("format")) ==
           QLatin1String(kDumpFormat);
}

} // namespace

void checkDumpTarget(const QString& dirPath)
{
    const QFileInfo info(dirPath);
    if (!info.absoluteDir().exists())
        throw Error(pathOf(dirPath) + ": the parent folder does not exist");
    if (!info.exists())
        return;
    const QDir dir(dirPath);
    if (!info.isDir())
        throw Error(pathOf(dirPath) + ": exists and is not a folder");
    if (!dir.isEmpty() && !isEarlierDump(dir))
        throw Error(pathOf(dirPath) +
                    ": exists and is not an earlier QuantLens dump; choose another --dump folder");
}

void writeDump(const QString& dirPath, const QuantizedModel& qmodel, const Dataset& data,
               int images, const RunControl& ctl)
{
    checkDumpTarget(dirPath);
    const int64_t count = std::min<int64_t>(images, data.size());
    const std::vector<TensorDump> dumps =
        dumpQuantizedTensors(qmodel, data.slice(0, count), ctl);

    const QFileInfo target(dirPath);
    QTemporaryDir temp(target.absolutePath() + QStringLiteral("/.quantlens-dump-XXXXXX"));
    if (!temp.isValid())
        throw Error(pathOf(dirPath) + ": cannot create a temporary folder next to it: " +
                    temp.errorString().toStdString());
    const QDir dir(temp.path());
    std::set<QString> taken{QStringLiteral("params")};

    QJsonArray tensors;
    for (const TensorDump& d : dumps) {
        ctl.check();
        QJsonObject entry = writeTriple(dir, fileStem(d.tensor, taken), d.codes, d.params,
                                        d.dequantized.f, d.fp32.f);
        entry.insert(QStringLiteral("tensor"), QString::fromStdString(d.tensor));
        entry.insert(QStringLiteral("layer"), QString::fromStdString(d.layer));
        tensors.append(entry);
    }
    QJsonArray weights;
    for (const QuantizedLayer& layer : qmodel.layers) {
        if (!layer.plan.hasWeights || layer.weightCodes.empty())
            continue;
        ctl.check();
        const Tensor& w = layer.plan.weight;
        const Tensor codes = Tensor::fromCodes(DType::Int32, w.shape, layer.weightCodes);
        const int64_t inner = w.dim(0) > 0 ? w.numel() / w.dim(0) : 1;
        std::vector<float> dequantized(size_t(w.numel()));
        dequantizeBuffer(layer.weightCodes.data(), w.numel(), layer.weightParams, inner,
                         dequantized.data());
        QJsonObject entry = writeTriple(dir, fileStem(layer.plan.name + ".weight", taken), codes,
                                        layer.weightParams, dequantized, w.f);
        entry.insert(QStringLiteral("layer"), QString::fromStdString(layer.plan.name));
        weights.append(entry);
    }
    QJsonArray files;
    for (int64_t i = 0; i < count; ++i)
        files.append(QString::fromStdString(data.files[size_t(i)]));
    const QJsonObject params{
        {"format", kDumpFormat},
        {"format_version", 1},
        {"model", QString::fromStdString(qmodel.model ? qmodel.model->path : std::string())},
        {"images", qint64(count)},
        {"files", files},
        {"note", "codes: integer codes (batch first); dequant: S*(q - Z); fp32: the FP32 "
                 "reference. Load with numpy.load()."},
        {"tensors", tensors},
        {"weights", weights},
    };
    writeTextFileAtomic(pathOf(dir.filePath(QStringLiteral("params.json"))),
                        QJsonDocument(params).toJson(QJsonDocument::Indented).toStdString());

    // Swap into place: an earlier dump is moved aside first and removed after the rename.
    QString aside;
    if (target.exists()) {
        aside = target.absolutePath() + QStringLiteral("/.quantlens-dump-old-") +
                QFileInfo(temp.path()).fileName().section(QLatin1Char('-'), -1);
        if (!QDir().rename(target.absoluteFilePath(), aside))
            throw Error(pathOf(dirPath) + ": cannot replace the earlier dump");
    }
    if (!QDir().rename(temp.path(), target.absoluteFilePath())) {
        if (!aside.isEmpty())
            QDir().rename(aside, target.absoluteFilePath());
        throw Error(pathOf(dirPath) + ": cannot move the dump into place");
    }
    temp.setAutoRemove(false);
    if (!aside.isEmpty())
        QDir(aside).removeRecursively();
}

} // namespace ql::cli
