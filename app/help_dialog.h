#pragma once
// Help ▸ QuantLens Help (F1): what each page shows, a glossary of the quantization terms the
// pages use (S, Z, M, M0, shift, LSB, SQNR, local vs propagated error, per-channel) and the
// keyboard shortcuts. Non-modal, so it can stay open next to the window.

#include <QDialog>

class QTextBrowser;

namespace ql {

class HelpDialog : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget* parent = nullptr);

    // The help text (HTML); also what the tests read.
    static QString html();
    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

} // namespace ql
