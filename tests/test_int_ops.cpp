// The integer op table's kernels against straightforward references written out here:
// the integer rounding divide (every mode, brute force), AveragePool / GlobalAveragePool on
// 16-bit codes over windows whose sums leave float's exact range, the lookup tables of the
// elementwise nonlinearities, the MatMul of two activations; plus the float-reason and
// coverage bookkeeping, and the int-only preset running no float arithmetic in integer layers.

#include <QtTest/QtTest>

#include <cmath>

#include "core/graph_passes.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"
#include "core/quant/int_op.h"
#include "core/quant/int_ops/int_lookup_op.h"
#include "test_model_builders.h"

using namespace ql;
using namespace ql::test;

namespace {

const std::string kResources = QL_RESOURCE_DIR;

// R(num / den) by brute force: the candidates floor and floor + 1, chosen by comparing the
// exact distances num − y·den (integers) as each mode's definition says.
int64_t bruteDivide(int64_t num, int64_t den, RoundingMode mode)
{
    int64_t lo = 0;
    while (lo * den > num)
        --lo;
    while ((lo + 1) * den <= num)
        ++lo;
    const int64_t below = num - lo * den;       // distance to lo, times den
    const int64_t above = (lo + 1) * den - num; // distance to lo + 1, times den
    switch (mode) {
    case RoundingMode::Floor: return lo;
    case RoundingMode::TowardZero: return num < 0 && below != 0 ? lo + 1 : lo;
    case RoundingMode::HalfEven:
        if (below != above)
            return below < above ? lo : lo + 1;
        return lo % 2 == 0 ? lo : lo + 1;
    case RoundingMode::HalfAway:
        if (below != above)
            return below < above ? lo : lo + 1;
        return num > 0 ? lo + 1 : lo;
    case RoundingMode::Stochastic: break;
    }
    return lo;
}

constexpr RoundingMode kDeterministic[] = {RoundingMode::HalfEven, RoundingMode::HalfAway,
                                           RoundingMode::TowardZero, RoundingMode::Floor};

// x [N, 1, 48, 48] → conv (1×1, w = 1: codes on the activation grid) → c;
// c → GlobalAveragePool → g;  c → AveragePool 40×40 stride 8 pad 4 count_include_pad → p
// (3×3 windows, each wholly inside the padded input: divisor 1600).
Model poolModel()
{
    Model m;
    m.path = "pool16";
    m.opset = 13;
    Graph& g = m.graph;
    g.inputs = {{"x", DType::Float32, {-1, 1, 48, 48}}};
    g.outputs = {{"g", DType::Float32, {-1, 1, 1, 1}}, {"p", DType::Float32, {-1, 1, 3, 3}}};
    g.initializers["w"] = Tensor::fromFloat({1, 1, 1, 1}, {1.0f});
    using I = std::vector<int64_t>;
    g.nodes = {
        makeNode("Conv", "conv", {"x", "w"}, {"c"}),
        makeNode("GlobalAveragePool", "gap", {"c"}, {"g"}),
        makeNode("AveragePool", "pool", {"c"}, {"p"},
                 {{"kernel_shape", I{40, 40}}, {"strides", I{8, 8}}, {"pads", I{4, 4, 4, 4}},
                  {"count_include_pad", int64_t(1)}}),
    };
    return finish(std::move(m));
}

} // namespace

class TestIntOps : public QObject
{
    Q_OBJECT

private slots:
    void roundingDivideMatchesBruteForce()
    {
        for (RoundingMode mode : kDeterministic)
            for (int64_t den = 1; den <= 12; ++den)
                for (int64_t num = -75; num <= 75; ++num)
                    QCOMPARE(roundingDivide(num, den, mode), bruteDivide(num, den, mode));
        // Ties at the boundaries of int64 sums a 16-bit window can reach.
        QCOMPARE(roundingDivide(5, 2, RoundingMode::HalfEven), int64_t(2));
        QCOMPARE(roundingDivide(-5, 2, RoundingMode::HalfEven), int64_t(-2));
        QCOMPARE(roundingDivide(-5, 2, RoundingMode::HalfAway), int64_t(-3));
        QCOMPARE(roundingDivide(-5, 2, RoundingMode::TowardZero), int64_t(-2));
        QCOMPARE(roundingDivide(-5, 2, RoundingMode::Floor), int64_t(-3));
        QCOMPARE(roundingDivide((int64_t(1) << 40) + 1, 2, RoundingMode::HalfEven), int64_t(1) << 39);
        // Stochastic: floor or floor + 1, up with probability r/den (seeded, so exact counts).
        Rng rng(7);
        int64_t up = 0;
        for (int i = 0; i < 4000; ++i) {
            const int64_t y = roundingDivide(-7, 4, RoundingMode::Stochastic, &rng); // −1.75
            QVERIFY(y == -2 || y == -1);
            up += y == -1;
        }
        QVERIFY2(up > 800 && up < 1200, qPrintable(QString::number(up))); // E = 1000
    }

    // spec §4 / issue 13 item 5: integer sum + rounding divide, 16-bit codes, |sum| > 2^24
    // (float32 holds integers exactly only up to 2^24), every deterministic rounding mode.
    void averagePoolIs16BitExactOverLargeWindows()
    {
        const Model model = poolModel();
        const Dataset data = randomData({3, 1, 48, 48}, 99, 0.2f, 1.0f);
        const CalibrationStats stats = calibrate(model, data, RunControl{}, 3);
        for (RoundingMode mode : kDeterministic) {
            QuantConfig cfg = presetConfig("int-only");
            cfg.defaults.activations.bits = 16;
            cfg.defaults.activations.rounding = mode;
            const QuantizedModel qm = buildQuantizedModel(model, cfg, stats);
            QCOMPARE(layerNamed(qm, "gap").kernelName(), std::string("average_pool"));
            QCOMPARE(layerNamed(qm, "pool").kernelName(), std::string("average_pool"));
            const auto dump = dumpByTensor(qm, data.images);
            const TensorDump& c = dump.at("c");
            const int64_t zero = c.params.zeroPoint[0];
            QCOMPARE(c.params.qmax, 65535);
            int64_t largest = 0;
            // GlobalAveragePool: one window of 48·48 taps per sample.
            for (int64_t n = 0; n < 3; ++n) {
                int64_t sum = 0;
                for (int64_t i = 0; i < 48 * 48; ++i)
                    sum += c.codes.q[n * 48 * 48 + i] - zero;
                largest = std::max(largest, std::abs(sum));
                const int64_t want = std::clamp<int64_t>(zero + bruteDivide(sum, 48 * 48, mode), 0, 65535);
                QCOMPARE(int64_t(dump.at("g").codes.q[n]), want);
            }
            // AveragePool: windows [oy·8 − 4, +40) clipped to the input; count_include_pad
            // divides by the taps inside the padded input [−4, 52).
            const TensorDump& p = dump.at("p");
            QCOMPARE(p.codes.shape, (Shape{3, 1, 3, 3}));
            for (int64_t n = 0; n < 3; ++n)
                for (int64_t oy = 0; oy < 3; ++oy)
                    for (int64_t ox = 0; ox < 3; ++ox) {
                        const int64_t y0 = oy * 8 - 4, x0 = ox * 8 - 4;
                        int64_t sum = 0;
                        for (int64_t y = std::max<int64_t>(y0, 0); y < std::min<int64_t>(y0 + 40, 48); ++y)
                            for (int64_t x = std::max<int64_t>(x0, 0); x < std::min<int64_t>(x0 + 40, 48); ++x)
                                sum += c.codes.q[(n * 48 + y) * 48 + x] - zero;
                        largest = std::max(largest, std::abs(sum));
                        const int64_t want = std::clamp<int64_t>(zero + bruteDivide(sum, 40 * 40, mode), 0, 65535);
                        QCOMPARE(int64_t(p.codes.q[(n * 3 + oy) * 3 + ox]), want);
                    }
            QVERIFY2(largest > (int64_t(1) << 24), qPrintable(QString::number(largest)));
        }
    }

    // Issue 13 item 5: under int-only no integer layer runs floating-point arithmetic (FP32
    // kernels or float requantization, counted by the runtime), on the demo CNN whose
    // GlobalAveragePools used to run the FP32 kernel. The counter can fail: w8a8 (float
    // requantization) counts in its Conv layers, and a float layer counts its FP32 kernels.
    void intOnlyRunsNoFloatArithmeticInIntegerLayers()
    {
        const Model cnn = loadOnnxModel(kResources + "/models/multiexit_cnn.onnx");
        const Dataset calib = loadImageFolder(kResources + "/data/calib", defaultPreprocess(cnn));
        const CalibrationStats stats = calibrate(cnn, calib);
        const std::string input = cnn.graph.inputs.front().name;
        auto floatCalls = [&](const QuantConfig& cfg) {
            const QuantizedModel qm = buildQuantizedModel(cnn, cfg, stats);
            const IntRuntime rt(qm);
            std::vector<int64_t> calls(qm.layers.size(), 0);
            TensorMap feeds;
            feeds[input] = calib.slice(0, 8);
            rt.runChain(feeds, 0, RunControl{}, -1,
                        [&](int i, const RtValues&, const RtLayerStats& s) {
                            calls[size_t(i)] = s.floatKernelCalls;
                        });
            return std::make_pair(qm.layers, calls);
        };
        QuantConfig intOnly = presetConfig("int-only");
        const std::string gapLayer = [&] {
            for (const Node& n : cnn.graph.nodes)
                if (n.opType == "GlobalAveragePool")
                    return n.name;
            return std::string();
        }();
        QVERIFY(!gapLayer.empty());
        const auto [layers, calls] = floatCalls(intOnly);
        int integer = 0, pools = 0;
        for (size_t i = 0; i < layers.size(); ++i)
            if (layers[i].runsInteger()) {
                ++integer;
                pools += layers[i].kernelName() == "average_pool";
                QVERIFY2(calls[i] == 0, layers[i].plan.name.c_str());
            }
        QVERIFY(integer > 10);
        int poolNodes = 0; // every (Global)AveragePool of the CNN runs the integer kernel
        for (const Node& n : cnn.graph.nodes)
            poolNodes += n.opType == "GlobalAveragePool" || n.opType == "AveragePool";
        QVERIFY(poolNodes >= 2);
        QCOMPARE(pools, poolNodes);

        const auto [w8Layers, w8Calls] = floatCalls(presetConfig("w8a8"));
        int64_t convCalls = 0;
        for (size_t i = 0; i < w8Layers.size(); ++i)
            convCalls += w8Layers[i].plan.opType == "Conv" ? w8Calls[i] : 0;
        QVERIFY(convCalls > 0);

        intOnly.layers[gapLayer].keepFloat = true;
        const auto [kept, keptCalls] = floatCalls(intOnly);
        for (size_t i = 0; i < kept.size(); ++i)
            if (kept[i].plan.name == gapLayer) {
                QCOMPARE(kept[i].floatReason, std::string("kept float by config"));
                QCOMPARE(keptCalls[i], int64_t(1));
            }
    }

    // spec §4: T[q] = clamp(Z_y + R(f(S_x(q − Z_x)) / S_y)) — against that formula per code
    // (bit-exact, 8 and 16 bits, every deterministic mode), and against float32 evaluation of
    // f as an FP32 kernel computes it: float32 rounding of x and f(x) can move a value across a
    // rounding boundary, so there ≤ 1 LSB and ≥ 99 % identical codes.
    void lookupTablesAreExactForCodes_data()
    {
        QTest::addColumn<QString>("op");
        for (const char* op : {"Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf"})
            QTest::newRow(op) << QString(op);
    }
    void lookupTablesAreExactForCodes()
    {
        QFETCH(QString, op);
        Node node = makeNode(op.toStdString(), "f", {"x"}, {"y"});
        if (op == "HardSigmoid") // PyTorch's export: α = 1/6, β = 1/2
            node.attrs["alpha"] = 1.0f / 6.0f;
        auto reference = [&](double x) -> double {
            if (op == "Sigmoid") return 1.0 / (1.0 + std::exp(-x));
            if (op == "Tanh") return std::tanh(x);
            if (op == "Erf") return std::erf(x);
            if (op == "HardSigmoid") return std::min(1.0, std::max(0.0, double(1.0f / 6.0f) * x + 0.5));
            return x * std::min(1.0, std::max(0.0, x / 6.0 + 0.5));
        };
        for (int bits : {8, 16}) {
            const int64_t qmax = (int64_t(1) << bits) - 1;
            const QuantParams in{{float(8.0 / double(qmax))}, {int32_t(qmax / 2)}, -1, 0, int32_t(qmax)};
            const QuantParams out{{float(2.5 / double(qmax))}, {int32_t(qmax / 3)}, -1, 0, int32_t(qmax)};
            for (RoundingMode mode : kDeterministic) {
                const std::vector<int32_t> table = buildLookupTable(node, in, out, mode);
                QCOMPARE(int64_t(table.size()), qmax + 1);
                int64_t same = 0;
                for (int64_t q = 0; q <= qmax; ++q) {
                    const double x = double(in.scale[0]) * double(q - in.zeroPoint[0]);
                    const double y = reference(x) / double(out.scale[0]);
                    const double r = mode == RoundingMode::HalfEven   ? std::nearbyint(y)
                                     : mode == RoundingMode::HalfAway ? std::round(y)
                                     : mode == RoundingMode::Floor    ? std::floor(y)
                                                                      : std::trunc(y);
                    const int32_t want = int32_t(std::clamp<double>(r + out.zeroPoint[0], 0, double(qmax)));
                    QCOMPARE(table[size_t(q)], want);
                    // float32 like an FP32 kernel: x and f(x) in float.
                    const float xf = in.scale[0] * float(q - in.zeroPoint[0]);
                    const float ff = float(reference(double(xf)));
                    const int32_t fcode = int32_t(std::clamp<float>(
                        std::nearbyint(ff / out.scale[0]) + float(out.zeroPoint[0]), 0.0f, float(qmax)));
                    if (mode == RoundingMode::HalfEven) {
                        QVERIFY(std::abs(fcode - table[size_t(q)]) <= 1);
                        same += fcode == table[size_t(q)];
                    }
                }
                if (mode == RoundingMode::HalfEven)
                    QVERIFY2(double(same) >= 0.99 * double(qmax + 1), qPrintable(QString::number(same)));
            }
        }
    }

    // spec §4 "MatMul of two activations": x → two 1×1 convs a, b [N, 2, 4, 4] → MatMul(a, b),
    // against the naive sum and the float requantization nearbyint(float(acc)·float(M)).
    void matmulOfTwoActivationsMatchesNaiveReference()
    {
        Rng rng(5);
        Model m;
        m.path = "attention";
        m.opset = 13;
        Graph& g = m.graph;
        g.inputs = {{"x", DType::Float32, {-1, 3, 4, 4}}};
        g.outputs = {{"y", DType::Float32, {-1, 2, 4, 4}}};
        g.initializers["wa"] = randomTensor({2, 3, 1, 1}, rng, -1.0f, 1.0f);
        g.initializers["wb"] = randomTensor({2, 3, 1, 1}, rng, -1.0f, 1.0f);
        g.nodes = {makeNode("Conv", "conv_a", {"x", "wa"}, {"a"}),
                   makeNode("Conv", "conv_b", {"x", "wb"}, {"b"}),
                   makeNode("MatMul", "qk", {"a", "b"}, {"y"})};
        m = finish(std::move(m));
        const Dataset data = randomData({5, 3, 4, 4}, 11, -1.0f, 1.0f);
        const QuantizedModel qm =
            buildQuantizedModel(m, presetConfig("w8a8"), calibrate(m, data, RunControl{}, 5));
        const QuantizedLayer& L = layerNamed(qm, "qk");
        QCOMPARE(L.kernelName(), std::string("matmul"));
        const ModelSize size = modelSize(qm);
        QCOMPARE(size.integerMacs, size.totalMacs);
        QCOMPARE(size.integerCoverage(), 100.0);
        const auto dump = dumpByTensor(qm, data.images);
        const TensorDump &a = dump.at("a"), &b = dump.at("b"), &y = dump.at("y");
        const QuantParams& out = L.outputParams;
        const float M = float(double(a.params.scale[0]) * b.params.scale[0] / out.scale[0]);
        for (int64_t bt = 0; bt < 10; ++bt)
            for (int64_t i = 0; i < 4; ++i)
                for (int64_t j = 0; j < 4; ++j) {
                    int64_t acc = 0;
                    for (int64_t k = 0; k < 4; ++k)
                        acc += (int64_t(a.codes.q[bt * 16 + i * 4 + k]) - a.params.zeroPoint[0]) *
                               (int64_t(b.codes.q[bt * 16 + k * 4 + j]) - b.params.zeroPoint[0]);
                    const int64_t want = std::clamp<int64_t>(
                        int64_t(std::nearbyint(float(acc) * M)) + out.zeroPoint[0], out.qmin, out.qmax);
                    QCOMPARE(int64_t(y.codes.q[bt * 16 + i * 4 + j]), want);
                }
    }

    // Issue 11 item 4: a Conv whose weight arrives through a node stays float, says why, and
    // the coverage and the warning show it.
    void floatLayersSayWhy()
    {
        Rng rng(3);
        Model m;
        m.path = "identity_weight";
        m.opset = 13;
        Graph& g = m.graph;
        g.inputs = {{"x", DType::Float32, {-1, 2, 6, 6}}};
        g.outputs = {{"probs", DType::Float32, {-1, 4}}};
        g.initializers["w1"] = randomTensor({4, 2, 3, 3}, rng, -1.0f, 1.0f);
        g.initializers["w2"] = randomTensor({4, 4, 3, 3}, rng, -1.0f, 1.0f);
        g.nodes = {makeNode("Conv", "conv1", {"x", "w1"}, {"c1"}),
                   makeNode("Identity", "dedup", {"w2"}, {"w2_copy"}),
                   makeNode("Conv", "conv2", {"c1", "w2_copy"}, {"c2"}),
                   makeNode("GlobalAveragePool", "gap", {"c2"}, {"g"}),
                   makeNode("Flatten", "flat", {"g"}, {"f"}),
                   makeNode("Softmax", "softmax", {"f"}, {"probs"})};
        m = finish(std::move(m));
        const Dataset data = randomData({4, 2, 6, 6}, 12, -1.0f, 1.0f);
        const QuantizedModel qm =
            buildQuantizedModel(m, presetConfig("w8a8"), calibrate(m, data, RunControl{}, 4));
        QCOMPARE(layerNamed(qm, "conv1").kernelName(), std::string("conv"));
        QCOMPARE(layerNamed(qm, "conv2").floatReason,
                 std::string("weight 'w2_copy' is computed at run time by node 'dedup' (Identity)"));
        QCOMPARE(layerNamed(qm, "gap").floatReason,
                 std::string("input 'c2' is float (produced by float node 'conv2'): op "
                             "GlobalAveragePool keeps its input's (S, Z)"));
        QCOMPARE(layerNamed(qm, "softmax").floatReason, std::string("op Softmax has no integer kernel"));
        QCOMPARE(layerNamed(qm, "dedup").floatReason, std::string("no activation input (constant)"));
        const ModelSize size = modelSize(qm);
        QCOMPARE(size.totalMacs, int64_t(4 * 2 * 9 * 16 + 4 * 4 * 9 * 4));
        QCOMPARE(size.integerMacs, int64_t(4 * 2 * 9 * 16));
        QVERIFY(size.integerCoverage() < ModelSize::kCoverageWarning);
        QCOMPARE(size.floatWeightBytes, int64_t(4 * 4 * 4 * 9));
        QVERIFY(QString::fromStdString(coverageWarning(size)).startsWith("only 66.7 % of MACs"));
        const EvaluationReport r = evaluateQuantized(qm, data);
        QCOMPARE(r.layers[2].kind, LayerKind::Float);
        QCOMPARE(r.layers[2].floatReason, layerNamed(qm, "conv2").floatReason);
        QCOMPARE(r.layers[0].kernel, std::string("conv"));
    }
};

QTEST_GUILESS_MAIN(TestIntOps)
#include "test_int_ops.moc"
