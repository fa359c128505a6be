#include "core/ops/dropout.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

enum DropoutInput
{
    kData = 0,
    kRatio = 1,
    kTrainingMode = 2
};

// Opset 12+ switches training on with input 2; older opsets with is_test = 0 (opset 6) — but
// exporters wrote is_test-less nodes for inference too, so only the explicit input counts.
void rejectTraining(const Node& node, const Tensor* trainingMode)
{
    if (trainingMode && trainingMode->numel() == 1 && trainingMode->at(0) != 0.0)
        failNode(node, "training_mode = true is not supported (inference engine)");
}

} // namespace

OpDef makeDropoutOp()
{
    OpDef op;
    op.opType = "Dropout";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        rejectTraining(node, optionalInput(constIn, kTrainingMode));
        return {in[kData], in[kData]};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, kData, "data");
        rejectTraining(node, optionalInput(in, kTrainingMode));
        out[0] = x;
        if (out.size() > 1) {
            out[1] = Tensor::zeros(DType::Bool, x.shape);
            std::fill(out[1].q.begin(), out[1].q.end(), 1);
        }
    };
    return op;
}

} // namespace ql
