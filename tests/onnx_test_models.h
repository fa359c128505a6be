#pragma once
// Builds small ONNX models in tests with the onnx protobuf API, plus the helpers the FP32
// import/executor tests share. Header-only; test targets link onnx_proto.

#include <QString>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "core/error.h"
#include "core/tensor.h"

namespace ql::testing {

inline onnx::ModelProto newModel(int opset = 13)
{
    onnx::ModelProto m;
    m.set_ir_version(8);
    m.set_producer_name("quantlens-test");
    m.set_producer_version("1");
    auto* op = m.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    m.mutable_graph()->set_name("g");
    return m;
}

// dims < 0 become the symbolic dim "N".
inline void addValue(google::protobuf::RepeatedPtrField<onnx::ValueInfoProto>* list,
                     const std::string& name, const std::vector<int64_t>& dims, int elemType = 1)
{
    auto* v = list->Add();
    v->set_name(name);
    auto* t = v->mutable_type()->mutable_tensor_type();
    t->set_elem_type(elemType);
    auto* shape = t->mutable_shape();
    for (int64_t d : dims) {
        auto* dim = shape->add_dim();
        if (d < 0)
            dim->set_dim_param("N");
        else
            dim->set_dim_value(d);
    }
}

// raw = true stores little-endian raw_data, otherwise the typed float_data field.
inline void addFloatInit(onnx::GraphProto* g, const std::string& name,
                         const std::vector<int64_t>& dims, const std::vector<float>& values,
                         bool raw)
{
    auto* t = g->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
        t->add_dims(d);
    if (raw)
        t->set_raw_data(std::string(reinterpret_cast<const char*>(values.data()),
                                    values.size() * sizeof(float)));
    else
        for (float v : values)
            t->add_float_data(v);
}

inline void addInt64Init(onnx::GraphProto* g, const std::string& name,
                         const std::vector<int64_t>& values)
{
    auto* t = g->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(static_cast<int64_t>(values.size()));
    for (int64_t v : values)
        t->add_int64_data(v);
}

inline onnx::NodeProto* addNode(onnx::GraphProto* g, const std::string& op,
                                const std::vector<std::string>& in,
                                const std::vector<std::string>& out, const std::string& name = {})
{
    auto* n = g->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& s : in)
        n->add_input(s);
    for (const auto& s : out)
        n->add_output(s);
    return n;
}

inline void setInts(onnx::NodeProto* n, const std::string& name, const std::vector<int64_t>& values)
{
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (int64_t v : values)
        a->add_ints(v);
}

inline void setInt(onnx::NodeProto* n, const std::string& name, int64_t value)
{
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

inline std::vector<float> ramp(size_t n, float scale)
{
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i)
        v[i] = scale * static_cast<float>(static_cast<int>(i % 7) - 3);
    return v;
}

// x [N,1,8,8] -> Conv(4 filters 3x3, stride 2, pad 1, bias) "conv" -> Relu (unnamed)
//   -> Flatten -> Gemm(10 x 64, transB) "fc" -> y [N,10]
// Conv W is raw_data, its bias float_data: both initializer encodings.
inline std::string convReluGemmBytes()
{
    onnx::ModelProto m = newModel();
    auto* g = m.mutable_graph();
    addValue(g->mutable_input(), "x", {-1, 1, 8, 8});
    addValue(g->mutable_output(), "y", {-1, 10});
    addFloatInit(g, "conv.w", {4, 1, 3, 3}, ramp(36, 0.1f), true);
    addFloatInit(g, "conv.b", {4}, {0.1f, -0.2f, 0.3f, 0.0f}, false);
    addFloatInit(g, "fc.w", {10, 64}, ramp(640, 0.01f), true);
    addFloatInit(g, "fc.b", {10}, ramp(10, 0.5f), false);
    auto* conv = addNode(g, "Conv", {"x", "conv.w", "conv.b"}, {"c"}, "conv");
    setInts(conv, "kernel_shape", {3, 3});
    setInts(conv, "strides", {2, 2});
    setInts(conv, "pads", {1, 1, 1, 1});
    addNode(g, "Relu", {"c"}, {"r"});
    addNode(g, "Flatten", {"r"}, {"f"}, "flatten");
    auto* fc = addNode(g, "Gemm", {"f", "fc.w", "fc.b"}, {"y"}, "fc");
    setInt(fc, "transB", 1);
    return m.SerializeAsString();
}

inline QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

inline Tensor randomInput(Shape shape, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> v(static_cast<size_t>(numelOf(shape)));
    for (float& x : v)
        x = dist(rng);
    return Tensor::fromFloat(std::move(shape), std::move(v));
}

inline float maxAbsDiff(const Tensor& a, const Tensor& b)
{
    float worst = 0.0f;
    for (size_t i = 0; i < a.f.size(); ++i)
        worst = std::max(worst, std::abs(a.f[i] - b.f[i]));
    return worst;
}

} // namespace ql::testing
