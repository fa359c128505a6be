#include "core/export/encodings_common.h"

#include <QSaveFile>

#include <set>

#include "core/error.h"

namespace ql::enc {

std::vector<NamedTensor> activationTensors(const QuantizedModel& qm)
{
    std::vector<NamedTensor> out;
    std::set<std::string> seen;
    auto add = [&](const std::string& t, const std::string& layer) {
        if (seen.count(t) || !qm.tensorParams.count(t))
            return;
        seen.insert(t);
        out.push_back({t, qm.tensorParams.at(t), qm.tensorConfig.at(t), layer, false});
    };
    for (const QuantizedLayer& L : qm.layers) {
        if (!L.outputQuantized)
            continue;
        for (const std::string& in : L.plan.inputs)
            add(in, L.plan.name);
        add(L.plan.output, L.plan.name);
    }
    return out;
}

std::vector<NamedTensor> weightTensors(const QuantizedModel& qm)
{
    std::vector<NamedTensor> out;
    const Graph& g = qm.model->graph;
    for (const QuantizedLayer& L : qm.layers) {
        if (!L.isMatmul())
            continue;
        const Node& anchor = L.plan.anchor(g);
        out.push_back({anchor.inputs.at(1), L.weightParams, L.config.weights, L.plan.name,
                       !L.plan.foldedBatchNorm.empty()});
    }
    return out;
}

std::vector<std::string> floatLayerNodes(const QuantizedModel& qm)
{
    std::vector<std::string> out;
    const Graph& g = qm.model->graph;
    for (const QuantizedLayer& L : qm.layers)
        if (!L.outputQuantized)
            for (int idx : L.plan.nodeIndices)
                out.push_back(g.nodes.at(size_t(idx)).name);
    return out;
}

void saveText(const std::string& path, const std::string& text)
{
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit())
        throw Error(path + ": cannot write (" + file.errorString().toStdString() + ")");
}

} // namespace ql::enc
