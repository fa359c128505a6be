#include "widgets/inspector_widget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace ql {

namespace {

// Reals with 6 significant digits and a typographic minus; integers as they are.
QString real(double v)
{
    return QString::number(v, 'g', 6).replace(QLatin1Char('-'), QChar(0x2212));
}

QString integer(int64_t v)
{
    return QString::number(v).replace(QLatin1Char('-'), QChar(0x2212));
}

// "+ (−128)" reads better than "+ −128".
QString signedTerm(int64_t v)
{
    return v < 0 ? QStringLiteral("(%1)").arg(integer(v)) : integer(v);
}

// explainElement() covers the integer Conv and Gemm kernels (the op table's "conv", "gemm").
bool isExplainable(const LayerReport& layer)
{
    return layer.kind == LayerKind::Integer && (layer.kernel == "conv" || layer.kernel == "gemm");
}

QTableWidgetItem* cell(const QString& text, bool alignRight = true)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (alignRight)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidget* makeTable(const QString& name, const QStringList& headers)
{
    auto* table = new QTableWidget(0, int(headers.size()));
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    return table;
}

} // namespace

InspectorWidget::InspectorWidget(QWidget* parent)
    : QWidget(parent), m_stack(new QStackedWidget), m_empty(new QLabel), m_layer(new QComboBox),
      m_headline(new QLabel), m_showAll(new QCheckBox(tr("Show all K terms"))),
      m_terms(makeTable(QStringLiteral("termsTable"),
                        {tr("k (c, ky, kx)"), tr("x_q"), tr("x_q − Z_x"), tr("w_q"), tr("w_q − Z_w"),
                         tr("product")})),
      m_alternatives(makeTable(QStringLiteral("alternativesTable"),
                               {tr("rounding"), tr("code y_q"), tr("dequantized y′"),
                                tr("error vs FP32 (LSB)")})),
      m_termsBox(new QGroupBox), m_requestTimer(new QTimer(this))
{
    m_requestTimer->setSingleShot(true);
    m_requestTimer->setInterval(0); // coalesces several spin-box changes into one request
    connect(m_requestTimer, &QTimer::timeout, this, &InspectorWidget::emitRequest);

    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setObjectName(QStringLiteral("inspectorPlaceholder"));
    QFont big = m_empty->font();
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_empty->setFont(big);
    m_empty->setText(tr("Open a calibration folder to evaluate"));

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    buildControls(content);
    m_headline->setObjectName(QStringLiteral("headline"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setWordWrap(true);
    QFont headFont = m_headline->font();
    headFont.setPointSizeF(headFont.pointSizeF() * 1.1);
    m_headline->setFont(headFont);
    layout->addWidget(m_headline);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(buildWalkthrough());
    splitter->addWidget(buildTables());
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({660, 700});
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);
    clearValues();
}

void InspectorWidget::buildControls(QWidget* host)
{
    auto* row = new QHBoxLayout;
    m_layer->setObjectName(QStringLiteral("layerCombo"));
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(new QLabel(tr("Layer:")));
    row->addWidget(m_layer);
    row->addSpacing(16);
    row->addWidget(new QLabel(tr("Output element:")));
    for (int d = 0; d < 4; ++d) {
        auto* label = new QLabel;
        auto* spin = new QSpinBox;
        spin->setObjectName(QStringLiteral("index%1").arg(d));
        spin->setKeyboardTracking(false);
        spin->setMinimumWidth(70);
        row->addWidget(label);
        row->addWidget(spin);
        m_indexLabels.push_back(label);
        m_index.push_back(spin);
        connect(spin, &QSpinBox::valueChanged, this, &InspectorWidget::scheduleRequest);
    }
    m_indexLabels[0]->setText(tr("n (sample)"));
    m_index[0]->setToolTip(tr("The image of the evaluation folder (batch index n)"));
    row->addStretch(1);
    static_cast<QVBoxLayout*>(host->layout())->addLayout(row);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        updateIndexRanges();
        scheduleRequest();
        emit layerChosen(currentLayer()); // the owner may jump to that layer's worst element
    });
}

QLabel* InspectorWidget::addRow(QGridLayout* grid, const QString& name, const QString& label,
                                const QString& tip)
{
    const int r = grid->rowCount();
    auto* key = new QLabel(label);
    key->setTextFormat(Qt::RichText);
    key->setToolTip(tip);
    auto* value = new QLabel;
    value->setObjectName(name);
    value->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(key, r, 0, Qt::AlignLeft | Qt::AlignTop);
    grid->addWidget(value, r, 1, Qt::AlignLeft | Qt::AlignTop);
    m_values.push_back(value);
    return value;
}

QWidget* InspectorWidget::buildWalkthrough()
{
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    const auto group = [&](const QString& title) {
        auto* box = new QGroupBox(title);
        auto* grid = new QGridLayout(box);
        grid->setColumnStretch(1, 1);
        grid->setHorizontalSpacing(16);
        layout->addWidget(box);
        return grid;
    };
    QGridLayout* g = group(tr("1 · Inputs  (real = S·(q − Z))"));
    addRow(g, QStringLiteral("inputScale"), tr("input scale S<sub>x</sub>"));
    addRow(g, QStringLiteral("inputZeroPoint"), tr("input zero point Z<sub>x</sub>"));
    addRow(g, QStringLiteral("weightScale"), tr("weight scale S<sub>w</sub>"));
    addRow(g, QStringLiteral("weightZeroPoint"), tr("weight zero point Z<sub>w</sub>"));

    g = group(tr("2 · Accumulator (integer)"));
    addRow(g, QStringLiteral("sumProducts"), tr("Σ<sub>k</sub> (x<sub>q</sub> − Z<sub>x</sub>)·(w<sub>q</sub> − Z<sub>w</sub>)"));
    addRow(g, QStringLiteral("bias"), tr("bias B → b<sub>q</sub> = R(B / (S<sub>x</sub>·S<sub>w</sub>))"));
    addRow(g, QStringLiteral("accumulator"), tr("acc = Σ + b<sub>q</sub>"));

    g = group(tr("3 · Requantization"));
    addRow(g, QStringLiteral("requantization"), tr("method"));
    addRow(g, QStringLiteral("multiplier"), tr("M = S<sub>x</sub>·S<sub>w</sub> / S<sub>y</sub>"));
    addRow(g, QStringLiteral("fixedMultiplier"), tr("M<sub>0</sub>, shift"),
           tr("Fixed point: M = M0 · 2^(shift − 31), M0 a Q31 integer in [2^30, 2^31)"));
    addRow(g, QStringLiteral("scaledAccumulator"), tr("acc · M (before rounding)"));
    addRow(g, QStringLiteral("rounding"), tr("rounding mode R"));
    addRow(g, QStringLiteral("rounded"), tr("R(acc · M)"));
    addRow(g, QStringLiteral("withZeroPoint"), tr("+ Z<sub>y</sub>"));
    addRow(g, QStringLiteral("clamp"), tr("clamp to [act<sub>min</sub>, act<sub>max</sub>]"));

    g = group(tr("4 · Output"));
    addRow(g, QStringLiteral("outputCode"), tr("output code y<sub>q</sub>"));
    addRow(g, QStringLiteral("outputParams"), tr("S<sub>y</sub>, Z<sub>y</sub>"));
    addRow(g, QStringLiteral("dequantized"), tr("y′ = S<sub>y</sub>·(y<sub>q</sub> − Z<sub>y</sub>)"));
    addRow(g, QStringLiteral("fp32"), tr("FP32 reference y"));
    addRow(g, QStringLiteral("errorLsb"), tr("error e = y′ − y (chain)"));
    addRow(g, QStringLiteral("aloneError"), tr("layer alone (FP32-fed input)"),
           tr("The same element computed from the layer's FP32 input, quantized with the layer's "
              "input parameters: the local error"));
    auto* why = new QLabel(tr("The chain error uses the codes the quantized layers upstream "
                              "produced, so it carries their error too; the layer-alone error "
                              "is what this layer's own rounding and clamping add."));
    why->setObjectName(QStringLiteral("chainVsAlone"));
    why->setWordWrap(true);
    why->setEnabled(false);
    g->addWidget(why, g->rowCount(), 0, 1, g->columnCount());
    layout->addStretch(1);

    auto* scroll = new QScrollArea;
    scroll->setWidget(panel);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(420);
    return scroll;
}

QWidget* InspectorWidget::buildTables()
{
    auto* panel = new QWidget;
    auto* layout = new QVBoxLayout(panel);
    auto* termsLayout = new QVBoxLayout(m_termsBox);
    m_showAll->setObjectName(QStringLiteral("showAllTerms"));
    termsLayout->addWidget(m_showAll);
    termsLayout->addWidget(m_terms);
    connect(m_showAll, &QCheckBox::toggled, this, &InspectorWidget::fillTerms);
    layout->addWidget(m_termsBox, 3);

    auto* altBox = new QGroupBox(tr("The same element under each rounding mode"));
    auto* altLayout = new QVBoxLayout(altBox);
    altLayout->addWidget(m_alternatives);
    m_alternatives->setAlternatingRowColors(false);
    m_alternatives->setMinimumHeight(m_alternatives->verticalHeader()->defaultSectionSize() * 6 +
                                     m_alternatives->horizontalHeader()->sizeHint().height());
    layout->addWidget(altBox, 2);
    return panel;
}

void InspectorWidget::setEmptyText(const QString& text)
{
    m_empty->setText(text);
}

void InspectorWidget::setReport(std::shared_ptr<const EvaluationReport> report)
{
    const QString previous = currentLayer();
    m_report = std::move(report);
    QSignalBlocker block(m_layer);
    m_layer->clear();
    if (m_report)
        for (const LayerReport& l : m_report->layers)
            if (isExplainable(l))
                m_layer->addItem(QString::fromStdString(l.name));
    if (m_layer->count() == 0) {
        if (m_report)
            m_empty->setText(tr("This model has no integer Conv or Gemm layer to inspect"));
        m_stack->setCurrentIndex(0);
        return;
    }
    m_stack->setCurrentIndex(1);
    m_layer->setCurrentIndex(std::max(0, m_layer->findText(previous)));
    updateIndexRanges();
    scheduleRequest();
}

void InspectorWidget::setReport(const EvaluationReport& report)
{
    setReport(std::make_shared<const EvaluationReport>(report));
}

QStringList InspectorWidget::layers() const
{
    QStringList names;
    for (int i = 0; i < m_layer->count(); ++i)
        names << m_layer->itemText(i);
    return names;
}

QString InspectorWidget::currentLayer() const
{
    return m_layer->currentText();
}

std::vector<int64_t> InspectorWidget::currentIndex() const
{
    std::vector<int64_t> index;
    for (int d = 0; d < std::max(1, m_dims) && d < int(m_index.size()); ++d)
        index.push_back(m_index[size_t(d)]->value());
    return index;
}

void InspectorWidget::updateIndexRanges()
{
    const LayerReport* layer = nullptr;
    if (m_report)
        for (const LayerReport& l : m_report->layers)
            if (QString::fromStdString(l.name) == currentLayer())
                layer = &l;
    const Shape shape = layer ? layer->outputShape : Shape{};
    const int dims = int(shape.size());
    m_dims = std::max(1, dims);
    // Names of the output dims after n: (o) for Gemm, (o, y, x) for Conv.
    const QStringList names = dims == 4   ? QStringList{tr("o (channel)"), tr("y"), tr("x")}
                              : dims == 3 ? QStringList{tr("i"), tr("o")}
                                          : QStringList{tr("o (output)")};
    m_index[0]->setRange(0, int(std::max<int64_t>(1, m_report ? m_report->samples : 1) - 1));
    for (int d = 1; d < 4; ++d) {
        const bool used = d < dims;
        m_index[size_t(d)]->setVisible(used);
        m_indexLabels[size_t(d)]->setVisible(used);
        if (!used)
            continue;
        m_indexLabels[size_t(d)]->setText(names.value(d - 1));
        m_index[size_t(d)]->setRange(0, int(std::max<int64_t>(1, shape[size_t(d)]) - 1));
    }
}

bool InspectorWidget::setElement(const QString& layer, const std::vector<int64_t>& index)
{
    const int row = m_layer->findText(layer);
    if (row < 0)
        return false;
    {
        QSignalBlocker block(m_layer);
        m_layer->setCurrentIndex(row);
    }
    updateIndexRanges();
    for (size_t d = 0; d < index.size() && d < m_index.size(); ++d) {
        QSignalBlocker block(m_index[d]);
        m_index[d]->setValue(int(index[d]));
    }
    scheduleRequest();
    return true;
}

void InspectorWidget::scheduleRequest()
{
    if (m_layer->count() > 0)
        m_requestTimer->start();
}

void InspectorWidget::emitRequest()
{
    if (currentLayer().isEmpty())
        return;
    const std::vector<int64_t> index = currentIndex();
    emit explainRequested(currentLayer(), index, int(index.front()));
}

void InspectorWidget::clearValues()
{
    for (QLabel* label : m_values)
        label->setText(QStringLiteral("—"));
    m_terms->setRowCount(0);
    m_alternatives->setRowCount(0);
    m_termsBox->setTitle(tr("Dot product terms"));
}

void InspectorWidget::setError(const QString& message)
{
    m_hasResult = false;
    clearValues();
    m_headline->setText(QStringLiteral("<span style='color:#b91c1c'>%1</span>")
                            .arg(message.toHtmlEscaped()));
}

void InspectorWidget::setResult(const ExplainResult& r)
{
    m_result = r;
    m_hasResult = true;
    m_stack->setCurrentIndex(1);
    const auto set = [this](const char* name, const QString& text) {
        if (auto* label = findChild<QLabel*>(QLatin1String(name)))
            label->setText(text);
    };
    QStringList index;
    for (int64_t i : r.index)
        index << QString::number(i);
    const double lsb = r.outputScale != 0.0f ? double(r.outputScale) : 1.0;
    const double error = r.dequantized - r.fp32;
    const double aloneError = r.aloneDequantized - r.fp32;
    m_headline->setText(tr("<b>%1</b> (%2) · element (%3) of sample %4 · code <b>%5</b> → "
                           "%6 against FP32 %7: <b>%8 LSB</b> through the quantized chain, "
                           "<b>%9 LSB</b> for the layer alone (FP32-fed)")
                            .arg(QString::fromStdString(r.layer).toHtmlEscaped(),
                                 QString::fromStdString(r.opType), index.join(QStringLiteral(", ")))
                            .arg(r.sample)
                            .arg(r.outputCode)
                            .arg(real(r.dequantized), real(r.fp32), real(error / lsb),
                                 real(aloneError / lsb)));

    set("inputScale", real(r.inputScale));
    set("inputZeroPoint", integer(r.inputZeroPoint));
    set("weightScale", real(r.weightScale));
    set("weightZeroPoint", integer(r.weightZeroPoint));
    set("sumProducts", tr("%1   (K = %2 terms)").arg(integer(r.sumProducts)).arg(r.terms.size()));
    set("bias", tr("%1 → %2").arg(real(r.biasReal), integer(r.biasCode)));
    set("accumulator", tr("%1 + %2 = %3%4")
                           .arg(integer(r.sumProducts), signedTerm(r.biasCode),
                                integer(r.accumulator),
                                r.accumulatorOverflowsInt32 ? tr("   ⚠ outside int32") : QString()));
    const bool fixed = r.requantization == "fixed_point";
    set("requantization", fixed ? tr("fixed_point: acc · M0 · 2^(shift − 31), integers only")
                                : tr("%1: acc · M in floating point (M0, shift unused)")
                                      .arg(QString::fromStdString(r.requantization)));
    set("multiplier", real(r.multiplier));
    const double fromFixed = std::ldexp(double(r.multiplierFixed), r.shift - 31);
    set("fixedMultiplier", tr("M0 = %1, shift = %2  →  M0·2^(%3) = %4")
                               .arg(integer(r.multiplierFixed), integer(r.shift),
                                    integer(r.shift - 31), real(fromFixed)));
    set("scaledAccumulator", tr("%1 · %2 = %3")
                                 .arg(integer(r.accumulator), real(r.multiplier),
                                      QString::number(r.scaledAccumulator, 'f', 4)
                                          .replace(QLatin1Char('-'), QChar(0x2212))));
    set("rounding", QString::fromStdString(r.rounding));
    set("rounded", integer(r.rounded));
    set("withZeroPoint", tr("%1 + %2 = %3")
                             .arg(integer(r.rounded), signedTerm(r.outputZeroPoint),
                                  integer(r.withZeroPoint)));
    const bool clamped = r.withZeroPoint != r.outputCode;
    set("clamp", tr("[%1, %2] → %3%4")
                     .arg(integer(r.activationMin), integer(r.activationMax),
                          integer(r.outputCode), clamped ? tr("   (clamped)") : QString()));
    set("outputCode", integer(r.outputCode));
    set("outputParams", tr("S_y = %1, Z_y = %2").arg(real(r.outputScale), integer(r.outputZeroPoint)));
    set("dequantized", tr("%1 · (%2 − %3) = %4")
                           .arg(real(r.outputScale), integer(r.outputCode),
                                signedTerm(r.outputZeroPoint), real(r.dequantized)));
    set("fp32", real(r.fp32));
    set("errorLsb", tr("%1 − %2 = %3   (%4 LSB)")
                        .arg(real(r.dequantized), real(r.fp32), real(error),
                             QString::number(error / lsb, 'f', 3)
                                 .replace(QLatin1Char('-'), QChar(0x2212))));
    set("aloneError", tr("acc %1 → code %2 → %3:  error %4   (%5 LSB)")
                          .arg(integer(r.aloneAccumulator), integer(r.aloneCode),
                               real(r.aloneDequantized), real(aloneError),
                               QString::number(aloneError / lsb, 'f', 3)
                                   .replace(QLatin1Char('-'), QChar(0x2212))));
    fillTerms();
    fillAlternatives();
}

void InspectorWidget::fillTerms()
{
    if (!m_hasResult) {
        m_terms->setRowCount(0);
        return;
    }
    const auto& terms = m_result.terms;
    const int k = int(terms.size());
    const int shown = m_showAll->isChecked() ? k : std::min(k, kFirstTerms);
    m_termsBox->setTitle(shown < k ? tr("Dot product: the first %1 of K = %2 terms").arg(shown).arg(k)
                                   : tr("Dot product: all K = %1 terms").arg(k));
    m_showAll->setText(tr("Show all K = %1 terms").arg(k));
    m_showAll->setEnabled(k > kFirstTerms);
    m_terms->setUpdatesEnabled(false);
    m_terms->setRowCount(shown);
    for (int i = 0; i < shown; ++i) {
        const ExplainTerm& t = terms[size_t(i)];
        m_terms->setItem(i, 0, cell(t.channel < 0 ? QString::number(t.k)
                                                  : QStringLiteral("%1 (%2, %3, %4)")
                                                        .arg(t.k)
                                                        .arg(t.channel)
                                                        .arg(t.ky)
                                                        .arg(t.kx)));
        m_terms->setItem(i, 1, cell(integer(t.x)));
        m_terms->setItem(i, 2, cell(integer(int64_t(t.x) - m_result.inputZeroPoint)));
        m_terms->setItem(i, 3, cell(integer(t.w)));
        m_terms->setItem(i, 4, cell(integer(int64_t(t.w) - m_result.weightZeroPoint)));
        m_terms->setItem(i, 5, cell(integer(t.product)));
    }
    m_terms->setUpdatesEnabled(true);
}

void InspectorWidget::fillAlternatives()
{
    const auto& alts = m_result.alternatives;
    m_alternatives->setRowCount(int(alts.size()));
    const double lsb = m_result.outputScale != 0.0f ? double(m_result.outputScale) : 1.0;
    for (int i = 0; i < int(alts.size()); ++i) {
        const RoundingAlternative& a = alts[size_t(i)];
        const bool current = a.rounding == m_result.rounding;
        const QString name = QString::fromStdString(a.rounding);
        QTableWidgetItem* items[] = {
            cell(current ? tr("%1 (current)").arg(name) : name, false), cell(integer(a.code)),
            cell(real(a.dequantized)),
            cell(QString::number((a.dequantized - m_result.fp32) / lsb, 'f', 3)
                     .replace(QLatin1Char('-'), QChar(0x2212)))};
        for (int c = 0; c < 4; ++c) {
            QTableWidgetItem* item = items[c];
            item->setData(Qt::UserRole, current);
            if (current) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
                item->setBackground(QColor(0xfd, 0xe6, 0x8a));
                item->setForeground(QColor(0x1f, 0x29, 0x37));
            }
            m_alternatives->setItem(i, c, item);
        }
    }
}

} // namespace ql
