#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Transpose: Y[i_perm[0], ..., i_perm[r-1]] = X[i_0, ..., i_{r-1}], i.e. output dim d is
// input dim perm[d]; perm defaults to the reversed dims. Any element type (data movement).
OpDef makeTransposeOp();

} // namespace ql
