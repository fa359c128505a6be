// ONNX conformance vectors of the quantized operators (Debian's libonnx-testdata), run through
// the importer and the executor with the registry's quantized OpDefs. Every vector must match
// BIT-EXACT: integer codes equal, DequantizeLinear's floats equal.
//
// Vectors (one data row each; found by prefix, so new ones in a newer package run too):
//   test_quantizelinear, test_quantizelinear_axis, test_dequantizelinear,
//   test_dequantizelinear_axis, test_qlinearmatmul_2D, test_qlinearmatmul_3D, test_qlinearconv,
//   test_matmulinteger, test_basic_convinteger, test_convinteger_with_padding,
//   test_convinteger_without_padding, test_dynamicquantizelinear{,_max_adjusted,_min_adjusted}
//   and their *_expanded forms (DynamicQuantizeLinear decomposed into FP32 ops; skipped with
//   the reason when the FP32 registry lacks one of those ops).

#include <QtCore/QDir>
#include <QtTest/QtTest>

#include <cstring>

#include "core/error.h"
#include "core/executor.h"
#include "core/onnx_import.h"

using namespace ql;

namespace {

const char* const kPrefixes[] = {
    "test_quantizelinear",  "test_dequantizelinear",  "test_qlinearmatmul",
    "test_qlinearconv",     "test_matmulinteger",     "test_basic_convinteger",
    "test_convinteger",     "test_dynamicquantizelinear",
};

QString nodeDir()
{
    return QString(QL_TESTDATA_DIR) + "/node";
}

QStringList vectorNames()
{
    QStringList names;
    const QStringList all = QDir(nodeDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& d : all)
        for (const char* p : kPrefixes)
            if (d == p || d.startsWith(QString(p) + "_")) {
                names << d;
                break;
            }
    return names;
}

bool bitEqual(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

} // namespace

class TestConformanceQuantized : public QObject
{
    Q_OBJECT

private slots:
    void vectorsPresent();
    void vector_data();
    void vector();
};

void TestConformanceQuantized::vectorsPresent()
{
    const QStringList names = vectorNames();
    if (names.isEmpty())
        QSKIP("libonnx-testdata is not installed (no quantized vectors under QL_TESTDATA_DIR)");
    for (const char* required : {"test_quantizelinear", "test_quantizelinear_axis",
                                 "test_dequantizelinear", "test_dequantizelinear_axis",
                                 "test_qlinearmatmul_2D", "test_qlinearmatmul_3D",
                                 "test_qlinearconv", "test_matmulinteger",
                                 "test_basic_convinteger", "test_convinteger_with_padding",
                                 "test_convinteger_without_padding", "test_dynamicquantizelinear"})
        QVERIFY2(names.contains(required), required);
}

void TestConformanceQuantized::vector_data()
{
    QTest::addColumn<QString>("name");
    for (const QString& n : vectorNames())
        QTest::newRow(qPrintable(n)) << n;
}

void TestConformanceQuantized::vector()
{
    QFETCH(QString, name);
    const QString dir = nodeDir() + "/" + name;
    Model model;
    try {
        model = loadOnnxModel((dir + "/model.onnx").toStdString());
    } catch (const Error& e) {
        const QString why = e.what();
        // Only the decomposed (_expanded) forms may need ops outside the registry.
        if (name.endsWith("_expanded") && why.contains("unsupported op"))
            QSKIP(qPrintable("expanded form needs an FP32 op the registry lacks: " + why));
        QFAIL(qPrintable(why));
    }
    const QStringList sets = QDir(dir).entryList({"test_data_set_*"}, QDir::Dirs, QDir::Name);
    QVERIFY(!sets.isEmpty());
    for (const QString& set : sets) {
        const QString base = dir + "/" + set + "/";
        TensorMap feeds;
        for (size_t i = 0; i < model.graph.inputs.size(); ++i)
            feeds[model.graph.inputs[i].name] = loadTensorProtoFile(
                (base + QString("input_%1.pb").arg(i)).toStdString());
        RunControl ctl;
        ctl.threads = 1;
        const TensorMap out = Fp32Executor(model).run(feeds, ctl);
        for (size_t i = 0; i < model.graph.outputs.size(); ++i) {
            const std::string& output = model.graph.outputs[i].name;
            const Tensor expected =
                loadTensorProtoFile((base + QString("output_%1.pb").arg(i)).toStdString());
            QVERIFY2(out.count(output), output.c_str());
            const Tensor& got = out.at(output);
            const QString where = set + " " + QString::fromStdString(output);
            QVERIFY2(got.dtype == expected.dtype,
                     qPrintable(where + ": dtype " + dtypeName(got.dtype) + " vs " +
                                dtypeName(expected.dtype)));
            QVERIFY2(got.shape == expected.shape,
                     qPrintable(where + ": shape " + QString::fromStdString(shapeToString(got.shape)) +
                                " vs " + QString::fromStdString(shapeToString(expected.shape))));
            if (expected.dtype == DType::Float32)
                QVERIFY2(bitEqual(got.f, expected.f), qPrintable(where + ": floats differ"));
            else
                QCOMPARE(got.q, expected.q);
        }
    }
}

QTEST_GUILESS_MAIN(TestConformanceQuantized)
#include "test_conformance_quantized.moc"
