#include "core/onnx_validate.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <onnx/defs/schema.h>

#include "core/checked_math.h"
#include "core/error.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

// Conv-like ops read by libonnx's convPoolShapeInference, with the index of the weight
// input (-1: pools, whose kernel_shape is a required attribute).
int weightInputOf(const std::string& opType)
{
    if (opType == "Conv" || opType == "ConvInteger")
        return 1;
    if (opType == "QLinearConv")
        return 3;
    return -1;
}

bool isWindowOp(const std::string& opType)
{
    return weightInputOf(opType) >= 0 || opType == "MaxPool" || opType == "AveragePool";
}

std::string listToString(const std::vector<int64_t>& values)
{
    // Appended piecewise: GCC 12 warns falsely (-Wrestrict) on "," + std::to_string().
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i) {
        if (i)
            out.append(1, ',');
        out.append(std::to_string(values[i]));
    }
    out.append(1, ']');
    return out;
}

void checkWindowNode(const Node& node)
{
    // Every INTS attribute libonnx indexes per spatial axis, with its lower bound.
    struct Rule
    {
        const char* name;
        int64_t minimum;
        size_t perAxis; // entries per spatial axis
    };
    static const Rule rules[] = {
        {"kernel_shape", 1, 1}, {"strides", 1, 1}, {"dilations", 1, 1}, {"pads", 0, 2}};
    size_t spatial = 0;
    const char* spatialFrom = nullptr;
    for (const Rule& rule : rules) {
        if (!node.hasAttr(rule.name))
            continue;
        if (!std::holds_alternative<std::vector<int64_t>>(node.attrs.at(rule.name)))
            failNode(node, std::string("attribute '") + rule.name + "' must be a list of ints");
        const std::vector<int64_t> values = node.attrInts(rule.name);
        for (int64_t v : values)
            if (v < rule.minimum)
                failNode(node, std::string(rule.name) + " " + listToString(values) +
                                   ": every entry must be >= " + std::to_string(rule.minimum));
        if (values.size() % rule.perAxis != 0)
            failNode(node, std::string(rule.name) + " " + listToString(values) +
                               " must hold begin and end values for every spatial axis");
        const size_t axes = values.size() / rule.perAxis;
        if (spatialFrom && axes != spatial)
            failNode(node, std::string(rule.name) + " " + listToString(values) + " is for " +
                               std::to_string(axes) + " spatial axes, " + spatialFrom + " for " +
                               std::to_string(spatial));
        spatial = axes;
        spatialFrom = rule.name;
    }
    if (weightInputOf(node.opType) < 0 && !node.hasAttr("kernel_shape"))
        failNode(node, "attribute 'kernel_shape' is required");
    if (node.attrInt("group", 1) < 1)
        failNode(node, "group " + std::to_string(node.attrInt("group", 1)) + " must be >= 1");
    const int64_t ceilMode = node.attrInt("ceil_mode", 0);
    if (ceilMode != 0 && ceilMode != 1)
        failNode(node, "ceil_mode " + std::to_string(ceilMode) + " must be 0 or 1");
    static const std::set<std::string> autoPads{"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"};
    const std::string autoPad = node.attrString("auto_pad", "NOTSET");
    if (!autoPads.count(autoPad))
        failNode(node, "unknown auto_pad '" + autoPad + "'");
}

} // namespace

void checkFormatVersions(const onnx::ModelProto& proto)
{
    if (proto.ir_version() > onnx::IR_VERSION)
        throw Error("ir_version " + std::to_string(proto.ir_version()) +
                    " is newer than the newest this build reads (" +
                    std::to_string(onnx::IR_VERSION) + ", ONNX 1.12)");
    const auto& known = onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
    for (const auto& entry : proto.opset_import()) {
        const std::string domain = entry.domain() == "ai.onnx" ? std::string() : entry.domain();
        auto range = known.find(domain);
        if (range == known.end())
            continue; // ops of unknown domains are refused by name by the op check
        const std::string shown = domain.empty() ? std::string("ai.onnx") : domain;
        // ai.onnx 18-21 are read too: QuantLens writes opset 21 for its 16-bit QDQ exports
        // (int16 QuantizeLinear/DequantizeLinear), and every op the engine runs reads its
        // 18-21 forms (axes as inputs); libonnx then checks against its newest schemas.
        const int64_t newest = domain.empty() ? std::max<int64_t>(range->second.second, 21)
                                              : range->second.second;
        if (entry.version() > newest)
            throw Error("opset " + std::to_string(entry.version()) + " of domain '" + shown +
                        "' is newer than the newest this build knows (" +
                        std::to_string(newest) + ")");
        if (entry.version() < 1)
            throw Error("opset " + std::to_string(entry.version()) + " of domain '" + shown +
                        "' is invalid");
    }
}

void checkWindowAttributes(const Graph& g)
{
    for (const Node& node : g.nodes)
        if (isWindowOp(node.opType))
            checkWindowNode(node);
}

void checkDeclaredInputs(const Graph& g)
{
    for (const ValueInfo& input : g.inputs) {
        Shape atBatchOne = input.shape;
        for (int64_t& d : atBatchOne)
            d = d < 0 ? 1 : d;
        const std::optional<int64_t> count = checkedProduct(atBatchOne);
        if (!count || *count > kMaxTensorElements)
            throw Error("input '" + input.name + "' declares shape " +
                        shapeToString(input.shape) +
                        ", more than the 2^30 elements a tensor may hold");
    }
}

void checkFiniteInitializers(const Graph& g)
{
    for (const auto& [name, tensor] : g.initializers) {
        if (tensor.dtype != DType::Float32)
            continue;
        for (size_t i = 0; i < tensor.f.size(); ++i)
            if (!std::isfinite(tensor.f[i]))
                throw Error("tensor '" + name + "' holds " + std::to_string(tensor.f[i]) +
                            " at element " + std::to_string(i) + " of " +
                            shapeToString(tensor.shape) + " (weights must be finite)");
    }
}

void pinKernelShapes(onnx::ModelProto& proto, const Graph& g,
                     const std::map<std::string, int>& protoIndex)
{
    for (const Node& node : g.nodes) {
        const int weight = weightInputOf(node.opType);
        if (weight < 0 || node.hasAttr("kernel_shape") ||
            node.inputs.size() <= static_cast<size_t>(weight))
            continue;
        auto shape = g.shapes.find(node.inputs[weight]);
        auto index = protoIndex.find(node.name);
        if (shape == g.shapes.end() || index == protoIndex.end())
            continue;
        // Unknown weight shape: our pass and libonnx derive shapes from the same initializers
        // and declared inputs, so libonnx almost always lacks it too and returns early; the
        // fuzz target (tests/fuzz) exercises the rest.
        const Shape& w = shape->second;
        if (w.size() < 2 || !shapeKnown(w))
            continue;
        onnx::AttributeProto* attr = proto.mutable_graph()->mutable_node(index->second)->add_attribute();
        attr->set_name("kernel_shape");
        attr->set_type(onnx::AttributeProto::INTS);
        for (size_t axis = 2; axis < w.size(); ++axis)
            attr->add_ints(w[axis]);
    }
}

} // namespace ql
