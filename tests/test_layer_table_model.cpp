// LayerTableModel over a small graph built in code: structure (QAbstractItemModelTester),
// headers, displayed text, alignment, and sorting/filtering through the proxy.
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QtTest>

#include "widgets/layer_table_model.h"
#include "core/text_format.h"

using ql::LayerTableModel;

namespace {

ql::Node makeNode(std::string name, std::string op, std::vector<std::string> inputs,
                  std::vector<ql::Shape> inShapes, ql::Shape outShape, int64_t params,
                  int64_t macs)
{
    ql::Node n;
    n.name = std::move(name);
    n.opType = std::move(op);
    n.inputs = std::move(inputs);
    n.inputShapes = std::move(inShapes);
    n.outputs = {n.name + "_out"};
    n.outputShapes = {std::move(outShape)};
    n.params = params;
    n.macs = macs;
    return n;
}

// conv (1x1x28x28 -> 1x8x26x26) -> relu -> flatten -> gemm (5408 -> 10)
std::shared_ptr<const ql::Model> smallModel()
{
    auto m = std::make_shared<ql::Model>();
    m->path = "small.onnx";
    auto& g = m->graph;
    g.initializers["conv.w"] = ql::Tensor::zeros(ql::DType::Float32, {8, 1, 3, 3});
    g.initializers["conv.b"] = ql::Tensor::zeros(ql::DType::Float32, {8});
    g.initializers["fc.w"] = ql::Tensor::zeros(ql::DType::Float32, {10, 5408});
    g.initializers["fc.b"] = ql::Tensor::zeros(ql::DType::Float32, {10});
    g.nodes.push_back(makeNode("conv", "Conv", {"x", "conv.w", "conv.b"},
                               {{1, 1, 28, 28}, {8, 1, 3, 3}, {8}}, {1, 8, 26, 26}, 80, 48672));
    g.nodes.push_back(makeNode("relu", "Relu", {"conv_out"}, {{1, 8, 26, 26}}, {1, 8, 26, 26},
                               0, 0));
    g.nodes.push_back(
        makeNode("flatten", "Flatten", {"relu_out"}, {{1, 8, 26, 26}}, {1, 5408}, 0, 0));
    g.nodes.push_back(makeNode("fc", "Gemm", {"flatten_out", "fc.w", "fc.b"},
                               {{1, 5408}, {10, 5408}, {10}}, {1, 10}, 54090, 54080));
    return m;
}

} // namespace

class TestLayerTableModel : public QObject
{
    Q_OBJECT
private slots:
    void structureIsValid()
    {
        LayerTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setModel(smallModel());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(LayerTableModel::ColumnCount));
        model.setModel(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void headers()
    {
        LayerTableModel model;
        const QStringList expected{"#", "Name", "Op", "Input shape(s)", "Output shape", "Params",
                                   "MACs"};
        for (int c = 0; c < model.columnCount(); ++c) {
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected[c]);
            QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        }
    }

    void displayedText()
    {
        LayerTableModel model;
        model.setModel(smallModel());
        auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, LayerTableModel::IndexColumn), QStringLiteral("0"));
        QCOMPARE(text(0, LayerTableModel::NameColumn), QStringLiteral("conv"));
        QCOMPARE(text(0, LayerTableModel::OpColumn), QStringLiteral("Conv"));
        // Weights are initializers: only the activation shows as an input shape.
        QCOMPARE(text(0, LayerTableModel::InputShapeColumn), QStringLiteral("1×1×28×28"));
        QCOMPARE(text(0, LayerTableModel::OutputShapeColumn), QStringLiteral("1×8×26×26"));
        QCOMPARE(text(0, LayerTableModel::MacsColumn), QStringLiteral("48,672"));
        QCOMPARE(text(3, LayerTableModel::ParamsColumn), QStringLiteral("54,090"));
        QCOMPARE(text(3, LayerTableModel::InputShapeColumn), QStringLiteral("1×5408"));

        const auto align = [&](int column) {
            return model.index(0, column).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
        };
        QVERIFY(align(LayerTableModel::MacsColumn) & Qt::AlignRight);
        QVERIFY(align(LayerTableModel::ParamsColumn) & Qt::AlignRight);
        QVERIFY(align(LayerTableModel::NameColumn) & Qt::AlignLeft);

        const QString tip = model.index(0, LayerTableModel::NameColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("conv.w") && tip.contains("8×1×3×3"), qPrintable(tip));
    }

    void sortsNumbersByValueThroughProxy()
    {
        LayerTableModel model;
        model.setModel(smallModel());
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(LayerTableModel::SortRole);

        // As text "54,090" < "80"; by value 80 < 54090.
        proxy.sort(LayerTableModel::ParamsColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, LayerTableModel::NameColumn).data().toString(), QStringLiteral("fc"));
        QCOMPARE(proxy.index(1, LayerTableModel::NameColumn).data().toString(), QStringLiteral("conv"));

        proxy.sort(LayerTableModel::MacsColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(3, LayerTableModel::NameColumn).data().toString(), QStringLiteral("fc"));

        proxy.sort(LayerTableModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, LayerTableModel::NameColumn).data().toString(), QStringLiteral("conv"));
        QCOMPARE(proxy.index(3, LayerTableModel::NameColumn).data().toString(), QStringLiteral("relu"));
    }

    void filtersOnAnyColumn()
    {
        LayerTableModel model;
        model.setModel(smallModel());
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(-1);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setFilterFixedString(QStringLiteral("gemm"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString(QStringLiteral("26"));
        QCOMPARE(proxy.rowCount(), 3); // conv, relu (outputs) and flatten (input)
    }

    void humanUnits()
    {
        QCOMPARE(ql::formatHuman(1823456789), QStringLiteral("1.82 G"));
        QCOMPARE(ql::formatHuman(25418), QStringLiteral("25.4 k"));
        QCOMPARE(ql::formatHuman(512), QStringLiteral("512"));
        QCOMPARE(ql::formatHuman(999999), QStringLiteral("1.00 M"));
        QCOMPARE(ql::formatCount(1234567), QStringLiteral("1,234,567"));
    }
};

QTEST_GUILESS_MAIN(TestLayerTableModel)
#include "test_layer_table_model.moc"
