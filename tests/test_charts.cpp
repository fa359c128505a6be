// The quantization charts fed with a hand-made EvaluationReport (no engine): series contents
// against the report's numbers, the baseline overlay, the exit-policy slider, placeholders,
// and PNG/SVG export.
#include <QLabel>
#include <QSlider>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtTest>
#include <QScopeGuard>

#include "widgets/drift_chart.h"
#include "widgets/error_histogram_chart.h"
#include "widgets/exit_charts.h"

using namespace ql;

namespace {

constexpr int kBins = 101;
constexpr int kLayers = 5;

// A triangle-shaped histogram over [lo, hi] peaking at bin `peak`.
Histogram triangle(double lo, double hi, int peak)
{
    Histogram h;
    h.lo = lo;
    h.hi = hi;
    for (int i = 0; i < kBins; ++i)
        h.counts.push_back(std::max(0, 60 - 2 * std::abs(i - peak)));
    return h;
}

// Five Conv layers whose mean error and SQNR follow simple formulas; three exits; the
// policy sweep 0.50…1.00. `shift` moves the mean errors (a second "config").
EvaluationReport makeReport(double shift = 0.0)
{
    EvaluationReport r;
    r.samples = 200;
    r.labelled = true;
    for (int i = 0; i < kLayers; ++i) {
        LayerReport l;
        l.name = "layer" + std::to_string(i);
        l.opType = "Conv";
        l.kind = LayerKind::Integer;
        l.kernel = "conv";
        l.depth = i;
        l.quantized = true;
        l.outputShape = {1, 4, 3, 3};
        l.outputParams.scale = {0.05f};
        l.outputParams.zeroPoint = {0};
        l.propagated.meanError = 0.001 * (i + 1) + shift;
        l.propagated.sqnrDb = 40.0 - 3.0 * i;
        l.propagated.errorHist = triangle(-0.1, 0.1, 50 + i);
        l.propagated.valueHist = triangle(-1.0, 3.0, 30);
        l.propagated.clipMin = 0.0;
        l.propagated.clipMax = 2.5;
        l.propagated.clipLowRate = 0.01;
        l.propagated.clipHighRate = 0.02;
        l.local.meanError = 0.0005;
        l.local.errorHist = triangle(-0.05, 0.05, 50);
        l.worstIndex = {7, 1, 2, 0};
        r.layers.push_back(l);
    }
    for (int e = 0; e < 3; ++e) {
        ExitReport x;
        x.output = "exit" + std::to_string(e + 1);
        x.macs = int64_t(e + 1) * 1'000'000;
        x.total = 200;
        x.fp32Top1 = 90.0 + e;
        x.quantTop1 = 89.0 + e + shift;
        x.agreement = 97.0 + e;
        r.exits.push_back(x);
    }
    for (int i = 0; i <= 10; ++i) {
        ExitPolicyPoint p;
        p.threshold = 0.5 + 0.05 * i;
        p.fp32Accuracy = 86.0 + 0.6 * i;
        p.fp32AvgMacs = 1.2e6 + 1.5e5 * i;
        p.quantAccuracy = 85.0 + 0.6 * i;
        p.quantAvgMacs = 1.3e6 + 1.5e5 * i;
        p.quantExitShare = {0.6 - 0.05 * i, 0.2, 0.2 + 0.05 * i};
        r.exitPolicy.push_back(p);
    }
    return r;
}

// A three-exit model in plan order, heads interleaved with the trunk as an ONNX export lists
// them: stem, block1, exit1/Flatten, exit1/fc/Gemm, block2, exit2/…, block3, head/….
EvaluationReport makeMultiExitReport(double shift = 0.0)
{
    struct L { const char* name; const char* op; const char* in; const char* out; };
    const std::vector<L> plan = {
        {"stem", "Conv", "x", "s"},          {"block1", "Conv", "s", "b1"},
        {"/exit1/flatten/Flatten", "Flatten", "b1", "f1"}, {"exit1/fc/Gemm", "Gemm", "f1", "out1"},
        {"block2", "Conv", "b1", "b2"},      {"exit2/Flatten", "Flatten", "b2", "f2"},
        {"exit2/fc/Gemm", "Gemm", "f2", "out2"}, {"block3", "Conv", "b2", "b3"},
        {"head/Flatten", "Flatten", "b3", "f3"}, {"head/fc/Gemm", "Gemm", "f3", "out3"}};
    EvaluationReport r;
    r.samples = 10;
    for (size_t i = 0; i < plan.size(); ++i) {
        LayerReport l;
        l.name = plan[i].name;
        l.opType = plan[i].op;
        l.inputs = {plan[i].in};
        l.output = plan[i].out;
        l.depth = int(i);
        l.propagated.meanError = 0.01 * double(i) + shift;
        l.propagated.sqnrDb = 50.0 - double(i);
        r.layers.push_back(l);
    }
    for (const char* out : {"out1", "out2", "out3"}) {
        ExitReport x;
        x.output = out;
        r.exits.push_back(x);
    }
    return r;
}

} // namespace

class TestCharts : public QObject
{
    Q_OBJECT
private slots:
    void placeholderWithoutData();
    void stepPointsOfHistogram();
    void errorHistogramSeries();
    void errorHistogramClickAsksForInspection();
    void valueHistogramClipRange();
    void driftFollowsPropagatedStats();
    void driftBaselineOverlay();
    void driftTrunkThenExitHeads();
    void chartsFollowDarkPalette();
    void exitAccuracyBars();
    void exitPolicySliderMarksPoint();
    void exportPngAndSvg();
};

void TestCharts::placeholderWithoutData()
{
    DriftChart chart;
    QVERIFY(chart.isShowingPlaceholder());
    QCOMPARE(chart.placeholderText(), QStringLiteral("Open a calibration folder to evaluate"));
    chart.setEmptyText(QStringLiteral("Evaluating…"));
    QCOMPARE(chart.placeholderText(), QStringLiteral("Evaluating…"));
    chart.setReport(makeReport());
    QVERIFY(!chart.isShowingPlaceholder());
    QVERIFY(chart.chart()->isVisible());
    chart.setReport(nullptr);
    QCOMPARE(chart.placeholderText(), QStringLiteral("Evaluating…"));

    ErrorHistogramChart hist;
    hist.setReport(makeReport());
    QVERIFY(hist.isShowingPlaceholder()); // no layer selected yet
    hist.setSelectedLayer(QStringLiteral("layer1"));
    QVERIFY(!hist.isShowingPlaceholder());
    hist.setSelectedLayer(QStringLiteral("nope"));
    QVERIFY(hist.isShowingPlaceholder());
}

void TestCharts::stepPointsOfHistogram()
{
    Histogram h;
    h.lo = -1.0;
    h.hi = 1.0;
    h.counts = {1, 3};
    double top = 0.0;
    const QList<QPointF> pts = histogram::stepPoints(h, &top);
    const QList<QPointF> expected{{-1.0, 0.0}, {-1.0, 25.0}, {0.0, 25.0},
                                  {0.0, 75.0}, {1.0, 75.0},  {1.0, 0.0}};
    QCOMPARE(pts, expected);
    QCOMPARE(top, 75.0);
    QCOMPARE(histogram::binAt(h, -0.5), 0);
    QCOMPARE(histogram::binAt(h, 0.5), 1);
    QCOMPARE(histogram::binAt(h, 2.0), -1);
    // Density: count / (total · width); each outline encloses an area of 1.
    double densityTop = 0.0;
    const QList<QPointF> dens = histogram::densityPoints(h, &densityTop);
    QCOMPARE(dens.at(1).y(), 0.25);
    QCOMPARE(dens.at(3).y(), 0.75);
    QCOMPARE(densityTop, 0.75);
    Histogram narrowBins = h;
    narrowBins.lo = -0.5;
    narrowBins.hi = 0.5; // the same counts over half the range: twice as dense
    QCOMPARE(histogram::densityPoints(narrowBins).at(3).y(), 1.5);
    double area = 0.0;
    for (qsizetype i = 1; i + 1 < dens.size(); i += 2)
        area += (dens.at(i + 1).x() - dens.at(i).x()) * dens.at(i).y();
    QCOMPARE(area, 1.0);
    // Every value equal: still a visible bar.
    h.lo = h.hi = 0.25;
    const QList<QPointF> narrow = histogram::stepPoints(h);
    QVERIFY(narrow.first().x() < 0.25 && narrow.last().x() > 0.25);
}

void TestCharts::errorHistogramSeries()
{
    const EvaluationReport report = makeReport();
    ErrorHistogramChart chart;
    chart.setReport(report);
    chart.setSelectedLayer(QStringLiteral("layer2"));
    const LayerReport& l = report.layers[2];

    QCOMPARE(chart.propagatedOutline()->count(), 2 * kBins + 2);
    QCOMPARE(chart.localOutline()->count(), 2 * kBins + 2);
    // Density (share per unit of e): heights compare across histograms of different widths.
    const double total = double(l.propagated.errorHist.total());
    const double width = l.propagated.errorHist.binWidth();
    for (int i = 0; i < kBins; ++i) {
        const double density = double(l.propagated.errorHist.counts[size_t(i)]) / (total * width);
        QCOMPARE(chart.propagatedOutline()->at(1 + 2 * i).y(), density);
        QCOMPARE(chart.propagatedOutline()->at(2 + 2 * i).y(), density);
    }
    QCOMPARE(chart.propagatedOutline()->at(0), QPointF(-0.1, 0.0));
    QCOMPARE(chart.localOutline()->at(0), QPointF(-0.05, 0.0));
    QCOMPARE(chart.propagatedMeanMarker()->at(0).x(), l.propagated.meanError);
    QCOMPARE(chart.localMeanMarker()->at(0).x(), l.local.meanError);
    QVERIFY(chart.propagatedMeanMarker()->name().contains(QStringLiteral("0.003")));
    QVERIFY(chart.chart()->title().contains(QStringLiteral("layer2")));

    // Another layer reuses the same series.
    QLineSeries* before = chart.propagatedOutline();
    chart.setSelectedLayer(QStringLiteral("layer4"));
    QCOMPARE(chart.propagatedOutline(), before);
    QCOMPARE(chart.propagatedMeanMarker()->at(0).x(), report.layers[4].propagated.meanError);
}

void TestCharts::errorHistogramClickAsksForInspection()
{
    ErrorHistogramChart chart;
    chart.resize(600, 400);
    chart.setReport(makeReport());
    chart.setSelectedLayer(QStringLiteral("layer3"));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QSignalSpy spy(&chart, &ErrorHistogramChart::outlierClicked);
    const QPointF centre = chart.chart()->plotArea().center();
    const QPoint pos = chart.mapFromScene(chart.chart()->mapToScene(centre));
    QTest::mouseClick(chart.viewport(), Qt::LeftButton, {}, pos);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("layer3"));
    QVERIFY(std::abs(spy.at(0).at(1).toDouble()) < 0.02); // the axis is symmetric around 0
}

void TestCharts::valueHistogramClipRange()
{
    ValueHistogramChart chart;
    chart.setReport(makeReport());
    chart.setSelectedLayer(QStringLiteral("layer0"));
    QCOMPARE(chart.valueOutline()->count(), 2 * kBins + 2);
    QCOMPARE(chart.clipLowLine()->count(), 2);
    QCOMPARE(chart.clipLowLine()->at(0).x(), 0.0);
    QCOMPARE(chart.clipHighLine()->at(0).x(), 2.5);
    QVERIFY(chart.clipLowLine()->isVisible());
    QVERIFY(chart.chart()->title().contains(QStringLiteral("3.00 % clipped")));

    // A layer whose output stays float has no clipping range.
    EvaluationReport report = makeReport();
    report.layers[0].quantized = false;
    chart.setReport(report);
    QVERIFY(!chart.clipLowLine()->isVisible());
}

void TestCharts::driftFollowsPropagatedStats()
{
    const EvaluationReport report = makeReport();
    DriftChart chart;
    chart.setReport(report);
    QCOMPARE(chart.meanErrorSeries()->count(), kLayers);
    QCOMPARE(chart.sqnrSeries()->count(), kLayers);
    for (int i = 0; i < kLayers; ++i) {
        QCOMPARE(chart.meanErrorSeries()->at(i), QPointF(i, report.layers[size_t(i)].propagated.meanError));
        QCOMPARE(chart.sqnrSeries()->at(i).y(), report.layers[size_t(i)].propagated.sqnrDb);
    }
    QCOMPARE(chart.layerAxis()->categoriesLabels(),
             QStringList({"layer0", "layer1", "layer2", "layer3", "layer4"}));
    QVERIFY(!chart.baselineMeanErrorSeries()->isVisible());

    QSignalSpy clicked(&chart, &DriftChart::layerClicked);
    chart.resize(800, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QPointF at = chart.chart()->mapToPosition(QPointF(3, 0.0), chart.meanErrorSeries());
    QTest::mouseClick(chart.viewport(), Qt::LeftButton, {},
                      chart.mapFromScene(chart.chart()->mapToScene(at)));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("layer3"));
}

void TestCharts::driftBaselineOverlay()
{
    DriftChart chart;
    chart.setReport(makeReport(0.01));
    chart.setBaseline(makeReport(), QStringLiteral("half_even"));
    QVERIFY(chart.baselineMeanErrorSeries()->isVisible());
    QVERIFY(chart.baselineSqnrSeries()->isVisible());
    QCOMPARE(chart.baselineMeanErrorSeries()->count(), kLayers);
    QCOMPARE(chart.baselineMeanErrorSeries()->at(2).y(), 0.003);
    QCOMPARE(chart.meanErrorSeries()->at(2).y(), 0.013);
    QVERIFY(chart.baselineMeanErrorSeries()->name().startsWith(QStringLiteral("A: half_even (baseline)")));
    QVERIFY(chart.meanErrorSeries()->name().startsWith(QStringLiteral("B: current")));
    QCOMPARE(chart.baselineMeanErrorSeries()->pen().style(), Qt::DashLine);

    // A baseline with a layer the current plan lacks: matched by name, the extra one skipped.
    EvaluationReport other = makeReport();
    other.layers[1].name = "gone";
    chart.setBaseline(other, QStringLiteral("old"));
    QCOMPARE(chart.baselineMeanErrorSeries()->count(), kLayers - 1);

    chart.clearBaseline();
    QVERIFY(!chart.baselineMeanErrorSeries()->isVisible());
    QCOMPARE(chart.baselineMeanErrorSeries()->count(), 0);
}

// Issue 14: the heads interleaved with the trunk made the drift line zig-zag. The trunk comes
// first by depth, each head is its own segment after it, and clicks map back to the layer. A
// torch Flatten module ("/exit1/flatten/Flatten") keeps its module name, not just "exit1".
void TestCharts::driftTrunkThenExitHeads()
{
    const EvaluationReport report = makeMultiExitReport();
    DriftChart chart;
    chart.setReport(report);
    QCOMPARE(chart.segmentTitles(), QStringList({"trunk", "exit1 head", "exit2 head"}));
    QCOMPARE(chart.layerAxis()->categoriesLabels(),
             QStringList({"stem", "block1", "block2", "block3", "head/Flatten", "head/fc",
                          "exit1/flatten", "exit1/fc", "exit2/Flatten", "exit2/fc"}));
    const std::vector<std::vector<int>> want = {{0, 1, 4, 7, 8, 9}, {2, 3}, {5, 6}};
    const QList<QLineSeries*> mean = chart.meanErrorSegments(), sqnr = chart.sqnrSegments();
    QCOMPARE(mean.size(), 3);
    QCOMPARE(mean.front(), chart.meanErrorSeries());
    int x = 0;
    for (size_t k = 0; k < want.size(); ++k) {
        QCOMPARE(mean[int(k)]->count(), int(want[k].size()));
        QVERIFY(mean[int(k)]->isVisible());
        for (size_t j = 0; j < want[k].size(); ++j, ++x) {
            const LayerReport& l = report.layers[size_t(want[k][j])];
            // Contiguous positions, depth increasing inside the segment: no zig-zag.
            QCOMPARE(mean[int(k)]->at(int(j)), QPointF(x, l.propagated.meanError));
            QCOMPARE(sqnr[int(k)]->at(int(j)).y(), l.propagated.sqnrDb);
            QCOMPARE(chart.layerAtPosition(x), want[k][j]);
        }
    }
    // The baseline follows the same segments.
    chart.setBaseline(makeMultiExitReport(0.5), QStringLiteral("old"));
    QCOMPARE(chart.baselineMeanErrorSeries()->count(), 6);
    QCOMPARE(chart.baselineMeanErrorSeries()->at(2), QPointF(2, 0.04 + 0.5)); // block2
    // A click on the first exit1-head position selects exit1/Flatten.
    QSignalSpy clicked(&chart, &DriftChart::layerClicked);
    chart.resize(900, 420);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    // Only the trunk's A and B series are in the legend (head segments, separators are not).
    int markers = 0;
    for (QLegendMarker* marker : chart.chart()->legend()->markers())
        markers += marker->isVisible();
    QCOMPARE(markers, 4);
    const QPointF at = chart.chart()->mapToPosition(QPointF(6, 0.0), chart.meanErrorSeries());
    QTest::mouseClick(chart.viewport(), Qt::LeftButton, {},
                      chart.mapFromScene(chart.chart()->mapToScene(at)));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toString(), QStringLiteral("/exit1/flatten/Flatten"));

    // A single-exit report (or one without edges) keeps one segment in plan order.
    chart.setReport(makeReport());
    QCOMPARE(chart.segmentTitles(), QStringList({"trunk"}));
    QCOMPARE(chart.meanErrorSegments().size(), 1);
    QCOMPARE(chart.meanErrorSeries()->count(), kLayers);
}

// Issue 14: under a dark palette the charts' background, text, grid and series colours come
// from the palette (not black text on a dark background).
void TestCharts::chartsFollowDarkPalette()
{
    const QPalette light = QApplication::palette();
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x26));
    dark.setColor(QPalette::Base, QColor(0x18, 0x1a, 0x1e));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Mid, QColor(0x70, 0x70, 0x70));
    const QColor lightCurrent = chartstyle::current();
    QApplication::setPalette(dark);
    const auto restore = qScopeGuard([&] { QApplication::setPalette(light); });

    DriftChart drift;
    drift.setReport(makeReport());
    ErrorHistogramChart hist;
    hist.setReport(makeReport());
    hist.setSelectedLayer(QStringLiteral("layer1"));
    const QColor text = dark.color(QPalette::Text), base = dark.color(QPalette::Base);
    for (QChart* chart : {drift.chart(), hist.chart()}) {
        QCOMPARE(chart->backgroundBrush().color(), base);
        QCOMPARE(chart->titleBrush().color(), text);
        QCOMPARE(chart->legend()->labelColor(), text);
        for (QAbstractAxis* axis : chart->axes()) {
            QCOMPARE(axis->labelsColor(), text);
            QCOMPARE(axis->titleBrush().color(), text);
            QCOMPARE(axis->gridLineColor().rgb(), text.rgb()); // translucent text colour
        }
    }
    // Series: the dark variant (brighter than the light one) and far from the background.
    QVERIFY(chartstyle::current() != lightCurrent);
    const QList<QAbstractSeries*> series = {drift.meanErrorSeries(), drift.sqnrSeries(),
                                            hist.propagatedArea(), hist.localArea(),
                                            hist.propagatedMeanMarker(), hist.localMeanMarker()};
    for (QAbstractSeries* s : series) {
        const auto* line = qobject_cast<QLineSeries*>(s);
        const QColor c = line ? line->pen().color() : static_cast<QAreaSeries*>(s)->pen().color();
        QVERIFY2(c.lightness() - base.lightness() >= 80, qPrintable(s->name() + c.name()));
    }
    QCOMPARE(drift.meanErrorSeries()->pen().color(), chartstyle::current());
}

void TestCharts::exitAccuracyBars()
{
    const EvaluationReport report = makeReport();
    ExitAccuracyChart chart;
    chart.setReport(report);
    QCOMPARE(chart.series()->count(), 2); // FP32, quantized
    const QBarSet* fp32 = chart.series()->barSets().at(0);
    const QBarSet* quant = chart.series()->barSets().at(1);
    QCOMPARE(fp32->count(), 3);
    QCOMPARE(fp32->at(1), 91.0);
    QCOMPARE(quant->at(2), 91.0);
    const QStringList categories = chart.exitAxis()->categories();
    QCOMPARE(categories.size(), 3);
    QVERIFY(categories.at(1).contains(QStringLiteral("exit2")));
    QVERIFY(categories.at(1).contains(QStringLiteral("2.00 M MACs")));

    chart.setBaseline(std::make_shared<const EvaluationReport>(makeReport(-1.0)),
                      QStringLiteral("w8a8"));
    QCOMPARE(chart.series()->count(), 3);
    QCOMPARE(chart.series()->barSets().at(1)->label(), QStringLiteral("A: w8a8 (baseline)"));
    QCOMPARE(chart.series()->barSets().at(1)->at(0), 88.0);
    chart.clearBaseline();
    QCOMPARE(chart.series()->count(), 2);

    // Unlabelled data: agreement with FP32 only.
    EvaluationReport unlabelled = report;
    unlabelled.labelled = false;
    chart.setReport(unlabelled);
    QCOMPARE(chart.series()->count(), 1);
    QCOMPARE(chart.series()->barSets().at(0)->at(0), 97.0);
}

void TestCharts::exitPolicySliderMarksPoint()
{
    const EvaluationReport report = makeReport();
    ExitPolicyWidget widget;
    widget.setReport(report);
    QCOMPARE(widget.chart()->quantCurve()->count(), 11);
    QCOMPARE(widget.chart()->fp32Curve()->count(), 11);

    widget.slider()->setValue(80);
    QCOMPARE(widget.chart()->currentPoint(), 6);
    const ExitPolicyPoint& p = report.exitPolicy[6];
    QCOMPARE(widget.chart()->marker()->count(), 2);
    QCOMPARE(widget.chart()->marker()->at(0), QPointF(p.fp32AvgMacs / 1e6, p.fp32Accuracy));
    QCOMPARE(widget.chart()->marker()->at(1), QPointF(p.quantAvgMacs / 1e6, p.quantAccuracy));
    QVERIFY(widget.numbers()->text().contains(QStringLiteral("threshold 0.80")));
    QVERIFY(widget.numbers()->text().contains(QString::number(p.quantAccuracy, 'f', 2)));

    widget.slider()->setValue(100);
    QCOMPARE(widget.chart()->currentPoint(), 10);
    widget.slider()->setValue(52); // between points: the nearest one
    QCOMPARE(widget.chart()->currentPoint(), 0);

    widget.setBaseline(std::make_shared<const EvaluationReport>(makeReport(-1.0)),
                       QStringLiteral("w8a8"));
    QVERIFY(widget.chart()->baselineCurve()->isVisible());
    QCOMPARE(widget.chart()->baselineCurve()->count(), 11);
}

void TestCharts::exportPngAndSvg()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DriftChart chart;
    chart.resize(900, 420);
    chart.setReport(makeReport(0.01));
    chart.setBaseline(makeReport(), QStringLiteral("half_even"));
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    const QString png = dir.filePath(QStringLiteral("drift.png"));
    QVERIFY(chart.exportPng(png));
    QVERIFY(QFileInfo(png).size() > 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 900);

    const QString svg = dir.filePath(QStringLiteral("drift.svg"));
    QVERIFY(chart.exportSvg(svg));
    QVERIFY(QFileInfo(svg).size() > 0);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString root;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && root.isEmpty())
            root = xml.name().toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY(QSvgRenderer(svg).isValid());
}

QTEST_MAIN(TestCharts)
#include "test_charts.moc"
