#pragma once
// Writing QuantLens IR values back as ONNX protobuf (the inverse of the importer's
// tensorFromProto / attributesOf). Internal to core/export: it exposes onnx types, so only
// core sources that link libonnx include it.

#include <string>

#include <onnx/onnx_pb.h>

#include "core/graph.h"

namespace ql::onnxw {

// ONNX TensorProto element type of an IR dtype (FLOAT=1, UINT8=2, INT8=3, UINT16=4,
// INT16=5, INT32=6, INT64=7, BOOL=9).
int onnxType(DType t);

// `t` as a TensorProto named `name`, little-endian raw_data (as every ONNX writer does).
void fillTensor(onnx::TensorProto* proto, const std::string& name, const Tensor& t);

// A node attribute (the variant alternatives map to INT, FLOAT, STRING, INTS, FLOATS, STRINGS,
// TENSOR).
void fillAttribute(onnx::AttributeProto* proto, const std::string& name, const AttrValue& value);

// A graph input/output: element type and shape, a negative dim written as dim_param "N".
void fillValueInfo(onnx::ValueInfoProto* proto, const ValueInfo& info);

} // namespace ql::onnxw
