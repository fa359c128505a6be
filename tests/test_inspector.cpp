// InspectorWidget with a hand-made report and ExplainResult (no engine): the layer list, the
// element request, every number of the walk-through, the terms toggle and the rounding table.
#include <QCheckBox>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include "widgets/inspector_widget.h"

using namespace ql;

namespace {

EvaluationReport makeReport()
{
    EvaluationReport r;
    r.samples = 50;
    const auto layer = [&](std::string name, std::string opType, std::string kernel, Shape shape,
                           bool quantized) {
        LayerReport l;
        l.name = std::move(name);
        l.opType = std::move(opType);
        l.kind = kernel.empty() ? LayerKind::Float : LayerKind::Integer;
        l.kernel = std::move(kernel);
        l.outputShape = std::move(shape);
        l.quantized = quantized;
        r.layers.push_back(l);
    };
    // kernel as the integer op table names it; a keep_float Conv has none (float).
    layer("conv1", "Conv", "conv", {1, 8, 6, 5}, true);
    layer("relu1", "Relu", "clamp", {1, 8, 6, 5}, true);
    layer("conv_float", "Conv", "", {1, 8, 6, 5}, false);
    layer("fc", "Gemm", "gemm", {1, 10}, false);
    return r;
}

// 20 terms: x = 130 + k, w = k − 10, Z_x = 128, Z_w = 0.
ExplainResult makeResult()
{
    ExplainResult r;
    r.layer = "conv1";
    r.opType = "Conv";
    r.index = {3, 2, 1, 4};
    r.sample = 3;
    r.inputScale = 0.02f;
    r.inputZeroPoint = 128;
    r.weightScale = 0.005f;
    r.weightZeroPoint = 0;
    for (int k = 0; k < 20; ++k) {
        ExplainTerm t;
        t.k = k;
        t.x = 130 + k;
        t.w = k - 10;
        t.product = int64_t(t.x - 128) * t.w;
        r.sumProducts += t.product;
        r.terms.push_back(t);
    }
    r.biasReal = 0.0123;
    r.biasCode = 123;
    r.accumulator = r.sumProducts + r.biasCode;
    r.requantization = "fixed_point";
    r.rounding = "toward_zero";
    r.multiplier = 0.0025;
    r.multiplierFixed = 1342177280; // 0.625 · 2^31
    r.shift = -8;                   // M = 0.625 · 2^−8 = 0.00244140625
    r.scaledAccumulator = double(r.accumulator) * r.multiplier;
    r.rounded = 1;
    r.withZeroPoint = r.rounded - 10;
    r.activationMin = -128;
    r.activationMax = 127;
    r.outputCode = -9;
    r.outputScale = 0.04f;
    r.outputZeroPoint = -10;
    r.dequantized = 0.04;
    r.fp32 = 0.0612;
    const char* modes[] = {"half_even", "half_away", "toward_zero", "floor", "stochastic"};
    const int codes[] = {-8, -8, -9, -9, -8};
    for (int i = 0; i < 5; ++i)
        r.alternatives.push_back({modes[i], codes[i], 0.04 * (codes[i] + 10)});
    return r;
}

QString text(const QWidget& w, const char* name)
{
    const auto* label = w.findChild<QLabel*>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
}

} // namespace

class TestInspector : public QObject
{
    Q_OBJECT
private slots:
    void listsExplainableLayers();
    void requestsTheChosenElement();
    void showsTheWalkthrough();
    void termsToggle();
    void alternativesHighlightCurrentMode();
    void errorReplacesValues();
};

void TestInspector::listsExplainableLayers()
{
    InspectorWidget w;
    w.setReport(makeReport());
    QCOMPARE(w.layers(), QStringList({"conv1", "fc"}));
    QVERIFY(!w.setElement(QStringLiteral("relu1")));
    QVERIFY(w.setElement(QStringLiteral("fc"), {4, 7}));
    QCOMPARE(w.currentIndex(), std::vector<int64_t>({4, 7}));
    const auto* o = w.findChild<QSpinBox*>(QStringLiteral("index1"));
    QCOMPARE(o->maximum(), 9);
    const auto* n = w.findChild<QSpinBox*>(QStringLiteral("index0"));
    QCOMPARE(n->maximum(), 49);
}

void TestInspector::requestsTheChosenElement()
{
    InspectorWidget w;
    qRegisterMetaType<std::vector<int64_t>>();
    QSignalSpy spy(&w, &InspectorWidget::explainRequested);
    w.setReport(makeReport());
    QVERIFY(w.setElement(QStringLiteral("conv1"), {3, 2, 1, 4}));
    QTRY_COMPARE(spy.count(), 1); // one request for the whole jump
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("conv1"));
    QCOMPARE(spy.at(0).at(1).value<std::vector<int64_t>>(), std::vector<int64_t>({3, 2, 1, 4}));
    QCOMPARE(spy.at(0).at(2).toInt(), 3);
    // Out-of-range coordinates are clamped to the output shape.
    QVERIFY(w.setElement(QStringLiteral("conv1"), {0, 99, 99, 99}));
    QCOMPARE(w.currentIndex(), std::vector<int64_t>({0, 7, 5, 4}));
}

void TestInspector::showsTheWalkthrough()
{
    InspectorWidget w;
    w.setReport(makeReport());
    const ExplainResult r = makeResult();
    w.setResult(r);
    QCOMPARE(text(w, "inputScale"), QStringLiteral("0.02"));
    QCOMPARE(text(w, "inputZeroPoint"), QStringLiteral("128"));
    QCOMPARE(text(w, "weightZeroPoint"), QStringLiteral("0"));
    QVERIFY(text(w, "sumProducts").startsWith(QString::number(r.sumProducts)));
    QVERIFY(text(w, "sumProducts").contains(QStringLiteral("K = 20")));
    QCOMPARE(text(w, "bias"), QStringLiteral("0.0123 → 123"));
    QCOMPARE(text(w, "accumulator"),
             QStringLiteral("%1 + 123 = %2").arg(r.sumProducts).arg(r.accumulator));
    QVERIFY(text(w, "requantization").startsWith(QStringLiteral("fixed_point")));
    QCOMPARE(text(w, "multiplier"), QStringLiteral("0.0025"));
    QCOMPARE(text(w, "fixedMultiplier"),
             QStringLiteral("M0 = 1342177280, shift = −8  →  M0·2^(−39) = 0.00244141"));
    QCOMPARE(text(w, "rounding"), QStringLiteral("toward_zero"));
    QCOMPARE(text(w, "rounded"), QStringLiteral("1"));
    QCOMPARE(text(w, "withZeroPoint"), QStringLiteral("1 + (−10) = −9"));
    QCOMPARE(text(w, "clamp"), QStringLiteral("[−128, 127] → −9"));
    QCOMPARE(text(w, "outputCode"), QStringLiteral("−9"));
    QCOMPARE(text(w, "dequantized"), QStringLiteral("0.04 · (−9 − (−10)) = 0.04"));
    QCOMPARE(text(w, "fp32"), QStringLiteral("0.0612"));
    // (0.04 − 0.0612) / 0.04 = −0.53 LSB
    QVERIFY2(text(w, "errorLsb").contains(QStringLiteral("(−0.530 LSB)")), qPrintable(text(w, "errorLsb")));
    QVERIFY(text(w, "headline").contains(QStringLiteral("conv1")));
}

void TestInspector::termsToggle()
{
    InspectorWidget w;
    w.setResult(makeResult());
    auto* table = w.findChild<QTableWidget*>(QStringLiteral("termsTable"));
    auto* all = w.findChild<QCheckBox*>(QStringLiteral("showAllTerms"));
    QVERIFY(table && all);
    QCOMPARE(table->rowCount(), InspectorWidget::kFirstTerms);
    // Row 3: k = 3, x = 133 (−128 → 5), w = −7, product −35.
    QCOMPARE(table->item(3, 0)->text(), QStringLiteral("3"));
    QCOMPARE(table->item(3, 1)->text(), QStringLiteral("133"));
    QCOMPARE(table->item(3, 2)->text(), QStringLiteral("5"));
    QCOMPARE(table->item(3, 3)->text(), QStringLiteral("−7"));
    QCOMPARE(table->item(3, 5)->text(), QStringLiteral("−35"));
    all->setChecked(true);
    QCOMPARE(table->rowCount(), 20);
    all->setChecked(false);
    QCOMPARE(table->rowCount(), InspectorWidget::kFirstTerms);
}

void TestInspector::alternativesHighlightCurrentMode()
{
    InspectorWidget w;
    w.setResult(makeResult());
    auto* table = w.findChild<QTableWidget*>(QStringLiteral("alternativesTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 5);
    for (int row = 0; row < 5; ++row) {
        const bool current = row == 2; // toward_zero
        QCOMPARE(table->item(row, 0)->data(Qt::UserRole).toBool(), current);
        QCOMPARE(table->item(row, 1)->font().bold(), current);
    }
    QCOMPARE(table->item(2, 0)->text(), QStringLiteral("toward_zero (current)"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("−8"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("0.08"));
}

void TestInspector::errorReplacesValues()
{
    InspectorWidget w;
    w.setResult(makeResult());
    w.setError(QStringLiteral("explain: index outside the output shape"));
    QVERIFY(text(w, "headline").contains(QStringLiteral("index outside")));
    QCOMPARE(text(w, "outputCode"), QStringLiteral("—"));
    QCOMPARE(w.findChild<QTableWidget*>(QStringLiteral("alternativesTable"))->rowCount(), 0);
}

QTEST_MAIN(TestInspector)
#include "test_inspector.moc"
