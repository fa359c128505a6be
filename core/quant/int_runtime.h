#pragma once
// The integer executor of a QuantizedModel (spec §3–4): runs one planned layer at a time on
// integer codes, so that evaluation (propagated chain + local runs), the tensor dump and the
// element walk-through all share exactly the same arithmetic.
//
// Values. Every activation tensor of a run is an RtValue: float (graph inputs, outputs of
// Float layers, Int64 shape data) or integer codes with their (S, Z). A quantized layer that
// reads a float tensor quantizes it with the tensor's parameters (spec §1) — once, by its
// first quantized consumer; the codes are cached in the run's value map under
// quantizedName(tensor) and shared by later consumers.
//
// Stochastic rounding. Reproducible and independent of how a batch is split across threads:
// every random draw comes from an Rng seeded by (config seed, layer index, global sample
// index, stream), and the layer processes such samples one by one in element order. Streams:
// requantization of the layer's output, quantization of a float input, bias, weights.
//
// Dynamic observer (spec §2 "dynamic"). A tensor whose activation config says `dynamic` gets
// its (S, Z) at run time from the real values being quantized, over the rows handed to the
// layer: for a Conv/Gemm output from the real accumulators acc·S_x·S_w[o] (before
// requantizing; range narrowed by a fused ReLU/Clip), for Add from S_a(a−Z_a) + S_b(b−Z_b),
// for Concat from the union of its dequantized inputs, for a float tensor from its values.
// The evaluator, dump and explain hand such models ONE SAMPLE at a time (perSample()), so
// "per batch" means per sample and the result never depends on batch or thread layout.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/quant/engine.h"
#include "core/quant/int_conv.h"
#include "core/quant/int_conv_packed.h"

namespace ql {

struct RtValue
{
    Tensor data;        // Float32 (f), codes (dtype Int32, q) or any other dtype (shape data)
    bool codes = false;
    QuantParams params; // when codes: per tensor
};

using RtValues = std::map<std::string, RtValue>;

// Counters of one layer run.
struct RtLayerStats
{
    ClipStats clip;       // outputs clamped at activation_min/max (the unclamped code beyond)
    AccumulatorStats acc; // Conv / Gemm accumulators
    // Floating-point work done by the layer: FP32 kernel calls (float layers) and float
    // requantizations (float requantization mode). An integer layer under the int-only preset
    // must leave it at 0 (spec §3 "integer-only").
    int64_t floatKernelCalls = 0;
};

struct IntOpDef;
struct IntOpState;

// What the runtime prepares once per layer: covered nodes, the clamp, and the op's own state.
struct IntLayerPrep
{
    std::vector<const Node*> nodes; // covered nodes, in order
    FusedActivation activation;     // fused (Conv/Gemm/Add) or standalone (Relu/Clip)
    bool stochastic = false;        // activation rounding is stochastic
    bool dynamicOutput = false;     // output (S, Z) computed at run time
    PackedGemmWeights gemmWeights;  // Gemm: the weights packed once for intGemm
    PackedConvWeights convWeights;  // Conv: the weights packed once for intConv's GEMM paths
    std::shared_ptr<const IntOpState> state; // IntOpDef::prepare's result (may be null)
};

// An allocator whose resize() leaves new elements default-initialised (for int64_t:
// uninitialised) instead of zeroing them: the kernels write every accumulator, so zero-filling
// a few MB per layer call first was pure memory traffic.
template <typename T>
struct DefaultInitAllocator : std::allocator<T>
{
    template <typename U>
    struct rebind
    {
        using other = DefaultInitAllocator<U>;
    };
    using std::allocator<T>::allocator;
    template <typename U>
    void construct(U* p) noexcept
    {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

// The matrix stage of a Conv/Gemm layer for a set of rows: accumulators and the parameters the
// requantizer needs. Shared by the executor and explainElement.
struct MatmulStage
{
    std::vector<int64_t, DefaultInitAllocator<int64_t>> acc; // [outer, channels, inner]: exact,
                                                             // or wrapped under int32 mode
    Shape outShape;
    int64_t samples = 0;      // batch rows N
    int64_t outer = 0;        // N (Conv, Gemm) or N·leading dims (MatMul of rank > 2)
    int64_t channels = 0;     // O
    int64_t inner = 0;        // H·W (Conv) or 1
    QuantParams input;        // (S_x, Z_x)
    QuantParams output;       // (S_y, Z_y)
    std::vector<int32_t> bias;      // b_q[o]
    std::vector<double> multiplier; // M[o] = S_x·S_w[o]/S_y
    RequantParams requant;    // mode, multipliers, Z_y, activation limits, rounding (no rng)
    AccumulatorStats stats;
    ConvParams conv;          // Conv: the geometry intConv ran with
    bool requantized = false; // the output codes came from intConv's fused stage (acc empty)
};

// Rng seed for (seed, layer, sample, stream): SplitMix-style mixing, so that neighbouring
// indices give unrelated streams.
enum class RngStream : uint64_t { Requant = 1, Input = 2, Bias = 3, Weights = 4 };
uint64_t rngSeed(uint64_t seed, int64_t layer, int64_t sample, RngStream stream);

// Codes of a fused/standalone activation: [max(qmin, code(lo)), min(qmax, code(hi))], where
// code(v) = clamp(Z + R(v/S)); ReLU gives [max(qmin, Z), qmax].
void activationLimits(const FusedActivation& act, const QuantParams& out, RoundingMode rounding,
                      int32_t* activation_min, int32_t* activation_max);

// The clamp a quantized layer applies to its output codes: the plan's fused ReLU/Clip, or for a
// standalone Relu/Clip layer its own bounds (constant Clip inputs or opset-6 attributes).
FusedActivation layerClamp(const Graph& g, const QuantizedLayer& layer);

class IntRuntime
{
public:
    explicit IntRuntime(const QuantizedModel& qmodel);

    const QuantizedModel& qmodel() const { return m_qm; }
    const Model& model() const { return *m_qm.model; }
    // True when some tensor uses the dynamic observer: callers then run one sample at a time.
    bool perSample() const { return m_perSample; }

    // Runs layer `layer` reading its inputs from `values` (missing names: initializers) and
    // writes its outputs into `values`. firstSample = global index of row 0 (stochastic
    // seeding). Quantized float inputs are cached in `values` when cacheInputs is true.
    // A ql::Error from the kernels is rethrown naming the model file and the layer.
    void runLayer(int layer, RtValues& values, int64_t firstSample, RtLayerStats* stats,
                  bool cacheInputs = true) const;

    // The propagated chain: graph inputs from `feeds` (float), then layers [0, stopAfter]
    // (stopAfter < 0: all). `after` (optional) sees each layer's result; ctl.check() runs
    // between layers.
    RtValues runChain(const TensorMap& feeds, int64_t firstSample, const RunControl& ctl,
                      int stopAfter = -1,
                      const std::function<void(int, const RtValues&, const RtLayerStats&)>& after =
                          {}) const;

    // The codes of `tensor` as layer `consumer` reads them: the value itself when it carries
    // codes, else the cached quantized copy, else quantized now (into the cache when `cache`,
    // else into `scratch`).
    const RtValue& codesOf(const std::string& tensor, RtValues& values, int consumer,
                           int64_t firstSample, bool cache, RtValue& scratch) const;
    // Quantizes float values for `tensor` (static params, or dynamic from the values).
    RtValue quantizeFloat(const std::string& tensor, const Tensor& f, int consumer,
                          int64_t firstSample) const;
    // True when runLayer(layer) reads plan input `input` as codes, quantizing a float value with
    // quantizeFloat(tensor, value, layer, firstSample) (IntOpDef::codeInputs; float layers:
    // none).
    bool readsCodes(int layer, size_t input) const;
    static Tensor dequantize(const RtValue& v);
    const IntLayerPrep& prep(int layer) const { return m_prep.at(static_cast<size_t>(layer)); }
    // Output (S, Z) of a dynamic tensor from the real range its values span (narrowed by the
    // layer's clamp).
    QuantParams dynamicParams(int layer, double lo, double hi) const;
    // Runs one FP32 kernel for `node` (the only way the runtime reaches FP32 op code), counted
    // in stats->floatKernelCalls.
    void runFloatKernel(const Node& node, const std::vector<const Tensor*>& in,
                        std::vector<Tensor>& out, RtLayerStats* stats) const;
    static std::string quantizedName(const std::string& tensor) { return tensor + "#codes"; }

    // Conv/Gemm pieces (explainElement re-derives one element from these).
    // With `codes` a Conv may requantize inside intConv (its fused output stage: static output
    // params, deterministic rounding): then stage.requantized is set, *codes holds the output
    // codes, clip (optional) is updated and stage.acc stays empty.
    MatmulStage matmulStage(int layer, const RtValue& x, int64_t firstSample,
                            std::vector<int32_t>* codes = nullptr, ClipStats* clip = nullptr) const;
    // Requantizes stage.acc into out (per sample with its own Rng when stochastic).
    void requantizeStage(int layer, const MatmulStage& stage, int64_t firstSample, int32_t* out,
                         ClipStats* clip) const;
    // b_q[o] = R(B[o] / (S_x·S_w[o])) saturated to int32 (the prebuilt codes when S_x matches).
    std::vector<int32_t> biasCodes(int layer, const QuantParams& input, int64_t firstSample) const;

private:
    // A float layer: code inputs dequantized, every covered node's FP32 kernel.
    void runFloat(int layer, RtValues& values, RtLayerStats* stats) const;

    const QuantizedModel& m_qm;
    std::vector<IntLayerPrep> m_prep;
    bool m_perSample = false;
};

} // namespace ql
