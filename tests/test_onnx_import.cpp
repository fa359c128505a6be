// ONNX import: broken files fail with one clean ql::Error naming the file (and the node/op);
// hand-built models come out with golden shapes, params, MACs and exit order. Models are
// built in the test with the onnx protobuf API (onnx_test_models.h).

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>

#include "core/onnx_import.h"
#include "onnx_test_models.h"

using namespace ql;
using namespace ql::testing;

class TestOnnxImport : public QObject
{
    Q_OBJECT

private slots:
    void emptyFileIsRejected()
    {
        QTemporaryDir dir;
        const std::string path = (dir.path() + "/empty.onnx").toStdString();
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const QString error = errorOf([&] { loadOnnxModel(path); });
        QCOMPARE(error, QString::fromStdString(path) + ": not a valid ONNX model (empty file)");
    }

    void missingFileIsRejected()
    {
        const QString error = errorOf([] { loadOnnxModel("/nonexistent/dir/model.onnx"); });
        QVERIFY2(error.startsWith("/nonexistent/dir/model.onnx: cannot open file"),
                 qPrintable(error));
    }

    void garbageBytesAreRejected()
    {
        const QString error = errorOf([] {
            loadOnnxModelFromBytes("this is certainly not protobuf \xff\xfe\x01", "junk.onnx");
        });
        QVERIFY2(error.startsWith("junk.onnx: not a valid ONNX model ("), qPrintable(error));
        // Random buffers (fixed seeds): each one fails cleanly, none crashes or loads.
        std::mt19937 rng(1234);
        for (int trial = 0; trial < 300; ++trial) {
            std::string bytes(1 + rng() % 400, '\0');
            for (char& c : bytes)
                c = static_cast<char>(rng());
            const QString e = errorOf([&] { loadOnnxModelFromBytes(bytes, "random.onnx"); });
            QVERIFY2(e.startsWith("random.onnx: "), qPrintable(QString::number(trial)));
        }
    }

    void truncatedFilesAreRejected()
    {
        const std::string bytes = convReluGemmBytes();
        QVERIFY(loadOnnxModelFromBytes(bytes, "whole.onnx").graph.nodes.size() == 4);
        for (size_t length = 1; length < bytes.size(); length += 3) {
            const QString e =
                errorOf([&] { loadOnnxModelFromBytes(bytes.substr(0, length), "cut.onnx"); });
            QVERIFY2(e.startsWith("cut.onnx: not a valid ONNX model ("),
                     qPrintable(QString("length %1: '%2'").arg(length).arg(e)));
        }
    }

    void unsupportedOpNamesOpNodeAndSupportedList()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {1, 4});
        addValue(g->mutable_output(), "y", {1, 4});
        addNode(g, "Relu", {"x"}, {"r"}, "relu");
        addNode(g, "Mish", {"r"}, {"y"}, "act");
        const QString e =
            errorOf([&] { loadOnnxModelFromBytes(m.SerializeAsString(), "hs.onnx"); });
        QVERIFY2(e.startsWith("hs.onnx: unsupported op 'Mish' (node 'act'); supported: Add, "
                              "AveragePool, BatchNormalization,"),
                 qPrintable(e));
        QVERIFY(e.contains("Conv") && e.contains("Softmax") && !e.contains("\n"));

        // An op from another domain is named with its domain.
        g->mutable_node(1)->set_domain("com.example");
        const QString d = errorOf([&] { loadOnnxModelFromBytes(m.SerializeAsString(), "d.onnx"); });
        QVERIFY2(d.startsWith("d.onnx: unsupported op 'com.example.Mish' (node 'act')"),
                 qPrintable(d));
    }

    void undefinedTensorIsRejected()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {1, 4});
        addValue(g->mutable_output(), "y", {1, 4});
        addNode(g, "Add", {"x", "ghost"}, {"y"}, "adder");
        const QString e = errorOf([&] { loadOnnxModelFromBytes(m.SerializeAsString(), "u.onnx"); });
        QCOMPARE(e, QString("u.onnx: not a valid ONNX model (node 'adder' (Add) reads undefined "
                            "tensor 'ghost')"));
    }

    void unsupportedAttributeNamesNode()
    {
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {1, 1, 4, 4, 4});
        addValue(g->mutable_output(), "y", {1, 1, 3, 3, 3});
        setInts(addNode(g, "MaxPool", {"x"}, {"y"}, "pool3d"), "kernel_shape", {2, 2, 2});
        const QString e = errorOf([&] { loadOnnxModelFromBytes(m.SerializeAsString(), "p.onnx"); });
        QVERIFY2(e.startsWith("p.onnx: node 'pool3d' (MaxPool): 3-D windows"), qPrintable(e));
    }

    void convReluGemmGoldenNumbers()
    {
        const std::string bytes = convReluGemmBytes();
        const Model model = loadOnnxModelFromBytes(bytes, "small.onnx");
        QCOMPARE(model.path, std::string("small.onnx"));
        QCOMPARE(model.producer, std::string("quantlens-test 1"));
        QCOMPARE(model.opset, int64_t{13});
        QCOMPARE(QString::fromStdString(model.sha256),
                 QString(QCryptographicHash::hash(QByteArray::fromStdString(bytes),
                                                  QCryptographicHash::Sha256)
                             .toHex()));
        const Graph& g = model.graph;
        QCOMPARE(g.inputs.size(), size_t{1});
        QCOMPARE(g.inputs[0].shape, (Shape{-1, 1, 8, 8})); // symbolic batch kept on the input
        QCOMPARE(g.nodes.size(), size_t{4});
        QCOMPARE(g.nodes[1].name, std::string("Relu_1")); // unnamed node: "<op>_<index>"

        const Node& conv = g.nodes[0];
        QCOMPARE(conv.inputShapes[0], (Shape{1, 1, 8, 8}));
        QCOMPARE(conv.outputShapes[0], (Shape{1, 4, 4, 4})); // floor((8 + 2 - 3) / 2) + 1 = 4
        QCOMPARE(conv.params, int64_t{4 * 9 + 4});
        QCOMPARE(conv.macs, int64_t{64 * 9}); // 64 outputs x (1 channel x 3 x 3)
        QCOMPARE(g.nodes[2].outputShapes[0], (Shape{1, 64}));
        const Node& fc = g.nodes[3];
        QCOMPARE(fc.outputShapes[0], (Shape{1, 10}));
        QCOMPARE(fc.params, int64_t{640 + 10});
        QCOMPARE(fc.macs, int64_t{1 * 10 * 64});
        QCOMPARE(g.nodes[1].params + g.nodes[1].macs + g.nodes[2].params + g.nodes[2].macs,
                 int64_t{0});
        QCOMPARE(model.totalParams(), int64_t{690});
        QCOMPARE(model.totalMacs(), int64_t{1216});
        QCOMPARE(g.shapes.at("y"), (Shape{1, 10}));
        QCOMPARE(model.exits.size(), size_t{1});
        QCOMPARE(model.exits[0].output, std::string("y"));
        QCOMPARE(model.exits[0].macs, int64_t{1216});
        QCOMPARE(model.exits[0].classes, int64_t{10});
    }

    void exitsOrderedByCumulativeMacs()
    {
        // x [N,8] -> Gemm 8->32 "trunk" -> Gemm 32->5 "late"  (256 + 160 MACs)
        //                              \-> Relu -> (output "mid", 256 MACs)
        // x -> Gemm 8->3 "early" (24 MACs). Graph outputs listed late, mid, early.
        onnx::ModelProto m = newModel();
        auto* g = m.mutable_graph();
        addValue(g->mutable_input(), "x", {-1, 8});
        addValue(g->mutable_output(), "late", {-1, 5});
        addValue(g->mutable_output(), "mid", {-1, 32});
        addValue(g->mutable_output(), "early", {-1, 3});
        addFloatInit(g, "w1", {8, 32}, ramp(256, 0.1f), true);
        addFloatInit(g, "w2", {32, 5}, ramp(160, 0.1f), true);
        addFloatInit(g, "w3", {8, 3}, ramp(24, 0.1f), false);
        addNode(g, "Gemm", {"x", "w1"}, {"h"}, "trunk");
        addNode(g, "Gemm", {"h", "w2"}, {"late"}, "late_fc");
        addNode(g, "Relu", {"h"}, {"mid"}, "mid_relu");
        addNode(g, "Gemm", {"x", "w3"}, {"early"}, "early_fc");
        const Model model = loadOnnxModelFromBytes(m.SerializeAsString(), "exits.onnx");
        QCOMPARE(model.exits.size(), size_t{3});
        QCOMPARE(model.exits[0].output, std::string("early"));
        QCOMPARE(model.exits[0].macs, int64_t{24});
        QCOMPARE(model.exits[0].classes, int64_t{3});
        QCOMPARE(model.exits[1].output, std::string("mid"));
        QCOMPARE(model.exits[1].macs, int64_t{256});
        QCOMPARE(model.exits[2].output, std::string("late"));
        QCOMPARE(model.exits[2].macs, int64_t{416}); // the trunk counts once
        QCOMPARE(model.exits[2].classes, int64_t{5});

        // Two exits with equal MACs keep their graph order.
        onnx::ModelProto tie = newModel();
        auto* t = tie.mutable_graph();
        addValue(t->mutable_input(), "x", {-1, 8});
        addValue(t->mutable_output(), "b", {-1, 8});
        addValue(t->mutable_output(), "a", {-1, 8});
        addNode(t, "Relu", {"x"}, {"b"});
        addNode(t, "Identity", {"x"}, {"a"});
        const Model tied = loadOnnxModelFromBytes(tie.SerializeAsString(), "tie.onnx");
        QCOMPARE(tied.exits[0].output, std::string("b"));
        QCOMPARE(tied.exits[1].output, std::string("a"));
    }
};

QTEST_GUILESS_MAIN(TestOnnxImport)
#include "test_onnx_import.moc"
