#include "core/ops/erf.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/unary.h"

namespace ql {

OpDef makeErfOp()
{
    return makeUnaryFloatOp("Erf", [](const Node&) -> UnaryFunction {
        return [](float x) { return std::erf(x); };
    });
}

} // namespace ql
