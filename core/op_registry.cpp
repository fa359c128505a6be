#include "core/op_registry.h"

#include <algorithm>
#include <map>

#include "core/ops/add.h"
#include "core/ops/average_pool.h"
#include "core/ops/batch_normalization.h"
#include "core/ops/cast.h"
#include "core/ops/clip.h"
#include "core/ops/concat.h"
#include "core/ops/constant_of_shape.h"
#include "core/ops/conv.h"
#include "core/ops/div.h"
#include "core/ops/dropout.h"
#include "core/ops/equal.h"
#include "core/ops/erf.h"
#include "core/ops/expand.h"
#include "core/ops/flatten.h"
#include "core/ops/gather.h"
#include "core/ops/gemm.h"
#include "core/ops/global_average_pool.h"
#include "core/ops/hard_sigmoid.h"
#include "core/ops/hard_swish.h"
#include "core/ops/identity.h"
#include "core/ops/layer_normalization.h"
#include "core/ops/matmul.h"
#include "core/ops/max_pool.h"
#include "core/ops/mul.h"
#include "core/ops/pad.h"
#include "core/ops/pow.h"
#include "core/ops/quantized_onnx.h"
#include "core/ops/reduce_mean.h"
#include "core/ops/relu.h"
#include "core/ops/reshape.h"
#include "core/ops/shape.h"
#include "core/ops/sigmoid.h"
#include "core/ops/slice.h"
#include "core/ops/softmax.h"
#include "core/ops/split.h"
#include "core/ops/sqrt.h"
#include "core/ops/squeeze.h"
#include "core/ops/sub.h"
#include "core/ops/tanh.h"
#include "core/ops/transpose.h"
#include "core/ops/unsqueeze.h"
#include "core/ops/where.h"

namespace ql {

namespace {

// One line per FP32 op; the ONNX quantized ops come from their own registration function.
std::vector<OpDef> buildTable()
{
    std::vector<OpDef> table;
    table.push_back(makeAddOp());
    table.push_back(makeAveragePoolOp());
    table.push_back(makeBatchNormalizationOp());
    table.push_back(makeCastOp());
    table.push_back(makeClipOp());
    table.push_back(makeConcatOp());
    table.push_back(makeConstantOfShapeOp());
    table.push_back(makeConvOp());
    table.push_back(makeDivOp());
    table.push_back(makeDropoutOp());
    table.push_back(makeEqualOp());
    table.push_back(makeErfOp());
    table.push_back(makeExpandOp());
    table.push_back(makeFlattenOp());
    table.push_back(makeGatherOp());
    table.push_back(makeGemmOp());
    table.push_back(makeGlobalAveragePoolOp());
    table.push_back(makeHardSigmoidOp());
    table.push_back(makeHardSwishOp());
    table.push_back(makeIdentityOp());
    table.push_back(makeLayerNormalizationOp());
    table.push_back(makeMatMulOp());
    table.push_back(makeMaxPoolOp());
    table.push_back(makeMulOp());
    table.push_back(makePadOp());
    table.push_back(makePowOp());
    table.push_back(makeReduceMeanOp());
    table.push_back(makeReluOp());
    table.push_back(makeReshapeOp());
    table.push_back(makeShapeOp());
    table.push_back(makeSigmoidOp());
    table.push_back(makeSliceOp());
    table.push_back(makeSoftmaxOp());
    table.push_back(makeSplitOp());
    table.push_back(makeSqrtOp());
    table.push_back(makeSqueezeOp());
    table.push_back(makeSubOp());
    table.push_back(makeTanhOp());
    table.push_back(makeTransposeOp());
    table.push_back(makeUnsqueezeOp());
    table.push_back(makeWhereOp());
    registerQuantizedOnnxOps(table);
    return table;
}

struct Registry
{
    std::vector<OpDef> table = buildTable();
    std::map<std::string, size_t> byType;

    Registry()
    {
        for (size_t i = 0; i < table.size(); ++i)
            byType.emplace(table[i].opType, i); // first registration of a type wins
    }
};

const Registry& registry()
{
    static const Registry instance; // built once, thread-safe (magic static)
    return instance;
}

} // namespace

const OpDef* findOp(const std::string& opType)
{
    const Registry& r = registry();
    auto it = r.byType.find(opType);
    return it == r.byType.end() ? nullptr : &r.table[it->second];
}

std::vector<std::string> supportedOps()
{
    std::vector<std::string> names;
    for (const auto& [name, index] : registry().byType)
        names.push_back(name);
    return names; // std::map keeps them sorted
}

std::string supportedOpsList()
{
    std::string out;
    for (const std::string& name : supportedOps())
        out += (out.empty() ? "" : ", ") + name;
    return out;
}

} // namespace ql
