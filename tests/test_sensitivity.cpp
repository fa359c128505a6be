// Sensitivity analysis (core/quant/sensitivity.h) and the exit scorer on a tiny model built in
// code: x[N, 8] → gemm1 (8→16) + ReLU → gemm2 (16→16) + ReLU → gemm3 (16→4) = logits.
// gemm2's weights are small (|w| ≤ 0.1) except ONE outlier of ±2 in every output row (on an
// input feature that is always 0), so its per-channel weight range is ~20× wider than its
// typical weight: at 2–4 bits nearly every ordinary weight rounds to the zero code and that
// layer must be the most sensitive one (lowest exit SQNR, largest drop).
// Data: 400 random inputs (fixed seed), unlabelled: top-1 is the agreement with FP32.

#include <QtTest/QtTest>

#include <random>

#include "core/graph_passes.h"
#include "core/quant/exit_scorer.h"
#include "core/quant/sensitivity.h"

using namespace ql;

namespace {

// Uniform in [lo, hi) from mt19937 (fully specified, so the values are the same everywhere).
float uniform(std::mt19937& g, float lo, float hi)
{
    return lo + (hi - lo) * static_cast<float>(g() / 4294967296.0);
}

Tensor randomTensor(Shape shape, std::mt19937& g, float lo, float hi)
{
    std::vector<float> v(static_cast<size_t>(numelOf(shape)));
    for (float& x : v)
        x = uniform(g, lo, hi);
    return Tensor::fromFloat(std::move(shape), std::move(v));
}

Node makeNode(const std::string& op, const std::string& name, std::vector<std::string> in,
              std::vector<std::string> out)
{
    Node n;
    n.opType = op;
    n.name = name;
    n.inputs = std::move(in);
    n.outputs = std::move(out);
    n.opset = 13;
    if (op == "Gemm")
        n.attrs["transB"] = int64_t(1);
    return n;
}

Model outlierModel()
{
    std::mt19937 g(1234);
    Model m;
    m.path = "outlier_mlp";
    m.opset = 13;
    Graph& gr = m.graph;
    gr.inputs = {{"x", DType::Float32, {-1, 8}}};
    gr.outputs = {{"logits", DType::Float32, {-1, 4}}};
    gr.initializers["w1"] = randomTensor({16, 8}, g, -0.5f, 0.5f);
    gr.initializers["b1"] = randomTensor({16}, g, 0.0f, 0.2f);
    Tensor w2 = randomTensor({16, 16}, g, -0.1f, 0.1f);
    // One outlier per output row, all on input feature kDead, which gemm1's bias keeps at 0
    // after the ReLU: the outliers stretch every channel's range without carrying signal (the
    // realistic bad case: large weights on a rarely active feature).
    const int64_t kDead = 3;
    for (int64_t o = 0; o < 16; ++o)
        w2.f[static_cast<size_t>(o * 16 + kDead)] = (o % 2 ? -2.0f : 2.0f);
    gr.initializers["b1"].f[static_cast<size_t>(kDead)] = -10.0f;
    gr.initializers["w2"] = w2;
    gr.initializers["b2"] = randomTensor({16}, g, 0.0f, 0.05f);
    gr.initializers["w3"] = randomTensor({4, 16}, g, -0.5f, 0.5f);
    gr.initializers["b3"] = randomTensor({4}, g, -0.01f, 0.01f);
    gr.nodes = {
        makeNode("Gemm", "gemm1", {"x", "w1", "b1"}, {"h1"}),
        makeNode("Relu", "relu1", {"h1"}, {"r1"}),
        makeNode("Gemm", "gemm2", {"r1", "w2", "b2"}, {"h2"}),
        makeNode("Relu", "relu2", {"h2"}, {"r2"}),
        makeNode("Gemm", "gemm3", {"r2", "w3", "b3"}, {"logits"}),
    };
    runShapePass(gr, {});
    m.exits = orderExits(gr);
    return m;
}

Dataset randomData(int64_t n, unsigned seed)
{
    std::mt19937 g(seed);
    Dataset d;
    d.root = "random";
    d.images = randomTensor({n, 8}, g, -1.0f, 1.0f);
    for (int64_t i = 0; i < n; ++i) {
        d.files.push_back(std::to_string(i) + ".npy"); // (not "x" + …: GCC 12 -Wrestrict false positive)
        d.labels.push_back(-1);
    }
    return d;
}

QuantConfig baseConfig()
{
    return presetConfig("w8a8");
}

} // namespace

class TestSensitivity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_model = outlierModel();
        m_data = randomData(400, 7);
        m_calib = calibrate(m_model, m_data);
    }

    void onlyLayerConfigKeepsTheOthersFloat()
    {
        QuantConfig base = baseConfig();
        base.layers["gemm3"].keepFloat = false; // an override that must not survive
        const QuantConfig c = onlyLayerConfig(base, "gemm2", BitsTarget::Weights, 3);
        QVERIFY(resolveLayer(c, "gemm1").keepFloat);
        QVERIFY(resolveLayer(c, "gemm3").keepFloat);
        QVERIFY(!resolveLayer(c, "gemm2").keepFloat);
        QCOMPARE(resolveLayer(c, "gemm2").weights.bits, 3);
        QCOMPARE(resolveLayer(c, "gemm2").activations.bits, 8);
        const QuantConfig both = onlyLayerConfig(base, "gemm1", BitsTarget::Both, 4);
        QCOMPARE(resolveLayer(both, "gemm1").activations.bits, 4);
        QVERIFY(resolveLayer(floatLayerConfig(base, "gemm1"), "gemm1").keepFloat);
        QCOMPARE(weightedLayers(m_model, base),
                 (std::vector<std::string>{"gemm1", "gemm2", "gemm3"}));
    }

    // The scorer runs the same chain as evaluateQuantized: same top-1 and agreement per exit.
    void scorerMatchesFullEvaluation()
    {
        const ExitScorer scorer(m_model, m_data);
        for (int bits : {3, 8}) {
            QuantConfig c = baseConfig();
            c.defaults.weights.bits = bits;
            const QuantizedModel qm = buildQuantizedModel(m_model, c, m_calib);
            EvaluateOptions opts;
            opts.computeLocal = false;
            const EvaluationReport full = evaluateQuantized(qm, m_data, {}, opts);
            const ExitScore s = scorer.score(qm);
            QCOMPARE(s.top1.size(), full.exits.size());
            QVERIFY(!full.labelled); // unlabelled: top-1 means agreement with FP32
            QCOMPARE(s.top1[0], full.exits[0].agreement);
            QCOMPARE(s.agreement[0], full.exits[0].agreement);
            QCOMPARE(s.size.quantizedBytes, full.size.quantizedBytes);
            // The exit SQNR equals the propagated SQNR of the layer producing the exit, within
            // the rounding of two summation orders (stated tolerance 1e-6 dB).
            QVERIFY(std::abs(s.sqnrDb[0] - full.layers.back().propagated.sqnrDb) < 1e-6);
        }
    }

    void widestRangeLayerIsMostSensitive()
    {
        const ExitScorer scorer(m_model, m_data);
        SensitivityOptions opts;
        opts.bits = {2, 3, 4, 8};
        const SensitivityResult r = analyzeSensitivity(scorer, baseConfig(), m_calib, opts);
        QCOMPARE(r.layers.size(), size_t(3));
        QCOMPARE(r.evaluations, 1 + 3 * (1 + 4));
        const LayerSensitivity* l1 = r.find("gemm1");
        const LayerSensitivity* l2 = r.find("gemm2");
        const LayerSensitivity* l3 = r.find("gemm3");
        QVERIFY(l1 && l2 && l3);
        for (int bits : {2, 3, 4}) {
            const double s1 = l1->cell(BitsTarget::Weights, bits)->sqnrDb[0];
            const double s2 = l2->cell(BitsTarget::Weights, bits)->sqnrDb[0];
            const double s3 = l3->cell(BitsTarget::Weights, bits)->sqnrDb[0];
            qInfo("%d bits: exit SQNR gemm1 %.1f dB, gemm2 %.1f dB, gemm3 %.1f dB; drop %.1f, %.1f, "
                  "%.1f pt", bits, s1, s2, s3, l1->cell(BitsTarget::Weights, bits)->drop[0],
                  l2->cell(BitsTarget::Weights, bits)->drop[0],
                  l3->cell(BitsTarget::Weights, bits)->drop[0]);
            QVERIFY(s2 < s1 - 3.0); // at least 3 dB worse than either benign layer
            QVERIFY(s2 < s3 - 3.0);
            const double d2 = l2->cell(BitsTarget::Weights, bits)->drop[0];
            QVERIFY(d2 >= l1->cell(BitsTarget::Weights, bits)->drop[0]);
            QVERIFY(d2 >= l3->cell(BitsTarget::Weights, bits)->drop[0]);
        }
        QVERIFY(l2->cell(BitsTarget::Weights, 2)->drop[0] > 5.0);
        // 8 bits beat 2 bits for every layer (in between, rounding noise on 400 samples need
        // not be monotonic, and gemm2 saturates at its all-zero-codes value up to 4 bits).
        for (const LayerSensitivity& l : r.layers)
            QVERIFY(l.cell(BitsTarget::Weights, 8)->sqnrDb[0] > l.cell(BitsTarget::Weights, 2)->sqnrDb[0] + 10.0);
        // Reverse: keeping a layer float recovers SQNR over the all-quantized base.
        for (const LayerSensitivity& l : r.layers)
            QVERIFY(l.reverseSqnrDb[0] >= r.base.sqnrDb[0] - 0.5);
    }

    // Same inputs, same numbers: a second run and another thread count give identical results.
    void deterministic()
    {
        SensitivityOptions opts;
        opts.bits = {2, 6};
        opts.kinds = {BitsTarget::Weights, BitsTarget::Activations};
        RunControl one;
        one.threads = 1;
        RunControl two;
        two.threads = 2;
        const ExitScorer scorer1(m_model, m_data, one);
        const ExitScorer scorer2(m_model, m_data, two);
        const SensitivityResult a = analyzeSensitivity(scorer1, baseConfig(), m_calib, opts, one);
        const SensitivityResult b = analyzeSensitivity(scorer2, baseConfig(), m_calib, opts, two);
        QCOMPARE(sensitivityToJson(a), sensitivityToJson(b));
        QCOMPARE(a.layers.front().cells.size(), size_t(4));
        QVERIFY(a.layers.front().cell(BitsTarget::Activations, 2) != nullptr);
    }

    void cancelAndProgress()
    {
        const ExitScorer scorer(m_model, m_data);
        CancelToken token;
        long long last = 0, total = 0;
        RunControl ctl;
        ctl.cancel = &token;
        ctl.progress = [&](long long done, long long t) {
            last = done;
            total = t;
            if (done == 3)
                token.cancel();
        };
        SensitivityOptions opts;
        opts.bits = {4, 8};
        QVERIFY_THROWS_EXCEPTION(Cancelled, analyzeSensitivity(scorer, baseConfig(), m_calib, opts, ctl));
        QCOMPARE(last, 3LL);
        QCOMPARE(total, 1LL + 3 * (1 + 2));
    }

    void exportJsonAndCsv()
    {
        const ExitScorer scorer(m_model, m_data);
        SensitivityOptions opts;
        opts.bits = {4, 8};
        const SensitivityResult r = analyzeSensitivity(scorer, baseConfig(), m_calib, opts);
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(sensitivityToJson(r)));
        QVERIFY(doc.isObject());
        QCOMPARE(doc[QStringLiteral("format")].toString(), QStringLiteral("quantlens-sensitivity"));
        QCOMPARE(doc[QStringLiteral("layers")].toArray().size(), 3);
        const QStringList lines = QString::fromStdString(sensitivityToCsv(r)).split(
            QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 3 * (2 + 1)); // header, 2 bit widths + reverse per layer
        QCOMPARE(lines.front(),
                 QStringLiteral("layer,op,kind,bits,top1_logits,drop_logits,sqnr_db_logits"));
        QVERIFY(lines[1].startsWith(QStringLiteral("gemm1,Gemm,weights,4,")));
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("s.csv")).toStdString();
        saveSensitivity(r, path);
        QVERIFY(QFileInfo::exists(QString::fromStdString(path)));
        QVERIFY_THROWS_EXCEPTION(Error, saveSensitivity(r, dir.filePath(QStringLiteral("s.txt")).toStdString()));
    }

private:
    Model m_model;
    Dataset m_data;
    CalibrationStats m_calib;
};

QTEST_GUILESS_MAIN(TestSensitivity)
#include "test_sensitivity.moc"
