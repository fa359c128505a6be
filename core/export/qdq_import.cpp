#include "core/export/qdq_import.h"

#include <QFileInfo>

#include <cmath>
#include <functional>
#include <set>

#include <onnx/onnx_pb.h>

#include "core/error.h"
#include "core/export/onnx_writer.h"
#include "core/export/qdq_export.h"
#include "core/onnx_import.h"
#include "core/ops/q_common.h"
#include "core/quant/int_runtime.h"

namespace ql {

namespace {

int storageBits(DType t)
{
    return (t == DType::Int16 || t == DType::UInt16) ? 16 : 8;
}

bool storageSigned(DType t)
{
    return t == DType::Int8 || t == DType::Int16 || t == DType::Int32;
}

DType storageFor(const TensorQuantConfig& c)
{
    if (c.bits <= 8)
        return c.isSigned ? DType::Int8 : DType::UInt8;
    return c.isSigned ? DType::Int16 : DType::UInt16;
}

[[noreturn]] void fail(const Node& n, const std::string& what)
{
    throw Error(n.opType + " (node '" + n.name + "'): " + what);
}

const Tensor& constant(const Graph& g, const Node& n, size_t i, const char* what)
{
    const Tensor* t = i < n.inputs.size() && !n.inputs[i].empty() ? g.initializer(n.inputs[i]) : nullptr;
    if (!t)
        fail(n, std::string(what) + " must be a constant");
    return *t;
}

// (S, Z) of a Q/DQ node from its constant scale and zero point inputs.
QuantParams nodeParams(const Graph& g, const Node& n, DType codeType, int rank)
{
    QuantParams p;
    p.scale = qop::floatValues(constant(g, n, 1, "the scale"));
    const Tensor* zp = n.inputs.size() > 2 && !n.inputs[2].empty() ? g.initializer(n.inputs[2]) : nullptr;
    if (n.inputs.size() > 2 && !n.inputs[2].empty() && !zp)
        fail(n, "the zero point must be a constant");
    p.zeroPoint = zp ? qop::zeroPointValues(zp) : std::vector<int32_t>(p.scale.size(), 0);
    if (p.zeroPoint.size() != p.scale.size())
        fail(n, "scale and zero point sizes differ");
    p.qmin = qop::dtypeMin(codeType);
    p.qmax = qop::dtypeMax(codeType);
    if (p.scale.size() > 1)
        p.axis = qop::normaliseAxis(n, n.attrInt("axis", 1), rank);
    return p;
}

std::string readBytes(const std::string& path)
{
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot open file (" + f.errorString().toStdString() + ")");
    const QByteArray b = f.readAll();
    return std::string(b.constData(), size_t(b.size()));
}

} // namespace

bool isQdqModel(const Model& model)
{
    for (const Node& n : model.graph.nodes)
        if (n.opType == "QuantizeLinear" || n.opType == "DequantizeLinear")
            return true;
    return false;
}

QdqImport importQdq(const std::string& bytes, const std::string& displayName)
{
    const Model qdq = loadOnnxModelFromBytes(bytes, displayName);
    const Graph& g = qdq.graph;
    QdqImport r;
    try {
        std::set<size_t> removed;
        std::map<std::string, std::string> rename;
        std::map<std::string, Tensor> floats; // dequantized constants
        std::set<std::string> graphOutputs, graphInputs;
        for (const ValueInfo& v : g.outputs)
            graphOutputs.insert(v.name);
        for (const ValueInfo& v : g.inputs)
            graphInputs.insert(v.name);

        // The only reader of `tensor` when it is `opType`, else nullptr.
        auto soleReader = [&](const std::string& tensor, const char* opType) -> const Node* {
            const std::vector<int> readers = g.consumers(tensor);
            if (readers.size() != 1 || g.nodes[size_t(readers[0])].opType != opType)
                return nullptr;
            return &g.nodes[size_t(readers[0])];
        };
        auto sameParams = [](const Node& a, const Node& b) {
            return a.inputs.size() == b.inputs.size() && a.inputs.size() >= 2 &&
                   a.inputs[1] == b.inputs[1] &&
                   (a.inputs.size() < 3 || a.inputs[2] == b.inputs[2]);
        };
        // The storage-range pair in front of a narrow activation's grid Clip (qdq_export's
        // addQdq): q → QuantizeLinear → DequantizeLinear → Clip → QuantizeLinear with the same
        // scale and zero point. Returns the DequantizeLinear when `q` opens one, else nullptr.
        auto gridStorageDq = [&](const Node& q) -> const Node* {
            const Node* dq = soleReader(q.outputs.at(0), "DequantizeLinear");
            const Node* clip = dq ? soleReader(dq->outputs.at(0), "Clip") : nullptr;
            const Node* next = clip ? soleReader(clip->outputs.at(0), "QuantizeLinear") : nullptr;
            return next && sameParams(*dq, q) && sameParams(*next, q) ? dq : nullptr;
        };

        for (size_t i = 0; i < g.nodes.size(); ++i) {
            const Node& n = g.nodes[i];
            if (n.opType == "QuantizeLinear" && gridStorageDq(n))
                continue; // taken with the grid Clip's pair below
            if (n.opType == "DequantizeLinear" && g.initializer(n.inputs.at(0))) {
                const Tensor& codes = *g.initializer(n.inputs[0]);
                if (!isIntegerCode(codes.dtype))
                    fail(n, "a constant DequantizeLinear input must hold integer codes");
                ImportedConstant c;
                c.codes = codes;
                c.params = nodeParams(g, n, codes.dtype, codes.rank());
                c.axis = c.params.axis;
                int64_t inner = 1;
                if (c.axis >= 0)
                    for (int d = c.axis + 1; d < codes.rank(); ++d)
                        inner *= codes.dim(d);
                Tensor f = Tensor::zeros(DType::Float32, codes.shape);
                dequantizeBuffer(codes.q.data(), codes.numel(), c.params, inner, f.f.data());
                floats[n.outputs[0]] = std::move(f);
                r.constants[n.outputs[0]] = std::move(c);
                removed.insert(i);
                continue;
            }
            if (n.opType != "QuantizeLinear")
                continue;
            const std::vector<int> readers = g.consumers(n.outputs.at(0));
            if (readers.size() != 1 || g.nodes[size_t(readers[0])].opType != "DequantizeLinear")
                fail(n, "its output must be read by exactly one DequantizeLinear");
            const Node& dq = g.nodes[size_t(readers[0])];
            if (dq.inputs.size() < 2 || dq.inputs[1] != n.inputs.at(1) ||
                (n.inputs.size() > 2 ? n.inputs[2] : "") != (dq.inputs.size() > 2 ? dq.inputs[2] : ""))
                fail(dq, "must use the scale and zero point of its QuantizeLinear");
            const Tensor* zp = n.inputs.size() > 2 ? g.initializer(n.inputs[2]) : nullptr;
            ImportedActivation a;
            a.storage = zp ? zp->dtype : DType::UInt8;
            a.params = nodeParams(g, n, a.storage, 1);
            if (a.params.scale.size() != 1)
                fail(n, "per-axis activation quantization is not supported");
            std::string x = n.inputs[0];
            // A Clip onto the N-bit grid that only feeds this QuantizeLinear: part of the pair.
            const Node* clip = g.producer(x);
            if (clip && clip->opType == "Clip" && g.consumers(x).size() == 1 &&
                clip->inputs.size() == 3 && g.initializer(clip->inputs[1]) &&
                g.initializer(clip->inputs[2])) {
                const float s = a.params.scale[0];
                const int32_t z = a.params.zeroPoint[0];
                const float lo = float(g.initializer(clip->inputs[1])->at(0));
                const float hi = float(g.initializer(clip->inputs[2])->at(0));
                const int32_t klo = int32_t(std::nearbyint(lo / s)) + z;
                const int32_t khi = int32_t(std::nearbyint(hi / s)) + z;
                const int32_t levels = khi - klo + 1;
                int bits = 0;
                for (int b = 2; b < 8; ++b)
                    if (levels == (1 << b) || levels == (1 << b) - 1)
                        bits = b;
                if (bits && lo == s * float(klo - z) && hi == s * float(khi - z)) {
                    a.gridBits = bits;
                    a.params.qmin = klo;
                    a.params.qmax = khi;
                    removed.insert(size_t(g.nodeIndex(clip->name)));
                    x = clip->inputs[0];
                    // The storage-range pair in front of the Clip (files before it had none).
                    const Node* storageDq = g.producer(x);
                    const Node* storageQ =
                        storageDq && storageDq->opType == "DequantizeLinear"
                            ? g.producer(storageDq->inputs.at(0))
                            : nullptr;
                    if (storageQ && storageQ->opType == "QuantizeLinear" &&
                        gridStorageDq(*storageQ) == storageDq) {
                        removed.insert(size_t(g.nodeIndex(storageDq->name)));
                        removed.insert(size_t(g.nodeIndex(storageQ->name)));
                        x = storageQ->inputs.at(0);
                    }
                }
            }
            removed.insert(i);
            removed.insert(size_t(readers[0]));
            const std::string& y = dq.outputs.at(0);
            std::string kept = x;
            if (x == y + "_float" || (graphOutputs.count(y) && !graphInputs.count(x))) {
                rename[x] = y;
                kept = y;
            } else {
                rename[y] = x;
            }
            r.activations[kept] = a;
        }
        auto resolve = [&](std::string name) {
            for (auto it = rename.find(name); it != rename.end(); it = rename.find(name))
                name = it->second;
            return name;
        };

        onnx::ModelProto proto;
        proto.set_ir_version(8);
        proto.set_producer_name("QuantLens (QDQ import)");
        auto* opset = proto.add_opset_import();
        opset->set_domain("");
        opset->set_version(qdq.opset);
        onnx::GraphProto* graph = proto.mutable_graph();
        graph->set_name("quantlens_qdq_import");
        std::set<std::string> read;
        for (size_t i = 0; i < g.nodes.size(); ++i) {
            if (removed.count(i))
                continue;
            const Node& n = g.nodes[i];
            onnx::NodeProto* node = graph->add_node();
            node->set_op_type(n.opType);
            node->set_name(n.name);
            for (const std::string& in : n.inputs) {
                node->add_input(in.empty() ? in : resolve(in));
                read.insert(resolve(in));
            }
            for (const std::string& out : n.outputs)
                node->add_output(out.empty() ? out : resolve(out));
            for (const auto& [key, value] : n.attrs)
                onnxw::fillAttribute(node->add_attribute(), key, value);
        }
        for (const ValueInfo& v : g.inputs)
            onnxw::fillValueInfo(graph->add_input(), v);
        for (ValueInfo v : g.outputs) {
            v.name = resolve(v.name);
            onnxw::fillValueInfo(graph->add_output(), v);
        }
        for (const auto& [name, t] : g.initializers)
            if (read.count(name))
                onnxw::fillTensor(graph->add_initializer(), name, t);
        for (const auto& [name, t] : floats)
            if (read.count(name))
                onnxw::fillTensor(graph->add_initializer(), name, t);
        std::string stripped;
        proto.SerializeToString(&stripped);
        r.model = loadOnnxModelFromBytes(stripped, displayName);

        // The config the exporter stored, if any.
        onnx::ModelProto original;
        original.ParseFromString(bytes);
        for (const auto& entry : original.metadata_props())
            if (entry.key() == kQdqConfigKey) {
                r.config = parseQuantConfig(entry.value(), displayName + " (metadata " +
                                                               kQdqConfigKey + ")");
                r.hasMetadata = true;
            }
        if (!r.hasMetadata)
            r.config.preprocess = defaultPreprocess(r.model);
    } catch (const Error& e) {
        const std::string what = e.what();
        if (what.rfind(displayName, 0) == 0)
            throw;
        throw Error(displayName + ": " + what);
    }
    return r;
}

QdqImport importQdqFile(const std::string& path)
{
    QdqImport imported = importQdq(readBytes(path), path);
    resolveClassMap(imported.config.preprocess, path);
    return imported;
}

namespace {

struct LayerConstants
{
    const ImportedConstant* weight = nullptr;
    const ImportedConstant* bias = nullptr;
    bool transposed = false; // stored [K, O] (MatMul, Gemm without transB): plan layout is [O, K]
};

const ImportedConstant* findConstant(const QdqImport& imp, const std::string& name)
{
    const auto it = imp.constants.find(name);
    return it == imp.constants.end() ? nullptr : &it->second;
}

LayerConstants layerConstants(const QdqImport& imp, const QuantizedLayer& L)
{
    const Graph& g = imp.model.graph;
    const Node& a = L.plan.anchor(g);
    LayerConstants c;
    c.weight = findConstant(imp, a.inputs.at(1));
    if (a.opType == "Conv" || a.opType == "Gemm") {
        if (a.inputs.size() > 2)
            c.bias = findConstant(imp, a.inputs[2]);
    } else if (L.plan.nodeIndices.size() > 1) {
        const Node& add = g.nodes.at(size_t(L.plan.nodeIndices[1]));
        if (add.opType == "Add")
            for (const std::string& in : add.inputs)
                if (const ImportedConstant* b = findConstant(imp, in))
                    c.bias = b;
    }
    c.transposed = a.opType == "MatMul" || (a.opType == "Gemm" && a.attrInt("transB", 0) == 0);
    return c;
}

// The graph's statement about a tensor kind: signedness and width from the storage type,
// granularity from the channel count, scheme from the zero points.
TensorQuantConfig graphConfig(TensorQuantConfig c, DType storage, int bits,
                              const std::vector<int32_t>& zeroPoints, bool perChannel)
{
    c.isSigned = storageSigned(storage);
    c.bits = bits;
    c.granularity = perChannel ? Granularity::PerChannel : Granularity::PerTensor;
    const int32_t symmetricZ = c.isSigned ? 0 : (1 << (bits - 1));
    bool symmetric = true;
    for (int32_t z : zeroPoints)
        symmetric = symmetric && z == symmetricZ;
    c.scheme = symmetric ? QuantSpec::Scheme::Symmetric : QuantSpec::Scheme::Affine;
    return c;
}

std::string layerError(const QuantizedLayer& L, const std::string& what)
{
    return "layer '" + L.plan.name + "': " + what;
}

} // namespace

QuantizedModel buildImportedQuantizedModel(const QdqImport& imp, const CalibrationStats& calib)
{
    QuantConfig config = imp.config;
    QuantizedModel qm = buildQuantizedModel(imp.model, config, calib);
    if (!imp.hasMetadata) {
        // A QDQ model from another tool: the graph states the config.
        for (const QuantizedLayer& L : qm.layers) {
            if (!L.outputQuantized)
                continue;
            LayerOverride o;
            const auto act = imp.activations.find(L.plan.output);
            if (act != imp.activations.end()) {
                const int bits = act->second.gridBits ? act->second.gridBits
                                                      : storageBits(act->second.storage);
                TensorQuantConfig a = graphConfig(L.config.activations, act->second.storage, bits,
                                                  act->second.params.zeroPoint, false);
                a.granularity = Granularity::PerTensor;
                o.activations = TensorQuantOverride{a.bits, a.isSigned, {}, a.scheme, {}, {}, {}, {}, {}, {}};
            }
            const LayerConstants c = layerConstants(imp, L);
            if (c.weight) {
                const TensorQuantConfig w =
                    graphConfig(L.config.weights, c.weight->codes.dtype,
                                storageBits(c.weight->codes.dtype), c.weight->params.zeroPoint,
                                c.weight->params.scale.size() > 1);
                o.weights = TensorQuantOverride{w.bits, w.isSigned, {}, w.scheme, {}, w.granularity,
                                                {}, {}, {}, {}};
            }
            config.layers[L.plan.name] = o;
        }
        qm = buildQuantizedModel(imp.model, config, calib);
    }

    // Activations: every tensor that carries codes has its pair in the file.
    for (auto& [tensor, params] : qm.tensorParams) {
        const auto it = imp.activations.find(tensor);
        if (it == imp.activations.end())
            throw Error("tensor '" + tensor + "' carries codes under the config but has no "
                        "QuantizeLinear/DequantizeLinear pair in the file");
        const ImportedActivation& a = it->second;
        const TensorQuantConfig& cfg = qm.tensorConfig.at(tensor);
        if (storageFor(cfg) != a.storage)
            throw Error("tensor '" + tensor + "': the config says " + std::to_string(cfg.bits) +
                        (cfg.isSigned ? "-bit signed" : "-bit unsigned") + ", the file stores " +
                        dtypeName(a.storage));
        if ((cfg.bits < 8) != (a.gridBits != 0) || (a.gridBits && a.gridBits != cfg.bits))
            throw Error("tensor '" + tensor + "': the config says " + std::to_string(cfg.bits) +
                        " bits, the file's clamp gives " +
                        (a.gridBits ? std::to_string(a.gridBits) : std::string("none")));
        QuantParams p = a.params;
        p.qmin = cfg.spec().qmin();
        p.qmax = cfg.spec().qmax();
        params = p;
    }
    const Graph& g = imp.model.graph;
    for (QuantizedLayer& L : qm.layers) {
        if (!L.outputQuantized)
            continue;
        for (size_t i = 0; i < L.plan.inputs.size(); ++i)
            L.inputParams[i] = qm.tensorParams.at(L.plan.inputs[i]);
        L.outputParams = qm.tensorParams.at(L.plan.output);
        activationLimits(layerClamp(g, L), L.outputParams, L.config.activations.rounding,
                         &L.activationMin, &L.activationMax);
        if (!L.isMatmul())
            continue;
        const LayerConstants c = layerConstants(imp, L);
        if (!c.weight)
            throw Error(layerError(L, "its weights are not integer codes behind a DequantizeLinear"));
        const TensorQuantConfig& wcfg = L.config.weights;
        // Signed 2–8 bit weights are exported as uint8 q + 128 (see qdq_export.cpp).
        const bool shifted = wcfg.isSigned && wcfg.bits <= 8 && c.weight->codes.dtype == DType::UInt8;
        const int32_t shift = shifted ? 128 : 0;
        if (!shifted && storageFor(wcfg) != c.weight->codes.dtype)
            throw Error(layerError(L, "the config says " + std::to_string(wcfg.bits) +
                                          "-bit weights, the file stores " +
                                          dtypeName(c.weight->codes.dtype)));
        const bool perChannel = c.weight->params.scale.size() > 1;
        if (perChannel != (wcfg.granularity == Granularity::PerChannel))
            throw Error(layerError(L, "the config's weight granularity differs from the file's"));
        QuantParams wp = c.weight->params;
        for (int32_t& z : wp.zeroPoint)
            z -= shift;
        wp.axis = perChannel ? 0 : -1;
        wp.qmin = wcfg.spec().qmin();
        wp.qmax = wcfg.spec().qmax();
        const Tensor& codes = c.weight->codes;
        const int64_t O = L.plan.outChannels();
        const int64_t K = codes.numel() / std::max<int64_t>(O, 1);
        std::vector<int32_t> w(codes.q.size());
        for (int64_t o = 0; o < O; ++o)
            for (int64_t k = 0; k < K; ++k)
                w[size_t(o * K + k)] =
                    (c.transposed ? codes.q[size_t(k * O + o)] : codes.q[size_t(o * K + k)]) - shift;
        for (int32_t q : w)
            if (q < wp.qmin || q > wp.qmax)
                throw Error(layerError(L, "weight code " + std::to_string(q) + " is outside the " +
                                              std::to_string(wcfg.bits) + "-bit range"));
        L.weightParams = wp;
        L.weightCodes = std::move(w);
        const double sx = L.inputParams[0].scale[0];
        const double sy = L.outputParams.scale[0];
        for (int64_t o = 0; o < O; ++o)
            L.multipliers[size_t(o)] = sx * wp.scale[size_t(perChannel ? o : 0)] / sy;
        L.biasCodes.clear();
        if (c.bias)
            L.biasCodes = c.bias->codes.q;
    }
    const IntRuntime rt(qm);
    for (size_t i = 0; i < qm.layers.size(); ++i) {
        QuantizedLayer& L = qm.layers[i];
        if (L.isMatmul() && L.biasCodes.empty())
            L.biasCodes = rt.biasCodes(int(i), L.inputParams[0], 0);
    }
    return qm;
}

} // namespace ql
