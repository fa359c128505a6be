#include "core/ops/sqrt.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/unary.h"

namespace ql {

OpDef makeSqrtOp()
{
    return makeUnaryFloatOp("Sqrt", [](const Node&) -> UnaryFunction {
        return [](float x) { return std::sqrt(x); };
    });
}

} // namespace ql
