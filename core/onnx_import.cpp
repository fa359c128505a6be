#include "core/onnx_import.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <QByteArray>
#include <QCryptographicHash>

#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include "core/checked_math.h"
#include "core/error.h"
#include "core/graph_passes.h"
#include "core/onnx_validate.h"
#include "core/ops/op_utils.h"

// Import order (each step may throw; the caller sees one ql::Error prefixed "<file>: "):
//   parse + sanity checks (format versions) -> IR (initializers, attributes; data counts
//   checked before allocating) -> structural checks (every input defined, no cycle) and
//   topological sort -> Constant nodes become initializers -> op support check -> validation
//   of what libonnx reads (onnx_validate.h, then our shape pass on what is known) -> ONNX
//   shape inference -> constant folding -> dead-node removal -> non-finite initializers
//   refused -> batch-1 shape pass (shapes, params, MACs) -> exit
//   ordering.

namespace ql {

namespace {

// Internal failures carry no file name; loadOnnxModelFromBytes() prefixes it.
[[noreturn]] void invalid(const std::string& why)
{
    throw Error("not a valid ONNX model (" + why + ")");
}

size_t elementSize(DType t)
{
    switch (t) {
    case DType::Float32:
        return 4;
    case DType::Int8:
    case DType::UInt8:
    case DType::Bool:
        return 1;
    case DType::Int16:
    case DType::UInt16:
        return 2;
    case DType::Int32:
        return 4;
    case DType::Int64:
        return 8;
    }
    return 0;
}

// Little-endian raw_data element i (ONNX always stores raw_data little-endian).
template <typename T> T rawElement(const std::string& raw, size_t i)
{
    T value;
    std::memcpy(&value, raw.data() + i * sizeof(T), sizeof(T));
    return value;
}

Tensor tensorFromProto(const onnx::TensorProto& proto)
{
    const std::string name = proto.name().empty() ? std::string("<unnamed>") : proto.name();
    auto fail = [&](const std::string& why) -> Error {
        return Error("tensor '" + name + "': " + why);
    };
    if (proto.data_location() == onnx::TensorProto::EXTERNAL || proto.external_data_size() > 0)
        throw fail("external data files are not supported (save the model with its weights "
                   "inside the .onnx file)");
    const std::optional<DType> dtype = dtypeFromOnnxType(proto.data_type());
    if (!dtype)
        throw fail("element type " + std::to_string(proto.data_type()) +
                   " is not supported (float32, int8/16/32/64, uint8/16, bool are)");
    Shape shape(proto.dims().begin(), proto.dims().end());
    for (int64_t d : shape)
        if (d < 0)
            throw fail("invalid dims " + shapeToString(shape));
    const std::optional<int64_t> count = checkedProduct(shape);
    if (!count)
        throw fail("dims " + shapeToString(shape) + " overflow int64");
    const size_t n = static_cast<size_t>(*count);

    // The values the file really holds are counted before anything is allocated: a tensor
    // that declares 1e9 elements and stores none must fail in microseconds, not after
    // zero-filling 4 GB.
    const std::string& raw = proto.raw_data();
    size_t have = 0;
    if (proto.has_raw_data()) {
        if (raw.size() % elementSize(*dtype) != 0)
            throw fail("raw_data holds " + std::to_string(raw.size()) +
                       " bytes, not a multiple of the element size " +
                       std::to_string(elementSize(*dtype)));
        have = raw.size() / elementSize(*dtype);
    } else if (*dtype == DType::Float32) {
        have = static_cast<size_t>(proto.float_data_size());
    } else if (*dtype == DType::Int64) {
        have = static_cast<size_t>(proto.int64_data_size());
    } else {
        have = static_cast<size_t>(proto.int32_data_size());
    }
    if (have != n)
        throw fail("holds " + std::to_string(have) + " values, shape " + shapeToString(shape) +
                   " needs " + std::to_string(n));
    Tensor t = Tensor::zeros(*dtype, shape);
    if (proto.has_raw_data()) {
        for (size_t i = 0; i < n; ++i) {
            switch (*dtype) {
            case DType::Float32:
                t.f[i] = rawElement<float>(raw, i);
                break;
            case DType::Int64:
                t.i64[i] = rawElement<int64_t>(raw, i);
                break;
            case DType::Int32:
                t.q[i] = rawElement<int32_t>(raw, i);
                break;
            case DType::Int16:
                t.q[i] = rawElement<int16_t>(raw, i);
                break;
            case DType::UInt16:
                t.q[i] = rawElement<uint16_t>(raw, i);
                break;
            case DType::Int8:
                t.q[i] = rawElement<int8_t>(raw, i);
                break;
            case DType::UInt8:
                t.q[i] = rawElement<uint8_t>(raw, i);
                break;
            case DType::Bool:
                t.q[i] = rawElement<uint8_t>(raw, i) != 0;
                break;
            }
        }
        return t;
    }
    // Typed fields: float_data for FLOAT, int64_data for INT64, int32_data for every
    // narrower integer type and bool.
    if (*dtype == DType::Float32) {
        std::copy(proto.float_data().begin(), proto.float_data().end(), t.f.begin());
    } else if (*dtype == DType::Int64) {
        std::copy(proto.int64_data().begin(), proto.int64_data().end(), t.i64.begin());
    } else {
        std::copy(proto.int32_data().begin(), proto.int32_data().end(), t.q.begin());
    }
    return t;
}

// Attributes the engine reads; GRAPH/SPARSE_TENSOR/TYPE_PROTO ones only occur on ops the
// registry does not support, which the op check rejects by name.
std::map<std::string, AttrValue> attributesOf(const onnx::NodeProto& node)
{
    std::map<std::string, AttrValue> attrs;
    for (const onnx::AttributeProto& a : node.attribute()) {
        switch (a.type()) {
        case onnx::AttributeProto::INT:
            attrs[a.name()] = static_cast<int64_t>(a.i());
            break;
        case onnx::AttributeProto::FLOAT:
            attrs[a.name()] = a.f();
            break;
        case onnx::AttributeProto::STRING:
            attrs[a.name()] = a.s();
            break;
        case onnx::AttributeProto::INTS:
            attrs[a.name()] = std::vector<int64_t>(a.ints().begin(), a.ints().end());
            break;
        case onnx::AttributeProto::FLOATS:
            attrs[a.name()] = std::vector<float>(a.floats().begin(), a.floats().end());
            break;
        case onnx::AttributeProto::STRINGS:
            attrs[a.name()] = std::vector<std::string>(a.strings().begin(), a.strings().end());
            break;
        case onnx::AttributeProto::TENSOR:
            attrs[a.name()] = tensorFromProto(a.t());
            break;
        case onnx::AttributeProto::UNDEFINED:
            // libonnx's shape inference reads such an attribute's ints anyway (strides [0, 0]
            // behind a missing type crashed it with SIGFPE: found by fuzz_onnx_loader), while
            // our checks would not see it: refuse it, as onnx.checker does.
            invalid("attribute '" + a.name() + "' has no type");
        default:
            break;
        }
    }
    return attrs;
}

// The value of a Constant node (opset 1-13 forms: value, value_float(s), value_int(s)).
Tensor constantValue(const Node& node)
{
    if (node.outputs.size() != 1)
        invalid("Constant node '" + node.name + "' must have one output");
    for (const auto& [key, value] : node.attrs) {
        if (const Tensor* t = std::get_if<Tensor>(&value))
            return *t;
        if (key == "value_float")
            return Tensor::fromFloat({}, {std::get<float>(value)});
        if (key == "value_floats") {
            const auto& v = std::get<std::vector<float>>(value);
            return Tensor::fromFloat({static_cast<int64_t>(v.size())}, v);
        }
        if (key == "value_int")
            return Tensor::fromInt64({}, {std::get<int64_t>(value)});
        if (key == "value_ints") {
            const auto& v = std::get<std::vector<int64_t>>(value);
            return Tensor::fromInt64({static_cast<int64_t>(v.size())}, v);
        }
    }
    throw Error("node '" + node.name +
                "' (Constant): no supported value attribute "
                "(sparse and string constants are not supported)");
}

// What ONNX shape inference (or the file) says about a value: dtype and dims, -1 unknown.
TypeHint hintFromType(const onnx::TypeProto& type)
{
    TypeHint hint;
    if (!type.has_tensor_type())
        return hint;
    const auto& tensorType = type.tensor_type();
    hint.isTensor = true;
    hint.onnxElemType = tensorType.elem_type();
    hint.dtype = dtypeFromOnnxType(tensorType.elem_type());
    if (tensorType.has_shape()) {
        Shape shape;
        for (const auto& dim : tensorType.shape().dim())
            shape.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
        hint.shape = shape;
    }
    return hint;
}

ValueInfo valueInfoFor(const onnx::ValueInfoProto& v, const char* role)
{
    const TypeHint hint = hintFromType(v.type());
    if (v.type().value_case() != onnx::TypeProto::VALUE_NOT_SET && !hint.isTensor)
        throw Error(std::string(role) + " '" + v.name() +
                    "' is not a tensor (sequences, maps and optionals are not supported)");
    if (hint.isTensor && hint.onnxElemType != 0 && !hint.dtype)
        throw Error(std::string(role) + " '" + v.name() + "' has unsupported element type " +
                    std::to_string(hint.onnxElemType) +
                    " (float32, int8/16/32/64, uint8/16, bool are supported)");
    ValueInfo info;
    info.name = v.name();
    info.dtype = hint.dtype.value_or(DType::Float32);
    info.shape = hint.shape.value_or(Shape{});
    return info;
}

int64_t defaultDomainOpset(const onnx::ModelProto& proto)
{
    for (const auto& entry : proto.opset_import())
        if (entry.domain().empty() || entry.domain() == "ai.onnx")
            return entry.version();
    return 0;
}

// Kahn's algorithm, taking ready nodes in file order so that an already sorted graph keeps
// its order exactly.
std::vector<Node> topologicalSort(std::vector<Node> nodes, const std::set<std::string>& sources)
{
    std::map<std::string, size_t> producerOf;
    for (size_t i = 0; i < nodes.size(); ++i)
        for (const std::string& out : nodes[i].outputs)
            if (!out.empty()) {
                if (producerOf.count(out) || sources.count(out))
                    invalid("tensor '" + out + "' is produced twice (node '" + nodes[i].name +
                            "')");
                producerOf[out] = i;
            }
    std::vector<int> pending(nodes.size(), 0);
    std::vector<std::vector<size_t>> dependents(nodes.size());
    for (size_t i = 0; i < nodes.size(); ++i)
        for (const std::string& in : nodes[i].inputs) {
            if (in.empty() || sources.count(in))
                continue;
            auto it = producerOf.find(in);
            if (it == producerOf.end())
                invalid("node '" + nodes[i].name + "' (" + nodes[i].opType +
                        ") reads undefined tensor '" + in + "'");
            ++pending[i];
            dependents[it->second].push_back(i);
        }
    std::set<size_t> ready;
    for (size_t i = 0; i < nodes.size(); ++i)
        if (pending[i] == 0)
            ready.insert(i);
    std::vector<Node> sorted;
    std::vector<bool> done(nodes.size(), false);
    while (!ready.empty()) {
        const size_t i = *ready.begin();
        ready.erase(ready.begin());
        done[i] = true;
        for (size_t next : dependents[i])
            if (--pending[next] == 0)
                ready.insert(next);
        sorted.push_back(std::move(nodes[i]));
    }
    for (size_t i = 0; i < nodes.size(); ++i)
        if (!done[i])
            invalid("graph has a cycle through node '" + nodes[i].name + "'");
    return sorted;
}

Model importModel(const std::string& bytes, const std::string& displayName)
{
    if (bytes.empty())
        invalid("empty file");
    onnx::ModelProto proto;
    if (!proto.ParseFromString(bytes))
        invalid("protobuf parse failed");
    if (proto.ir_version() <= 0)
        invalid("no ir_version");
    if (!proto.has_graph())
        invalid("no graph");
    checkFormatVersions(proto);
    const int64_t opset = defaultDomainOpset(proto);
    if (opset <= 0)
        invalid("no opset_import for the default ONNX domain");
    const onnx::GraphProto& graphProto = proto.graph();
    if (graphProto.output_size() == 0)
        invalid("graph has no outputs");
    if (graphProto.sparse_initializer_size() > 0)
        throw Error("sparse initializers are not supported");

    Model model;
    model.path = displayName;
    model.sha256 = QCryptographicHash::hash(
                       QByteArray::fromRawData(bytes.data(), static_cast<int>(bytes.size())),
                       QCryptographicHash::Sha256)
                       .toHex()
                       .toStdString();
    model.producer = proto.producer_name() +
                     (proto.producer_version().empty() ? "" : " " + proto.producer_version());
    model.opset = opset;
    Graph& g = model.graph;

    for (const onnx::TensorProto& init : graphProto.initializer()) {
        if (init.name().empty())
            invalid("an initializer has no name");
        g.initializers[init.name()] = tensorFromProto(init);
    }
    std::set<std::string> inputNames;
    for (const onnx::ValueInfoProto& v : graphProto.input()) {
        if (v.name().empty())
            invalid("a graph input has no name");
        if (g.initializers.count(v.name()))
            continue; // an initializer listed as input: a constant, not something to feed
        g.inputs.push_back(valueInfoFor(v, "input"));
        inputNames.insert(v.name());
    }

    // Nodes: name the unnamed ones "<op>_<index>" and keep names unique.
    std::set<std::string> usedNames;
    std::map<std::string, int> protoIndex; // IR node name -> index in graphProto.node()
    std::vector<Node> nodes;
    for (int index = 0; index < graphProto.node_size(); ++index) {
        const onnx::NodeProto& np = graphProto.node(index);
        if (np.op_type().empty())
            invalid("node " + std::to_string(index) + " has no op_type");
        Node node;
        const bool defaultDomain = np.domain().empty() || np.domain() == "ai.onnx";
        node.opType = defaultDomain ? np.op_type() : np.domain() + "." + np.op_type();
        // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "_" + std::to_string().
        const std::string suffix = std::to_string(index);
        node.name = np.name().empty() ? np.op_type() : np.name();
        if (np.name().empty() || usedNames.count(node.name))
            node.name.append(1, '_').append(suffix);
        usedNames.insert(node.name);
        protoIndex[node.name] = index;
        node.inputs.assign(np.input().begin(), np.input().end());
        node.outputs.assign(np.output().begin(), np.output().end());
        node.opset = defaultDomain ? opset : 0;
        try {
            node.attrs = attributesOf(np);
        } catch (const Error& e) {
            throw Error("node '" + node.name + "' (" + node.opType + "): " + e.what());
        }
        nodes.push_back(std::move(node));
    }

    // Structural checks and order first: shape inference must not see a malformed graph.
    std::set<std::string> sources(inputNames);
    for (const auto& [name, tensor] : g.initializers)
        sources.insert(name);
    g.nodes = topologicalSort(std::move(nodes), sources);
    std::set<std::string> defined(sources);
    for (const Node& n : g.nodes)
        defined.insert(n.outputs.begin(), n.outputs.end());
    for (const onnx::ValueInfoProto& v : graphProto.output()) {
        if (!defined.count(v.name()))
            invalid("graph output '" + v.name() + "' is never produced");
        g.outputs.push_back(valueInfoFor(v, "output"));
    }

    // Constant nodes become initializers.
    std::vector<Node> remaining;
    for (Node& n : g.nodes) {
        if (n.opType == "Constant")
            g.initializers[n.outputs[0]] = constantValue(n);
        else
            remaining.push_back(std::move(n));
    }
    g.nodes = std::move(remaining);

    // Unsupported ops are reported before ONNX shape inference, which would stumble over
    // ops from unknown domains first and name them less clearly.
    checkOpsSupported(g);

    // Validate everything libonnx's inference reads before it runs (onnx_validate.h): the
    // attributes of window ops, the declared input sizes, then our own shape pass over what
    // is known so far, whose per-op checks (ranks, group, kernel vs weights, overflow) name
    // the node. It runs again below with libonnx's hints.
    checkWindowAttributes(g);
    checkDeclaredInputs(g);
    runShapePass(g, {});
    pinKernelShapes(proto, g, protoIndex);

    // ONNX shape inference gives the fallback shapes/types (and the static shapes that let
    // Shape nodes fold). Node-level inference errors are not thrown in its default mode.
    try {
        onnx::shape_inference::InferShapes(proto);
    } catch (const std::exception& e) {
        invalid(std::string("ONNX shape inference failed: ") + e.what());
    }
    std::map<std::string, TypeHint> hints;
    for (const auto* list :
         {&proto.graph().input(), &proto.graph().value_info(), &proto.graph().output()})
        for (const onnx::ValueInfoProto& v : *list)
            hints[v.name()] = hintFromType(v.type());

    foldConstants(g, hints);
    removeDeadNodes(g);
    checkFiniteInitializers(g);
    runShapePass(g, hints);
    model.exits = orderExits(g);
    return model;
}

// Protobuf cannot parse a message over 2 GiB - 1 (its sizes are int), so nothing larger is
// read: a regular file is refused by its size, anything else (/dev/zero, a pipe) is read in
// chunks and refused once it passes the cap.
constexpr std::streamsize kMaxModelFileBytes = 2147483647;

std::string readFile(const std::string& path)
{
    std::error_code ec;
    const std::filesystem::file_status status = std::filesystem::status(path, ec);
    if (!ec && std::filesystem::is_directory(status))
        throw Error(path + ": is a directory, not a model file");
    if (!ec && std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > static_cast<uintmax_t>(kMaxModelFileBytes))
            throw Error(path + ": file is " + std::to_string(size) +
                        " bytes, more than the 2 GiB protobuf limit");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path + ": cannot open file (" + std::strerror(errno) + ")");
    std::string bytes;
    std::vector<char> chunk(1 << 20);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const std::streamsize got = in.gcount();
        if (static_cast<std::streamsize>(bytes.size()) + got > kMaxModelFileBytes)
            throw Error(path + ": more than the 2 GiB protobuf limit (not a regular file?)");
        bytes.append(chunk.data(), static_cast<size_t>(got));
    }
    if (in.bad())
        throw Error(path + ": read error");
    return bytes;
}

} // namespace

Model loadOnnxModelFromBytes(const std::string& bytes, const std::string& displayName)
{
    try {
        return importModel(bytes, displayName);
    } catch (const Error& e) {
        throw Error(displayName + ": " + e.what());
    } catch (const std::bad_alloc&) {
        throw Error(displayName + ": not a valid ONNX model (out of memory while loading)");
    }
}

Model loadOnnxModel(const std::string& path)
{
    return loadOnnxModelFromBytes(readFile(path), path);
}

Tensor loadTensorProtoFile(const std::string& path)
{
    const std::string bytes = readFile(path);
    onnx::TensorProto proto;
    if (bytes.empty() || !proto.ParseFromString(bytes))
        throw Error(path + ": not a valid TensorProto (protobuf parse failed)");
    try {
        return tensorFromProto(proto);
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
}

} // namespace ql
