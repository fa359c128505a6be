// Hostile ONNX models (issue 16): each input that crashed libonnx's shape inference, overflowed
// int64 shape math, allocated before validating, or was accepted silently is built here and
// must be refused with one line naming the file and the node or tensor. Before the fix the
// first three tests died by SIGFPE / SIGSEGV inside onnx::shape_inference::InferShapes.

#include <QtTest>

#include <filesystem>
#include <fstream>

#include "core/checked_math.h"
#include "core/executor.h"
#include "core/onnx_import.h"
#include "core/ops/op_utils.h"
#include "core/quant/layer_plan.h"
#include "onnx_test_models.h"

using namespace ql;
using namespace ql::testing;

namespace {

constexpr int64_t k2p62 = int64_t{1} << 62;

QString loadError(const onnx::ModelProto& m)
{
    return errorOf([&] { loadOnnxModelFromBytes(m.SerializeAsString(), "hostile.onnx"); });
}

// An output "y" of unknown shape (whatever the op makes of its input).
void addUnshapedOutput(onnx::GraphProto* g)
{
    addValue(g->mutable_output(), "y", {});
    g->mutable_output(g->output_size() - 1)->mutable_type()->mutable_tensor_type()->clear_shape();
}

// x [dims] (-> Relu when throughRelu) -> Conv(weights W) "conv" -> y, W an initializer of
// wDims (ones).
onnx::ModelProto convModel(const std::vector<int64_t>& xDims, const std::vector<int64_t>& wDims,
                           bool throughRelu = false)
{
    onnx::ModelProto m = newModel();
    auto* g = m.mutable_graph();
    addValue(g->mutable_input(), "x", xDims);
    addUnshapedOutput(g);
    addFloatInit(g, "w", wDims, std::vector<float>(static_cast<size_t>(numelOf(wDims)), 1.0f),
                 true);
    if (throughRelu)
        addNode(g, "Relu", {"x"}, {"r"});
    addNode(g, "Conv", {throughRelu ? "r" : "x", "w"}, {"y"}, "conv");
    return m;
}

// x [dims] -> op "pool" (x plus `extraInputs`) -> y.
onnx::ModelProto poolModel(const std::string& op, const std::vector<int64_t>& xDims,
                           const std::vector<std::string>& extraInputs = {})
{
    onnx::ModelProto m = newModel();
    auto* g = m.mutable_graph();
    addValue(g->mutable_input(), "x", xDims);
    addUnshapedOutput(g);
    std::vector<std::string> inputs{"x"};
    inputs.insert(inputs.end(), extraInputs.begin(), extraInputs.end());
    addNode(g, op, inputs, {"y"}, "pool");
    return m;
}

void setFloat(onnx::NodeProto* n, const std::string& name, float value)
{
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

#define QVERIFY_ERROR(message, ...)                                                              \
    do {                                                                                         \
        const QString text_ = (message);                                                         \
        for (const char* part_ : {__VA_ARGS__})                                                  \
            QVERIFY2(text_.contains(QLatin1String(part_)),                                       \
                     qPrintable(QStringLiteral("'%1' lacks '%2'").arg(text_, part_)));           \
    } while (false)

} // namespace

class TestHostileModels : public QObject
{
    Q_OBJECT

private slots:
    // --- libonnx shape-inference crashes, validated before InferShapes ---
    void convZeroStridesIsRefusedNotSigfpe()
    {
        onnx::ModelProto m = convModel({1, 1, 8, 8}, {2, 1, 3, 3});
        setInts(m.mutable_graph()->mutable_node(0), "strides", {0, 0});
        QVERIFY_ERROR(loadError(m), "hostile.onnx: ", "node 'conv' (Conv)", "strides [0,0]",
                      ">= 1");
    }

    void convRank3InputAgainst4dWeightIsRefusedNotSigsegv()
    {
        QVERIFY_ERROR(loadError(convModel({1, 1, 8}, {2, 1, 3, 3})), "hostile.onnx: ",
                      "node 'conv' (Conv)", "1x1x8", "2x1x3x3");
    }

    void convRank2InputWithWeightAsGraphInputIsRefused()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {1, 4});
        addValue(g->mutable_input(), "w", {2, 1, 3, 3});
        addUnshapedOutput(g);
        addNode(g, "Conv", {"x", "w"}, {"y"}, "conv");
        QVERIFY_ERROR(loadError(m), "node 'conv' (Conv)", "1x4", "2x1x3x3");
    }

    void convRankMismatchBehindAnotherOpIsRefused()
    {
        // libonnx learns the rank 3 from its own inference of Relu: the crash did not need
        // the Conv input to be declared.
        QVERIFY_ERROR(loadError(convModel({1, 1, 8}, {2, 1, 3, 3}, true)), "node 'conv' (Conv)",
                      "2x1x3x3");
    }

    void windowAttributesAreValidated_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("attr");
        QTest::addColumn<QList<qint64>>("values");
        QTest::addColumn<QString>("expected");
        QTest::newRow("conv dilations 0") << "Conv" << "dilations" << QList<qint64>{1, 0} << ">= 1";
        QTest::newRow("conv pads -1") << "Conv" << "pads" << QList<qint64>{0, -1, 0, 0} << ">= 0";
        QTest::newRow("conv pads odd") << "Conv" << "pads" << QList<qint64>{1, 1, 1} << "begin and end";
        QTest::newRow("conv kernel 3 axes") << "Conv" << "kernel_shape" << QList<qint64>{3, 3, 3}
                                            << "3x3";
        QTest::newRow("maxpool strides 0") << "MaxPool" << "strides" << QList<qint64>{0, 0} << ">= 1";
        QTest::newRow("avgpool kernel 0") << "AveragePool" << "kernel_shape" << QList<qint64>{0, 2}
                                          << ">= 1";
        QTest::newRow("maxpool kernel vs strides") << "MaxPool" << "strides" << QList<qint64>{1, 1, 1}
                                                   << "spatial axes";
    }

    void windowAttributesAreValidated()
    {
        QFETCH(QString, op);
        QFETCH(QString, attr);
        QFETCH(QList<qint64>, values);
        QFETCH(QString, expected);
        onnx::ModelProto m = op == "Conv" ? convModel({1, 1, 8, 8}, {2, 1, 3, 3})
                                          : poolModel(op.toStdString(), {1, 1, 8, 8});
        auto* node = m.mutable_graph()->mutable_node(0);
        if (op != "Conv" && attr != "kernel_shape")
            setInts(node, "kernel_shape", {2, 2});
        setInts(node, attr.toStdString(), std::vector<int64_t>(values.begin(), values.end()));
        const QString error = loadError(m);
        // Kept alive here: a qPrintable() temporary would die before QVERIFY_ERROR's loop reads it.
        const QByteArray opPart = QStringLiteral("(%1)").arg(op).toUtf8();
        QVERIFY_ERROR(error, "hostile.onnx: ", opPart.constData());
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void poolWithoutKernelShapeIsRefused()
    {
        QVERIFY_ERROR(loadError(poolModel("MaxPool", {1, 1, 8, 8})), "node 'pool' (MaxPool)",
                      "kernel_shape");
    }

    void convGroupMustDivideChannels()
    {
        onnx::ModelProto m = convModel({1, 3, 8, 8}, {2, 1, 3, 3});
        setInt(m.mutable_graph()->mutable_node(0), "group", 2);
        QVERIFY_ERROR(loadError(m), "node 'conv' (Conv)", "group 2");
        onnx::ModelProto zero = convModel({1, 3, 8, 8}, {2, 1, 3, 3});
        setInt(zero.mutable_graph()->mutable_node(0), "group", 0);
        QVERIFY_ERROR(loadError(zero), "node 'conv' (Conv)", "group 0 must be >= 1");
    }

    // --- overflow-checked shape arithmetic ---
    void checkedMathDetectsOverflow()
    {
        QCOMPARE(checkedMul(int64_t{1} << 31, int64_t{1} << 31), std::optional<int64_t>(k2p62));
        QVERIFY(!checkedMul(int64_t{1} << 32, int64_t{1} << 31));
        QVERIFY(!checkedAdd(INT64_MAX, 1));
        QVERIFY(!checkedMulAdd(k2p62, 2, 0));
        QCOMPARE(checkedProduct({int64_t{1} << 40, int64_t{1} << 40, 0}), std::optional<int64_t>(0));
        QVERIFY(!checkedProduct({int64_t{1} << 32, int64_t{1} << 32}));
        QVERIFY_ERROR(errorOf([] { numelOf({int64_t{1} << 32, int64_t{1} << 32}); }),
                      "4294967296x4294967296", "int64");
    }

    void hugeDilationsOrPadsOverflowNamingTheNode()
    {
        onnx::ModelProto dilated = convModel({1, 1, 8, 8}, {2, 1, 3, 3});
        setInts(dilated.mutable_graph()->mutable_node(0), "dilations", {k2p62, 1});
        QVERIFY_ERROR(loadError(dilated), "hostile.onnx: ", "node 'conv' (Conv)",
                      "dilated kernel extent", "overflows int64");
        onnx::ModelProto padded = poolModel("MaxPool", {1, 1, 8, 8});
        setInts(padded.mutable_graph()->mutable_node(0), "kernel_shape", {2, 2});
        setInts(padded.mutable_graph()->mutable_node(0), "pads", {k2p62, 0, k2p62, 0});
        QVERIFY_ERROR(loadError(padded), "node 'pool' (MaxPool)", "padded input size",
                      "overflows int64");
    }

    void hugeDeclaredInputIsRefused()
    {
        onnx::ModelProto m = poolModel("Relu", {int64_t{1} << 32, int64_t{1} << 32});
        QVERIFY_ERROR(loadError(m), "hostile.onnx: ", "input 'x'", "2^30");
    }

    void hugePadOverflowsNamingTheNode()
    {
        onnx::ModelProto m = poolModel("Pad", {1, 4}, {"pads"});
        addInt64Init(m.mutable_graph(), "pads", {0, INT64_MAX, 0, INT64_MAX});
        QVERIFY_ERROR(loadError(m), "node 'pool' (Pad)", "overflows int64");
    }

    void hugeReshapeTargetOverflowsNamingTheNode()
    {
        onnx::ModelProto m = poolModel("Reshape", {1, 4}, {"shape"});
        addInt64Init(m.mutable_graph(), "shape", {int64_t{1} << 40, int64_t{1} << 40});
        QVERIFY_ERROR(loadError(m), "node 'pool' (Reshape)", "overflows int64");
    }

    // --- sizes checked before allocation ---
    void initializerWithoutDataFailsBeforeAllocating()
    {
        // 1e9 floats declared, none stored: used to zero-fill 4 GB for 11 s first. Under
        // ASan a 4 GB allocation would abort the test, so passing proves none happens.
        onnx::ModelProto m = poolModel("Relu", {1, 4});
        auto* t = m.mutable_graph()->add_initializer();
        t->set_name("big");
        t->set_data_type(onnx::TensorProto::FLOAT);
        t->add_dims(1000000000);
        QVERIFY_ERROR(loadError(m), "tensor 'big'", "holds 0 values", "needs 1000000000");
        t->add_dims(int64_t{1} << 40); // and a count that overflows int64
        QVERIFY_ERROR(loadError(m), "tensor 'big'", "overflow int64");
    }

    void externalDataIsRefusedClearly()
    {
        onnx::ModelProto m = poolModel("Relu", {1, 4});
        auto* t = m.mutable_graph()->add_initializer();
        t->set_name("w");
        t->set_data_type(onnx::TensorProto::FLOAT);
        t->add_dims(4);
        auto* entry = t->add_external_data();
        entry->set_key("location");
        entry->set_value("weights.bin");
        QVERIFY_ERROR(loadError(m), "tensor 'w'", "external data");
    }

    void constantOfShapeFoldingIsCapped()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {1, 4});
        addValue(g->mutable_output(), "y", {});
        addInt64Init(g, "shape", {int64_t{1} << 20, int64_t{1} << 20});
        addNode(g, "ConstantOfShape", {"shape"}, {"c"}, "fill");
        addNode(g, "Add", {"x", "c"}, {"y"}, "add");
        QVERIFY_ERROR(loadError(m), "node 'fill' (ConstantOfShape)", "2^30");
    }

    void fileSizeIsCappedBeforeReading()
    {
        // A sparse 3 GiB file: the size check refuses it without reading a byte.
        const std::string path = QDir::temp().filePath("ql_hostile_sparse.onnx").toStdString();
        {
            std::ofstream out(path, std::ios::binary);
        }
        std::filesystem::resize_file(path, std::uintmax_t{3} << 30);
        const QString error = errorOf([&] { loadOnnxModel(path); });
        std::filesystem::remove(path);
        QVERIFY_ERROR(error, "ql_hostile_sparse.onnx", "2 GiB");
        QVERIFY_ERROR(errorOf([] { loadOnnxModel("/tmp"); }), "/tmp", "directory");
    }

    // --- refused instead of accepted silently ---
    void constantGraphOutputRunsInFp32AndIsRefusedByTheIntegerEngine()
    {
        // Used to end `evaluate` with "internal error: map::at" (exit 1).
        onnx::ModelProto m = poolModel("Relu", {1, 4});
        auto* g = m.mutable_graph();
        addFloatInit(g, "k", {2}, {1.0f, 2.0f}, false);
        addValue(g->mutable_output(), "k", {2});
        const Model model = loadOnnxModelFromBytes(m.SerializeAsString(), "hostile.onnx");
        const TensorMap out = Fp32Executor(model).run({{"x", randomInput({1, 4}, 3)}});
        QCOMPARE(out.at("k").f, (std::vector<float>{1.0f, 2.0f}));
        QVERIFY_ERROR(errorOf([&] { planLayers(model, true); }), "hostile.onnx: ",
                      "graph output 'k'", "constant");
    }

    void nonFiniteWeightsAreRefusedByName()
    {
        for (const float bad : {std::nanf(""), INFINITY, -INFINITY}) {
            onnx::ModelProto m = convModel({1, 1, 4, 4}, {1, 1, 1, 1});
            m.mutable_graph()->mutable_initializer(0)->set_raw_data(
                std::string(reinterpret_cast<const char*>(&bad), sizeof bad));
            QVERIFY_ERROR(loadError(m), "hostile.onnx: ", "tensor 'w'", "must be finite");
        }
    }

    void negativeBatchNormVarianceIsRefused()
    {
        onnx::ModelProto m =
            poolModel("BatchNormalization", {1, 2, 3, 3}, {"scale", "bias", "mean", "var"});
        auto* g = m.mutable_graph();
        for (const char* name : {"scale", "bias", "mean"})
            addFloatInit(g, name, {2}, {1.0f, 0.0f}, false);
        addFloatInit(g, "var", {2}, {1.0f, -1.0f}, false);
        QVERIFY_ERROR(loadError(m), "node 'pool' (BatchNormalization)", "channel 1", "-1.0");
    }

    void nonFiniteGemmAlphaBetaIsRefused()
    {
        for (const char* attr : {"alpha", "beta"}) {
            onnx::ModelProto m = poolModel("Gemm", {1, 4}, {"b"});
            auto* g = m.mutable_graph();
            addFloatInit(g, "b", {4, 2}, ramp(8, 0.5f), false);
            setFloat(g->mutable_node(0), attr, std::nanf(""));
            QVERIFY_ERROR(loadError(m), "node 'pool' (Gemm)", attr, "must be finite");
        }
    }

    void futureOpsetAndIrVersionAreRefused()
    {
        onnx::ModelProto opset = poolModel("Relu", {1, 4});
        opset.mutable_opset_import(0)->set_version(99);
        QVERIFY_ERROR(loadError(opset), "hostile.onnx: ", "opset 99", "'ai.onnx'", "21");
        auto* ml = opset.add_opset_import();
        opset.mutable_opset_import(0)->set_version(13);
        ml->set_domain("ai.onnx.ml");
        ml->set_version(42);
        QVERIFY_ERROR(loadError(opset), "opset 42", "'ai.onnx.ml'");
        onnx::ModelProto ir = poolModel("Relu", {1, 4});
        ir.set_ir_version(99);
        QVERIFY_ERROR(loadError(ir), "ir_version 99", "8");
    }

    // --- Gemm transA=1 on a graph input: K must not be split as if it were the batch ---
    void gemmTransAOnGraphInputGivesTheSameResultAtAnyThreadCount()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        // A is [K, M] = [6, 1]: its dim 0 is K, not a batch. Y = A^T B is [1, 2], so the
        // output alone looks like a batch-1 result; before the fix 2 threads split A's 6 rows
        // into two chunks of K = 3 and the Gemm refused the mismatch with B's 6 rows.
        addValue(g->mutable_input(), "a", {6, 1});
        addValue(g->mutable_output(), "y", {1, 2});
        addFloatInit(g, "b", {6, 2}, ramp(12, 0.25f), false);
        auto* gemm = addNode(g, "Gemm", {"a", "b"}, {"y"}, "gemm");
        setInt(gemm, "transA", 1);
        const Model model = loadOnnxModelFromBytes(m.SerializeAsString(), "transa.onnx");
        const Fp32Executor executor(model);
        const Tensor a = randomInput({6, 1}, 16);
        TensorMap results[2];
        for (int threads : {1, 2}) {
            RunControl ctl;
            ctl.threads = threads;
            results[threads - 1] = executor.run({{"a", a}}, ctl);
        }
        // Exact: the same Eigen product over the same rows either way.
        QCOMPARE(results[0].at("y").shape, (Shape{1, 2}));
        QCOMPARE(results[1].at("y").f, results[0].at("y").f);
        float expected00 = 0.0f; // y[0,0] = sum_k a[k,0] * b[k,0]
        for (int k = 0; k < 6; ++k)
            expected00 += a.f[k] * ramp(12, 0.25f)[k * 2];
        QVERIFY(std::abs(results[0].at("y").f[0] - expected00) <= 1e-5f); // float reassociation
    }
};

QTEST_GUILESS_MAIN(TestHostileModels)
#include "test_hostile_models.moc"
