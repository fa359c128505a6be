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
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/error.h"
#include "core/fp32_eval.h"

namespace ql::test {

// output name -> top-1 per sample. Throws ql::Error with ORT's message on any failure.
inline std::map<std::string, std::vector<int>> ortTop1(const QString& modelPath,
                                                       const Dataset& data, const QString& workDir)
{
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    const QString ortDir = QStringLiteral(QL_ORT_DIR);
    if (node.isEmpty())
        throw Error("node is not installed: run scripts/install-deps.sh");
    if (!QFile::exists(ortDir + QStringLiteral("/node_modules/onnxruntime-node/package.json")))
        throw Error((ortDir + QStringLiteral(": onnxruntime-node is missing; run "
                                             "scripts/install-deps.sh")).toStdString());
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

} // namespace ql::test
