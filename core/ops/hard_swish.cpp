#include "core/ops/hard_swish.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/unary.h"

namespace ql {

OpDef makeHardSwishOp()
{
    return makeUnaryFloatOp("HardSwish", [](const Node&) -> UnaryFunction {
        // alpha = 1/6 as ONNX defines it (a multiply, not a divide, like the reference).
        const float alpha = 1.0f / 6.0f;
        return [alpha](float x) { return x * std::clamp(alpha * x + 0.5f, 0.0f, 1.0f); };
    });
}

} // namespace ql
