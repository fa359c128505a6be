#include "app/help_dialog.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ql {

HelpDialog::HelpDialog(QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("QuantLens Help"));
    setObjectName(QStringLiteral("helpDialog"));
    m_browser->setOpenExternalLinks(false);
    m_browser->setHtml(html());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(640, 600);
}

QString HelpDialog::html()
{
    return tr(
        "<h2>QuantLens</h2>"
        "<p>Open a model (<i>.onnx</i>), a calibration folder and an evaluation folder (or drop "
        "them on the window: an <i>.onnx</i> opens as the model, a <i>.json</i> as a config, a "
        "folder as the evaluation images). Every edit of the config is re-evaluated with the "
        "real integer arithmetic.</p>"
        "<h3>Pages</h3><ul>"
        "<li><b>Quantize</b>: the per-layer config and its error; the summary (Summary button "
        "hides it).</li>"
        "<li><b>Model</b>: the ONNX graph, shapes, parameters, MACs, FP32 accuracy.</li>"
        "<li><b>Charts</b>: error histograms (density over shared bins), value histogram with "
        "the clipping range, drift by depth against a pinned baseline.</li>"
        "<li><b>Exits</b>: accuracy per exit and the early-exit trade-off.</li>"
        "<li><b>Inspector</b>: one output element computed step by step.</li>"
        "<li><b>Mixed Precision</b>: sensitivity per layer and bit width, automatic search "
        "(checked on every evaluation image), Pareto front.</li></ul>"
        "<h3 id='glossary'>Glossary</h3><dl>"
        "<dt><b>S</b> (scale)</dt><dd>Real value of one integer step: real = S·(q − Z).</dd>"
        "<dt><b>Z</b> (zero point)</dt><dd>The integer code that stands for real 0 (0 in "
        "symmetric schemes).</dd>"
        "<dt><b>M</b> (multiplier)</dt><dd>M = S<sub>x</sub>·S<sub>w</sub> / S<sub>y</sub>: "
        "turns the int32 accumulator into output codes.</dd>"
        "<dt><b>M0</b> and <b>shift</b></dt><dd>The fixed-point form of M for integer-only "
        "hardware: M = M0 · 2<sup>shift − 31</sup>, M0 a 32-bit integer in [2<sup>30</sup>, "
        "2<sup>31</sup>).</dd>"
        "<dt><b>LSB</b></dt><dd>One step of the output code, i.e. S<sub>y</sub> in real units: "
        "an error of 1 LSB is one code off.</dd>"
        "<dt><b>SQNR</b></dt><dd>Signal-to-quantization-noise ratio, 10·log<sub>10</sub>(Σr² / "
        "Σe²) dB with e = r′ − r: higher is better; every bit adds about 6 dB.</dd>"
        "<dt><b>Local</b> error</dt><dd>The layer alone: its FP32 input, quantized, through "
        "this layer only — what this layer's own rounding and clamping cost.</dd>"
        "<dt><b>Propagated</b> (chain) error</dt><dd>The layer inside the quantized chain: its "
        "input already carries the error of every quantized layer upstream.</dd>"
        "<dt><b>Per-channel</b></dt><dd>One S (and Z) per output channel of the weights "
        "instead of one per tensor: small-range channels keep their precision.</dd>"
        "<dt><b>Clipping</b></dt><dd>Values outside [S·(q<sub>min</sub> − Z), "
        "S·(q<sub>max</sub> − Z)] saturate to the end codes.</dd></dl>"
        "<h3>Keys</h3><ul>"
        "<li>F1: this help · Ctrl+PgUp / Ctrl+PgDown: previous / next page</li>"
        "<li>Ctrl+Z / Ctrl+Shift+Z: undo / redo · Ctrl+B: pin the baseline</li>"
        "<li>F5: evaluate now · Esc: cancel background work · F2: edit a table cell</li></ul>");
}

} // namespace ql
