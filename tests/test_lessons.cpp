// Walks every lesson (resources/lessons/en and pt_BR) on the demo CNN and on the MLP, W8A8,
// calibrated on resources/data/calib and evaluated on the first 200 eval images, and checks:
//   * no placeholder stays unresolved (step texts, not-applicable texts, Try-it explanations);
//   * every resolved number equals the value this test reads from the engine's own structs
//     (EvaluationReport, QuantizedModel, the graph's initializers, explainElement(),
//     dumpQuantizedTensors()) — exact equality, the test derives each key independently;
//   * the shown text is that number in the lesson language's format (pt_BR: decimal comma),
//     within the rounding of the printed digits;
//   * the layer selectors pick the expected layers, Try-it configs are the expected configs,
//     and steps that do not apply (BN folding and early exits on the MLP) say so.

#include <QtTest/QtTest>

#include <QLocale>

#include <cmath>
#include <functional>

#include "core/lessons/lesson_actions.h"
#include "core/lessons/lesson_walker.h"
#include "core/onnx_import.h"

using namespace ql;

namespace {

const std::string kResources = QL_RESOURCE_DIR;

Dataset firstImages(const Dataset& d, int64_t n)
{
    Dataset out = d;
    out.images = d.slice(0, n);
    out.files.resize(size_t(n));
    out.labels.resize(size_t(n));
    return out;
}

const LayerReport* findLayer(const EvaluationReport& r, const std::string& name)
{
    for (const LayerReport& l : r.layers)
        if (l.name == name)
            return &l;
    return nullptr;
}

double meanAbsLsb(const EvaluationReport& r, double from, double to)
{
    std::vector<double> v;
    for (const LayerReport& l : r.layers)
        if (l.quantized && l.outputParams.scale.size() == 1)
            v.push_back(std::fabs(l.propagated.meanError / l.outputParams.scale[0]));
    const size_t b = size_t(std::floor(from * v.size())), e = size_t(std::floor(to * v.size()));
    double s = 0;
    for (size_t i = b; i < e; ++i)
        s += v[i];
    return e > b ? s / double(e - b) : 0.0;
}

// Everything a key may read, gathered by the test itself.
struct Truth
{
    const QuantizedModel* qmodel = nullptr;
    const EvaluationReport* report = nullptr;
    const EvaluationReport* after = nullptr;
    const Tensor* images = nullptr;
    std::string layer;
    std::optional<ExplainResult> explain;
    std::optional<CodeComparison> codes;
};

std::optional<double> expected(const std::string& key, const Truth& t)
{
    const EvaluationReport& r = *t.report;
    const LayerReport* l = findLayer(r, t.layer);
    const auto top1 = [](const EvaluationReport& x) { return x.exits.back().quantTop1; };
    std::map<std::string, std::function<double()>> v;
    v["model.samples"] = [&] { return double(r.samples); };
    v["model.fp32_kb"] = [&] { return r.size.fp32Bytes / 1000.0; };
    v["model.quant_kb"] = [&] { return r.size.quantizedBytes / 1000.0; };
    v["model.compression"] = [&] { return double(r.size.fp32Bytes) / double(r.size.quantizedBytes); };
    v["model.top1"] = [&] { return top1(r); };
    v["model.fp32_top1"] = [&] { return r.exits.back().fp32Top1; };
    v["model.mean_lsb"] = [&] { return meanAbsLsb(r, 0, 1); };
    if (l) {
        const QuantParams& y = l->outputParams;
        const QuantParams& w = l->weightParams;
        v["layer.params"] = [=] { return double(l->params); };
        v["layer.a_bits"] = [=] { return double(l->config.activations.bits); };
        v["layer.w_bits"] = [=] { return double(l->config.weights.bits); };
        v["layer.S_y"] = [&] { return double(y.scale.at(0)); };
        v["layer.Z_y"] = [&] { return double(y.zeroPoint.at(0)); };
        v["layer.qmin"] = [&] { return double(y.qmin); };
        v["layer.qmax"] = [&] { return double(y.qmax); };
        v["layer.range_lo"] = [=] { return double(y.scale[0]) * (y.qmin - y.zeroPoint[0]); };
        v["layer.range_hi"] = [=] { return double(y.scale[0]) * (y.qmax - y.zeroPoint[0]); };
        v["layer.ref_min"] = [=] { return l->propagated.refMin; };
        v["layer.ref_max"] = [=] { return l->propagated.refMax; };
        v["layer.clip_pct"] = [=] { return 100.0 * (l->propagated.clipLowRate + l->propagated.clipHighRate); };
        v["layer.sqnr"] = [=] { return l->propagated.sqnrDb; };
        v["layer.sqnr_local"] = [=] { return l->local.sqnrDb; };
        v["layer.weight_sqnr"] = [=] { return l->weightError.sqnrDb; };
        v["layer.channels"] = [&] { return double(w.scale.size()); };
        v["layer.S_w_min"] = [&] { return double(*std::min_element(w.scale.begin(), w.scale.end())); };
        v["layer.S_w_max"] = [&] { return double(*std::max_element(w.scale.begin(), w.scale.end())); };
        v["layer.S_w_ratio"] = [&] {
            return double(*std::max_element(w.scale.begin(), w.scale.end())) /
                   double(*std::min_element(w.scale.begin(), w.scale.end()));
        };
    }
    if (t.explain) {
        const ExplainResult& e = *t.explain;
        v["explain.S_x"] = [&] { return double(e.inputScale); };
        v["explain.Z_x"] = [&] { return double(e.inputZeroPoint); };
        v["explain.S_w"] = [&] { return double(e.weightScale); };
        v["explain.Z_w"] = [&] { return double(e.weightZeroPoint); };
        v["explain.K"] = [&] { return double(e.terms.size()); };
        v["explain.x0"] = [&] { return double(e.terms.at(0).x); };
        v["explain.w0"] = [&] { return double(e.terms.at(0).w); };
        v["explain.p0"] = [&] {
            return double(int64_t(e.terms[0].x - e.inputZeroPoint) * (e.terms[0].w - e.weightZeroPoint));
        };
        v["explain.sum"] = [&] {
            int64_t s = 0;
            for (const ExplainTerm& term : e.terms)
                s += int64_t(term.x - e.inputZeroPoint) * (term.w - e.weightZeroPoint);
            return double(s);
        };
        v["explain.bias"] = [&] { return e.biasReal; };
        v["explain.bias_code"] = [&] { return double(e.biasCode); };
        v["explain.acc"] = [&] { return double(e.sumProducts + e.biasCode); };
        v["explain.M"] = [&] { return e.multiplier; };
        v["explain.M0"] = [&] { return double(e.multiplierFixed); };
        v["explain.shift"] = [&] { return double(e.shift); };
        v["explain.n"] = [&] { return double(31 - e.shift); };
        v["explain.scaled"] = [&] { return e.scaledAccumulator; };
        v["explain.rounded"] = [&] { return double(e.rounded); };
        v["explain.with_zp"] = [&] { return double(e.withZeroPoint); };
        v["explain.act_min"] = [&] { return double(e.activationMin); };
        v["explain.act_max"] = [&] { return double(e.activationMax); };
        v["explain.q"] = [&] { return double(e.outputCode); };
        v["explain.S_y"] = [&] { return double(e.outputScale); };
        v["explain.Z_y"] = [&] { return double(e.outputZeroPoint); };
        v["explain.deq"] = [&] { return e.dequantized; };
        v["explain.fp32"] = [&] { return e.fp32; };
        v["explain.error"] = [&] { return e.dequantized - e.fp32; };
        for (const RoundingAlternative& a : e.alternatives) {
            if (a.rounding == "toward_zero")
                v["explain.trunc_q"] = [c = a.code] { return double(c); };
            if (a.rounding == "half_even")
                v["explain.even_q"] = [c = a.code] { return double(c); };
        }
    }
    // bn.*: the graph's own initializers and the plan's folded weights.
    if (const PlannedLayer* p = t.qmodel->plan.find(t.layer); p && !p->foldedBatchNorm.empty()) {
        const Graph& g = t.qmodel->model->graph;
        const Node& conv = g.nodes[size_t(p->nodeIndices.front())];
        const Node& bn = g.nodes[size_t(g.nodeIndex(p->foldedBatchNorm))];
        const auto first = [&g](const std::string& name) { return double(g.initializers.at(name).f.at(0)); };
        const double eps = double(bn.attrFloat("epsilon", 1e-5f));
        v["bn.gamma"] = [=] { return first(bn.inputs[1]); };
        v["bn.beta"] = [=] { return first(bn.inputs[2]); };
        v["bn.mean"] = [=] { return first(bn.inputs[3]); };
        v["bn.var"] = [=] { return first(bn.inputs[4]); };
        v["bn.eps"] = [=] { return eps; };
        v["bn.sigma"] = [=] { return std::sqrt(first(bn.inputs[4]) + eps); };
        v["bn.w"] = [=] { return first(conv.inputs[1]); };
        v["bn.b"] = [=] { return conv.inputs.size() > 2 && !conv.inputs[2].empty() ? first(conv.inputs[2]) : 0.0; };
        v["bn.w_folded"] = [=] { return double(p->weight.f.at(0)); };
        v["bn.b_folded"] = [=] { return double(p->bias.at(0)); };
    }
    if (r.exits.size() >= 2) {
        const ExitReport& a = r.exits.front();
        const ExitReport& z = r.exits.back();
        const ExitPolicyPoint* p = nullptr;
        for (const ExitPolicyPoint& x : r.exitPolicy)
            if (std::fabs(x.threshold - 0.9) < 1e-9)
                p = &x;
        v["exit.count"] = [&] { return double(r.exits.size()); };
        v["exit.first_fp32"] = [&] { return a.fp32Top1; };
        v["exit.first_quant"] = [&] { return a.quantTop1; };
        v["exit.last_fp32"] = [&] { return z.fp32Top1; };
        v["exit.last_quant"] = [&] { return z.quantTop1; };
        v["exit.first_macs_pct"] = [&] { return 100.0 * double(a.macs) / double(z.macs); };
        v["policy.threshold"] = [=] { return p->threshold; };
        v["policy.acc"] = [=] { return p->quantAccuracy; };
        v["policy.fp32_acc"] = [=] { return p->fp32Accuracy; };
        v["policy.macs_pct"] = [=, &z] { return 100.0 * p->quantAvgMacs / double(z.macs); };
        v["policy.saving_pct"] = [=, &z] { return 100.0 - 100.0 * p->quantAvgMacs / double(z.macs); };
        v["policy.first_share_pct"] = [=] { return 100.0 * p->quantExitShare.at(0); };
    }
    if (t.after) {
        for (const auto& [prefix, rep] : {std::pair{std::string("before."), t.report},
                                          std::pair{std::string("after."), t.after}}) {
            const LayerReport* x = findLayer(*rep, t.layer);
            v[prefix + "top1"] = [=] { return top1(*rep); };
            v[prefix + "mean_lsb"] = [=] { return meanAbsLsb(*rep, 0, 1); };
            v[prefix + "first_third_lsb"] = [=] { return meanAbsLsb(*rep, 0, 1.0 / 3); };
            v[prefix + "last_third_lsb"] = [=] { return meanAbsLsb(*rep, 2.0 / 3, 1); };
            v[prefix + "size_kb"] = [=] { return rep->size.quantizedBytes / 1000.0; };
            v[prefix + "layer_sqnr"] = [=] { return x->propagated.sqnrDb; };
            v[prefix + "layer_clip_pct"] = [=] {
                return 100.0 * (x->propagated.clipLowRate + x->propagated.clipHighRate);
            };
            v[prefix + "layer_weight_sqnr"] = [=] { return x->weightError.sqnrDb; };
        }
        v["delta.top1"] = [&] { return top1(*t.after) - top1(r); };
        v["delta.size_kb"] = [&] {
            return (t.after->size.quantizedBytes - r.size.quantizedBytes) / 1000.0;
        };
    }
    if (t.codes) {
        v["codes.identical_pct"] = [&] { return 100.0 * double(t.codes->identical) / double(t.codes->total); };
        v["codes.total"] = [&] { return double(t.codes->total); };
        v["codes.differing"] = [&] { return double(t.codes->total - t.codes->identical); };
        v["codes.max_diff"] = [&] { return double(t.codes->maxDiff); };
    }
    const auto it = v.find(key);
    if (it == v.end())
        return std::nullopt;
    return it->second();
}

// The test's own code comparison (lesson g), from the engine's dumps.
CodeComparison countCodes(const QuantizedModel& a, const QuantizedModel& b, const Tensor& images)
{
    const Tensor batch = [&] {
        Tensor t = images;
        const int64_t per = images.numel() / images.dim(0);
        t.shape[0] = std::min<int64_t>(100, images.dim(0));
        t.f.resize(size_t(t.shape[0] * per));
        return t;
    }();
    const auto da = dumpQuantizedTensors(a, batch), db = dumpQuantizedTensors(b, batch);
    CodeComparison c;
    for (size_t i = 0; i < da.size(); ++i) {
        if (da[i].tensor != db.at(i).tensor)
            continue;
        for (size_t k = 0; k < da[i].codes.q.size(); ++k) {
            const int64_t d = std::abs(int64_t(da[i].codes.q[k]) - db[i].codes.q[k]);
            ++c.total;
            c.identical += d == 0;
            c.maxDiff = std::max(c.maxDiff, d);
        }
    }
    return c;
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        Model model;
        Dataset eval;
        CalibrationStats stats;
    };
    Fixture m_cnn, m_mlp;

    void load(Fixture& f, const std::string& file)
    {
        f.model = loadOnnxModel(kResources + "/models/" + file);
        const Dataset calib = loadImageFolder(kResources + "/data/calib", defaultPreprocess(f.model));
        f.eval = firstImages(loadImageFolder(kResources + "/data/eval", defaultPreprocess(f.model)), 200);
        f.stats = calibrate(f.model, calib);
    }

    // Walks every lesson of `language`; `checked` counts the values compared.
    void walkAll(Fixture& f, const std::string& language, const std::map<std::string, std::string>& layers,
                 const std::set<std::string>& notApplicable, int& checked)
    {
        const std::vector<Lesson> lessons = loadLessons(lessonDirectory(kResources + "/lessons", language));
        if (lessons.size() < 10)
            qFatal("expected the ten lessons (a)-(j), found %d", int(lessons.size()));
        LessonWalkInputs in;
        in.model = &f.model;
        in.calibration = &f.stats;
        in.data = &f.eval;
        in.config = presetConfig("w8a8");
        in.language = language;
        LessonWalker walker(in);
        const auto base = walker.quantize(in.config);
        QLocale locale(QString::fromStdString(language));
        checked = 0;
        for (const Lesson& lesson : lessons) {
            for (const WalkedStep& w : walker.walk(lesson)) {
                const QString where = QStringLiteral("%1 step %2 (%3)")
                                          .arg(QString::fromStdString(lesson.id)).arg(w.index)
                                          .arg(QString::fromStdString(language));
                const std::string selector = lesson.steps[size_t(w.index)].layer.empty()
                                                 ? lesson.layer : lesson.steps[size_t(w.index)].layer;
                if (layers.count(selector))
                    QVERIFY2(w.layer == layers.at(selector), qPrintable(where + " layer " + QString::fromStdString(w.layer)));
                const bool expectNa = notApplicable.count(lesson.id) != 0;
                QVERIFY2(w.applies() != expectNa, qPrintable(where + ": applicability"));
                Truth t;
                t.qmodel = base.get();
                t.report = w.report.get();
                t.images = &f.eval.images;
                t.layer = w.layer;
                if (w.applies() && !w.element.empty()) {
                    const PlannedLayer* p = base->plan.find(w.layer);
                    if (p && p->hasWeights)
                        t.explain = explainElement(*base, f.eval.images, w.layer, w.element);
                }
                std::vector<const ResolvedText*> texts = {&w.text};
                if (w.after) {
                    const LessonTryIt& tryIt = *lesson.steps[size_t(w.index)].tryIt;
                    QVERIFY(w.afterReport);
                    t.after = w.afterReport.get();
                    if (tryIt.action == "requantization")
                        t.codes = countCodes(*base, *walker.quantize(applyLessonAction(in.config, tryIt, base->plan)),
                                             f.eval.images);
                    texts.push_back(&*w.after);
                }
                for (const ResolvedText* text : texts) {
                    QVERIFY2(text->unresolved.empty(),
                             qPrintable(where + ": unresolved {" + QString::fromStdString(text->unresolved.empty() ? std::string() : text->unresolved.front()) + "}"));
                    QVERIFY2(!text->html.empty(), qPrintable(where));
                    for (const ResolvedValue& v : text->values) {
                        if (!v.isNumber)
                            continue;
                        const QString key = QString::fromStdString(v.key);
                        const std::optional<double> truth = expected(v.key, t);
                        QVERIFY2(truth, qPrintable(where + ": the test has no expectation for " + key));
                        QVERIFY2(v.number == *truth,
                                 qPrintable(QStringLiteral("%1: %2 = %3, engine %4").arg(where, key)
                                                .arg(v.number, 0, 'g', 17).arg(*truth, 0, 'g', 17)));
                        bool ok = false;
                        const double shown = locale.toDouble(QString::fromStdString(v.text), &ok);
                        QVERIFY2(ok, qPrintable(where + ": " + key + " shown as " + QString::fromStdString(v.text)));
                        // 'g' 4 digits: ≤ 5e-4 relative; percentages 'f' 2 and dB 'f' 1: ≤ 0.05;
                        // {key:N} with N ≥ 2 digits: ≤ 5 % of the value.
                        QVERIFY2(std::fabs(shown - v.number) <= 0.05 * std::fabs(v.number) + 0.051,
                                 qPrintable(where + ": " + key + " shown as " + QString::fromStdString(v.text)));
                        if (language == "pt_BR")
                            QVERIFY2(v.text.find('.') == std::string::npos, qPrintable(where + ": " + key + " " + QString::fromStdString(v.text)));
                        ++checked;
                    }
                }
            }
        }
    }

private slots:
    void initTestCase()
    {
        load(m_cnn, "multiexit_cnn.onnx");
        load(m_mlp, "mlp.onnx");
    }

    void formatErrorsNameFileAndPath()
    {
        try {
            parseLesson(R"({"title": "x", "steps": [{"title": "s", "text": "t", "visual": "pie"}]})", "bad.json");
            QFAIL("accepted an unknown visual");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("bad.json: steps[0].visual: 'pie'"), e.what());
        }
        try {
            parseLesson(R"({"title": "x", "steps": [{"title": "s", "text": "t", "try": {"label": "l", "action": "paint", "value": "v", "after": "a"}}]})", "bad.json");
            QFAIL("accepted an unknown action");
        } catch (const Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).startsWith("bad.json: steps[0].try.action"), e.what());
        }
        QCOMPARE(QString::fromStdString(lessonDirectory(kResources + "/lessons", "pt_BR")).section('/', -1), QStringLiteral("pt_BR"));
        QCOMPARE(QString::fromStdString(lessonDirectory(kResources + "/lessons", "xx_YY")).section('/', -1), QStringLiteral("en"));
    }

    void tryItConfigs()
    {
        const QuantConfig w8a8 = presetConfig("w8a8");
        const LayerPlan plan = planLayers(m_mlp.model, true);
        QCOMPARE(applyLessonAction(w8a8, {"", "rounding", "toward_zero", ""}, plan), presetConfig("w8a8-trunc"));
        QCOMPARE(applyLessonAction(w8a8, {"", "requantization", "fixed_point", ""}, plan), presetConfig("int-only"));
        const QuantConfig four = applyLessonAction(w8a8, {"", "largest_layer_weight_bits", "4", ""}, plan);
        QCOMPARE(four.layers.size(), size_t(1));
        QCOMPARE(*four.layers.at("/fc1/Gemm").weights->bits, 4); // 401,920 of the 407,050 parameters
        QVERIFY_THROWS_EXCEPTION(Error, applyLessonAction(w8a8, {"", "rounding", "sideways", ""}, plan));
    }

    void walkCnn_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << "en";
        QTest::newRow("pt_BR") << "pt_BR";
    }
    void walkCnn()
    {
        QFETCH(QString, language);
        int n = 0;
        walkAll(m_cnn, language.toStdString(),
                {{"first_weighted", "/stem/conv1/conv/Conv"},
                 {"last_weighted", "/exit3/fc/Gemm"},
                 {"first_folded_bn", "/stem/conv1/conv/Conv"}},
                {}, n);
        if (QTest::currentTestFailed())
            return;
        qInfo("CNN, %s: %d live numbers checked", qPrintable(language), n);
        QVERIFY(n >= 140); // 149 on this demo: a lost placeholder shows up here
    }

    void walkMlp_data() { walkCnn_data(); }
    void walkMlp()
    {
        QFETCH(QString, language);
        int n = 0;
        walkAll(m_mlp, language.toStdString(),
                {{"first_weighted", "/fc1/Gemm"},
                 {"last_weighted", "/fc2/Gemm"},
                 {"largest_weighted", "/fc1/Gemm"}},
                {"f_bn_folding", "j_early_exits"}, n);
        if (QTest::currentTestFailed())
            return;
        qInfo("MLP, %s: %d live numbers checked", qPrintable(language), n);
        QVERIFY(n >= 120); // 127 on this demo
    }
};

QTEST_GUILESS_MAIN(TestLessons)
#include "test_lessons.moc"
