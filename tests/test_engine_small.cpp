// The integer engine on a tiny hand-built model, against a naive reference of the spec formulas
// (spec §1, §3, §4) written out here loop by loop: every layer's output codes must be equal.
//
// Model (input x [N, 2, 5, 5], values in [−1, 1] so that Z_x ≠ 0 and padding matters):
//   conv1 3×3 pad 1 + BN + ReLU  → r1      (folded BN, fused ReLU, padding with Z_x)
//   conv2 1×1                    → c2      (negative values)
//   add(r1, c2) + ReLU           → a1      (rescaled integer add)
//   concat(a1, c2, axis 1)       → cat     (inputs requantized to the output's (S, Z))
//   maxpool 2×2 s2 → relu → averagepool 2×2 → flatten → clip[−0.2, 0.25] → gemm → softmax

#include <QtTest/QtTest>

#include <cmath>
#include <limits>
#include <random>

#include "core/graph_passes.h"
#include "core/quant/engine.h"
#include "engine_small_reference.h"
#include "test_model_builders.h"

using namespace ql;
using namespace ql::test;

using namespace engine_small;

class TestEngineSmall : public QObject
{
    Q_OBJECT

    Model m_model = tinyModel();
    Dataset m_calib = randomData(64, 1);
    Dataset m_eval = randomData(40, 2);
    CalibrationStats m_stats;

    // Every layer of the tiny model against the naive reference (float or fixed-point).
    void checkAgainstReference(const QuantizedModel& qm, bool fixed)
    {
        const Tensor batch = m_eval.slice(0, 6);
        auto d = dumpByTensor(qm, batch);
        const TensorDump& x = d.at("x");
        expectEqualCodes(x.codes.q, referenceQuantize(batch, x.params), "input quantization");
        QVERIFY(x.params.zeroPoint[0] != 0); // so that padding with Z_x is visible

        const QuantizedLayer& conv1 = layerNamed(qm, "conv1");
        expectEqualCodes(conv1.biasCodes, referenceBias(conv1, x.params), "conv1 bias");
        expectEqualCodes(d.at("r1").codes.q, referenceConv(conv1, x, d.at("r1").params, 1, true, fixed, x.params.zeroPoint[0]), "conv1");
        const QuantizedLayer& conv2 = layerNamed(qm, "conv2");
        expectEqualCodes(d.at("c2").codes.q, referenceConv(conv2, d.at("r1"), d.at("c2").params, 0, false, fixed, 0), "conv2");
        expectEqualCodes(d.at("a1").codes.q, referenceAdd(d.at("r1"), d.at("c2"), d.at("a1").params, fixed), "add");

        // Concat: q' = Z_y + R((S_i/S_y)(q − Z_i)), blocks along the channel axis.
        const TensorDump& cat = d.at("cat");
        std::vector<int32_t> concat;
        for (int64_t n = 0; n < 6; ++n)
            for (const char* name : {"a1", "c2"}) {
                const TensorDump& in = d.at(name);
                const int64_t block = in.codes.numel() / 6;
                for (int64_t i = 0; i < block; ++i) {
                    const int64_t q = in.codes.q[n * block + i] - in.params.zeroPoint[0];
                    concat.push_back(clampCode(requant(q, double(in.params.scale[0]) / cat.params.scale[0], fixed) +
                                                   cat.params.zeroPoint[0], cat.params.qmin, cat.params.qmax));
                }
            }
        expectEqualCodes(cat.codes.q, concat, "concat");

        // MaxPool 2×2 stride 2 on codes (5×5 → 2×2), (S, Z) unchanged; ReLU max(Z, q).
        std::vector<int32_t> pooled, relu;
        for (int64_t p = 0; p < 6 * 8; ++p)
            for (int64_t oy = 0; oy < 2; ++oy)
                for (int64_t ox = 0; ox < 2; ++ox) {
                    int32_t m = INT32_MIN;
                    for (int64_t ky = 0; ky < 2; ++ky)
                        for (int64_t kx = 0; kx < 2; ++kx)
                            m = std::max(m, cat.codes.q[p * 25 + (2 * oy + ky) * 5 + 2 * ox + kx]);
                    pooled.push_back(m);
                    relu.push_back(std::max(m, cat.params.zeroPoint[0]));
                }
        expectEqualCodes(d.at("mp").codes.q, pooled, "maxpool");
        QCOMPARE(d.at("mp").params, cat.params);
        expectEqualCodes(d.at("mr").codes.q, relu, "relu");
        // AveragePool 2×2 over 2×2: Z + R(Σ(q − Z) / 4).
        std::vector<int32_t> avg;
        const int32_t z = cat.params.zeroPoint[0];
        for (int64_t p = 0; p < 6 * 8; ++p) {
            int64_t sum = 0;
            for (int64_t i = 0; i < 4; ++i)
                sum += relu[p * 4 + i] - z;
            avg.push_back(clampCode(int64_t(std::nearbyint(sum / 4.0)) + z, cat.params.qmin, cat.params.qmax));
        }
        expectEqualCodes(d.at("ap").codes.q, avg, "averagepool");
        expectEqualCodes(d.at("fl").codes.q, avg, "flatten");
        QCOMPARE(d.at("fl").codes.shape, (Shape{6, 8}));
        // Clip to the codes of [−0.2, 0.25].
        const QuantParams& cp = d.at("cl").params;
        const int64_t lo = std::max<int64_t>(cp.qmin, cp.zeroPoint[0] + int64_t(std::nearbyint(-0.2 / cp.scale[0])));
        const int64_t hi = std::min<int64_t>(cp.qmax, cp.zeroPoint[0] + int64_t(std::nearbyint(0.25 / cp.scale[0])));
        std::vector<int32_t> clipped;
        for (int32_t q : avg)
            clipped.push_back(clampCode(q, lo, hi));
        expectEqualCodes(d.at("cl").codes.q, clipped, "clip");
        expectEqualCodes(d.at("logits").codes.q, referenceGemm(layerNamed(qm, "gemm"), d.at("cl"), d.at("logits").params, fixed), "gemm");
        QVERIFY(!d.count("probs")); // Softmax is a float layer: no codes
    }

private slots:
    void initTestCase()
    {
        m_stats = calibrate(m_model, m_calib, RunControl{}, 16);
        QCOMPARE(m_stats.samples, int64_t(64));
    }

    void planAndKinds()
    {
        const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig("w8a8"), m_stats);
        QStringList kinds;
        for (const QuantizedLayer& L : qm.layers)
            kinds << QString::fromStdString(L.plan.name + ":" + L.kernelName());
        QCOMPARE(kinds.join(' '), QString("conv1:conv conv2:conv add:add concat:concat maxpool:max_pool "
                                          "relu2:clamp avgpool:average_pool flatten:reshape clip:clamp "
                                          "gemm:gemm softmax:float"));
        // Graph input params: calibration min/max under the first consumer's activation config.
        const auto [lo, hi] = m_stats.range("x", qm.config.defaults.activations);
        QCOMPARE(qm.tensorParams.at("x"), chooseQuantParams(lo, hi, qm.config.defaults.activations.spec()));
        // Fused ReLU: activation_min = max(qmin, Z_y).
        const QuantizedLayer& conv1 = layerNamed(qm, "conv1");
        QCOMPARE(conv1.activationMin, std::max(conv1.outputParams.qmin, conv1.outputParams.zeroPoint[0]));
        // Weight codes: per-channel symmetric, nearbyint(w · (1/S_w[o])).
        const QuantizedLayer& conv2 = layerNamed(qm, "conv2");
        for (int64_t i = 0; i < conv2.plan.weight.numel(); ++i) {
            const int64_t o = i / 4;
            const float s = conv2.weightParams.scale[o];
            QCOMPARE(conv2.weightCodes[i], clampCode(int64_t(std::nearbyint(conv2.plan.weight.f[i] * (1.0f / s))), -128, 127));
        }
    }

    void codesMatchNaiveReferenceFloatRequant()
    {
        checkAgainstReference(buildQuantizedModel(m_model, presetConfig("w8a8"), m_stats), false);
    }

    void codesMatchNaiveReferenceFixedPoint()
    {
        checkAgainstReference(buildQuantizedModel(m_model, presetConfig("int-only"), m_stats), true);
    }

    void paddingReadsInputZeroPoint()
    {
        const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig("w8a8"), m_stats);
        auto d = dumpByTensor(qm, m_eval.slice(0, 4));
        const TensorDump& x = d.at("x");
        const QuantizedLayer& conv1 = layerNamed(qm, "conv1");
        const auto withZ = referenceConv(conv1, x, d.at("r1").params, 1, true, false, x.params.zeroPoint[0]);
        const auto withZero = referenceConv(conv1, x, d.at("r1").params, 1, true, false, 0);
        QVERIFY(withZ != withZero); // the test would catch integer-0 padding
        expectEqualCodes(d.at("r1").codes.q, withZ, "conv1 padded with Z_x");
    }

    void keepFloatLayerYieldsFloat()
    {
        QuantConfig cfg = presetConfig("w8a8");
        cfg.layers["conv2"].keepFloat = true;
        const QuantizedModel qm = buildQuantizedModel(m_model, cfg, m_stats);
        const QuantizedLayer& conv2 = layerNamed(qm, "conv2");
        QCOMPARE(conv2.kind(), LayerKind::Float);
        QCOMPARE(conv2.floatReason, std::string("kept float by config"));
        QVERIFY(!conv2.outputQuantized);
        // The Add quantizes the float c2 itself (its first quantized consumer's config).
        QVERIFY(qm.tensorParams.count("c2"));
        auto d = dumpByTensor(qm, m_eval.slice(0, 3));
        QCOMPARE(d.at("c2").layer, std::string("add"));
        const EvaluationReport r = evaluateQuantized(qm, m_eval);
        const LayerReport& lr = r.layers[static_cast<size_t>(qm.plan.layerByName.at("conv2"))];
        QVERIFY(!lr.quantized);
        QCOMPARE(lr.kind, LayerKind::Float);
        QCOMPARE(lr.floatReason, std::string("kept float by config"));
        QCOMPARE(lr.local.maxAbsError, 0.0);
        QVERIFY(lr.propagated.maxAbsError > 0.0); // it reads the quantized r1
        QVERIFY_THROWS_EXCEPTION(Error, [&] {
            QuantConfig bad = presetConfig("w8a8");
            bad.layers["no_such_layer"].keepFloat = true;
            buildQuantizedModel(m_model, bad, m_stats);
        }());
    }

    void worstIndexPointsAtMaxError()
    {
        const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig("w8a8"), m_stats);
        const EvaluationReport r = evaluateQuantized(qm, m_eval);
        auto d = dumpByTensor(qm, m_eval.slice(0, m_eval.size()));
        int checked = 0;
        for (const LayerReport& L : r.layers) {
            if (!d.count(L.output) || L.propagated.maxAbsError == 0.0)
                continue;
            const TensorDump& t = d.at(L.output);
            QCOMPARE(L.worstIndex.size(), L.outputShape.size());
            QCOMPARE(t.codes.shape.size(), L.worstIndex.size());
            int64_t flat = 0;
            for (size_t k = 0; k < L.worstIndex.size(); ++k) {
                QVERIFY(L.worstIndex[k] >= 0 && L.worstIndex[k] < t.codes.shape[k]);
                flat = flat * t.codes.shape[k] + L.worstIndex[k];
            }
            auto absErr = [&](int64_t i) {
                return std::abs(double(t.dequantized.f[size_t(i)]) - double(t.fp32.f[size_t(i)]));
            };
            QVERIFY2(absErr(flat) == L.propagated.maxAbsError, L.name.c_str());
            for (int64_t i = 0; i < flat; ++i) // ties go to the smallest offset
                QVERIFY2(absErr(i) < L.propagated.maxAbsError, L.name.c_str());
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    // Issue 14: local and propagated errors were binned over their own ranges and drawn on one
    // axis. They now share one range (and so bins); every sampled error falls inside it.
    void localAndPropagatedHistogramsShareBins()
    {
        const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig("w8a8-trunc"), m_stats);
        const EvaluationReport r = evaluateQuantized(qm, m_eval);
        int checked = 0;
        for (const LayerReport& L : r.layers) {
            const Histogram& local = L.local.errorHist;
            const Histogram& prop = L.propagated.errorHist;
            if (local.total() == 0 || prop.total() == 0)
                continue;
            QCOMPARE(local.lo, prop.lo);
            QCOMPARE(local.hi, prop.hi);
            QCOMPARE(local.counts.size(), prop.counts.size());
            // The range is the union of both error ranges: it holds each one's extremes.
            // (float samples vs double statistics: 1e-6 of slack)
            QVERIFY2(local.lo <= -L.local.maxAbsError + 1e-6 || local.hi >= L.local.maxAbsError - 1e-6,
                     L.name.c_str());
            QVERIFY2(prop.lo <= -L.propagated.maxAbsError + 1e-6 ||
                         prop.hi >= L.propagated.maxAbsError - 1e-6,
                     L.name.c_str());
            ++checked;
        }
        QVERIFY(checked > 0);
    }

    // commonErrorRange on known errors: the union of both ranges, and finish() bins over it.
    void commonErrorRangeIsTheUnion()
    {
        const float ref[3] = {0.0f, 0.0f, 0.0f};
        const float deqA[2] = {-1.0f, 0.5f}, deqB[1] = {2.0f};
        ErrorAccumulator a(2), b(1), empty(0);
        a.add(ref, deqA, 2, 0);
        b.add(ref, deqB, 1, 0);
        const auto range = commonErrorRange(a, b);
        QCOMPARE(range.first, -1.0);
        QCOMPARE(range.second, 2.0);
        const ErrorStats sa = a.finish(-4.0, 4.0, &range), sb = b.finish(-4.0, 4.0, &range);
        QCOMPARE(sa.errorHist.lo, -1.0);
        QCOMPARE(sb.errorHist.hi, 2.0);
        QCOMPARE(sa.errorHist.total(), int64_t(2));
        QCOMPARE(sb.errorHist.counts.back(), int64_t(1)); // 2.0 is the last bin of the shared range
        QCOMPARE(sa.errorHist.counts.front(), int64_t(1)); // −1.0 the first
        // An empty side does not widen the range; a single value gets ±0.5 around it.
        QCOMPARE(commonErrorRange(b, empty), (std::pair<double, double>{1.5, 2.5}));
    }

    void errorSampleRangeEqualsMinmaxElement()
    {
        // errorSampleRange scans with minps/maxps and falls back to minmax_element for a NaN or
        // a zero extreme: on every case the result must be minmax_element's, sign of zero
        // included. Lengths with every 4-lane tail; errors e = deq − ref with ref = 0.
        std::mt19937 rng(13);
        std::uniform_real_distribution<float> uniform(-3.0f, 3.0f);
        const float nan = std::numeric_limits<float>::quiet_NaN();
        for (const int n : {1, 2, 3, 4, 5, 7, 8, 9, 1001})
            for (int variant = 0; variant < 5; ++variant) {
                std::vector<float> deq(static_cast<size_t>(n));
                for (float& v : deq)
                    v = variant == 4 ? std::abs(uniform(rng)) : uniform(rng);
                if (variant == 1) // a NaN somewhere (first, middle or last)
                    deq[size_t(rng() % unsigned(n))] = nan;
                if (variant == 2) // a zero minimum and maximum of both signs
                    for (float& v : deq)
                        v = (rng() % 2) ? 0.0f : -0.0f;
                if (variant == 3) { // −0 and +0 as the largest values
                    for (float& v : deq)
                        v = -std::abs(v);
                    deq[size_t(rng() % unsigned(n))] = -0.0f;
                    deq[size_t(rng() % unsigned(n))] = 0.0f;
                }
                if (variant == 4 && n > 1) // +0 as the smallest
                    deq[size_t(n / 2)] = 0.0f;
                const std::vector<float> ref(static_cast<size_t>(n), 0.0f);
                ErrorAccumulator acc(0);
                acc.add(ref.data(), deq.data(), n, 0);
                std::vector<float> errors(static_cast<size_t>(n));
                for (int i = 0; i < n; ++i)
                    errors[size_t(i)] = static_cast<float>(double(deq[size_t(i)]) - 0.0);
                const auto [lo, hi] = std::minmax_element(errors.begin(), errors.end());
                const auto range = acc.errorSampleRange();
                const auto same = [](double a, double b) {
                    return (std::isnan(a) && std::isnan(b)) ||
                           (a == b && std::signbit(a) == std::signbit(b));
                };
                QVERIFY2(same(range.first, *lo) && same(range.second, *hi),
                         qPrintable(QStringLiteral("n %1 variant %2: [%3, %4], expected [%5, %6]")
                                        .arg(n).arg(variant).arg(range.first).arg(range.second)
                                        .arg(*lo).arg(*hi)));
            }
    }

    void allFloatHasZeroError()
    {
        const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig("all-float"), m_stats);
        const EvaluationReport r = evaluateQuantized(qm, m_eval);
        QCOMPARE(r.layers.size(), qm.layers.size());
        for (const LayerReport& L : r.layers) {
            QVERIFY2(!L.quantized, L.name.c_str());
            QCOMPARE(L.propagated.count, int64_t(40) * numelOf(L.outputShape));
            QCOMPARE(L.propagated.maxAbsError, 0.0);
            QCOMPARE(L.propagated.meanError, 0.0);
            QCOMPARE(L.local.maxAbsError, 0.0);
        }
        QCOMPARE(r.exits.size(), size_t(1));
        QCOMPARE(r.exits[0].agreement, 100.0);
        // Float layers count 4 bytes per (folded) parameter: the folded BN (4 × γ, β, μ, σ²) is gone.
        QCOMPARE(r.size.quantizedBytes, r.size.fp32Bytes - 4 * 16);
    }

    void explainAgreesWithEngine_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("stochastic");
        QTest::newRow("w8a8") << "w8a8" << false;
        QTest::newRow("int-only") << "int-only" << false;
        QTest::newRow("w8a8-trunc") << "w8a8-trunc" << false;
        QTest::newRow("stochastic") << "w8a8" << true;
    }

    void explainAgreesWithEngine()
    {
        QFETCH(QString, preset);
        QFETCH(bool, stochastic);
        QuantConfig cfg = presetConfig(preset.toStdString());
        if (stochastic) {
            cfg.defaults.activations.rounding = RoundingMode::Stochastic;
            cfg.defaults.seed = 77;
        }
        const QuantizedModel qm = buildQuantizedModel(m_model, cfg, m_stats);
        const Tensor batch = m_eval.slice(0, 5);
        auto d = dumpByTensor(qm, batch);
        struct Case { const char* layer; const char* tensor; std::vector<int64_t> index; };
        const std::vector<Case> cases = {
            {"conv1", "r1", {0, 0, 0, 0}}, {"conv1", "r1", {3, 2, 4, 4}}, {"conv1", "r1", {1, 3, 2, 0}},
            {"conv2", "c2", {4, 1, 3, 2}}, {"conv2", "c2", {2, 0, 0, 4}}, {"gemm", "logits", {0, 2}},
            {"gemm", "logits", {4, 0}}};
        for (const Case& c : cases) {
            const ExplainResult e = explainElement(qm, batch, c.layer, c.index);
            const TensorDump& t = d.at(c.tensor);
            int64_t flat = 0;
            for (size_t k = 0; k < c.index.size(); ++k)
                flat = flat * t.codes.shape[k] + c.index[k];
            QCOMPARE(e.outputCode, t.codes.q[static_cast<size_t>(flat)]);
            QCOMPARE(float(e.dequantized), t.dequantized.f[static_cast<size_t>(flat)]); // S·(q − Z) rounded once
            QCOMPARE(double(float(e.fp32)), double(t.fp32.f[static_cast<size_t>(flat)]));
            QCOMPARE(int64_t(e.terms.size()), layerNamed(qm, c.layer).plan.weight.numel() / layerNamed(qm, c.layer).plan.outChannels());
            int64_t sum = 0;
            for (const ExplainTerm& term : e.terms)
                sum += term.product;
            QCOMPARE(sum + e.biasCode, e.accumulator);
            QCOMPARE(e.alternatives.size(), size_t(5));
            for (const RoundingAlternative& a : e.alternatives)
                if (a.rounding == e.rounding)
                    QCOMPARE(a.code, e.outputCode);
        }
        // A corner of conv1 reads padding: those terms carry x = Z_x.
        const ExplainResult corner = explainElement(qm, batch, "conv1", {0, 0, 0, 0});
        QCOMPARE(corner.terms[0].x, corner.inputZeroPoint);
        // Conv terms name their tap: k = (c·kh + ky)·kw + kx (im2col order); Gemm has none.
        const int64_t kh = layerNamed(qm, "conv1").plan.weight.dim(2);
        const int64_t kw = layerNamed(qm, "conv1").plan.weight.dim(3);
        for (const ExplainTerm& t : corner.terms)
            QCOMPARE(t.k, (t.channel * kh + t.ky) * kw + t.kx);
        QCOMPARE(explainElement(qm, batch, "gemm", {0, 2}).terms.front().channel, int64_t(-1));
        // The first layer reads the FP32 input either way: alone and chain are the same.
        for (const std::vector<int64_t>& index : {std::vector<int64_t>{0, 0, 0, 0}, {3, 2, 4, 4}}) {
            const ExplainResult e = explainElement(qm, batch, "conv1", index);
            QCOMPARE(e.aloneAccumulator, e.accumulator);
            QCOMPARE(e.aloneCode, e.outputCode);
            QCOMPARE(e.aloneDequantized, e.dequantized);
        }
        QVERIFY_THROWS_EXCEPTION(Error, explainElement(qm, batch, "maxpool", {0, 0, 0, 0}));
        QVERIFY_THROWS_EXCEPTION(Error, explainElement(qm, batch, "conv1", {0, 9, 0, 0}));
    }

    // Issue 14: the Inspector's layer-alone value. The layer's FP32 input (the FP32 network's
    // tensor, not the chain's codes) quantized with the layer's input (S, Z), run through the
    // naive spec reference: every element's alone code must equal the engine's, bit for bit.
    void explainAloneEqualsNaiveFp32Fed_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("fixed");
        QTest::newRow("w8a8 float requant") << "w8a8" << false;
        QTest::newRow("int-only fixed point") << "int-only" << true;
    }

    void explainAloneEqualsNaiveFp32Fed()
    {
        QFETCH(QString, preset);
        QFETCH(bool, fixed);
        const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig(preset.toStdString()), m_stats);
        const Tensor batch = m_eval.slice(0, 5);
        auto d = dumpByTensor(qm, batch);
        // The FP32-fed input: the FP32 reference of the layer's input tensor, quantized.
        auto fed = [&](const char* tensor) {
            TensorDump t = d.at(tensor);
            t.codes.q = referenceQuantize(t.fp32, t.params);
            return t;
        };
        const TensorDump& logits = d.at("logits");
        const std::vector<int32_t> gemmAlone = referenceGemm(layerNamed(qm, "gemm"), fed("cl"), logits.params, fixed);
        const TensorDump& c2 = d.at("c2");
        const std::vector<int32_t> conv2Alone =
            referenceConv(layerNamed(qm, "conv2"), fed("r1"), c2.params, 0, false, fixed, 0);
        for (int64_t n = 0; n < 5; ++n)
            for (int64_t o = 0; o < 3; ++o) {
                const ExplainResult e = explainElement(qm, batch, "gemm", {n, o});
                const int32_t want = gemmAlone[static_cast<size_t>(n * 3 + o)];
                QCOMPARE(e.aloneCode, want);
                QCOMPARE(e.aloneDequantized, double(logits.params.scale[0]) * (want - logits.params.zeroPoint[0]));
            }
        // conv2: fixed elements, plus the first ones where the FP32-fed code differs from the
        // chain's (so the test tells the two paths apart: the alone value is not the chain's).
        std::vector<std::vector<int64_t>> indices = {{0, 0, 0, 0}, {4, 1, 3, 2}, {2, 3, 4, 4}};
        for (int64_t flat = 0; flat < int64_t(conv2Alone.size()) && indices.size() < 6; ++flat)
            if (conv2Alone[size_t(flat)] != c2.codes.q[size_t(flat)])
                indices.push_back({flat / 100, flat / 25 % 4, flat / 5 % 5, flat % 5});
        QCOMPARE(indices.size(), size_t(6));
        int differsFromChain = 0;
        for (const std::vector<int64_t>& index : indices) {
            const ExplainResult e = explainElement(qm, batch, "conv2", index);
            const int64_t flat = ((index[0] * 4 + index[1]) * 5 + index[2]) * 5 + index[3];
            QCOMPARE(e.aloneCode, conv2Alone[static_cast<size_t>(flat)]);
            QCOMPARE(e.outputCode, c2.codes.q[static_cast<size_t>(flat)]);
            differsFromChain += e.aloneCode != e.outputCode;
        }
        QCOMPARE(differsFromChain, 3);
    }

    void threadCountDoesNotChangeStochasticReport()
    {
        QuantConfig cfg = presetConfig("w8a8");
        cfg.defaults.activations.rounding = RoundingMode::Stochastic;
        cfg.defaults.weights.rounding = RoundingMode::Stochastic;
        cfg.defaults.seed = 5;
        const QuantizedModel qm = buildQuantizedModel(m_model, cfg, m_stats);
        RunControl one, two;
        one.threads = 1;
        two.threads = 2;
        EvaluateOptions opts;
        opts.batchSize = 30; // units of 25 + 5, 10
        const EvaluationReport a = evaluateQuantized(qm, m_eval, one, opts);
        const EvaluationReport b = evaluateQuantized(qm, m_eval, two, opts);
        for (size_t i = 0; i < a.layers.size(); ++i) {
            QCOMPARE(a.layers[i].propagated.meanError, b.layers[i].propagated.meanError);
            QCOMPARE(a.layers[i].propagated.mse, b.layers[i].propagated.mse);
            QCOMPARE(a.layers[i].local.mse, b.layers[i].local.mse);
            QCOMPARE(a.layers[i].propagated.errorHist, b.layers[i].propagated.errorHist);
            QCOMPARE(a.layers[i].worstIndex, b.layers[i].worstIndex);
        }
        // A different seed gives different codes (the seed is actually used).
        cfg.defaults.seed = 6;
        const EvaluationReport c = evaluateQuantized(buildQuantizedModel(m_model, cfg, m_stats), m_eval, one, opts);
        QVERIFY(c.layers[0].propagated.mse != a.layers[0].propagated.mse);
    }

    void referenceCacheGivesTheSameReport()
    {
        // Evaluations reusing cached FP32 references (the GUI's per-edit path) report exactly
        // what a fresh evaluation reports, for another config too; a zero budget caches nothing.
        auto cache = std::make_shared<ReferenceCache>();
        EvaluateOptions cached;
        cached.references = cache;
        cached.batchSize = 30; // units of 25 + 5, 10
        EvaluateOptions fresh = cached;
        fresh.references = nullptr;
        for (const char* preset : {"w8a8", "w4a8", "w8a8-trunc"}) {
            const QuantizedModel qm = buildQuantizedModel(m_model, presetConfig(preset), m_stats);
            const EvaluationReport a = evaluateQuantized(qm, m_eval, {}, fresh);
            const EvaluationReport b = evaluateQuantized(qm, m_eval, {}, cached);
            QVERIFY(cache->bytes() > 0);
            for (size_t i = 0; i < a.layers.size(); ++i) {
                QCOMPARE(b.layers[i].propagated.mse, a.layers[i].propagated.mse);
                QCOMPARE(b.layers[i].local.mse, a.layers[i].local.mse);
                QCOMPARE(b.layers[i].local.errorHist, a.layers[i].local.errorHist);
                QCOMPARE(b.layers[i].propagated.valueHist, a.layers[i].propagated.valueHist);
            }
            for (size_t e = 0; e < a.exits.size(); ++e)
                QCOMPARE(b.exits[e].agreement, a.exits[e].agreement);
        }
        ReferenceCache none(0);
        QVERIFY(!none.store(0, 1, std::make_shared<const TensorMap>(TensorMap{{"t", Tensor::zeros(DType::Float32, {4})}})));
        QCOMPARE(none.bytes(), int64_t(0));
        QVERIFY(none.find(0, 1) == nullptr);
    }

    void dynamicObserverQuantizesPerSample()
    {
        QuantConfig cfg = presetConfig("w8a8");
        cfg.defaults.activations.observer = ObserverKind::Dynamic;
        const QuantizedModel qm = buildQuantizedModel(m_model, cfg, m_stats);
        const Tensor batch = m_eval.slice(0, 3);
        const std::vector<TensorDump> dumps = dumpQuantizedTensors(qm, batch);
        int seen = 0;
        for (const TensorDump& d : dumps) {
            if (d.tensor != "x")
                continue;
            QVERIFY(d.sample >= 0);
            // (S, Z) from this sample's own min/max.
            const Tensor one = m_eval.slice(d.sample, 1);
            const auto [lo, hi] = std::minmax_element(one.f.begin(), one.f.end());
            QCOMPARE(d.params, chooseQuantParams(*lo, *hi, cfg.defaults.activations.spec()));
            ++seen;
        }
        QCOMPARE(seen, 3);
        const EvaluationReport r = evaluateQuantized(qm, m_eval);
        QVERIFY(r.layers.front().propagated.sqnrDb > 20.0);
    }
};

QTEST_GUILESS_MAIN(TestEngineSmall)
#include "test_engine_small.moc"
