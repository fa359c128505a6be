#include "core/ops/hard_sigmoid.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/unary.h"

namespace ql {

OpDef makeHardSigmoidOp()
{
    return makeUnaryFloatOp("HardSigmoid", [](const Node& node) -> UnaryFunction {
        const float alpha = node.attrFloat("alpha", 0.2f);
        const float beta = node.attrFloat("beta", 0.5f);
        return [alpha, beta](float x) { return std::clamp(alpha * x + beta, 0.0f, 1.0f); };
    });
}

} // namespace ql
