#pragma once
// Shared kernel of the numpy-broadcasting binary ops (Add, Sub, Mul, Div); each op keeps its
// own file pair and OpDef factory, this is the loop they have in common.

#include "core/op_registry.h"

namespace ql {

enum class BinaryArithmetic
{
    Add,
    Sub,
    Mul,
    Div
};

// Float32 and Int64 operands (Int64 for shape arithmetic; integer Div truncates toward
// zero like C++, as ONNX Runtime does). Both operands must have the same dtype.
OpDef makeBinaryArithmeticOp(const std::string& opType, BinaryArithmetic kind);

} // namespace ql
