#include "widgets/chart_view.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSettings>
#include <QSvgGenerator>
#include <QToolTip>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QValueAxis>

#include <cmath>

#include "core/atomic_write.h"
#include "core/error.h"

namespace ql {

namespace chartstyle {

// The application palette is dark (window or base): the colours brighten, and charts take
// their background and text colours from the palette.
static bool isDark()
{
    const QPalette pal = QApplication::palette();
    return pal.color(QPalette::Base).lightness() < 128 ||
           pal.color(QPalette::Window).lightness() < 128;
}

// Light-palette colours, and brighter ones that keep their contrast on a dark background.
QColor current() { return isDark() ? QColor(0x6f, 0x9b, 0xe0) : QColor(0x2d, 0x5a, 0xa0); }
QColor currentSecondary() { return isDark() ? QColor(0xf0, 0x95, 0x4f) : QColor(0xd9, 0x6c, 0x1e); }
QColor baseline() { return isDark() ? QColor(0x7c, 0x8f, 0xb0) : QColor(0x8a, 0xa4, 0xcc); }
QColor baselineSecondary() { return isDark() ? QColor(0xb8, 0x8a, 0x68) : QColor(0xe8, 0xb0, 0x84); }
QColor fp32() { return isDark() ? QColor(0xb0, 0xb6, 0xc0) : QColor(0x6b, 0x72, 0x80); }
QColor clip() { return isDark() ? QColor(0xf0, 0x66, 0x55) : QColor(0xc0, 0x39, 0x2b); }

QColor highlight()
{
    QColor c = QApplication::palette().color(QPalette::Text);
    c.setAlpha(110);
    return c;
}

QColor separator()
{
    QColor c = QApplication::palette().color(QPalette::Text);
    c.setAlpha(150);
    return c;
}

static QFont scaledFont(double factor, bool bold = false)
{
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

QChart* makeChart(bool legend)
{
    auto* chart = new QChart;
    chart->setMargins(QMargins(6, 4, 6, 4));
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitleFont(scaledFont(1.0, true));
    chart->legend()->setVisible(legend);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setFont(scaledFont(0.9));
    // Background, title and legend text follow the application palette (dark themes too).
    const QPalette pal = QApplication::palette();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    return chart;
}

void styleAxis(QAbstractAxis* axis, const QString& title)
{
    const QPalette pal = QApplication::palette();
    axis->setLabelsFont(scaledFont(0.85));
    axis->setTitleFont(scaledFont(0.9));
    axis->setTitleText(title);
    axis->setLabelsColor(pal.color(QPalette::Text));
    axis->setTitleBrush(pal.color(QPalette::Text));
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(40);
    axis->setGridLineColor(grid);
    axis->setLinePenColor(pal.color(QPalette::Mid));
}

QString number(double v, int significant)
{
    if (v == 0.0)
        return QStringLiteral("0");
    return QString::number(v, 'g', significant).replace(QLatin1Char('-'), QChar(0x2212));
}

void niceRange(QValueAxis* axis, double lo, double hi, int maxSteps)
{
    if (!(hi > lo)) {
        axis->setRange(lo - 0.5, lo + 0.5);
        return;
    }
    const double raw = (hi - lo) / maxSteps;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10.0 * decade;
    for (double m : {1.0, 2.0, 5.0})
        if (m * decade >= raw) {
            step = m * decade;
            break;
        }
    const double niceLo = std::floor(lo / step) * step, niceHi = std::ceil(hi / step) * step;
    axis->setRange(niceLo, niceHi);
    axis->setTickCount(int(std::lround((niceHi - niceLo) / step)) + 1);
    const int decimals = std::max(0, int(std::ceil(-std::log10(step) - 1e-9)));
    axis->setLabelFormat(QStringLiteral("%.%1f").arg(decimals));
}

void hideFromLegend(QChart* chart, QAbstractSeries* series)
{
    for (QLegendMarker* marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

} // namespace chartstyle

ChartView::ChartView(QWidget* parent) : QChartView(parent), m_placeholder(new QLabel(this))
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setObjectName(QStringLiteral("chartPlaceholder"));
    QFont f = m_placeholder->font();
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_placeholder->setFont(f);
    QPalette pal = m_placeholder->palette();
    pal.setColor(QPalette::WindowText, QColor(0x80, 0x86, 0x90));
    m_placeholder->setPalette(pal);
    m_placeholder->hide();
    setEmptyText(tr("Open a calibration folder to evaluate"));
}

void ChartView::setChart(QChart* chart)
{
    QChart* previous = QChartView::chart();
    if (chart == previous)
        return;
    QChartView::setChart(chart); // removes `previous` from the scene
    delete previous;
}

void ChartView::setPlaceholderText(const QString& text)
{
    m_placeholder->setText(text);
    m_placeholder->setVisible(!text.isEmpty());
    if (chart())
        chart()->setVisible(text.isEmpty());
}

void ChartView::setEmptyText(const QString& text)
{
    m_emptyText = text;
    if (!m_hasData)
        setPlaceholderText(text);
}

void ChartView::setHasData(bool hasData)
{
    m_hasData = hasData;
    setPlaceholderText(hasData ? QString() : m_emptyText);
}

QString ChartView::placeholderText() const
{
    return m_placeholder->isVisibleTo(this) ? m_placeholder->text() : QString();
}

void ChartView::setZoomMode(ZoomMode mode)
{
    m_zoomMode = mode;
    setRubberBand(mode == ZoomMode::None         ? QChartView::NoRubberBand
                  : mode == ZoomMode::Horizontal ? QChartView::HorizontalRubberBand
                                                 : QChartView::RectangleRubberBand);
}

void ChartView::showValueToolTip(const QString& text)
{
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(QCursor::pos(), text, this);
}

bool ChartView::valueAt(const QPoint& viewPos, QPointF* value) const
{
    if (!m_reference || !chart() || isShowingPlaceholder())
        return false;
    const QPointF chartPos = chart()->mapFromScene(mapToScene(viewPos));
    if (!chart()->plotArea().contains(chartPos))
        return false;
    *value = chart()->mapToValue(chartPos, m_reference);
    return true;
}

void ChartView::resetZoom()
{
    if (chart() && chart()->isZoomed())
        chart()->zoomReset();
}

QImage ChartView::toImage()
{
    return grab().toImage();
}

// The encoded bytes go through the one atomic writer (see core/atomic_write.h).
static bool saveBytes(const QString& path, const QByteArray& bytes, QString* error)
{
    try {
        ql::writeFileAtomic(QFile::encodeName(path).toStdString(),
                            std::string_view(bytes.constData(), size_t(bytes.size())));
        return true;
    } catch (const ql::Error& e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

bool ChartView::exportPng(const QString& path, QString* error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!toImage().save(&buffer, "PNG")) {
        if (error)
            *error = tr("%1: cannot encode the chart as PNG").arg(path);
        return false;
    }
    return saveBytes(path, bytes, error);
}

bool ChartView::exportSvg(const QString& path, QString* error)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(viewport()->size());
    generator.setViewBox(QRect(QPoint(0, 0), viewport()->size()));
    generator.setTitle(chart() ? chart()->title() : QString());
    generator.setDescription(tr("QuantLens chart"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        if (error)
            *error = tr("%1: cannot render the chart as SVG").arg(path);
        return false;
    }
    render(&painter); // vector output of the scene (QGraphicsView::render)
    painter.end();
    return saveBytes(path, bytes, error);
}

void ChartView::copyImage()
{
    QGuiApplication::clipboard()->setImage(toImage());
}

// Both dialogs remember the last folder; a failed write is reported, not silently dropped.
static QString askExportPath(QWidget* parent, const QString& title, const QString& name,
                             const QString& suffix, const QString& filter)
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/lastExportDir"), QDir::homePath())
                            .toString();
    QString path = QFileDialog::getSaveFileName(parent, title,
                                                QDir(dir).filePath(name + QLatin1Char('.') + suffix),
                                                filter);
    if (path.isEmpty())
        return path;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    settings.setValue(QStringLiteral("paths/lastExportDir"), QFileInfo(path).absolutePath());
    return path;
}

void ChartView::exportPngInteractive()
{
    const QString path = askExportPath(this, tr("Export PNG"), m_exportName, QStringLiteral("png"),
                                       tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error))
        QMessageBox::warning(this, tr("Export PNG"), error);
}

void ChartView::exportSvgInteractive()
{
    const QString path = askExportPath(this, tr("Export SVG"), m_exportName, QStringLiteral("svg"),
                                       tr("SVG images (*.svg)"));
    QString error;
    if (!path.isEmpty() && !exportSvg(path, &error))
        QMessageBox::warning(this, tr("Export SVG"), error);
}

void ChartView::mousePressEvent(QMouseEvent* event)
{
    m_pressed = event->button() == Qt::LeftButton;
    m_pressPos = event->pos();
    if (event->button() == Qt::RightButton) {
        event->accept(); // the context menu follows; no rubber-band handling
        return;
    }
    QChartView::mousePressEvent(event);
}

void ChartView::mouseMoveEvent(QMouseEvent* event)
{
    QChartView::mouseMoveEvent(event);
    if (!m_toolTip || (event->buttons() & Qt::LeftButton))
        return;
    QPointF value;
    const QString text = valueAt(event->pos(), &value) ? m_toolTip(value) : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void ChartView::mouseReleaseEvent(QMouseEvent* event)
{
    // QChartView zooms out on a right click in rubber-band mode; the right button opens the
    // context menu here instead.
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    const bool click = m_pressed && event->button() == Qt::LeftButton &&
                       (event->pos() - m_pressPos).manhattanLength() < 4;
    m_pressed = false;
    QChartView::mouseReleaseEvent(event);
    QPointF value;
    if (click && valueAt(event->pos(), &value))
        emit plotClicked(value);
}

void ChartView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

void ChartView::wheelEvent(QWheelEvent* event)
{
    if (m_zoomMode == ZoomMode::None || !chart() || isShowingPlaceholder()) {
        QChartView::wheelEvent(event);
        return;
    }
    const QRectF plot = chart()->plotArea();
    const QPointF c = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    if (!plot.contains(c) || event->angleDelta().y() == 0) {
        event->ignore();
        return;
    }
    // Zoom around the cursor: the value under it stays put.
    const double f = std::pow(0.85, event->angleDelta().y() / 120.0);
    QRectF r = plot;
    r.setLeft(c.x() - (c.x() - plot.left()) * f);
    r.setWidth(plot.width() * f);
    if (m_zoomMode == ZoomMode::Both) {
        r.setTop(c.y() - (c.y() - plot.top()) * f);
        r.setHeight(plot.height() * f);
    }
    chart()->zoomIn(r);
    event->accept();
}

void ChartView::contextMenuEvent(QContextMenuEvent* event)
{
    QToolTip::hideText();
    QMenu menu(this);
    QAction* reset = menu.addAction(tr("Reset Zoom"), this, &ChartView::resetZoom);
    reset->setEnabled(chart() && chart()->isZoomed());
    menu.addSeparator();
    menu.addAction(tr("Export PNG…"), this, &ChartView::exportPngInteractive);
    menu.addAction(tr("Export SVG…"), this, &ChartView::exportSvgInteractive);
    menu.addAction(tr("Copy Image"), this, &ChartView::copyImage);
    menu.exec(event->globalPos());
    event->accept();
}

void ChartView::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    m_placeholder->setGeometry(rect().adjusted(12, 12, -12, -12));
}

} // namespace ql
