#pragma once
// File ▸ Export Quantized Model…: format choice and output file; the export of the current
// quantized model (the one the Quantize page last evaluated) runs off the GUI thread; a
// failure opens an error dialog, success shows the path and what the target computes
// differently (core/export/exporter.h).

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

#include "core/export/exporter.h"

class QComboBox;
class QPushButton;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace ql {

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    // `modelPath` proposes the output name (<model>.qdq.onnx next to the model).
    ExportDialog(std::shared_ptr<const QuantizedModel> qmodel, const QString& modelPath,
                 QWidget* parent = nullptr);

    void setFormat(ExportFormat format);
    void setOutputPath(const QString& path);
    QString outputPath() const;
    QString resultText() const; // the result line after a successful export
    bool isRunning() const;

public slots:
    void startExport();

signals:
    void exportFinished(bool ok);

private:
    ExportFormat format() const;
    void browse();
    void formatChanged();
    void finished();

    std::shared_ptr<const QuantizedModel> m_qmodel;
    QString m_modelPath;
    QComboBox* m_format;
    QLineEdit* m_path;
    QProgressBar* m_progress;
    QLabel* m_result;
    QDialogButtonBox* m_buttons;
    QPushButton* m_export;
    struct Outcome // crosses from the worker by value
    {
        ExportResult result;
        QString error; // non-empty: the export failed
    };
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace ql
