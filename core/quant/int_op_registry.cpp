// The integer op table (int_op.h): one line per integer kernel.

#include <map>
#include <set>

#include "core/quant/int_op.h"
#include "core/quant/int_ops/int_add_op.h"
#include "core/quant/int_ops/int_average_pool_op.h"
#include "core/quant/int_ops/int_clamp_op.h"
#include "core/quant/int_ops/int_concat_op.h"
#include "core/quant/int_ops/int_conv_op.h"
#include "core/quant/int_ops/int_expand_op.h"
#include "core/quant/int_ops/int_gather_op.h"
#include "core/quant/int_ops/int_gemm_op.h"
#include "core/quant/int_ops/int_lookup_op.h"
#include "core/quant/int_ops/int_matmul_op.h"
#include "core/quant/int_ops/int_max_pool_op.h"
#include "core/quant/int_ops/int_mul_op.h"
#include "core/quant/int_ops/int_pad_op.h"
#include "core/quant/int_ops/int_reduce_mean_op.h"
#include "core/quant/int_ops/int_reshape_op.h"
#include "core/quant/int_ops/int_slice_op.h"
#include "core/quant/int_ops/int_split_op.h"
#include "core/quant/int_ops/int_transpose_op.h"

namespace ql {

namespace {

// Registration order is the order candidates for one op type are tried in.
std::vector<IntOpDef> buildTable()
{
    std::vector<IntOpDef> table;
    table.push_back(makeIntConvOp());
    table.push_back(makeIntGemmOp());
    table.push_back(makeIntMatMulOp()); // after gemm: MatMul with constant weights is a Gemm
    table.push_back(makeIntAddOp());
    table.push_back(makeIntConcatOp());
    table.push_back(makeIntMaxPoolOp());
    table.push_back(makeIntAveragePoolOp());
    table.push_back(makeIntClampOp());
    table.push_back(makeIntReshapeOp());
    table.push_back(makeIntLookupOp());
    table.push_back(makeIntMulOp());
    table.push_back(makeIntReduceMeanOp());
    table.push_back(makeIntTransposeOp());
    table.push_back(makeIntSplitOp());
    table.push_back(makeIntExpandOp());
    table.push_back(makeIntSliceOp());
    table.push_back(makeIntGatherOp());
    table.push_back(makeIntPadOp());
    return table;
}

struct Registry
{
    std::vector<IntOpDef> table = buildTable();
    std::map<std::string, std::vector<const IntOpDef*>> byType;
    std::map<std::string, const IntOpDef*> byName;

    Registry()
    {
        for (const IntOpDef& op : table) {
            byName.emplace(op.name, &op);
            for (const std::string& type : op.opTypes)
                byType[type].push_back(&op);
        }
    }
};

const Registry& registry()
{
    static const Registry instance; // built once, thread-safe (magic static)
    return instance;
}

} // namespace

std::vector<const IntOpDef*> intOpsFor(const std::string& opType)
{
    const Registry& r = registry();
    const auto it = r.byType.find(opType);
    return it == r.byType.end() ? std::vector<const IntOpDef*>{} : it->second;
}

const IntOpDef* findIntOp(const std::string& name)
{
    const Registry& r = registry();
    const auto it = r.byName.find(name);
    return it == r.byName.end() ? nullptr : it->second;
}

std::string integerOpsList()
{
    std::string list;
    for (const auto& [type, ops] : registry().byType) // std::map: sorted
        list += (list.empty() ? "" : ", ") + type;
    return list;
}

} // namespace ql
