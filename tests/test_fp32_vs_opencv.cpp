// Our FP32 executor against OpenCV DNN (an independent ONNX implementation) on conformance
// Conv/Gemm/pool models and on the demo models in resources/models/ when they are present.
// Both run the same random input (fixed seed); the max |ours - OpenCV| is printed per model.

#include <QDir>
#include <QtTest>

#include <random>

#include <opencv2/dnn.hpp>

#include "core/executor.h"
#include "core/onnx_import.h"

using namespace ql;

namespace {

// Conformance models that OpenCV's importer handles (it needs Gemm/MatMul weights to be
// initializers, which the conformance Gemm models feed as inputs: mlp.onnx covers Gemm).
const QStringList kConformanceModels{"test_basic_conv_with_padding",
                                     "test_basic_conv_without_padding",
                                     "test_conv_with_strides_padding",
                                     "test_conv_with_strides_no_padding",
                                     "test_conv_with_strides_and_asymmetric_padding",
                                     "test_conv_with_autopad_same",
                                     "test_maxpool_2d_pads",
                                     "test_averagepool_2d_strides",
                                     "test_globalaveragepool",
                                     "test_relu",
                                     "test_flatten_axis1",
                                     "test_softmax_example"};

Tensor randomInput(Shape shape, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> v(static_cast<size_t>(numelOf(shape)));
    for (float& x : v)
        x = dist(rng);
    return Tensor::fromFloat(std::move(shape), std::move(v));
}

cv::Mat toMat(const Tensor& t)
{
    std::vector<int> sizes(t.shape.begin(), t.shape.end());
    if (sizes.size() == 1)
        sizes.insert(sizes.begin(), 1);
    cv::Mat m(static_cast<int>(sizes.size()), sizes.data(), CV_32F);
    std::memcpy(m.ptr<float>(), t.f.data(), t.f.size() * sizeof(float));
    return m;
}

struct Comparison
{
    QString skipped; // OpenCV could not run it (not our failure)
    double maxAbsDiff = 0.0;
    double maxAbsRef = 0.0;
};

Comparison compareWithOpenCv(const QString& path, int64_t batch)
{
    const Model model = loadOnnxModel(path.toStdString());
    TensorMap feeds;
    unsigned seed = 11;
    for (const ValueInfo& in : model.graph.inputs) {
        Shape shape = in.shape;
        if (!shape.empty() && shape[0] < 0)
            shape[0] = batch;
        std::replace(shape.begin(), shape.end(), int64_t{-1}, int64_t{1});
        feeds[in.name] = randomInput(shape, seed++);
    }
    RunControl ctl;
    ctl.threads = 2;
    const TensorMap ours = Fp32Executor(model).run(feeds, ctl);

    Comparison c;
    std::vector<cv::Mat> theirs;
    std::vector<cv::String> names;
    for (const ValueInfo& out : model.graph.outputs)
        names.push_back(out.name);
    try {
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path.toStdString());
        for (const auto& [name, tensor] : feeds)
            net.setInput(toMat(tensor), name);
        net.forward(theirs, names);
    } catch (const cv::Exception& e) {
        c.skipped = QString("OpenCV cannot run it: ") + e.what();
        return c;
    }
    for (size_t o = 0; o < names.size(); ++o) {
        const Tensor& mine = ours.at(names[o]);
        const cv::Mat ref = theirs[o].isContinuous() ? theirs[o] : theirs[o].clone();
        if (static_cast<int64_t>(ref.total()) != mine.numel()) {
            c.skipped = QString("OpenCV output '%1' has %2 elements, ours %3")
                            .arg(QString::fromStdString(names[o]))
                            .arg(ref.total())
                            .arg(mine.numel());
            return c;
        }
        const float* r = ref.ptr<float>();
        for (int64_t i = 0; i < mine.numel(); ++i) {
            c.maxAbsDiff = std::max(c.maxAbsDiff, static_cast<double>(std::abs(mine.f[i] - r[i])));
            c.maxAbsRef = std::max(c.maxAbsRef, static_cast<double>(std::abs(r[i])));
        }
    }
    return c;
}

} // namespace

class TestFp32VsOpencv : public QObject
{
    Q_OBJECT

private slots:
    void model_data()
    {
        QTest::addColumn<QString>("path");
        const QString node = QStringLiteral(QL_TESTDATA_DIR) + "/node/";
        for (const QString& name : kConformanceModels)
            QTest::newRow(qPrintable(name)) << node + name + "/model.onnx";
        const QDir demo(QStringLiteral(QL_RESOURCE_DIR) + "/models");
        for (const QString& file : demo.entryList({"*.onnx"}, QDir::Files, QDir::Name))
            QTest::newRow(qPrintable("resources/models/" + file)) << demo.filePath(file);
    }

    void model()
    {
        QFETCH(QString, path);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        Comparison c;
        try {
            c = compareWithOpenCv(path, 4);
        } catch (const Error& e) {
            QFAIL(e.what()); // our importer or executor failed: always a failure
        }
        // A conformance row OpenCV cannot run is a failure of this test's choice of models;
        // a demo model OpenCV cannot run is only reported.
        if (!c.skipped.isEmpty()) {
            QVERIFY2(!path.startsWith(QStringLiteral(QL_TESTDATA_DIR)), qPrintable(c.skipped));
            QSKIP(qPrintable(c.skipped));
        }
        qInfo("max |ours - OpenCV| = %.3g (outputs up to %.3g)", c.maxAbsDiff, c.maxAbsRef);
        // Both are float32 with different summation orders (our shifted-view GEMM or
        // im2col + Eigen vs OpenCV's own kernels): 1e-5 of the output range, at least 1e-5
        // absolute, covers rounding only.
        QVERIFY2(c.maxAbsDiff <= 1e-5 * std::max(c.maxAbsRef, 1.0),
                 qPrintable(QString("max abs diff %1").arg(c.maxAbsDiff)));
    }
};

QTEST_GUILESS_MAIN(TestFp32VsOpencv)
#include "test_fp32_vs_opencv.moc"
