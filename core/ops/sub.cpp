#include "core/ops/sub.h"

#include "core/ops/elementwise.h"

namespace ql {

OpDef makeSubOp()
{
    return makeBinaryArithmeticOp("Sub", BinaryArithmetic::Sub);
}

} // namespace ql
