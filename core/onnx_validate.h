#pragma once
// Checks the importer runs on a parsed model BEFORE handing it to libonnx's shape inference.
//
// libonnx 1.12's inference functions trust their inputs: convPoolShapeInference divides by
// `strides` (SIGFPE on 0), indexes `dilations`/`pads`/input dims by the weight's rank (SIGSEGV
// when the weight has more dims than the input) and loops `while (residual >= stride)` over a
// declared dim (a hang for 2^62). Those run before any check of ours could, so everything
// they read is validated here first and the caller gets one line naming the node instead of
// a crash. Each function throws ql::Error without the file name (the importer prefixes it).

#include <map>
#include <string>

#include <onnx/onnx_pb.h>

#include "core/graph.h"

namespace ql {

// ir_version and every opset_import entry of a domain libonnx knows must be no newer than
// what libonnx 1.12 implements (IR 8, ai.onnx 17, ai.onnx.ml 3): a newer op version would be
// inferred, and run, with the semantics of an older one.
void checkFormatVersions(const onnx::ModelProto& proto);

// kernel_shape/strides/dilations >= 1, pads >= 0, consistent lengths, group >= 1, a known
// auto_pad, for every Conv/ConvInteger/QLinearConv/MaxPool/AveragePool, shapes known or not.
void checkWindowAttributes(const Graph& g);

// Graph inputs: every declared dim and the element count at batch 1 within
// kMaxTensorElements (a model that declares 2^62 pixels cannot be fed anyway).
void checkDeclaredInputs(const Graph& g);

// Float initializers must be finite: one NaN or Inf weight makes every quantization range
// (and so every code) of the layer meaningless while the report looks valid.
void checkFiniteInitializers(const Graph& g);

// Writes an explicit kernel_shape (the weight's spatial dims, known from the IR shape pass)
// into every conv-family node of `proto` that lacks one. libonnx then checks its length
// against the input's rank instead of indexing by the weight's rank. `protoIndex` maps IR
// node names to their index in proto.graph().node().
void pinKernelShapes(onnx::ModelProto& proto, const Graph& g,
                     const std::map<std::string, int>& protoIndex);

} // namespace ql
