// The integer kernels added for real models (issue 11): Mul (squeeze-excite activation ×
// activation with broadcasting, activation × per-channel / scalar constant, Div by a constant),
// ReduceMean (integer sum + rounding divide), and Transpose / Split / Expand / Slice / Gather /
// Pad moving codes (Pad's border: Z, the code of 0).
// Each against a hand-computed case or a naive reference written out here, on seeded random
// data, including an empty batch.

#include <QtTest/QtTest>

#include <cmath>

#include "core/quant/int_gemm.h"
#include "core/quant/int_runtime.h"
#include "test_model_builders.h"

using namespace ql;
using namespace ql::test;

namespace {

constexpr RoundingMode kDeterministic[] = {RoundingMode::HalfEven, RoundingMode::HalfAway,
                                           RoundingMode::TowardZero, RoundingMode::Floor};

double roundAs(double v, RoundingMode mode)
{
    switch (mode) {
    case RoundingMode::HalfEven: return std::nearbyint(v);
    case RoundingMode::HalfAway: return std::round(v);
    case RoundingMode::TowardZero: return std::trunc(v);
    case RoundingMode::Floor: return std::floor(v);
    case RoundingMode::Stochastic: break;
    }
    return std::nearbyint(v);
}

// R(num / den) from the definition, through long double (exact here: |num| < 2^40).
int64_t divideAs(int64_t num, int64_t den, RoundingMode mode)
{
    const long double q = static_cast<long double>(num) / static_cast<long double>(den);
    switch (mode) {
    case RoundingMode::HalfEven: return static_cast<int64_t>(std::nearbyint(q));
    case RoundingMode::HalfAway: return static_cast<int64_t>(std::round(q));
    case RoundingMode::TowardZero: return static_cast<int64_t>(std::trunc(q));
    case RoundingMode::Floor: return static_cast<int64_t>(std::floor(q));
    case RoundingMode::Stochastic: break;
    }
    return 0;
}

// The reference requantizer: clamp(Z_y + R(float(acc)·float(M))) (float mode) or the
// fixed-point multiplier through requantize() on one element (fixed-point mode, tested
// against gemmlowp in test_quant_fixed_point); acc carries the sign.
int64_t requantRef(int64_t acc, double M, const QuantParams& out, RequantMode mode,
                   RoundingMode rounding)
{
    if (mode == RequantMode::Float) {
        const double r = roundAs(double(float(acc) * float(M)), rounding);
        return std::clamp<int64_t>(int64_t(r) + out.zeroPoint[0], out.qmin, out.qmax);
    }
    RequantParams rp;
    rp.mode = mode;
    rp.setMultipliers({M});
    rp.outputZeroPoint = out.zeroPoint[0];
    rp.activationMin = out.qmin;
    rp.activationMax = out.qmax;
    rp.rounding = rounding;
    int32_t y = 0;
    requantize(rp, &acc, 1, 1, 1, &y);
    return y;
}

// x [N, 4, 5, 5] → 1×1 conv c (negative values, Z ≠ 0);  c → GlobalAveragePool → conv → Sigmoid
// s [N, 4, 1, 1];  se = c · s (squeeze-excite, broadcast over H, W);  ls = c · k[4, 1, 1]
// (layer scale with negative entries);  dv = c / 3;  r = ReduceMean(c, [2, 3]);
// rl = ReduceMean(c, [-1], keepdims 0);  t = Transpose(c, [0, 2, 3, 1]);
// Split(c, axis 1, [1, 3]) → p0, p1;  e = Expand(s, [1, 4, 5, 5]);  sl = c[:, 1:3];
// ga = Gather(c, −2, axis 1) = c[:, 2];  pd = Pad(c) by 1 row and 2 columns on each side.
Model dataOpsModel()
{
    Rng rng(41);
    Model m;
    m.path = "data_ops";
    m.opset = 13;
    Graph& g = m.graph;
    g.inputs = {{"x", DType::Float32, {-1, 4, 5, 5}}};
    g.outputs = {{"se", DType::Float32, {-1, 4, 5, 5}}, {"ls", DType::Float32, {-1, 4, 5, 5}},
                 {"dv", DType::Float32, {-1, 4, 5, 5}}, {"r", DType::Float32, {-1, 4, 1, 1}},
                 {"rl", DType::Float32, {-1, 4, 5}},    {"t", DType::Float32, {-1, 5, 5, 4}},
                 {"p0", DType::Float32, {-1, 1, 5, 5}}, {"p1", DType::Float32, {-1, 3, 5, 5}},
                 {"e", DType::Float32, {-1, 4, 5, 5}},  {"sl", DType::Float32, {-1, 2, 5, 5}},
                 {"ga", DType::Float32, {-1, 5, 5}},    {"pd", DType::Float32, {-1, 4, 7, 9}}};
    g.initializers["w"] = randomTensor({4, 4, 1, 1}, rng, -1.0f, 1.0f);
    g.initializers["ws"] = randomTensor({4, 4, 1, 1}, rng, -1.0f, 1.0f);
    g.initializers["k"] = Tensor::fromFloat({4, 1, 1}, {0.5f, -0.25f, 1.5f, -2.0f});
    g.initializers["three"] = Tensor::fromFloat({}, {3.0f});
    g.initializers["sizes"] = Tensor::fromInt64({2}, {1, 3});
    g.initializers["target"] = Tensor::fromInt64({4}, {1, 4, 5, 5});
    g.initializers["starts"] = Tensor::fromInt64({1}, {1});
    g.initializers["ends"] = Tensor::fromInt64({1}, {3});
    g.initializers["axes"] = Tensor::fromInt64({1}, {1});
    g.initializers["index"] = Tensor::fromInt64({}, {-2});
    g.initializers["pads"] = Tensor::fromInt64({8}, {0, 0, 1, 2, 0, 0, 1, 2});
    using I = std::vector<int64_t>;
    g.nodes = {
        makeNode("Conv", "conv", {"x", "w"}, {"c"}),
        makeNode("GlobalAveragePool", "gap", {"c"}, {"g"}),
        makeNode("Conv", "squeeze", {"g", "ws"}, {"z"}),
        makeNode("Sigmoid", "gate", {"z"}, {"s"}),
        makeNode("Mul", "se_mul", {"c", "s"}, {"se"}),
        makeNode("Mul", "scale_mul", {"k", "c"}, {"ls"}),
        makeNode("Div", "div", {"c", "three"}, {"dv"}),
        makeNode("ReduceMean", "mean_hw", {"c"}, {"r"}, {{"axes", I{2, 3}}}),
        makeNode("ReduceMean", "mean_w", {"c"}, {"rl"}, {{"axes", I{-1}}, {"keepdims", int64_t(0)}}),
        makeNode("Transpose", "nhwc", {"c"}, {"t"}, {{"perm", I{0, 2, 3, 1}}}),
        makeNode("Split", "split", {"c", "sizes"}, {"p0", "p1"}, {{"axis", int64_t(1)}}),
        makeNode("Expand", "expand", {"s", "target"}, {"e"}),
        makeNode("Slice", "slice", {"c", "starts", "ends", "axes"}, {"sl"}),
        makeNode("Gather", "gather", {"c", "index"}, {"ga"}, {{"axis", int64_t(1)}}),
        makeNode("Pad", "pad", {"c", "pads"}, {"pd"}),
    };
    return finish(std::move(m));
}

const Tensor& codesOf(const std::map<std::string, TensorDump>& dump, const std::string& t)
{
    return dump.at(t).codes;
}

} // namespace

class TestIntOpsData : public QObject
{
    Q_OBJECT

private:
    const Model m_model = dataOpsModel();
    const Dataset m_data = randomData({6, 4, 5, 5}, 17, -1.0f, 1.0f);
    const CalibrationStats m_stats = calibrate(m_model, m_data, RunControl{}, 6);

    QuantizedModel build(int bits, RequantMode requant, RoundingMode rounding) const
    {
        QuantConfig cfg = presetConfig("w8a8");
        cfg.defaults.activations.bits = bits;
        cfg.defaults.activations.rounding = rounding;
        cfg.defaults.requantization = requant;
        return buildQuantizedModel(m_model, cfg, m_stats);
    }

private slots:
    // Every new op runs its integer kernel on this model, and its outputs carry codes.
    void everyNewOpRunsInteger()
    {
        const QuantizedModel qm = build(8, RequantMode::Float, RoundingMode::HalfEven);
        const std::map<std::string, std::string> kernels = {
            {"se_mul", "mul"},          {"scale_mul", "mul"}, {"div", "mul"},
            {"mean_hw", "reduce_mean"}, {"mean_w", "reduce_mean"}, {"nhwc", "transpose"},
            {"split", "split"},         {"expand", "expand"},      {"slice", "slice"},
            {"gather", "gather"},       {"pad", "pad"}};
        for (const auto& [layer, kernel] : kernels)
            QVERIFY2(layerNamed(qm, layer).kernelName() == kernel,
                     qPrintable(QString::fromStdString(layer + ": " + layerNamed(qm, layer).floatReason)));
        QCOMPARE(modelSize(qm).integerCoverage(), 100.0);
    }

    // Hand-computed: x = [0, 0.37, 1.00, 2.55] (calibrated to S = 0.01, Z = 0) times the
    // per-channel constant [2, −0.5]: the output spans [−1.275, 5.1], S_y = 0.025, Z_y = 51;
    // M = [0.8, 0.2]. Channel 0: 37·0.8 = 29.6 → 30 → 81;  100·0.8 = 80 → 131;
    // channel 1: −(37·0.2) = −7.4 → −7 → 44;  −(255·0.2) = −51 → 0.
    void mulByConstantHandComputed()
    {
        Model m;
        m.path = "mul_const";
        m.opset = 13;
        m.graph.inputs = {{"x", DType::Float32, {-1, 2, 1, 2}}};
        m.graph.outputs = {{"y", DType::Float32, {-1, 2, 1, 2}}};
        m.graph.initializers["k"] = Tensor::fromFloat({1, 2, 1, 1}, {2.0f, -0.5f});
        m.graph.nodes = {makeNode("Mul", "mul", {"x", "k"}, {"y"})};
        m = finish(std::move(m));
        const Dataset data = datasetOf(Tensor::fromFloat({1, 2, 1, 2}, {0.37f, 1.0f, 0.37f, 2.55f}));
        const Dataset calib = datasetOf(Tensor::fromFloat({1, 2, 1, 2}, {0.0f, 2.55f, 0.0f, 2.55f}));
        const QuantizedModel qm =
            buildQuantizedModel(m, presetConfig("w8a8"), calibrate(m, calib, RunControl{}, 1));
        const QuantizedLayer& L = layerNamed(qm, "mul");
        QCOMPARE(L.kernelName(), std::string("mul"));
        QCOMPARE(L.inputParams[0].zeroPoint[0], 0);
        QVERIFY(std::abs(L.inputParams[0].scale[0] - 0.01f) < 1e-8f);
        QCOMPARE(L.outputParams.zeroPoint[0], 51);
        QVERIFY(std::abs(L.outputParams.scale[0] - 0.025f) < 1e-8f);
        const auto dump = dumpByTensor(qm, data.images);
        QCOMPARE(codesOf(dump, "x").q, (std::vector<int32_t>{37, 100, 37, 255}));
        QCOMPARE(codesOf(dump, "y").q, (std::vector<int32_t>{81, 131, 44, 0}));
    }

    // Seeded random data, every deterministic rounding mode, float and fixed-point
    // requantization, 8- and 16-bit activations: the Mul/Div outputs against the naive
    // broadcast loops and the reference requantizer, bit-exact.
    void mulMatchesNaiveReference()
    {
        const float k[4] = {0.5f, -0.25f, 1.5f, -2.0f};
        for (int bits : {8, 16})
            for (RequantMode requant : {RequantMode::Float, RequantMode::FixedPoint})
                for (RoundingMode mode : kDeterministic) {
                    const QuantizedModel qm = build(bits, requant, mode);
                    const auto dump = dumpByTensor(qm, m_data.images);
                    const TensorDump &c = dump.at("c"), &s = dump.at("s");
                    const int64_t zc = c.params.zeroPoint[0], zs = s.params.zeroPoint[0];
                    const double sc = c.params.scale[0], ss = s.params.scale[0];
                    const QuantParams& se = layerNamed(qm, "se_mul").outputParams;
                    const QuantParams& ls = layerNamed(qm, "scale_mul").outputParams;
                    const QuantParams& dv = layerNamed(qm, "div").outputParams;
                    QVERIFY(zc != 0);
                    for (int64_t n = 0; n < 6; ++n)
                        for (int64_t ch = 0; ch < 4; ++ch)
                            for (int64_t i = 0; i < 25; ++i) {
                                const int64_t at = (n * 4 + ch) * 25 + i;
                                const int64_t xc = c.codes.q[at] - zc;
                                const int64_t gate = s.codes.q[n * 4 + ch] - zs;
                                QCOMPARE(int64_t(dump.at("se").codes.q[at]),
                                         requantRef(xc * gate, sc * ss / se.scale[0], se, requant, mode));
                                const int64_t sign = k[ch] < 0 ? -1 : 1;
                                QCOMPARE(int64_t(dump.at("ls").codes.q[at]),
                                         requantRef(sign * xc, std::abs(double(k[ch])) * sc / ls.scale[0],
                                                    ls, requant, mode));
                                QCOMPARE(int64_t(dump.at("dv").codes.q[at]),
                                         requantRef(xc, (1.0 / 3.0) * sc / dv.scale[0], dv, requant, mode));
                            }
                }
    }

    // ReduceMean: Σ(q − Z) over the axes, divided with rounding, every deterministic mode; at
    // 16 bits the sums pass float32's exact range only with far larger windows (see
    // averagePoolIs16BitExactOverLargeWindows), here the point is the index arithmetic.
    void reduceMeanMatchesNaiveReference()
    {
        for (int bits : {8, 16})
            for (RoundingMode mode : kDeterministic) {
                const QuantizedModel qm = build(bits, RequantMode::Float, mode);
                const auto dump = dumpByTensor(qm, m_data.images);
                const TensorDump& c = dump.at("c");
                const int64_t z = c.params.zeroPoint[0];
                QVERIFY(dump.at("r").params == c.params);
                QCOMPARE(dump.at("r").codes.shape, (Shape{6, 4, 1, 1}));
                QCOMPARE(dump.at("rl").codes.shape, (Shape{6, 4, 5}));
                auto clamp = [&](int64_t v) { return std::clamp<int64_t>(v, c.params.qmin, c.params.qmax); };
                for (int64_t nc = 0; nc < 24; ++nc) {
                    int64_t sum = 0;
                    for (int64_t i = 0; i < 25; ++i)
                        sum += c.codes.q[nc * 25 + i] - z;
                    QCOMPARE(int64_t(dump.at("r").codes.q[nc]), clamp(z + divideAs(sum, 25, mode)));
                    for (int64_t h = 0; h < 5; ++h) {
                        int64_t row = 0;
                        for (int64_t w = 0; w < 5; ++w)
                            row += c.codes.q[nc * 25 + h * 5 + w] - z;
                        QCOMPARE(int64_t(dump.at("rl").codes.q[nc * 5 + h]), clamp(z + divideAs(row, 5, mode)));
                    }
                }
            }
    }

    // Transpose, Split, Expand, Slice, Gather and Pad: the same codes, moved, with the input's (S, Z) (on the run's
    // values: the tensor dump holds one output per layer, Split has two).
    void transposeSplitExpandMoveCodes()
    {
        const QuantizedModel qm = build(8, RequantMode::Float, RoundingMode::HalfEven);
        const IntRuntime rt(qm);
        TensorMap feeds;
        feeds["x"] = m_data.images;
        const RtValues v = rt.runChain(feeds, 0, RunControl{});
        const RtValue &c = v.at("c"), &s = v.at("s");
        for (const char* t : {"t", "p0", "p1", "sl", "ga", "pd"})
            QVERIFY2(v.at(t).codes && v.at(t).params == c.params, t);
        QCOMPARE(v.at("sl").data.shape, (Shape{6, 2, 5, 5}));
        QCOMPARE(v.at("ga").data.shape, (Shape{6, 5, 5}));
        QCOMPARE(v.at("pd").data.shape, (Shape{6, 4, 7, 9}));
        // Pad: the border holds Z (the code of 0), the interior the input's codes.
        for (int64_t nc = 0; nc < 24; ++nc)
            for (int64_t y = 0; y < 7; ++y)
                for (int64_t x = 0; x < 9; ++x) {
                    const bool inside = y >= 1 && y < 6 && x >= 2 && x < 7;
                    const int32_t want = inside ? c.data.q[nc * 25 + (y - 1) * 5 + (x - 2)]
                                                : c.params.zeroPoint[0];
                    QCOMPARE(v.at("pd").data.q[(nc * 7 + y) * 9 + x], want);
                }
        QVERIFY(v.at("e").codes && v.at("e").params == s.params);
        QVERIFY(qm.tensorParams.at("p1") == c.params);
        QCOMPARE(v.at("t").data.shape, (Shape{6, 5, 5, 4}));
        QCOMPARE(v.at("p0").data.shape, (Shape{6, 1, 5, 5}));
        QCOMPARE(v.at("p1").data.shape, (Shape{6, 3, 5, 5}));
        QCOMPARE(v.at("e").data.shape, (Shape{6, 4, 5, 5}));
        for (int64_t n = 0; n < 6; ++n)
            for (int64_t ch = 0; ch < 4; ++ch)
                for (int64_t i = 0; i < 25; ++i) {
                    const int32_t q = c.data.q[(n * 4 + ch) * 25 + i];
                    QCOMPARE(v.at("t").data.q[(n * 25 + i) * 4 + ch], q);
                    if (ch == 0)
                        QCOMPARE(v.at("p0").data.q[n * 25 + i], q);
                    else
                        QCOMPARE(v.at("p1").data.q[(n * 3 + ch - 1) * 25 + i], q);
                    QCOMPARE(v.at("e").data.q[(n * 4 + ch) * 25 + i], s.data.q[n * 4 + ch]);
                    if (ch == 1 || ch == 2)
                        QCOMPARE(v.at("sl").data.q[(n * 2 + ch - 1) * 25 + i], q);
                    if (ch == 2)
                        QCOMPARE(v.at("ga").data.q[n * 25 + i], q);
                }
        // The dump (quantlens-cli evaluate --dump) holds both of Split's outputs.
        std::map<std::string, TensorDump> dump;
        for (TensorDump& d : dumpQuantizedTensors(qm, m_data.images))
            dump[d.tensor] = std::move(d);
        for (const char* t : {"p0", "p1"})
            QCOMPARE(codesOf(dump, t).q, v.at(t).data.q);
    }

    // An empty batch runs through every new kernel and gives empty outputs of the right shape.
    void emptyBatch()
    {
        const QuantizedModel qm = build(8, RequantMode::FixedPoint, RoundingMode::HalfEven);
        const IntRuntime rt(qm);
        TensorMap feeds;
        feeds["x"] = Tensor::fromFloat({0, 4, 5, 5}, {});
        const RtValues values = rt.runChain(feeds, 0, RunControl{});
        for (const char* t : {"se", "ls", "dv", "r", "rl", "t", "p0", "p1", "e", "sl", "ga", "pd"}) {
            const RtValue& v = values.at(t);
            QVERIFY2(v.codes, t);
            QCOMPARE(v.data.numel(), int64_t(0));
            QCOMPARE(v.data.shape.at(0), int64_t(0));
        }
        QCOMPARE(values.at("t").data.shape, (Shape{0, 5, 5, 4}));
        QCOMPARE(values.at("rl").data.shape, (Shape{0, 4, 5}));
    }

    // What stays float says why: a Transpose that moves the batch, a Mul by a constant that
    // varies along two axes, Div of two activations, ReduceMean over the batch.
    void refusalsSayWhy()
    {
        Rng rng(8);
        Model m;
        m.path = "refusals";
        m.opset = 13;
        Graph& g = m.graph;
        g.inputs = {{"x", DType::Float32, {-1, 2, 3, 3}}};
        g.outputs = {{"t", DType::Float32, {2, -1, 3, 3}}, {"k2", DType::Float32, {-1, 2, 3, 3}},
                     {"d", DType::Float32, {-1, 2, 3, 3}}, {"rb", DType::Float32, {1, 2, 3, 3}}};
        g.initializers["w"] = randomTensor({2, 2, 1, 1}, rng, -1.0f, 1.0f);
        g.initializers["k"] = randomTensor({2, 3, 1}, rng, -1.0f, 1.0f);
        using I = std::vector<int64_t>;
        g.nodes = {makeNode("Conv", "conv", {"x", "w"}, {"c"}),
                   makeNode("Transpose", "swap", {"c"}, {"t"}, {{"perm", I{1, 0, 2, 3}}}),
                   makeNode("Mul", "mul2d", {"c", "k"}, {"k2"}),
                   makeNode("Div", "div", {"c", "c"}, {"d"}),
                   makeNode("ReduceMean", "batch_mean", {"c"}, {"rb"}, {{"axes", I{0}}})};
        m = finish(std::move(m));
        const Dataset data = randomData({3, 2, 3, 3}, 9, -1.0f, 1.0f);
        const QuantizedModel qm =
            buildQuantizedModel(m, presetConfig("w8a8"), calibrate(m, data, RunControl{}, 3));
        QCOMPARE(layerNamed(qm, "swap").floatReason,
                 std::string("op Transpose moves the batch axis (1x2x3x3 -> 2x1x3x3)"));
        QCOMPARE(layerNamed(qm, "mul2d").floatReason,
                 std::string("op Mul by a constant of shape 2x3x1 that varies along more than one "
                             "axis has no integer kernel"));
        QCOMPARE(layerNamed(qm, "div").floatReason, std::string("Div of two activations has no integer kernel"));
        QCOMPARE(layerNamed(qm, "batch_mean").floatReason,
                 std::string("ReduceMean over the batch axis of 1x2x3x3"));
    }
};

QTEST_GUILESS_MAIN(TestIntOpsData)
#include "test_int_ops_data.moc"
