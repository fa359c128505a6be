#pragma once
// The integer engine's public API: calibrate, build the quantized model, evaluate it against
// FP32 (per-layer local/propagated error, drift, per-exit accuracy, exit policy, size), and
// explain one output element. Everything returned is a plain value struct that can cross
// threads (the GUI runs these in workers; the CLI prints and exports the same values).
//
// Pipeline (spec §2–6):
//   1. calibrate(): run FP32 over the calibration folder in fixed-size batches and feed one
//      histogram-keeping Observer per float tensor. Independent of the config (except the
//      moving-average constant), so the GUI calibrates once per (model, folder) and
//      re-evaluates on every edit.
//   2. buildQuantizedModel(): layer plan (fusion), resolved per-layer config, weights
//      quantized (per tensor / per channel), activation (S, Z) from the observers.
//   3. evaluateQuantized(): for each evaluation batch, FP32 reference with every intermediate,
//      the propagated integer chain, and the local run of every layer on quantized FP32
//      inputs; errors accumulated per layer; exits compared.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/executor.h"
#include "core/fp32_eval.h"
#include "core/quant/error_stats.h"
#include "core/quant/layer_plan.h"
#include "core/quant/observers.h"
#include "core/quant/quant_config.h"
#include "core/quant/reference_cache.h"

namespace ql {

// ---- 1. Calibration -------------------------------------------------------------------------

struct CalibrationStats
{
    std::map<std::string, Observer> observers; // every float tensor (graph inputs, node outputs)
    int64_t samples = 0;
    int batchSize = 32; // moving-average observers depend on it (PyTorch semantics: per batch)

    // The clipping range that `cfg.observer` proposes for `tensor` (dynamic: the calibration
    // min/max, replaced per batch at run time). Throws ql::Error for an unknown tensor.
    std::pair<float, float> range(const std::string& tensor, const TensorQuantConfig& cfg) const;
};

CalibrationStats calibrate(const Model& model, const Dataset& calib, const RunControl& ctl = {},
                           int batchSize = 32);

// ---- 2. The quantized model -----------------------------------------------------------------

struct IntOpDef; // int_op.h: one integer kernel of the op table

// How a layer runs: integer arithmetic on codes (an IntOpDef of the op table) or FP32 behind
// an explicit dequantize boundary (its output is quantized again by the next integer layer).
enum class LayerKind { Integer, Float };
const char* layerKindName(LayerKind k); // "integer", "float"

struct QuantizedLayer
{
    PlannedLayer plan;
    ResolvedLayerConfig config;
    const IntOpDef* op = nullptr; // the integer kernel; null: the layer runs in float
    std::string floatReason;      // why it runs in float ("" when op is set)
    bool outputQuantized = false; // false: the output is float (dequantize boundary before)

    LayerKind kind() const { return op ? LayerKind::Integer : LayerKind::Float; }
    bool runsInteger() const { return op != nullptr; }
    bool isMatmul() const; // an integer Conv/Gemm/MatMul with quantized weights
    std::string kernelName() const; // the op table's name ("conv", "add", ...) or "float"

    // Weights (Conv / Gemm)
    QuantParams weightParams;
    std::vector<int32_t> weightCodes; // same layout as plan.weight
    ErrorStats weightError;           // of the dequantized weights vs the float weights

    // Output (S, Z) — for Passthrough/MaxPool/AveragePool/Relu/Clip the input's.
    QuantParams outputParams;
    int32_t activationMin = 0; // clamp of the output codes (fused ReLU/Clip, or qmin)
    int32_t activationMax = 0;

    // Parameters of the activation inputs (plan.inputs order) as this layer reads them
    // (empty entries for inputs a Float layer reads as float).
    std::vector<QuantParams> inputParams;
    std::vector<int32_t> biasCodes;  // Conv/Gemm: b_q[o] = R(B[o] / (S_x·S_w[o])), int32
    std::vector<double> multipliers; // Conv/Gemm: M[o] = S_x·S_w[o] / S_y (static params)
};

struct QuantizedModel
{
    const Model* model = nullptr; // not owned; must outlive this
    QuantConfig config;
    LayerPlan plan;
    std::vector<QuantizedLayer> layers;               // plan order
    std::map<std::string, QuantParams> tensorParams;  // every tensor that carries codes
    std::map<std::string, TensorQuantConfig> tensorConfig; // its activation config
};

// Throws ql::Error for a config that names a layer the plan does not have.
QuantizedModel buildQuantizedModel(const Model& model, const QuantConfig& config,
                                   const CalibrationStats& calib);

// ---- 3. Evaluation --------------------------------------------------------------------------

struct LayerReport
{
    std::string name;
    std::string opType;
    LayerKind kind = LayerKind::Float;
    std::string kernel;      // integer kernel name ("conv", "lookup", ...), "" for float
    std::string floatReason; // why the layer runs in float ("" when integer)
    int depth = 0;
    std::string output;   // tensor name
    std::vector<std::string> inputs; // activation input tensors (the graph's edges: trunk vs exit heads)
    Shape outputShape;    // batch 1
    int64_t macs = 0;
    int64_t params = 0;
    bool quantized = false;
    ResolvedLayerConfig config;
    std::vector<std::string> fusedNodes; // folded BN / fused activation node names
    QuantParams weightParams;
    QuantParams outputParams;
    ErrorStats weightError;
    ErrorStats local;       // fed with the FP32 reference input (quantized at the input)
    ErrorStats propagated;  // the whole integer chain from the model input
    int64_t accumulatorOverflows = 0; // propagated run
    bool int64Accumulator = false;
    // Propagated run: the output element with the largest |e| as an explainElement() index
    // (n = sample in the evaluation data, o[, y, x]); empty when not recorded. The GUI's
    // inspector jumps there when a histogram outlier is clicked.
    std::vector<int64_t> worstIndex;
};

struct ExitReport
{
    std::string output;
    int64_t macs = 0;       // per sample to reach this exit
    int64_t total = 0;
    double fp32Top1 = 0.0;  // % (labelled data; 0 when unlabelled)
    double quantTop1 = 0.0; // %
    double agreement = 0.0; // % of samples whose quantized top-1 equals FP32's
};

// Exit policy (spec §6): take the first exit whose max-softmax ≥ threshold (else the last).
struct ExitPolicyPoint
{
    double threshold = 0.0;
    double fp32Accuracy = 0.0;  // % (agreement with the last FP32 exit when unlabelled)
    double fp32AvgMacs = 0.0;
    double quantAccuracy = 0.0;
    double quantAvgMacs = 0.0;
    std::vector<double> quantExitShare; // share of samples leaving at each exit
};

struct ModelSize
{
    int64_t fp32Bytes = 0;       // float32 parameters
    int64_t quantizedBytes = 0;  // bits × params / 8 + int32 biases + scales and zero points
    int64_t totalMacs = 0;        // per sample, every layer
    int64_t integerMacs = 0;      // per sample, in layers that run in integer arithmetic
    int64_t floatWeightBytes = 0; // part of quantizedBytes: weights kept in FP32 (fallback)
    double fp32BitOps = 0.0;     // MACs × 32 × 32 per sample
    double quantizedBitOps = 0.0; // MACs × w_bits × a_bits (float layers 32 × 32)
    double compression() const { return quantizedBytes ? double(fp32Bytes) / quantizedBytes : 0; }
    // Integer coverage: % of the MACs that run in integer arithmetic (100 without MACs).
    double integerCoverage() const
    {
        return totalMacs > 0 ? 100.0 * double(integerMacs) / double(totalMacs) : 100.0;
    }
    // Below this coverage the views warn that the quantized size and error describe a model
    // that still runs mostly in float.
    static constexpr double kCoverageWarning = 95.0;
};

struct EvaluationReport
{
    std::string modelPath;
    int64_t samples = 0;
    bool labelled = false;
    std::vector<LayerReport> layers;  // plan order (= depth); the drift series is
                                      // layers[i].propagated.{meanError, sqnrDb} by depth
    std::vector<ExitReport> exits;    // by depth
    std::vector<ExitPolicyPoint> exitPolicy; // thresholds 0.50, 0.55, …, 1.00
    ModelSize size;
    int64_t totalOverflows = 0;
};

struct EvaluateOptions
{
    int batchSize = 100;
    bool computeLocal = true; // local error (one more integer pass)
    // FP32 references kept across calls for this model and this evaluation set (see
    // reference_cache.h); null: computed afresh.
    std::shared_ptr<ReferenceCache> references;
};

// Size and bit-operations of the quantized model vs FP32 (see ModelSize).
ModelSize modelSize(const QuantizedModel& qmodel);
// "" at or above ModelSize::kCoverageWarning; else one sentence for the views (CLI, summary)
// saying how much runs in float and that the quantized size is a fallback, not a result.
std::string coverageWarning(const ModelSize& size);

EvaluationReport evaluateQuantized(const QuantizedModel& qmodel, const Dataset& data,
                                   const RunControl& ctl = {}, const EvaluateOptions& opts = {});

// Integer codes and parameters of every quantized tensor for a batch (for --dump).
struct TensorDump
{
    std::string tensor;
    std::string layer;
    Tensor codes;       // integer codes (Tensor::q), batch first
    QuantParams params;
    Tensor dequantized; // S·(q − Z)
    Tensor fp32;        // the FP32 reference
    int64_t sample = -1; // −1: the whole batch; else this one sample (dynamic (S, Z) per sample)
};
std::vector<TensorDump> dumpQuantizedTensors(const QuantizedModel& qmodel, const Tensor& batch,
                                             const RunControl& ctl = {});

// ---- 4. Explain one output element (the seeds' walk-through, on a live model) ---------------

struct ExplainTerm
{
    int64_t k = 0;      // position in the dot product (im2col order for Conv)
    // Conv: the input channel (within the group) and the filter tap; −1 for Gemm.
    int64_t channel = -1, ky = -1, kx = -1;
    int32_t x = 0;      // input code
    int32_t w = 0;      // weight code
    int64_t product = 0; // (x − Z_x)·(w − Z_w)
};

struct RoundingAlternative
{
    std::string rounding; // mode name
    int32_t code = 0;
    double dequantized = 0.0;
};

struct ExplainResult
{
    std::string layer;
    std::string opType;
    std::vector<int64_t> index; // output element (n, o[, y, x])
    int64_t sample = 0;
    // inputs
    float inputScale = 0.0f;
    int32_t inputZeroPoint = 0;
    float weightScale = 0.0f;
    int32_t weightZeroPoint = 0;
    std::vector<ExplainTerm> terms; // all K terms
    int64_t sumProducts = 0;
    double biasReal = 0.0;
    int32_t biasCode = 0;
    int64_t accumulator = 0;
    bool accumulatorOverflowsInt32 = false;
    // requantization
    std::string requantization; // "float" / "fixed_point"
    std::string rounding;
    double multiplier = 0.0;    // M = S_x·S_w / S_y
    int32_t multiplierFixed = 0; // M0
    int shift = 0;              // M = M0 · 2^(shift − 31)
    double scaledAccumulator = 0.0; // acc · M before rounding
    int64_t rounded = 0;            // R(acc · M)
    int64_t withZeroPoint = 0;      // + Z_y
    int32_t activationMin = 0, activationMax = 0;
    int32_t outputCode = 0;         // after the clamp
    float outputScale = 0.0f;
    int32_t outputZeroPoint = 0;
    double dequantized = 0.0;       // S_y·(q − Z_y)
    double fp32 = 0.0;              // FP32 reference (fused output)
    std::vector<RoundingAlternative> alternatives; // same element under each rounding mode
    // The layer alone: the same element computed from the FP32 input of the layer, quantized
    // with the layer's input parameters (what the local error measures), instead of the
    // propagated chain's codes. Its error against fp32 is this layer's own share; the rest
    // of the chain error above comes from the layers upstream.
    int64_t aloneAccumulator = 0;
    int32_t aloneCode = 0;
    double aloneDequantized = 0.0;
};

// Explains element `index` of the layer's output for sample `sample` of `batch`, using the
// propagated integer chain's inputs. Conv/Gemm layers only; throws ql::Error otherwise or
// for an index outside the output shape.
ExplainResult explainElement(const QuantizedModel& qmodel, const Tensor& batch,
                             const std::string& layer, const std::vector<int64_t>& index,
                             const RunControl& ctl = {});

} // namespace ql
