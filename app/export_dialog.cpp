#include "app/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/error.h"

namespace ql {

namespace {

QString formatLabel(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Qdq: return QObject::tr("ONNX QDQ model (runs in ONNX Runtime)");
    case ExportFormat::OrtOverrides: return QObject::tr("ONNX Runtime TensorQuantOverrides (JSON)");
    case ExportFormat::AimetEncodings: return QObject::tr("AIMET encodings (JSON)");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(std::shared_ptr<const QuantizedModel> qmodel, const QString& modelPath,
                           QWidget* parent)
    : QDialog(parent), m_qmodel(std::move(qmodel)), m_modelPath(modelPath)
{
    setWindowTitle(tr("Export Quantized Model"));
    m_format = new QComboBox(this);
    for (ExportFormat f : {ExportFormat::Qdq, ExportFormat::OrtOverrides, ExportFormat::AimetEncodings})
        m_format->addItem(formatLabel(f), int(f));
    m_path = new QLineEdit(this);
    m_path->setMinimumWidth(420);
    auto* browseButton = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path);
    pathRow->addWidget(browseButton);
    auto* form = new QFormLayout;
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Output file:"), pathRow);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // one step: busy indicator while it runs
    m_progress->setVisible(false);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addWidget(m_buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ExportDialog::finished);
    formatChanged();
}

ExportFormat ExportDialog::format() const
{
    return ExportFormat(m_format->currentData().toInt());
}

void ExportDialog::setFormat(ExportFormat f)
{
    m_format->setCurrentIndex(m_format->findData(int(f)));
}

void ExportDialog::setOutputPath(const QString& path)
{
    m_path->setText(path);
}

QString ExportDialog::outputPath() const
{
    return m_path->text();
}

QString ExportDialog::resultText() const
{
    return m_result->text();
}

bool ExportDialog::isRunning() const
{
    return m_watcher.isRunning();
}

void ExportDialog::formatChanged()
{
    const QFileInfo model(m_modelPath);
    m_path->setText(model.absoluteDir().filePath(
        model.completeBaseName() + QString::fromLatin1(exportFormatSuffix(format()))));
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Quantized Model"), m_path->text());
    if (!path.isEmpty())
        m_path->setText(path);
}

void ExportDialog::startExport()
{
    if (m_watcher.isRunning())
        return;
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), tr("Choose an output file."));
        return;
    }
    m_export->setEnabled(false);
    m_progress->setVisible(true);
    m_result->clear();
    const std::shared_ptr<const QuantizedModel> qmodel = m_qmodel;
    const ExportFormat f = format();
    const std::string out = QFile::encodeName(path).toStdString();
    // The worker gets plain values only; errors come back as text.
    m_watcher.setFuture(QtConcurrent::run([qmodel, f, out]() -> Outcome {
        Outcome o;
        try {
            o.result = exportQuantizedModel(*qmodel, f, out);
        } catch (const std::exception& e) {
            o.error = QString::fromStdString(e.what());
        }
        return o;
    }));
}

void ExportDialog::finished()
{
    m_progress->setVisible(false);
    m_export->setEnabled(true);
    const Outcome outcome = m_watcher.result();
    if (!outcome.error.isEmpty()) {
        // Window-modal, not a nested event loop: the dialog stays responsive (and testable).
        auto* box = new QMessageBox(QMessageBox::Critical, tr("Export failed"), outcome.error,
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("exportError"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        emit exportFinished(false);
        return;
    }
    const QString text = QString::fromStdString(exportSummary(outcome.result, true));
    m_result->setText(text);
    adjustSize(); // room for the notes
    emit exportFinished(true);
}

} // namespace ql
