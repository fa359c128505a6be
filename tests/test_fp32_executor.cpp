// The FP32 executor and evaluation on imported models: batch splitting across threads,
// kept/freed tensors (and ops run in place on freed ones), feed validation, cancellation,
// opset-dependent semantics, the dynamic batch Reshape chain and per-exit accuracy
// (torchvision models: test_real_models.cpp).

#include <QtTest>

#include <algorithm>
#include <cstring>
#include <mutex>

#include "core/executor.h"
#include "core/fp32_eval.h"
#include "core/onnx_import.h"
#include "onnx_test_models.h"

using namespace ql;
using namespace ql::testing;

class TestFp32Executor : public QObject
{
    Q_OBJECT

private slots:
    void dynamicBatchReshapeChainRunsForAnyBatch()
    {
        // PyTorch's x.view(x.size(0), -1): Shape -> Gather(0) -> Unsqueeze -> Concat(-1) ->
        // Reshape. With a symbolic batch the chain becomes one Reshape to [0, -1] (0 copies
        // the real batch); with a static batch it folds away (Constant nodes included).
        for (const bool symbolic : {true, false}) {
            onnx::ModelProto m = newModel();
            auto* g = m.mutable_graph();
            addValue(g->mutable_input(), "x", {symbolic ? -1 : 1, 2, 3, 4});
            addValue(g->mutable_output(), "y", {symbolic ? -1 : 1, 24});
            auto* zero = addNode(g, "Constant", {}, {"zero"});
            auto* attr = zero->add_attribute();
            attr->set_name("value");
            attr->set_type(onnx::AttributeProto::TENSOR);
            attr->mutable_t()->set_data_type(onnx::TensorProto::INT64);
            attr->mutable_t()->add_int64_data(0);
            addInt64Init(g, "minus_one", {-1});
            addInt64Init(g, "axes0", {0});
            addNode(g, "Shape", {"x"}, {"s"});
            addNode(g, "Gather", {"s", "zero"}, {"n"});
            addNode(g, "Unsqueeze", {"n", "axes0"}, {"n1"});
            setInt(addNode(g, "Concat", {"n1", "minus_one"}, {"target"}), "axis", 0);
            addNode(g, "Reshape", {"x", "target"}, {"y"}, "view");
            const Model model = loadOnnxModelFromBytes(m.SerializeAsString(), "view.onnx");
            QCOMPARE(model.graph.nodes.size(), static_cast<size_t>(1));
            QCOMPARE(model.graph.initializer(model.graph.nodes[0].inputs[1])->i64,
                     (std::vector<int64_t>{symbolic ? 0 : 1, -1}));
            QCOMPARE(model.graph.shapes.at("y"), (Shape{1, 24}));
            const Fp32Executor executor(model);
            const Tensor x = randomInput({symbolic ? 5 : 1, 2, 3, 4}, 7);
            RunControl ctl;
            ctl.threads = 2;
            const TensorMap out = executor.run({{"x", x}}, ctl);
            QCOMPARE(out.at("y").shape, (Shape{x.shape[0], 24}));
            QCOMPARE(out.at("y").f, x.f);
        }
    }

    void softmaxFollowsTheModelOpset()
    {
        // Input [1, 2, 2] = {0, 1, 2, 3}, axis 1.
        //   opset 11: one softmax over all 4 elements (2-D coercion [1, 4]).
        //   opset 13: softmax over dim 1 only, i.e. over pairs {0, 2} and {1, 3}.
        for (const int opset : {11, 13}) {
            onnx::ModelProto m = newModel(opset);
            auto* g = m.mutable_graph();
            addValue(g->mutable_input(), "x", {1, 2, 2});
            addValue(g->mutable_output(), "y", {1, 2, 2});
            setInt(addNode(g, "Softmax", {"x"}, {"y"}), "axis", 1);
            const Model model = loadOnnxModelFromBytes(m.SerializeAsString(), "sm.onnx");
            const Tensor y = Fp32Executor(model)
                                 .run({{"x", Tensor::fromFloat({1, 2, 2}, {0, 1, 2, 3})}})
                                 .at("y");
            const double total = std::exp(0.0) + std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
            const double first = opset == 11 ? 1.0 / total : 1.0 / (1.0 + std::exp(2.0));
            QVERIFY2(std::abs(y.f[0] - first) < 1e-6, qPrintable(QString::number(y.f[0])));
        }
    }

    void executorSplitsBatchesAndKeepsTensors()
    {
        const Model model = loadOnnxModelFromBytes(convReluGemmBytes(), "small.onnx");
        const Fp32Executor executor(model);
        QVERIFY(executor.splittable());
        const Tensor x = randomInput({7, 1, 8, 8}, 42);
        RunControl one;
        one.threads = 1;
        const TensorMap single = executor.run({{"x", x}}, one);
        RunControl three;
        three.threads = 3;
        long long lastDone = 0, lastTotal = 0;
        std::mutex mutex;
        three.progress = [&](long long done, long long total) {
            std::lock_guard<std::mutex> lock(mutex);
            lastDone = std::max(lastDone, done);
            lastTotal = total;
        };
        ExecOptions keep;
        keep.keep = {"r"};
        const TensorMap split = executor.run({{"x", x}}, three, keep);
        QCOMPARE(split.at("y").shape, (Shape{7, 10}));
        // Per-sample arithmetic is the same; only GEMM blocking may differ with the row count.
        QVERIFY(maxAbsDiff(single.at("y"), split.at("y")) < 1e-5f);
        QCOMPARE(split.at("r").shape, (Shape{7, 4, 4, 4}));
        QVERIFY(!split.count("c") && !split.count("f")); // freed intermediates
        QCOMPARE(lastTotal, 4LL * 3);                    // 4 nodes x 3 chunks
        QCOMPARE(lastDone, lastTotal);

        ExecOptions all;
        all.keepAll = true;
        const TensorMap everything = executor.run({{"x", x}}, one, all);
        for (const char* name : {"x", "c", "r", "f", "y"})
            QVERIFY2(everything.count(name), name);
        for (float v : everything.at("r").f)
            QVERIFY(v >= 0.0f);
        // Relu runs in place on c when nothing keeps c (OpDef::inPlace); kept, c stays intact
        // and both runs give the same r.
        const Tensor& c = everything.at("c");
        QVERIFY(std::any_of(c.f.begin(), c.f.end(), [](float v) { return v < 0.0f; }));
        for (size_t i = 0; i < c.f.size(); ++i)
            QCOMPARE(everything.at("r").f[i], std::max(c.f[i], 0.0f));
        ExecOptions keepR;
        keepR.keep = {"r"};
        const TensorMap inPlace = executor.run({{"x", x}}, one, keepR);
        QVERIFY(inPlace.at("r").f == everything.at("r").f);
    }

    void executorValidatesFeeds()
    {
        const Model model = loadOnnxModelFromBytes(convReluGemmBytes(), "small.onnx");
        const Fp32Executor executor(model);
        QCOMPARE(errorOf([&] { executor.run({}); }),
                 QString("small.onnx: input 'x' (?x1x8x8) was not fed"));
        QCOMPARE(errorOf([&] {
                     executor.run({{"x", randomInput({2, 1, 8, 9}, 1)}});
                 }),
                 QString("small.onnx: input 'x' has the wrong shape: expected ?x1x8x8, got "
                         "2x1x8x9"));
        QCOMPARE(errorOf([&] {
                     executor.run({{"x", randomInput({2, 64}, 1)}});
                 }),
                 QString("small.onnx: input 'x' has the wrong shape: expected ?x1x8x8, got 2x64"));
    }

    void executorCancels()
    {
        const Model model = loadOnnxModelFromBytes(convReluGemmBytes(), "small.onnx");
        CancelToken token;
        token.cancel();
        RunControl ctl;
        ctl.cancel = &token;
        ctl.threads = 2;
        QVERIFY_THROWS_EXCEPTION(
            Cancelled, Fp32Executor(model).run({{"x", randomInput({4, 1, 8, 8}, 3)}}, ctl));
    }

    void evaluateFp32CountsPerExit()
    {
        // The two-exit MLP of exitsOrderedByCumulativeMacs, minus the "mid" output, on 10
        // samples in batches of 4 (4 + 4 + 2). Labels: the executor's own argmax of "early"
        // for samples 0-6, a wrong class for 7-9, unlabelled (-1) for none.
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {-1, 8});
        addValue(g->mutable_output(), "late", {-1, 3});
        addValue(g->mutable_output(), "early", {-1, 3});
        addFloatInit(g, "w1", {8, 16}, ramp(128, 0.1f), true);
        addFloatInit(g, "w2", {16, 3}, ramp(48, 0.1f), true);
        addFloatInit(g, "w3", {8, 3}, ramp(24, 0.1f), false);
        addNode(g, "Gemm", {"x", "w1"}, {"h"});
        addNode(g, "Gemm", {"h", "w2"}, {"late"});
        addNode(g, "Gemm", {"x", "w3"}, {"early"});
        const Model model = loadOnnxModelFromBytes(m.SerializeAsString(), "eval.onnx");

        Dataset data;
        data.root = "synthetic";
        data.classes = {"a", "b", "c"};
        data.images = randomInput({10, 8}, 99);
        data.files.assign(10, "sample.png");
        const TensorMap reference = Fp32Executor(model).run({{"x", data.images}});
        const Tensor& early = reference.at("early");
        for (int i = 0; i < 10; ++i) {
            const int predicted = argmaxRow(early.f.data() + 3 * i, 3);
            data.labels.push_back(i < 7 ? predicted : (predicted + 1) % 3);
        }
        long long lastDone = 0, lastTotal = 0;
        bool withinTotal = true;
        std::mutex mutex;
        RunControl ctl;
        ctl.threads = 2;
        ctl.progress = [&](long long done, long long total) { // called from worker threads
            std::lock_guard<std::mutex> lock(mutex);
            withinTotal = withinTotal && done <= total;
            lastDone = std::max(lastDone, done);
            lastTotal = total;
        };
        const Fp32EvalResult result = evaluateFp32(model, data, ctl, 4);
        QCOMPARE(result.samples, int64_t{10});
        QCOMPARE(result.exits.size(), size_t{2});
        QCOMPARE(result.exits[0].output, std::string("early")); // ordered by MACs: 24 < 176
        QCOMPARE(result.exits[0].macs, int64_t{24});
        QCOMPARE(result.exits[0].correct, int64_t{7});
        QCOMPARE(result.exits[0].total, int64_t{10});
        QCOMPARE(result.exits[0].top1(), 70.0);
        QCOMPARE(result.exits[1].macs, int64_t{128 + 48});
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(result.predictions[0][i], argmaxRow(early.f.data() + 3 * i, 3));
            QCOMPARE(result.predictions[1][i], argmaxRow(reference.at("late").f.data() + 3 * i, 3));
        }
        QVERIFY(withinTotal);
        QCOMPARE(lastDone, 10LL);
        QCOMPARE(lastTotal, 10LL);

        CancelToken token;
        token.cancel();
        RunControl cancelled;
        cancelled.cancel = &token;
        QVERIFY_THROWS_EXCEPTION(Cancelled, evaluateFp32(model, data, cancelled, 4));
    }
};

QTEST_GUILESS_MAIN(TestFp32Executor)
#include "test_fp32_executor.moc"
