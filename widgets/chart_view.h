#pragma once
// ChartView: the QChartView every QuantLens chart derives from. It adds what all charts share:
//   * a centred placeholder text instead of an empty chart ("Evaluating…"),
//   * a value tooltip under the cursor (the chart supplies the text),
//   * zoom: rubber band, mouse wheel around the cursor, double-click or "Reset zoom",
//   * a context menu: Reset zoom, Export PNG…, Export SVG…, Copy image,
//   * a click on the plot area reported in value coordinates (the rubber band swallows the
//     series' own clicked() signals).
// ChartStyle holds the shared colours and fonts so that all charts look alike.

#include <QtCharts/QChartView>

#include <functional>

class QLabel;
class QAbstractSeries;
class QLegendMarker;
class QValueAxis;

namespace ql {

namespace chartstyle {
QColor current();         // the current report ("B")
QColor currentSecondary();
QColor baseline();        // the pinned baseline ("A")
QColor baselineSecondary();
QColor fp32();            // FP32 reference
QColor clip();            // clipping range / out of range
QColor highlight();       // the selected-layer band: the palette's text colour, translucent
QColor separator();       // dividers inside a plot (e.g. trunk | exit heads): text colour, faint
// A new chart with QuantLens' margins, fonts and an (optionally hidden) legend at the top.
QChart* makeChart(bool legend);
// Small fonts for axes so that long layer names fit.
void styleAxis(QAbstractAxis* axis, const QString& title);
// 3 significant digits with a typographic minus: "−0.00123", "4.56e−05".
QString number(double v, int significant = 3);
// Sets `axis` to [lo, hi] widened to multiples of a round step (1, 2 or 5 × 10^k) with at
// most `maxSteps` steps, and a label format with as many decimals as the step needs.
void niceRange(QValueAxis* axis, double lo, double hi, int maxSteps = 8);
// Hides the legend entry of `series` (marker lines, highlights).
void hideFromLegend(QChart* chart, QAbstractSeries* series);
} // namespace chartstyle

class ChartView : public QChartView
{
    Q_OBJECT
public:
    enum class ZoomMode { None, Horizontal, Both };
    using ToolTipProvider = std::function<QString(const QPointF& value)>;

    explicit ChartView(QWidget* parent = nullptr);

    // Takes ownership of `chart` and deletes the previous one. QChartView::setChart only
    // "releases ownership" of the chart it replaces, so the default QChart that QChartView's
    // constructor creates was leaked by every chart here (LeakSanitizer, issue 16). This
    // hides the non-virtual base function: charts call setChart() unqualified and get it.
    void setChart(QChart* chart);

    // Non-empty: the chart is hidden and `text` is shown centred instead.
    void setPlaceholderText(const QString& text);
    QString placeholderText() const;
    bool isShowingPlaceholder() const { return !placeholderText().isEmpty(); }
    // The placeholder shown while the chart has no data (pages set "Evaluating…" etc.).
    void setEmptyText(const QString& text);
    QString emptyText() const { return m_emptyText; }
    bool hasData() const { return m_hasData; }

    void setZoomMode(ZoomMode mode);
    ZoomMode zoomMode() const { return m_zoomMode; }

    // Mouse positions are mapped to values in the axes of `series` (tooltip and click).
    void setReferenceSeries(QAbstractSeries* series) { m_reference = series; }
    void setToolTipProvider(ToolTipProvider provider) { m_toolTip = std::move(provider); }
    // Shows `text` at the cursor now (charts driven by series hovered() signals); empty hides.
    void showValueToolTip(const QString& text);

    // File name (without extension) proposed by the export dialogs.
    void setExportName(const QString& name) { m_exportName = name; }
    QString exportName() const { return m_exportName; }

    QImage toImage();
    // Rendered in memory, then saved with ql::writeFileAtomic: a failed export keeps the old
    // file and returns false with `error` naming the file and the reason.
    bool exportPng(const QString& path, QString* error = nullptr);
    bool exportSvg(const QString& path, QString* error = nullptr);

public slots:
    void resetZoom();
    void copyImage();
    void exportPngInteractive();
    void exportSvgInteractive();

signals:
    // A click (no drag) inside the plot area, in the reference series' value coordinates.
    void plotClicked(const QPointF& value);

protected:
    // false: shows emptyText() instead of the chart.
    void setHasData(bool hasData);

    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    bool valueAt(const QPoint& viewPos, QPointF* value) const;

    QLabel* m_placeholder;
    QString m_emptyText;
    bool m_hasData = false;
    ZoomMode m_zoomMode = ZoomMode::None;
    QAbstractSeries* m_reference = nullptr;
    ToolTipProvider m_toolTip;
    QString m_exportName = QStringLiteral("chart");
    QPoint m_pressPos;
    bool m_pressed = false;
};

} // namespace ql
