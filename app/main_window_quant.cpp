// MainWindow: the quantization half of the shell — calibration folder, config files, report
// export, undo / redo, baseline, "Save changes?", drag and drop of configs.
#include <QAction>
#include <QDateTime>
#include <QFileDialog>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QUrl>

#include "app/export_dialog.h"
#include "app/main_window.h"
#include "app/preprocess_dialog.h"
#include "app/quant_page.h"
#include "app/recent_files.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

void MainWindow::createQuantActions(QMenu* file, QMenu* edit)
{
    QAction* save = file->addAction(tr("&Save Config"), this, &MainWindow::saveConfig);
    save->setShortcut(QKeySequence::Save);
    save->setStatusTip(tr("Save the quantization config (JSON)"));
    QAction* saveAs = file->addAction(tr("Save Config &As…"), this, &MainWindow::saveConfigAs);
    saveAs->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    QAction* exportReport =
        file->addAction(tr("E&xport Report…"), this, &MainWindow::browseExportReport);
    exportReport->setShortcut(QKeySequence(tr("Ctrl+E")));
    exportReport->setStatusTip(tr("Write the evaluation report as JSON or CSV"));
    // The model the Quantize page last evaluated, in a format other toolchains read.
    QAction* exportModel = file->addAction(tr("Export &Quantized Model…"), this, [this] {
        auto* dialog = new ExportDialog(m_quant->quantizedModel(), m_session->modelPath(), this);
        dialog->setObjectName(QStringLiteral("exportDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    exportModel->setObjectName(QStringLiteral("exportQuantizedModel"));
    exportModel->setStatusTip(tr("Write the quantized model as ONNX QDQ, ONNX Runtime overrides "
                                 "or AIMET encodings"));
    auto updateExport = [this, exportModel] {
        exportModel->setEnabled(m_quant->quantizedModel() != nullptr);
    };
    connect(m_quant, &QuantSession::reportAvailable, this, updateExport);
    updateExport();

    QUndoStack* stack = m_quant->undoStack();
    QAction* undo = stack->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = stack->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addMenu(m_quantPage->presetsMenu());
    QAction* preprocess = edit->addAction(tr("Input && &Preprocessing…"), this, [this] {
        auto* dialog = new PreprocessDialog(m_quant, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    preprocess->setObjectName(QStringLiteral("inputPreprocessing"));
    preprocess->setStatusTip(tr("Input size, resize, scale, mean/std, channel order, class map"));
    edit->addSeparator();
    QAction* pin = edit->addAction(tr("&Pin Baseline"), this, [this] {
        m_quant->pinBaseline(m_quantPage->configName());
    });
    pin->setShortcut(QKeySequence(tr("Ctrl+B")));
    pin->setStatusTip(tr("Keep the current report to compare later edits against"));
    QAction* clear = edit->addAction(tr("C&lear Baseline"), m_quant, &QuantSession::clearBaseline);
    clear->setShortcut(QKeySequence(tr("Ctrl+Shift+B")));

    auto update = [this, save, saveAs, exportReport, pin, clear, preprocess] {
        const bool model = m_session->model() != nullptr;
        preprocess->setEnabled(model);
        save->setEnabled(model);
        saveAs->setEnabled(model);
        exportReport->setEnabled(m_quant->report() != nullptr);
        pin->setEnabled(m_quant->report() != nullptr);
        clear->setEnabled(m_quant->baseline() != nullptr);
    };
    connect(m_quant, &QuantSession::configChanged, this, update);
    connect(m_quant, &QuantSession::reportAvailable, this, update);
    connect(m_quant, &QuantSession::baselineChanged, this, update);
    update();
}

void MainWindow::connectQuantSession()
{
    connect(m_quant, &QuantSession::failed, this, &MainWindow::reportError);
    connect(m_quant, &QuantSession::modelMismatch, this, &MainWindow::onModelMismatch);
    connect(m_quant, &QuantSession::dirtyChanged, this, &MainWindow::updateTitleAndStatus);
    connect(m_quant, &QuantSession::configPathChanged, this, [this] {
        if (!m_quant->configPath().isEmpty())
            m_recent->add(m_quant->configPath(), RecentFiles::Kind::Config);
        updateTitleAndStatus();
    });
    connect(m_quant, &QuantSession::calibrationChanged, this, [this] {
        if (m_quant->calibration() && !m_quant->calibrationDir().isEmpty())
            m_recent->add(m_quant->calibrationDir(), RecentFiles::Kind::CalibrationFolder);
    });
}

void MainWindow::openCalibrationFolder(const QString& dir)
{
    statusBar()->clearMessage();
    m_quant->openCalibrationFolder(dir);
}

void MainWindow::openConfig(const QString& path)
{
    statusBar()->clearMessage();
    if (!maybeSaveConfig())
        return;
    m_quant->openConfig(path);
}

bool MainWindow::saveConfig()
{
    if (m_quant->configPath().isEmpty())
        return saveConfigAs();
    if (!m_quant->saveConfig(m_quant->configPath()))
        return false;
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(m_quant->configPath()).fileName()), 4000);
    return true;
}

bool MainWindow::saveConfigAs()
{
    if (!m_session->model())
        return false;
    QSettings settings;
    QString start = m_quant->configPath();
    if (start.isEmpty()) {
        // Never the filesystem root: the last config folder, else the model's folder when it
        // is writable, else the user's documents.
        QString dir = settings.value(QStringLiteral("paths/lastConfigDir")).toString();
        if (dir.isEmpty()) {
            const QFileInfo modelDir(QFileInfo(m_session->modelPath()).absolutePath());
            dir = modelDir.isDir() && modelDir.isWritable()
                      ? modelDir.absoluteFilePath()
                      : QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        }
        start = QDir(dir).filePath(QFileInfo(m_session->modelPath()).completeBaseName() +
                                   QStringLiteral(".quant.json"));
    }
    QString path = QFileDialog::getSaveFileName(this, tr("Save Config"), start,
                                                tr("Quantization configs (*.json)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    settings.setValue(QStringLiteral("paths/lastConfigDir"), QFileInfo(path).absolutePath());
    if (!m_quant->saveConfig(path))
        return false;
    statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
    return true;
}

QString MainWindow::browseDir(const QString& key, const QString& caption)
{
    QSettings settings;
    const QString dir =
        QFileDialog::getExistingDirectory(this, caption, settings.value(key).toString());
    if (!dir.isEmpty())
        settings.setValue(key, QFileInfo(dir).absolutePath());
    return dir;
}

void MainWindow::browseCalibrationFolder()
{
    const QString dir =
        browseDir(QStringLiteral("paths/lastCalibDir"), tr("Open Calibration Folder"));
    if (!dir.isEmpty())
        openCalibrationFolder(dir);
}

void MainWindow::browseConfig()
{
    if (!m_session->model()) {
        statusBar()->showMessage(tr("Open a model first"), 4000);
        return;
    }
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Config"), settings.value(QStringLiteral("paths/lastConfigDir")).toString(),
        tr("Quantization configs (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/lastConfigDir"), QFileInfo(path).absolutePath());
    openConfig(path);
}

void MainWindow::browseExportReport()
{
    if (!m_quant->report())
        return;
    QSettings settings;
    const QString json = tr("JSON report (*.json)");
    const QString csv = tr("CSV tables, layers and exits (*.csv)");
    QString filter = json;
    const QString start = settings.value(QStringLiteral("paths/lastReportDir")).toString() +
                          QLatin1Char('/') + QFileInfo(m_session->modelPath()).completeBaseName() +
                          QStringLiteral("_report.json");
    QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), start,
                                                json + QStringLiteral(";;") + csv, &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == csv ? QStringLiteral(".csv") : QStringLiteral(".json");
    settings.setValue(QStringLiteral("paths/lastReportDir"), QFileInfo(path).absolutePath());
    if (m_quant->exportReport(path))
        statusBar()->showMessage(tr("Exported %1").arg(QFileInfo(path).fileName()), 4000);
}

bool MainWindow::maybeSaveConfig()
{
    if (!m_quant->isDirty() || m_errorMode == ErrorMode::Signal)
        return true;
    const QString name = m_quant->configPath().isEmpty()
                             ? tr("The quantization config")
                             : tr("The config %1").arg(QFileInfo(m_quant->configPath()).fileName());
    const auto answer = QMessageBox::warning(
        this, tr("Save Changes?"), tr("%1 has unsaved changes. Save them?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    return answer == QMessageBox::Discard || saveConfig();
}

void MainWindow::onModelMismatch(const QString& path, const QuantConfig& foreign)
{
    if (m_errorMode == ErrorMode::Signal)
        return; // tests answer through QuantSession::applyMatchingLayers
    const QString model = QString::fromStdString(foreign.model.fileName);
    const QString open = QFileInfo(m_session->modelPath()).fileName();
    const QString sha = QString::fromStdString(foreign.model.sha256).left(12);
    const QString openSha = QString::fromStdString(m_session->model()->sha256).left(12);
    const QString what =
        model == open
            ? tr("%1 was made for a file also named %2, but not this one: the contents differ "
                 "(SHA-256 %3… in the config, %4… for the open model).")
                  .arg(QFileInfo(path).fileName(), open, sha, openSha)
            : tr("%1 was made for %2, not for the open model %3 (SHA-256 %4… vs %5…).")
                  .arg(QFileInfo(path).fileName(), model.isEmpty() ? tr("another model") : model,
                       open, sha, openSha);
    const auto answer = QMessageBox::question(
        this, tr("Config for Another Model"),
        what + QStringLiteral("\n\n") +
            tr("Apply its defaults and the settings of the layers whose names match?"),
        QMessageBox::Apply | QMessageBox::Cancel, QMessageBox::Apply);
    if (answer == QMessageBox::Apply)
        m_quant->applyMatchingLayers(foreign);
}

bool MainWindow::openDroppedUrl(const QUrl& url)
{
    const QFileInfo info(url.toLocalFile());
    const QString suffix = info.suffix().toLower();
    if (info.isDir())
        openDataFolder(info.absoluteFilePath());
    else if (suffix == QLatin1String("onnx"))
        openModel(info.absoluteFilePath());
    else if (suffix == QLatin1String("json"))
        openConfig(info.absoluteFilePath());
    else
        return false;
    return true;
}

} // namespace ql
