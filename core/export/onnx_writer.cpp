#include "core/export/onnx_writer.h"

#include <cstring>
#include <type_traits>

#include "core/error.h"

namespace ql::onnxw {

int onnxType(DType t)
{
    switch (t) {
    case DType::Float32: return onnx::TensorProto::FLOAT;
    case DType::UInt8: return onnx::TensorProto::UINT8;
    case DType::Int8: return onnx::TensorProto::INT8;
    case DType::UInt16: return onnx::TensorProto::UINT16;
    case DType::Int16: return onnx::TensorProto::INT16;
    case DType::Int32: return onnx::TensorProto::INT32;
    case DType::Int64: return onnx::TensorProto::INT64;
    case DType::Bool: return onnx::TensorProto::BOOL;
    }
    return onnx::TensorProto::UNDEFINED;
}

namespace {

template <typename Stored, typename Source>
std::string rawBytes(const std::vector<Source>& values)
{
    std::string raw(values.size() * sizeof(Stored), '\0');
    for (size_t i = 0; i < values.size(); ++i) {
        const Stored v = static_cast<Stored>(values[i]);
        std::memcpy(raw.data() + i * sizeof(Stored), &v, sizeof(Stored));
    }
    return raw;
}

} // namespace

void fillTensor(onnx::TensorProto* proto, const std::string& name, const Tensor& t)
{
    proto->set_name(name);
    proto->set_data_type(onnxType(t.dtype));
    for (int64_t d : t.shape)
        proto->add_dims(d);
    switch (t.dtype) {
    case DType::Float32: proto->set_raw_data(rawBytes<float>(t.f)); break;
    case DType::Int64: proto->set_raw_data(rawBytes<int64_t>(t.i64)); break;
    case DType::Int32: proto->set_raw_data(rawBytes<int32_t>(t.q)); break;
    case DType::Int16: proto->set_raw_data(rawBytes<int16_t>(t.q)); break;
    case DType::UInt16: proto->set_raw_data(rawBytes<uint16_t>(t.q)); break;
    case DType::Int8: proto->set_raw_data(rawBytes<int8_t>(t.q)); break;
    case DType::UInt8:
    case DType::Bool: proto->set_raw_data(rawBytes<uint8_t>(t.q)); break;
    }
}

void fillAttribute(onnx::AttributeProto* proto, const std::string& name, const AttrValue& value)
{
    proto->set_name(name);
    std::visit(
        [proto, &name](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, int64_t>) {
                proto->set_type(onnx::AttributeProto::INT);
                proto->set_i(v);
            } else if constexpr (std::is_same_v<V, float>) {
                proto->set_type(onnx::AttributeProto::FLOAT);
                proto->set_f(v);
            } else if constexpr (std::is_same_v<V, std::string>) {
                proto->set_type(onnx::AttributeProto::STRING);
                proto->set_s(v);
            } else if constexpr (std::is_same_v<V, std::vector<int64_t>>) {
                proto->set_type(onnx::AttributeProto::INTS);
                for (int64_t x : v)
                    proto->add_ints(x);
            } else if constexpr (std::is_same_v<V, std::vector<float>>) {
                proto->set_type(onnx::AttributeProto::FLOATS);
                for (float x : v)
                    proto->add_floats(x);
            } else if constexpr (std::is_same_v<V, std::vector<std::string>>) {
                proto->set_type(onnx::AttributeProto::STRINGS);
                for (const std::string& x : v)
                    proto->add_strings(x);
            } else {
                proto->set_type(onnx::AttributeProto::TENSOR);
                fillTensor(proto->mutable_t(), name, v);
            }
        },
        value);
}

void fillValueInfo(onnx::ValueInfoProto* proto, const ValueInfo& info)
{
    proto->set_name(info.name);
    onnx::TypeProto_Tensor* type = proto->mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnxType(info.dtype));
    onnx::TensorShapeProto* shape = type->mutable_shape();
    for (int64_t d : info.shape) {
        auto* dim = shape->add_dim();
        if (d < 0)
            dim->set_dim_param("N");
        else
            dim->set_dim_value(d);
    }
}

} // namespace ql::onnxw
