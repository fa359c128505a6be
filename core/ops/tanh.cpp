#include "core/ops/tanh.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/unary.h"

namespace ql {

OpDef makeTanhOp()
{
    return makeUnaryFloatOp("Tanh", [](const Node&) -> UnaryFunction {
        return [](float x) { return std::tanh(x); };
    });
}

} // namespace ql
