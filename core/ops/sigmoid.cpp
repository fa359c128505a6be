#include "core/ops/sigmoid.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/unary.h"

namespace ql {

OpDef makeSigmoidOp()
{
    return makeUnaryFloatOp("Sigmoid", [](const Node&) -> UnaryFunction {
        // exp(-x) overflows to inf for x < -88: 1 / (1 + inf) = 0, the correct limit.
        return [](float x) { return 1.0f / (1.0f + std::exp(-x)); };
    });
}

} // namespace ql
