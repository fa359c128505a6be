#include "core/ops/div.h"

#include "core/ops/elementwise.h"

namespace ql {

OpDef makeDivOp()
{
    return makeBinaryArithmeticOp("Div", BinaryArithmetic::Div);
}

} // namespace ql
