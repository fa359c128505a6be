#pragma once
// Test helper: runs an exported model in ONNX Runtime through tests/ort/run_ort.js
// (onnxruntime-node from the project-local .ort/ folder that scripts/install-deps.sh fills;
// nothing is installed at test time) and returns every output's top-1 per sample.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/error.h"
#include "core/export/qdq_import.h"
#include "core/fp32_eval.h"
#include "core/quant/engine.h"
#include "core/quant/quant_config.h"

namespace ql::test {

// onnxruntime-node 1.30 "works on Node.js v16.x+" (its README; napi v6 binding). Debian 12
// ships 18.20.
inline constexpr int kMinNodeMajor = 16;

// Why ONNX Runtime cannot run here, or "" when it can: node missing or older than
// kMinNodeMajor (its version is asked), onnxruntime-node missing from QL_ORT_DIR.
inline std::string ortUnavailableReason()
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        return "node (Node.js) is not installed: run scripts/install-deps.sh";
    QProcess p;
    p.start(node, {QStringLiteral("--version")});
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return node.toStdString() + " --version failed";
    const QString version = QString::fromLatin1(p.readAllStandardOutput()).trimmed(); // v18.20.4
    bool ok = false;
    const int major = version.mid(1).section(QLatin1Char('.'), 0, 0).toInt(&ok);
    if (!version.startsWith(QLatin1Char('v')) || !ok)
        return node.toStdString() + " --version printed '" + version.toStdString() +
               "', not a Node.js version";
    if (major < kMinNodeMajor)
        return node.toStdString() + " is Node.js " + version.toStdString() +
               "; onnxruntime-node 1.30 needs v" + std::to_string(kMinNodeMajor) +
               " or later (Debian 12's nodejs is 18)";
    if (!QFile::exists(QStringLiteral(QL_ORT_DIR "/node_modules/onnxruntime-node/package.json")))
        return QL_ORT_DIR "/node_modules/onnxruntime-node is missing: scripts/install-deps.sh "
                          "could not fetch it from npm";
    return {};
}

// output name -> top-1 per sample. Throws ql::Error with ORT's message on any failure.
inline std::map<std::string, std::vector<int>> ortTop1(const QString& modelPath,
                                                       const Dataset& data, const QString& workDir)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString ortDir = QStringLiteral(QL_ORT_DIR);
    if (const std::string reason = ortUnavailableReason(); !reason.empty())
        throw Error(reason);
    const QString input = workDir + QStringLiteral("/input.f32");
    QFile f(input);
    if (!f.open(QIODevice::WriteOnly))
        throw Error(input.toStdString() + ": cannot write");
    const Tensor& images = data.images;
    f.write(reinterpret_cast<const char*>(images.f.data()), qint64(images.f.size() * sizeof(float)));
    f.close();
    QStringList dims;
    for (int64_t d : images.shape)
        dims << QString::number(d);
    const QString outDir = workDir + QStringLiteral("/ort_out");
    QDir(outDir).removeRecursively();
    QProcess p;
    p.start(node, {QStringLiteral(QL_TEST_SOURCE_DIR "/ort/run_ort.js"), ortDir, modelPath, input,
                   dims.join(','), outDir});
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        throw Error("ONNX Runtime failed on " + modelPath.toStdString() + ": " +
                    p.readAllStandardError().trimmed().toStdString());
    QFile meta(outDir + QStringLiteral("/outputs.json"));
    if (!meta.open(QIODevice::ReadOnly))
        throw Error("run_ort.js wrote no outputs.json");
    const QJsonArray outputs = QJsonDocument::fromJson(meta.readAll()).array();
    std::map<std::string, std::vector<int>> result;
    for (int k = 0; k < outputs.size(); ++k) {
        const QJsonObject o = outputs[k].toObject();
        const QJsonArray d = o[QStringLiteral("dims")].toArray();
        const int64_t rows = d.first().toInteger();
        const int64_t cols = d.last().toInteger();
        QFile out(outDir + QStringLiteral("/%1.f32").arg(k));
        if (!out.open(QIODevice::ReadOnly))
            throw Error("run_ort.js: output " + std::to_string(k) + " missing");
        const QByteArray bytes = out.readAll();
        if (bytes.size() != rows * cols * qint64(sizeof(float)) || rows != data.size())
            throw Error("run_ort.js: output " + std::to_string(k) + " has the wrong size");
        const float* v = reinterpret_cast<const float*>(bytes.constData());
        std::vector<int> top(static_cast<size_t>(rows));
        for (int64_t r = 0; r < rows; ++r)
            top[size_t(r)] = argmaxRow(v + r * cols, cols);
        result[o[QStringLiteral("name")].toString().toStdString()] = std::move(top);
    }
    return result;
}

// What ONNX Runtime computes for the QDQ export `qdqBytes` of a config whose activations do not
// round half to even (QuantizeLinear and ORT's requantization always do): the file's codes and
// (S, Z) — weights and biases as that config rounded them — evaluated with every activation
// rounding set to half_even. Built from the file (core/export/qdq_import, calibrated on
// `calib` only for the tensors' existence): rebuilding the config with half_even activations
// instead would also re-round the bias codes, which follow the activation rounding, and
// that changed 21 of ResNet-18's 21 bias tensors and 2.5 % of its predictions.
// The quantized model points into the import, so both live together (not movable).
struct OrtExpressible
{
    QdqImport imported;
    QuantizedModel quantized;
};

inline std::unique_ptr<OrtExpressible> ortExpressibleModel(const std::string& qdqBytes,
                                                           const Dataset& calib)
{
    auto r = std::make_unique<OrtExpressible>();
    r->imported = importQdq(qdqBytes, "QDQ export");
    QuantConfig& c = r->imported.config;
    c.defaults.activations.rounding = RoundingMode::HalfEven;
    for (auto& [name, layer] : c.layers)
        if (layer.activations)
            layer.activations->rounding = RoundingMode::HalfEven;
    r->quantized = buildImportedQuantizedModel(r->imported, calibrate(r->imported.model, calib));
    return r;
}

} // namespace ql::test
