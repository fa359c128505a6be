#include "core/ops/mul.h"

#include "core/ops/elementwise.h"

namespace ql {

OpDef makeMulOp()
{
    return makeBinaryArithmeticOp("Mul", BinaryArithmetic::Mul);
}

} // namespace ql
