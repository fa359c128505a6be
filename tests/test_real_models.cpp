// Models as users export them (torch.onnx.export defaults, dynamic batch) through import and
// the FP32 executor, against PyTorch's own recorded outputs:
//  * the small committed models of tools/make_test_models.py (every op the torchvision
//    exports need: squeeze-excite, channel shuffle, a tiny ViT at opsets 13 and 17);
//  * the 16 torchvision exports of tools/make_torchvision_onnx.py when QL_TORCHVISION_DIR
//    points at them (too big to commit; QSKIP otherwise).
// Plus the import clean-up they rely on: Identity-fed weights folded into initializers and
// the dynamic-batch Shape -> Gather -> Unsqueeze -> Concat -> Reshape chain reduced to one
// Reshape that copies the batch dim.

#include <QtTest>

#include <algorithm>
#include <cmath>

#include "core/executor.h"
#include "core/npy.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"

using namespace ql;

namespace {

const QString kSmallModels = QStringLiteral(QL_TEST_SOURCE_DIR) + "/data/models";

// Tolerance, the same for every model: max_i |ours_i - torch_i| <= 1e-4 * max_i |torch_i|.
// Relative to the largest output because logits near 0 have no meaningful relative error;
// 1e-4 is ~1000 float ulps of the largest logit: far above the rounding of sums taken in
// another order (oneDNN/MKL vs Eigen, up to 160 layers), far below any kernel bug.
constexpr double kRelTol = 1e-4;

Tensor readFloatNpy(const QString& path)
{
    const NpyArray a = readNpy(path.toStdString());
    if (a.type != NpyType::Float32)
        throw Error(path.toStdString() + ": expected float32");
    return Tensor::fromFloat(a.shape, a.f);
}

struct Comparison
{
    double maxAbsDiff = 0.0;
    double maxRef = 0.0;
    double relative() const { return maxRef > 0.0 ? maxAbsDiff / maxRef : maxAbsDiff; }
};

Comparison compare(const Tensor& ours, const Tensor& ref)
{
    Comparison c;
    for (int64_t i = 0; i < ref.numel(); ++i) {
        c.maxAbsDiff = std::max(c.maxAbsDiff, std::abs(double(ours.f[i]) - ref.f[i]));
        c.maxRef = std::max(c.maxRef, std::abs(double(ref.f[i])));
    }
    return c;
}

// Runs the model on NAME.input.npy (batch 2) and, to prove the batch stays symbolic, on its
// first sample alone; both against NAME.output.npy.
Comparison runAgainstTorch(const Model& model, const QString& stem)
{
    const Tensor input = readFloatNpy(stem + ".input.npy");
    const Tensor reference = readFloatNpy(stem + ".output.npy");
    const Fp32Executor executor(model);
    const std::string in = model.graph.inputs.at(0).name;
    const std::string out = model.graph.outputs.at(0).name;
    const Tensor ours = executor.run({{in, input}}).at(out);
    if (ours.shape != reference.shape)
        throw Error(stem.toStdString() + ": output shape " + shapeToString(ours.shape) +
                    ", PyTorch " + shapeToString(reference.shape));
    Comparison c = compare(ours, reference);

    Shape oneShape = input.shape;
    oneShape[0] = 1;
    const int64_t perSample = input.numel() / input.shape[0];
    Tensor one = Tensor::fromFloat(
        oneShape, std::vector<float>(input.f.begin(), input.f.begin() + perSample));
    const Tensor single = executor.run({{in, one}}).at(out);
    const int64_t perOutput = reference.numel() / reference.shape[0];
    Tensor firstRow = Tensor::fromFloat(
        single.shape, std::vector<float>(reference.f.begin(), reference.f.begin() + perOutput));
    const Comparison s = compare(single, firstRow);
    c.maxAbsDiff = std::max(c.maxAbsDiff, s.maxAbsDiff);
    return c;
}

int countOps(const Model& model, const std::string& opType)
{
    return static_cast<int>(std::count_if(model.graph.nodes.begin(), model.graph.nodes.end(),
                                          [&](const Node& n) { return n.opType == opType; }));
}

} // namespace

class TestRealModels : public QObject
{
    Q_OBJECT

private slots:
    void smallModels_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("ops"); // ops the model must still contain after import
        QTest::newRow("se_block") << "se_block"
                                  << QStringList{"HardSwish", "HardSigmoid", "Sigmoid", "Tanh",
                                                 "Mul", "Reshape"};
        QTest::newRow("channel_shuffle")
            << "channel_shuffle" << QStringList{"Transpose", "ReduceMean", "Reshape", "Concat"};
        QTest::newRow("tiny_vit")
            << "tiny_vit"
            << QStringList{"ReduceMean", "Pow", "Sqrt", "Erf", "MatMul", "Softmax", "Split",
                           "Expand", "Where", "Transpose", "Gather"};
        QTest::newRow("tiny_vit_ln17")
            << "tiny_vit_ln17"
            << QStringList{"LayerNormalization", "Erf", "MatMul", "Softmax", "Split", "Expand"};
        QTest::newRow("layer_scale")
            << "layer_scale"
            << QStringList{"Transpose", "MatMul", "Erf", "Mul", "Split", "ReduceMean", "Expand",
                           "Div", "Gather", "Concat"};
    }

    void smallModels()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, ops);
        const Model model = loadOnnxModel((kSmallModels + "/" + name + ".onnx").toStdString());
        for (const QString& op : ops)
            QVERIFY2(countOps(model, op.toStdString()) > 0, qPrintable(op + " missing"));
        const Comparison c = runAgainstTorch(model, kSmallModels + "/" + name);
        qInfo("%s: max |ours - torch| = %.3g, outputs up to %.3g (relative %.3g)",
              qPrintable(name), c.maxAbsDiff, c.maxRef, c.relative());
        QVERIFY2(c.maxAbsDiff <= kRelTol * c.maxRef, qPrintable(QString::number(c.relative())));
    }

    // torch deduplicates equal initializers: se_block's equal Conv biases arrive through
    // Identity nodes. Folding makes them plain initializers, so every Conv/Gemm reads constant
    // weights and biases (what the integer engine needs to quantize them).
    void identityFedWeightsBecomeInitializers()
    {
        QFile file(kSmallModels + "/se_block.onnx");
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(file.readAll().contains("Identity"), "the export no longer has Identity nodes");
        const Model model = loadOnnxModel((kSmallModels + "/se_block.onnx").toStdString());
        QCOMPARE(countOps(model, "Identity"), 0);
        int weighted = 0;
        for (const Node& node : model.graph.nodes) {
            if (node.opType != "Conv" && node.opType != "Gemm")
                continue;
            ++weighted;
            for (size_t i = 1; i < node.inputs.size(); ++i)
                QVERIFY2(model.graph.initializer(node.inputs[i]),
                         qPrintable(QString::fromStdString(node.name + ": input " +
                                                           node.inputs[i] + " is computed")));
        }
        QCOMPARE(weighted, 6);
    }

    // The small models through the integer engine under w8a8 (calibrated on their recorded
    // input): every Conv/Gemm/MatMul runs in integers — se_block's Identity-fed biases, which
    // used to send those layers to float, included — the squeeze-excite Mul, ReduceMean and
    // the code-moving ops run their integer kernels, and the dequantized logits stay close to
    // FP32. Tolerance: max |int - fp32| <= 0.1 * max |fp32| — 8-bit activations through 5-12
    // requantized layers on random weights lose a few LSB each (measured below 0.05); a wrong
    // kernel (codes moved to the wrong place, a sign, a scale) is off by the order of the
    // logits themselves.
    void smallModelsInteger_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("kernels"); // integer kernels that must run
        QTest::newRow("se_block") << "se_block" << QStringList{"conv", "gemm", "mul", "lookup"};
        QTest::newRow("channel_shuffle")
            << "channel_shuffle"
            << QStringList{"conv", "slice", "transpose", "reduce_mean", "concat", "gemm"};
        QTest::newRow("tiny_vit") << "tiny_vit"
                                  << QStringList{"conv", "transpose", "reduce_mean", "matmul", "mul"};
        QTest::newRow("tiny_vit_ln17")
            << "tiny_vit_ln17" << QStringList{"conv", "transpose", "matmul", "lookup"};
        QTest::newRow("layer_scale")
            << "layer_scale"
            << QStringList{"conv", "transpose", "lookup", "mul", "split", "reduce_mean", "expand",
                           "gather", "concat", "gemm"};
    }

    void smallModelsInteger()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, kernels);
        const QString stem = kSmallModels + "/" + name;
        const Model model = loadOnnxModel((stem + ".onnx").toStdString());
        Dataset data;
        data.root = (stem + ".input.npy").toStdString();
        data.images = readFloatNpy(stem + ".input.npy");
        for (int64_t i = 0; i < data.images.shape.at(0); ++i) {
            data.files.push_back("sample" + std::to_string(i));
            data.labels.push_back(-1);
        }
        const QuantizedModel qm = buildQuantizedModel(
            model, presetConfig("w8a8"), calibrate(model, data, RunControl{}, 2));
        QStringList ran, floats;
        for (const QuantizedLayer& L : qm.layers) {
            if (L.runsInteger())
                ran << QString::fromStdString(L.kernelName());
            else
                floats << QString::fromStdString(L.plan.name + " (" + L.plan.opType + "): " + L.floatReason);
            if (L.plan.macs > 0)
                QVERIFY2(L.runsInteger(), qPrintable(QString::fromStdString(L.plan.name + ": " + L.floatReason)));
        }
        qInfo("%s: %lld integer layers, float: %s", qPrintable(name), static_cast<long long>(ran.size()),
              qPrintable(floats.join("; ")));
        for (const QString& k : kernels)
            QVERIFY2(ran.contains(k), qPrintable(k + " did not run"));
        QCOMPARE(modelSize(qm).integerCoverage(), 100.0);
        const std::string out = model.graph.outputs.at(0).name;
        for (const TensorDump& d : dumpQuantizedTensors(qm, data.images)) {
            if (d.tensor != out)
                continue;
            const Comparison c = compare(d.dequantized, d.fp32);
            qInfo("%s: integer logits vs FP32: max diff %.3g of %.3g (relative %.3g)",
                  qPrintable(name), c.maxAbsDiff, c.maxRef, c.relative());
            QVERIFY2(c.maxAbsDiff <= 0.1 * c.maxRef, qPrintable(QString::number(c.relative())));
            return;
        }
        QFAIL("the logits were not dumped");
    }

    // x.view(x.size(0), -1) and ShuffleNet's view(n, g, c / g, h, w): no shape arithmetic
    // left, each Reshape has a constant target whose 0 copies the (symbolic) batch.
    void dynamicBatchReshapesAreOneRow_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("reshapes");
        QTest::newRow("se_block") << "se_block" << 1;
        QTest::newRow("channel_shuffle") << "channel_shuffle" << 2;
    }

    void dynamicBatchReshapesAreOneRow()
    {
        QFETCH(QString, name);
        QFETCH(int, reshapes);
        const Model model = loadOnnxModel((kSmallModels + "/" + name + ".onnx").toStdString());
        for (const char* op : {"Shape", "Gather", "Unsqueeze", "Cast", "Div"})
            QVERIFY2(countOps(model, op) == 0, op);
        if (name == "se_block") // channel_shuffle's Concat and Slice (chunk) move real data
            for (const char* op : {"Concat", "Slice"})
                QVERIFY2(countOps(model, op) == 0, op);
        QCOMPARE(countOps(model, "Reshape"), reshapes);
        for (const Node& node : model.graph.nodes) {
            if (node.opType != "Reshape")
                continue;
            const Tensor* target = model.graph.initializer(node.inputs.at(1));
            QVERIFY(target);
            QCOMPARE(target->i64.at(0), int64_t{0}); // copies the batch
            QCOMPARE(node.outputShapes.at(0).at(0), int64_t{1});
        }
    }

    // Optional: the 16 torchvision exports of tools/make_torchvision_onnx.py.
    void torchvision_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<double>("gmacs"); // published counts (0 = not checked)
        QTest::newRow("resnet18") << "resnet18" << 1.814;
        QTest::newRow("mobilenet_v2") << "mobilenet_v2" << 0.301;
        QTest::newRow("mobilenet_v3_small") << "mobilenet_v3_small" << 0.0;
        QTest::newRow("efficientnet_b0") << "efficientnet_b0" << 0.0;
        QTest::newRow("shufflenet_v2_x1_0") << "shufflenet_v2_x1_0" << 0.0;
        QTest::newRow("squeezenet1_1") << "squeezenet1_1" << 0.0;
        QTest::newRow("googlenet") << "googlenet" << 0.0;
        QTest::newRow("regnet_y_400mf") << "regnet_y_400mf" << 0.0;
        QTest::newRow("mnasnet0_5") << "mnasnet0_5" << 0.0;
        QTest::newRow("densenet121") << "densenet121" << 0.0;
        QTest::newRow("convnext_tiny") << "convnext_tiny" << 0.0;
        QTest::newRow("resnext50_32x4d") << "resnext50_32x4d" << 0.0;
        QTest::newRow("vgg11_bn") << "vgg11_bn" << 0.0;
        QTest::newRow("alexnet") << "alexnet" << 0.0;
        QTest::newRow("inception_v3") << "inception_v3" << 0.0;
        QTest::newRow("vit_b_16") << "vit_b_16" << 0.0;
    }

    void torchvision()
    {
        QFETCH(QString, name);
        QFETCH(double, gmacs);
        const QString dir = qEnvironmentVariable("QL_TORCHVISION_DIR");
        if (dir.isEmpty())
            QSKIP("set QL_TORCHVISION_DIR to the output of tools/make_torchvision_onnx.py");
        const QString stem = dir + "/" + name;
        QVERIFY2(QFile::exists(stem + ".onnx"), qPrintable(stem + ".onnx is missing"));
        const Model model = loadOnnxModel((stem + ".onnx").toStdString());
        const double measured = model.totalMacs() / 1e9;
        qInfo("%s: %.4f GMACs, %.3f M params, %zu nodes", qPrintable(name), measured,
              model.totalParams() / 1e6, model.graph.nodes.size());
        if (gmacs > 0.0)
            QVERIFY2(std::abs(measured - gmacs) / gmacs < 0.01,
                     qPrintable(QString::number(measured)));
        const Comparison c = runAgainstTorch(model, stem);
        qInfo("%s: max |ours - torch| = %.3g, logits up to %.3g (relative %.3g)",
              qPrintable(name), c.maxAbsDiff, c.maxRef, c.relative());
        QVERIFY2(c.maxAbsDiff <= kRelTol * c.maxRef, qPrintable(QString::number(c.relative())));
    }
};

QTEST_GUILESS_MAIN(TestRealModels)
#include "test_real_models.moc"
