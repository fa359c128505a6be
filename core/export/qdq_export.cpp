// buildQdqModel(): the IR graph rewritten with QuantizeLinear/DequantizeLinear (see the header
// for the mapping). Nodes are emitted in the IR's topological order; each quantized tensor's
// Q/DQ pair is emitted right after its producer, so the output stays topologically sorted.
#include "core/export/qdq_export.h"

#include <QSaveFile>

#include <algorithm>
#include <map>
#include <set>

#include <onnx/checker.h>
#include <onnx/shape_inference/implementation.h>

#include "core/error.h"
#include "core/export/onnx_writer.h"
#include "core/quant/int_runtime.h"

namespace ql {

namespace {

DType storageType(int bits, bool isSigned)
{
    if (bits <= 8)
        return isSigned ? DType::Int8 : DType::UInt8;
    return isSigned ? DType::Int16 : DType::UInt16;
}

// Reduce ops whose `axes` moved from attribute to input at opset 18 (ReduceSum: at 13).
bool axesBecameInput(const std::string& op)
{
    static const std::set<std::string> ops = {"ReduceMean", "ReduceMax", "ReduceMin",
                                              "ReduceProd", "ReduceL1", "ReduceL2",
                                              "ReduceLogSum", "ReduceLogSumExp",
                                              "ReduceSumSquare"};
    return ops.count(op) != 0;
}

class QdqBuilder
{
public:
    QdqBuilder(const QuantizedModel& qm, QdqExportResult& result, const std::string& path)
        : m_qm(qm), m_g(qm.model->graph), m_result(result), m_path(path)
    {
    }

    std::string build();

private:
    std::string fresh(const std::string& base);
    std::string addInitializer(const std::string& base, const Tensor& t);
    onnx::NodeProto* addNode(const std::string& op, const std::string& name,
                             const std::vector<std::string>& inputs,
                             const std::vector<std::string>& outputs);
    // Q(→ DQ) of `from` into `to` with params p stored as `storage`; returns nothing.
    void addQdq(const std::string& tensor, const std::string& from, const std::string& to);
    // DQ of integer codes (an initializer) into a new float tensor; returns its name.
    std::string addDequantizedConstant(const std::string& base, const Tensor& codes,
                                       const std::vector<float>& scale,
                                       const std::vector<int32_t>& zeroPoint, DType zpType,
                                       int axis);
    void copyNode(const Node& n, int layer);
    void emitWeightLayer(int layer);
    std::string readName(const std::string& tensor, int layer) const;
    std::string writeName(const std::string& tensor) const;
    void emitQdqAfter(const std::string& tensor);
    void collectNotes();

    const QuantizedModel& m_qm;
    const Graph& m_g;
    QdqExportResult& m_result;
    const std::string m_path; // the destination file ("" = bytes only)
    onnx::ModelProto m_model;
    onnx::GraphProto* m_graph = nullptr;
    int64_t m_opset = 0;
    std::set<std::string> m_names;       // every tensor / node name in use
    std::vector<int> m_nodeLayer;        // IR node -> plan layer
    std::set<std::string> m_codeTensors; // produced by a quantized layer: all readers see DQ
    std::set<std::string> m_floatQuant;  // float, quantized by its quantized readers
};

std::string QdqBuilder::fresh(const std::string& base)
{
    std::string name = base;
    for (int i = 1; m_names.count(name); ++i)
        name = base + "_" + std::to_string(i);
    m_names.insert(name);
    return name;
}

std::string QdqBuilder::addInitializer(const std::string& base, const Tensor& t)
{
    const std::string name = fresh(base);
    onnxw::fillTensor(m_graph->add_initializer(), name, t);
    return name;
}

onnx::NodeProto* QdqBuilder::addNode(const std::string& op, const std::string& name,
                                     const std::vector<std::string>& inputs,
                                     const std::vector<std::string>& outputs)
{
    onnx::NodeProto* node = m_graph->add_node();
    node->set_op_type(op);
    node->set_name(fresh(name));
    for (const std::string& in : inputs)
        node->add_input(in);
    for (const std::string& out : outputs)
        node->add_output(out);
    return node;
}

// The name a node of `layer` reads `tensor` under: a tensor carrying codes is read as its DQ
// output (which keeps the original name); a float tensor quantized for its quantized readers
// is read dequantized by those readers only.
std::string QdqBuilder::readName(const std::string& tensor, int layer) const
{
    if (m_floatQuant.count(tensor) && layer >= 0 && m_qm.layers[layer].outputQuantized)
        return tensor + "_dq";
    return tensor;
}

// The name the producer of `tensor` writes: a tensor carrying codes is written as float
// "<t>_float" and becomes `t` again after its Q → DQ pair.
std::string QdqBuilder::writeName(const std::string& tensor) const
{
    return m_codeTensors.count(tensor) ? tensor + "_float" : tensor;
}

void QdqBuilder::addQdq(const std::string& tensor, const std::string& from, const std::string& to)
{
    const QuantParams& p = m_qm.tensorParams.at(tensor);
    const TensorQuantConfig& cfg = m_qm.tensorConfig.at(tensor);
    const DType storage = storageType(cfg.bits, cfg.isSigned);
    const std::string scale =
        addInitializer(tensor + "_scale", Tensor::fromFloat({}, {p.scale.at(0)}));
    const std::string zp =
        addInitializer(tensor + "_zero_point", Tensor::fromCodes(storage, {}, {p.zeroPoint.at(0)}));
    std::string input = from;
    if (cfg.bits < 8) {
        // Keep the N-bit grid: quantize on the storage type's full range with the same (S, Z)
        // first, so that the producer still fuses into ORT's integer kernel (DQ → Conv → Q →
        // QLinearConv; a Clip between Conv and Q would leave the Conv in float), then clamp the
        // dequantized codes to the real values of qmin_N and qmax_N. Exact: equal codes
        // dequantize to equal floats, S·(k − Z) is monotonic in k, and QuantizeLinear maps
        // S·(k − Z) back to k (|k − Z| < 2^16, far inside float's exactness), so the second
        // QuantizeLinear yields clamp(code, qmin_N, qmax_N), what QuantLens computes.
        const std::string wide = fresh(tensor + "_q_storage");
        const std::string wideReal = fresh(tensor + "_dq_storage");
        addNode("QuantizeLinear", tensor + "_QuantizeLinear_storage", {input, scale, zp}, {wide});
        addNode("DequantizeLinear", tensor + "_DequantizeLinear_storage", {wide, scale, zp},
                {wideReal});
        ++m_result.quantizeNodes;
        ++m_result.dequantizeNodes;
        ++m_result.gridClamps;
        input = wideReal;
        const float s = p.scale[0];
        const float lo = s * static_cast<float>(p.qmin - p.zeroPoint[0]);
        const float hi = s * static_cast<float>(p.qmax - p.zeroPoint[0]);
        const std::string loName = addInitializer(tensor + "_clip_min", Tensor::fromFloat({}, {lo}));
        const std::string hiName = addInitializer(tensor + "_clip_max", Tensor::fromFloat({}, {hi}));
        const std::string clipped = fresh(tensor + "_clipped");
        addNode("Clip", tensor + "_Clip" + std::to_string(cfg.bits) + "bit",
                {input, loName, hiName}, {clipped});
        input = clipped;
    }
    const std::string codes = fresh(tensor + "_q");
    addNode("QuantizeLinear", tensor + "_QuantizeLinear", {input, scale, zp}, {codes});
    addNode("DequantizeLinear", tensor + "_DequantizeLinear", {codes, scale, zp}, {to});
    ++m_result.quantizeNodes;
    ++m_result.dequantizeNodes;
}

std::string QdqBuilder::addDequantizedConstant(const std::string& base, const Tensor& codes,
                                               const std::vector<float>& scale,
                                               const std::vector<int32_t>& zeroPoint,
                                               DType zpType, int axis)
{
    const std::string q = addInitializer(base + "_quantized", codes);
    const Shape vec = scale.size() > 1 ? Shape{int64_t(scale.size())} : Shape{};
    const std::string s = addInitializer(base + "_scale", Tensor::fromFloat(vec, scale));
    const std::string z = addInitializer(base + "_zero_point", Tensor::fromCodes(zpType, vec, zeroPoint));
    const std::string out = fresh(base);
    onnx::NodeProto* dq = addNode("DequantizeLinear", base + "_DequantizeLinear", {q, s, z}, {out});
    if (scale.size() > 1)
        onnxw::fillAttribute(dq->add_attribute(), "axis", int64_t(axis));
    ++m_result.dequantizeNodes;
    return out;
}

void QdqBuilder::copyNode(const Node& n, int layer)
{
    std::vector<std::string> inputs, outputs;
    for (const std::string& in : n.inputs)
        inputs.push_back(in.empty() ? in : readName(in, layer));
    for (const std::string& out : n.outputs)
        outputs.push_back(out.empty() ? out : writeName(out));
    onnx::NodeProto* node = m_graph->add_node();
    node->set_op_type(n.opType);
    node->set_name(n.name); // names were reserved up front
    for (const std::string& in : inputs)
        node->add_input(in);
    for (const std::string& out : outputs)
        node->add_output(out);
    for (const auto& [key, value] : n.attrs) {
        if (key == "axes" && m_opset >= 18 && axesBecameInput(n.opType) && n.opset < 18) {
            const auto axes = std::get<std::vector<int64_t>>(value);
            node->add_input(addInitializer(n.name + "_axes",
                                           Tensor::fromInt64({int64_t(axes.size())}, axes)));
            continue;
        }
        onnxw::fillAttribute(node->add_attribute(), key, value);
    }
}

// A quantized Conv / Gemm / MatMul layer: its covered nodes (anchor, MatMul's bias Add, folded
// BN, fused activation) become the anchor with DQ'd weight and bias codes, then the activation.
void QdqBuilder::emitWeightLayer(int layer)
{
    const QuantizedLayer& L = m_qm.layers[layer];
    const PlannedLayer& P = L.plan;
    const Node& anchor = P.anchor(m_g);
    const QuantParams& wp = L.weightParams;
    const TensorQuantConfig& wcfg = L.config.weights;
    // Signed 2–8 bit weights are stored as uint8 codes q + 128 with zero point Z + 128: the same
    // real values S·(q − Z), but ONNX Runtime then runs its u8u8 integer kernels. Its u8s8 path
    // on x86 without VNNI (vpmaddubsw) saturates the 16-bit sum of two products
    // (2·255·127 > 32767), which changed 9 % of the demo CNN's exit-1 predictions in our test.
    const bool shifted = wcfg.isSigned && wcfg.bits <= 8;
    const int32_t shift = shifted ? 128 : 0;
    const DType wType = shifted ? DType::UInt8 : storageType(wcfg.bits, wcfg.isSigned);
    const int64_t O = P.outChannels();
    const int64_t K = P.weight.numel() / O;
    const std::string x = readName(P.inputs[0], layer);
    const Shape xShape = m_g.shapes.count(P.inputs[0]) ? m_g.shapes.at(P.inputs[0]) : Shape{};
    const bool gemm2d = anchor.opType != "Conv" && xShape.size() == 2;
    const bool matmul = anchor.opType != "Conv" && !gemm2d;

    // Weight codes in the layout the emitted node reads: Conv [O, I/g, kH, kW] and
    // Gemm(transB = 1) [O, K] as planned, MatMul [K, O] (channel axis 1).
    std::vector<int32_t> stored = L.weightCodes;
    std::vector<int32_t> storedZ = wp.zeroPoint;
    for (int32_t& q : stored)
        q += shift;
    for (int32_t& z : storedZ)
        z += shift;
    Tensor codes = Tensor::fromCodes(wType, P.weight.shape, stored);
    int axis = 0;
    if (matmul) {
        codes = Tensor::fromCodes(wType, {K, O}, std::vector<int32_t>(size_t(K * O)));
        for (int64_t o = 0; o < O; ++o)
            for (int64_t k = 0; k < K; ++k)
                codes.q[size_t(k * O + o)] = stored[size_t(o * K + k)];
        axis = 1;
    }
    const std::string w =
        addDequantizedConstant(P.name + "_weight", codes, wp.scale, storedZ, wType, axis);

    // b_q[o] with scale float32(S_x·S_w[o]) — the product quantizeBias() divided by.
    const float sx = L.inputParams.at(0).scale.at(0);
    std::vector<float> biasScale(wp.scale.size());
    for (size_t c = 0; c < wp.scale.size(); ++c)
        biasScale[c] = sx * wp.scale[c];
    if (biasScale.size() == 1 && O > 1)
        biasScale.assign(size_t(O), biasScale[0]);
    const std::string b = addDequantizedConstant(
        P.name + "_bias", Tensor::fromCodes(DType::Int32, {O}, L.biasCodes), biasScale,
        std::vector<int32_t>(size_t(O), 0), DType::Int32, 0);

    const bool hasActivation = !P.activation.nodeName.empty();
    const std::string out = writeName(P.output);
    const std::string mid = hasActivation ? fresh(P.name + "_preact") : out;
    if (anchor.opType == "Conv") {
        onnx::NodeProto* node = addNode("Conv", anchor.name, {x, w, b}, {mid});
        node->set_name(anchor.name); // reserved for it: the layer keeps its name
        for (const auto& [key, value] : anchor.attrs)
            onnxw::fillAttribute(node->add_attribute(), key, value);
    } else if (gemm2d) {
        onnx::NodeProto* node = addNode("Gemm", anchor.name, {x, w, b}, {mid});
        node->set_name(anchor.name);
        onnxw::fillAttribute(node->add_attribute(), "transB", int64_t(1));
    } else {
        const std::string product = fresh(P.name + "_matmul");
        addNode("MatMul", anchor.name, {x, w}, {product})->set_name(anchor.name);
        addNode("Add", anchor.name + "_bias", {product, b}, {mid});
    }
    if (hasActivation) {
        const int index = m_g.nodeIndex(P.activation.nodeName);
        const Node& act = m_g.nodes.at(size_t(index));
        onnx::NodeProto* node = m_graph->add_node();
        node->set_op_type(act.opType);
        node->set_name(act.name);
        node->add_input(mid);
        for (size_t i = 1; i < act.inputs.size(); ++i)
            node->add_input(act.inputs[i]);
        node->add_output(out);
        for (const auto& [key, value] : act.attrs)
            onnxw::fillAttribute(node->add_attribute(), key, value);
    }
}

void QdqBuilder::emitQdqAfter(const std::string& tensor)
{
    if (m_codeTensors.count(tensor))
        addQdq(tensor, tensor + "_float", tensor);
    else if (m_floatQuant.count(tensor))
        addQdq(tensor, tensor, tensor + "_dq");
}

void QdqBuilder::collectNotes()
{
    std::map<std::string, std::vector<std::string>> byIssue;
    for (const QuantizedLayer& L : m_qm.layers) {
        if (!L.outputQuantized)
            continue;
        const TensorQuantConfig& a = L.config.activations;
        if (a.rounding != RoundingMode::HalfEven)
            byIssue[std::string("activation rounding ") + roundingModeName(a.rounding) +
                    ": ONNX QuantizeLinear and the runtime's requantization round half to "
                    "even (weights and biases keep QuantLens's codes)"]
                .push_back(L.plan.name);
        if (a.observer == ObserverKind::Dynamic)
            byIssue["dynamic observer: exported with the calibration (S, Z)"].push_back(
                L.plan.name);
        if (L.isMatmul() &&
            L.config.requantization == RequantMode::FixedPoint)
            byIssue["fixed-point requantization: an ONNX runtime requantizes in float"]
                .push_back(L.plan.name);
    }
    for (const auto& [issue, layers] : byIssue)
        m_result.notes.push_back(issue + " — " + std::to_string(layers.size()) + " layer(s), e.g. " +
                                 layers.front());
}

std::string QdqBuilder::build()
{
    const Model& model = *m_qm.model;
    if (model.opset < 13)
        throw Error("QDQ export needs opset 13 or later (per-channel DequantizeLinear); the "
                    "model is opset " + std::to_string(model.opset) +
                    " — re-export it from its framework at opset 13");
    bool wide = false;
    for (const QuantizedLayer& L : m_qm.layers)
        if (L.isMatmul() && L.config.weights.bits > 8)
            wide = true;
    for (const auto& [tensor, cfg] : m_qm.tensorConfig)
        if (m_qm.tensorParams.count(tensor) && cfg.bits > 8)
            wide = true;
    m_opset = wide ? std::max<int64_t>(model.opset, 21) : model.opset;
    m_result.opset = m_opset;

    m_model.set_ir_version(8); // libonnx 1.12's checker rejects newer IR versions
    m_model.set_producer_name("QuantLens");
    auto* opset = m_model.add_opset_import();
    opset->set_domain("");
    opset->set_version(m_opset);
    auto* meta = m_model.add_metadata_props();
    meta->set_key(kQdqConfigKey);
    meta->set_value(serializeQuantConfig(m_path.empty() ? m_qm.config
                                                        : classMapRelativeTo(m_qm.config, m_path)));
    m_graph = m_model.mutable_graph();
    m_graph->set_name("quantlens_qdq");

    // Reserve every existing name so that new ones never collide.
    for (const Node& n : m_g.nodes) {
        m_names.insert(n.name);
        for (const std::string& t : n.outputs)
            m_names.insert(t);
    }
    for (const auto& [name, t] : m_g.initializers)
        m_names.insert(name);
    for (const ValueInfo& v : m_g.inputs)
        m_names.insert(v.name);

    m_nodeLayer.assign(m_g.nodes.size(), -1);
    for (size_t i = 0; i < m_qm.layers.size(); ++i)
        for (int idx : m_qm.layers[i].plan.nodeIndices)
            m_nodeLayer[size_t(idx)] = int(i);
    for (const auto& [tensor, params] : m_qm.tensorParams) {
        (void)params;
        const auto it = m_qm.plan.layerByOutput.find(tensor);
        const bool coded = it != m_qm.plan.layerByOutput.end() &&
                           m_qm.layers[size_t(it->second)].outputQuantized;
        (coded ? m_codeTensors : m_floatQuant).insert(tensor);
    }
    for (const std::string& t : m_codeTensors)
        for (const char* suffix : {"_float", "_q"})
            m_names.insert(t + suffix);
    for (const std::string& t : m_floatQuant)
        for (const char* suffix : {"_dq", "_q"})
            m_names.insert(t + suffix);

    for (const ValueInfo& v : m_g.inputs) {
        onnxw::fillValueInfo(m_graph->add_input(), v);
        emitQdqAfter(v.name);
    }
    for (size_t i = 0; i < m_g.nodes.size(); ++i) {
        const int layer = m_nodeLayer[i];
        const QuantizedLayer* L = layer >= 0 ? &m_qm.layers[size_t(layer)] : nullptr;
        const bool weightLayer =
            L && (L->isMatmul());
        if (weightLayer) {
            if (int(i) == L->plan.nodeIndices.front()) {
                emitWeightLayer(layer);
                emitQdqAfter(L->plan.output);
            }
            continue;
        }
        const Node& n = m_g.nodes[i];
        copyNode(n, layer);
        for (const std::string& out : n.outputs)
            if (!out.empty())
                emitQdqAfter(out);
    }
    for (const ValueInfo& v : m_g.outputs)
        onnxw::fillValueInfo(m_graph->add_output(), v);

    // The original initializers that emitted nodes still read (not the float weights of
    // quantized layers, nor folded BatchNorm parameters).
    std::set<std::string> read;
    for (const onnx::NodeProto& n : m_graph->node())
        read.insert(n.input().begin(), n.input().end());
    for (const auto& [name, t] : m_g.initializers)
        if (read.count(name))
            onnxw::fillTensor(m_graph->add_initializer(), name, t);

    for (const QuantizedLayer& L : m_qm.layers)
        ++(L.outputQuantized ? m_result.quantizedLayers : m_result.floatLayers);
    collectNotes();

    try {
        onnx::checker::check_model(m_model);
        if (m_opset <= 17) {
            onnx::ModelProto copy = m_model;
            onnx::shape_inference::InferShapes(copy, onnx::OpSchemaRegistry::Instance(),
                                               onnx::ShapeInferenceOptions(true, 1, false));
            m_result.fullCheck = true;
        }
    } catch (const std::exception& e) {
        throw Error(std::string("QDQ export failed the ONNX checker: ") + e.what());
    }
    std::string bytes;
    if (!m_model.SerializeToString(&bytes))
        throw Error("QDQ export: protobuf serialization failed");
    return bytes;
}

} // namespace

std::string buildQdqModel(const QuantizedModel& qmodel, QdqExportResult* result,
                          const std::string& path)
{
    QdqExportResult local;
    QdqBuilder builder(qmodel, result ? *result : local, path);
    return builder.build();
}

QdqExportResult exportQdq(const QuantizedModel& qmodel, const std::string& path)
{
    QdqExportResult result;
    const std::string bytes = buildQdqModel(qmodel, &result, path);
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !file.commit())
        throw Error(path + ": cannot write (" + file.errorString().toStdString() + ")");
    return result;
}

} // namespace ql
