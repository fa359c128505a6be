// ONNX backend conformance vectors (libonnx-testdata, data/node/test_*) through the importer
// and the FP32 executor. One data row per vector directory: a row either runs and must match
// the reference outputs, is rejected on purpose (the table below: features the engine does
// not implement must fail at import/run with an error, never compute something else), or is
// skipped with the reason computed from the model (an op outside the FP32 engine, an element
// type it does not hold). cleanupTestCase prints the tally.

#include <QDir>
#include <QtTest>

#include <map>
#include <set>

#include <onnx/onnx_pb.h>

#include "core/executor.h"
#include "core/onnx_import.h"

using namespace ql;

namespace {

// The ops of the FP32 engine (Constant is folded into an initializer at import). The ONNX
// quantized ops are registered too but are the integer engine's tests' business.
const std::set<std::string> kFp32Ops{"Add", "AveragePool", "BatchNormalization", "Cast", "Clip", "Concat", "Constant", "ConstantOfShape", "Conv", "Div", "Dropout", "Equal", "Erf", "Expand", "Flatten", "Gather", "Gemm", "GlobalAveragePool", "HardSigmoid", "HardSwish", "Identity", "LayerNormalization", "MatMul", "MaxPool", "Mul", "Pad", "Pow", "ReduceMean", "Relu", "Reshape", "Shape", "Sigmoid", "Slice", "Softmax", "Split", "Sqrt", "Squeeze", "Sub", "Tanh", "Transpose", "Unsqueeze", "Where"};

// Vectors whose ops and types are supported but which exercise a feature the inference engine
// deliberately does not implement. Each must be rejected with a ql::Error.
const std::map<QString, QString> kRejected{
    {"test_batchnorm_epsilon_training_mode", "training-mode BatchNormalization"},
    {"test_batchnorm_example_training_mode", "training-mode BatchNormalization"},
    {"test_maxpool_with_argmax_2d_precomputed_pads", "MaxPool Indices output"},
    {"test_maxpool_with_argmax_2d_precomputed_strides", "MaxPool Indices output"},
    {"test_maxpool_3d_default", "3-D pooling (image models are 2-D)"},
    {"test_averagepool_3d_default", "3-D pooling (image models are 2-D)"},
    {"test_training_dropout", "training-mode Dropout (random)"},
    {"test_training_dropout_default", "training-mode Dropout (random)"},
    {"test_training_dropout_default_mask", "training-mode Dropout (random)"},
    {"test_training_dropout_mask", "training-mode Dropout (random)"},
    {"test_training_dropout_zero_ratio", "training-mode Dropout (random)"},
    {"test_training_dropout_zero_ratio_mask", "training-mode Dropout (random)"},
};

// Families that must have passing vectors: a regression that makes them all skip fails.
const QStringList kRequiredFamilies{"test_conv_",        "test_basic_conv_",
                                    "test_gemm_",        "test_matmul_",
                                    "test_relu",         "test_maxpool_",
                                    "test_averagepool_", "test_globalaveragepool",
                                    "test_batchnorm_",   "test_softmax_",
                                    "test_flatten_",     "test_reshape_",
                                    "test_add",          "test_sub",
                                    "test_mul",          "test_div",
                                    "test_concat_",      "test_clip",
                                    "test_identity",     "test_dropout_",
                                    "test_shape",        "test_gather_",
                                    "test_unsqueeze_",   "test_squeeze",
                                    "test_slice",        "test_constantofshape_",
                                    "test_constant_pad", "test_edge_pad",
                                    "test_reflect_pad",  "test_sigmoid",
                                    "test_hardsigmoid",  "test_hardswish",
                                    "test_tanh",         "test_erf",
                                    "test_sqrt",         "test_pow",
                                    "test_equal",        "test_expand_",
                                    "test_where_",       "test_split_",
                                    "test_transpose_",   "test_reduce_mean_",
                                    "test_layer_normalization_"};

// Element types the engine holds (TensorProto codes): FLOAT, UINT8, INT8, UINT16, INT16,
// INT32, INT64, BOOL. Graph inputs are further limited to float, int32/int64 (shape/index
// data, and data that is only moved, e.g. by Pad) and bool (flags): arithmetic on
// uint8/int8 data belongs to the integer engine.
const std::set<int> kHeldTypes{1, 2, 3, 4, 5, 6, 7, 9};
const std::set<int> kInputTypes{1, 6, 7, 9};

// |ours - reference| <= kAbsTol + kRelTol * |reference| for floats: the reference was computed
// with numpy in a different summation order (and partly in double), so the last bits differ;
// 1e-4 is ~1000 float ulps at magnitude 1, far below any real kernel bug. Integers are exact.
constexpr double kAbsTol = 1e-4;
constexpr double kRelTol = 1e-4;

QString skipReason(const onnx::ModelProto& model)
{
    std::set<std::string> initNames;
    for (const auto& init : model.graph().initializer())
        initNames.insert(init.name());
    for (const auto& node : model.graph().node()) {
        if (!node.domain().empty() && node.domain() != "ai.onnx")
            return QString("op '%1.%2' is not an FP32 engine op")
                .arg(QString::fromStdString(node.domain()), QString::fromStdString(node.op_type()));
        if (!kFp32Ops.count(node.op_type()))
            return QString("op '%1' is not an FP32 engine op")
                .arg(QString::fromStdString(node.op_type()));
    }
    auto check = [](const onnx::ValueInfoProto& v, const std::set<int>& allowed,
                    const char* role) -> QString {
        if (!v.type().has_tensor_type())
            return QString("%1 '%2' is not a tensor").arg(role, QString::fromStdString(v.name()));
        const int type = v.type().tensor_type().elem_type();
        if (!allowed.count(type))
            return QString("%1 '%2' has element type %3")
                .arg(role, QString::fromStdString(v.name()))
                .arg(type);
        return {};
    };
    for (const auto& v : model.graph().input())
        if (!initNames.count(v.name()))
            if (QString why = check(v, kInputTypes, "input"); !why.isEmpty())
                return why;
    for (const auto& v : model.graph().output())
        if (QString why = check(v, kHeldTypes, "output"); !why.isEmpty())
            return why;
    return {};
}

QStringList sortedEntries(const QString& dir, const QString& pattern)
{
    QStringList files = QDir(dir).entryList({pattern}, QDir::Files | QDir::Dirs, QDir::Name);
    // input_10 after input_9: sort by the number after the last '_'.
    std::sort(files.begin(), files.end(), [](const QString& a, const QString& b) {
        return a.section('_', -1).section('.', 0, 0).toInt() <
               b.section('_', -1).section('.', 0, 0).toInt();
    });
    return files;
}

// Max violation of the tolerance (<= 0 passes) and a description of the worst element.
QString compare(const Tensor& ours, const Tensor& ref)
{
    if (ours.shape != ref.shape)
        return QString("shape %1, expected %2")
            .arg(QString::fromStdString(shapeToString(ours.shape)),
                 QString::fromStdString(shapeToString(ref.shape)));
    const bool exact = ref.dtype != DType::Float32;
    for (int64_t i = 0; i < ref.numel(); ++i) {
        const double a = ours.at(i), b = ref.at(i);
        if (std::isnan(b) && std::isnan(a))
            continue;
        const bool ok = exact ? a == b : std::abs(a - b) <= kAbsTol + kRelTol * std::abs(b);
        if (!ok)
            return QString("element %1 is %2, expected %3")
                .arg(i)
                .arg(a, 0, 'g', 9)
                .arg(b, 0, 'g', 9);
    }
    return {};
}

struct Tally
{
    QStringList passed;
    QStringList rejected;
    std::map<QString, QStringList> skipped; // reason -> tests
};

Tally& tally()
{
    static Tally t;
    return t;
}

// Loads the model and runs every test_data_set_*; returns "" or what went wrong.
QString runVectors(const QString& dir)
{
    const Model model = loadOnnxModel((dir + "/model.onnx").toStdString());
    const Fp32Executor executor(model);
    const QStringList sets = sortedEntries(dir, "test_data_set_*");
    if (sets.isEmpty())
        return "no test_data_set_* folder";
    for (const QString& set : sets) {
        const QString setDir = dir + "/" + set;
        const QStringList inputs = sortedEntries(setDir, "input_*.pb");
        const QStringList outputs = sortedEntries(setDir, "output_*.pb");
        if (inputs.size() != static_cast<int>(model.graph.inputs.size()))
            return QString("%1: %2 input files for %3 graph inputs")
                .arg(set)
                .arg(inputs.size())
                .arg(model.graph.inputs.size());
        TensorMap feeds;
        for (int i = 0; i < inputs.size(); ++i)
            feeds[model.graph.inputs[i].name] =
                loadTensorProtoFile((setDir + "/" + inputs[i]).toStdString());
        RunControl ctl;
        ctl.threads = 1; // the vectors' dim 0 is not always a batch
        const TensorMap result = executor.run(feeds, ctl);
        for (int o = 0; o < outputs.size(); ++o) {
            const std::string name = model.graph.outputs.at(o).name;
            const Tensor ref = loadTensorProtoFile((setDir + "/" + outputs[o]).toStdString());
            auto it = result.find(name);
            if (it == result.end())
                return QString("%1: output '%2' missing").arg(set, QString::fromStdString(name));
            if (QString diff = compare(it->second, ref); !diff.isEmpty())
                return QString("%1: output '%2': %3").arg(set, QString::fromStdString(name), diff);
        }
    }
    return {};
}

} // namespace

class TestConformanceFp32 : public QObject
{
    Q_OBJECT

private slots:
    void vector_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("skip");
        const QString root = QStringLiteral(QL_TESTDATA_DIR) + "/node";
        const QStringList dirs = QDir(root).entryList({"test_*"}, QDir::Dirs, QDir::Name);
        QVERIFY2(!dirs.isEmpty(), qPrintable("no conformance vectors under " + root));
        for (const QString& name : dirs) {
            const QString dir = root + "/" + name;
            QFile file(dir + "/model.onnx");
            QString skip;
            onnx::ModelProto proto;
            if (!file.open(QIODevice::ReadOnly))
                skip = "no model.onnx";
            else if (!proto.ParseFromString(file.readAll().toStdString()))
                skip = "model.onnx does not parse";
            else
                skip = skipReason(proto);
            QTest::newRow(qPrintable(name)) << dir << skip;
        }
    }

    void vector()
    {
        QFETCH(QString, dir);
        QFETCH(QString, skip);
        const QString name = QFileInfo(dir).fileName();
        if (!skip.isEmpty()) {
            tally().skipped[skip].append(name);
            QSKIP(qPrintable(skip));
        }
        if (kRejected.count(name)) {
            QString error;
            try {
                const QString failure = runVectors(dir);
                error = failure.isEmpty() ? QString() : failure;
            } catch (const Error& e) {
                error = QString::fromUtf8(e.what());
            }
            QVERIFY2(error.contains("node '") || error.contains("not supported"),
                     qPrintable("expected a clean rejection, got: " +
                                (error.isEmpty() ? QString("success") : error)));
            tally().rejected.append(name);
            QSKIP(qPrintable("rejected as intended (" + kRejected.at(name) + "): " + error));
        }
        QString failure;
        try {
            failure = runVectors(dir);
        } catch (const std::exception& e) {
            failure = QString("threw: ") + e.what();
        }
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        tally().passed.append(name);
    }

    void requiredFamiliesPass()
    {
        for (const QString& family : kRequiredFamilies) {
            const bool any = std::any_of(tally().passed.begin(), tally().passed.end(),
                                         [&](const QString& t) { return t.startsWith(family); });
            QVERIFY2(any, qPrintable("no passing vector in family " + family));
        }
        // Measured with libonnx-testdata 1.12: see the printed tally. A drop means vectors
        // that used to run are now skipped or failing.
        QVERIFY2(tally().passed.size() >= 223,
                 qPrintable(QString("only %1 vectors passed").arg(tally().passed.size())));
    }

    void cleanupTestCase()
    {
        const Tally& t = tally();
        int unsupportedOp = 0, unsupportedType = 0;
        for (const auto& [reason, tests] : t.skipped)
            (reason.startsWith("op ") ? unsupportedOp : unsupportedType) += tests.size();
        qInfo("conformance FP32: %lld passed, %lld rejected as intended, %d skipped "
              "(%d: an op outside the FP32 engine, %d: input/output element type)",
              static_cast<long long>(t.passed.size()), static_cast<long long>(t.rejected.size()),
              unsupportedOp + unsupportedType, unsupportedOp, unsupportedType);
    }
};

QTEST_GUILESS_MAIN(TestConformanceFp32)
#include "test_conformance_fp32.moc"
