#include "core/ops/add.h"

#include "core/ops/elementwise.h"

namespace ql {

OpDef makeAddOp()
{
    return makeBinaryArithmeticOp("Add", BinaryArithmetic::Add);
}

} // namespace ql
