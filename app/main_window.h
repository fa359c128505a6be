#pragma once
// QuantLens main window. It only assembles: menus, the page tabs, the status bar, drag and
// drop, and persisted window state. All state lives in the Session and the QuantSession; all
// views are Pages.

#include <QMainWindow>

#include "app/recent_files.h"

class QDialog;
class QLabel;
class QMenu;
class QTabWidget;
class QUrl;

namespace ql {

class ModelPage;
class Page;
struct QuantConfig;
class QuantPage;
class QuantSession;
class Session;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Dialog: errors pop up a QMessageBox. Signal: only errorReported is emitted, and unsaved
    // config changes are discarded without asking (tests).
    enum class ErrorMode { Dialog, Signal };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void setErrorMode(ErrorMode mode) { m_errorMode = mode; }
    void addPage(Page* page);
    // Makes the page whose title or objectName is `name` (case-insensitive) current.
    bool showPage(const QString& name);

    Session* session() const { return m_session; }
    QuantSession* quantSession() const { return m_quant; }
    QuantPage* quantPage() const { return m_quantPage; }
    ModelPage* modelPage() const { return m_modelPage; }
    RecentFiles* recentFiles() const { return m_recent; }

public slots:
    void openModel(const QString& path);
    void openDataFolder(const QString& dir); // the evaluation folder
    void openCalibrationFolder(const QString& dir);
    void openConfig(const QString& path);
    bool saveConfig(); // Save As when the config has no file yet
    bool saveConfigAs();
    // The bundled multi-exit CNN with its calibration and evaluation images.
    void openDemo();
    void evaluateFp32();

signals:
    void errorReported(const QString& title, const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void browseModel();
    void browseDataFolder();
    void browseCalibrationFolder();
    void browseConfig();
    void browseExportReport();
    // "Save changes?" for a modified config: false when the user cancels.
    bool maybeSaveConfig();
    void onModelMismatch(const QString& path, const QuantConfig& foreign);
    void createQuantActions(QMenu* file, QMenu* edit);
    void createLessons(); // main_window_lessons.cpp
    void connectQuantSession();
    QString browseDir(const QString& key, const QString& caption);
    bool openDroppedUrl(const QUrl& url);
    void openRecent(RecentFiles::Kind kind, const QString& path);
    void reportError(const QString& title, const QString& message);
    void showAbout();
    void updateTitleAndStatus();
    void readSettings();
    void writeSettings() const;

    Session* m_session;
    QuantSession* m_quant;
    QTabWidget* m_pages;
    ModelPage* m_modelPage;
    QuantPage* m_quantPage;
    RecentFiles* m_recent = nullptr;
    QDialog* m_help = nullptr;
    QLabel* m_statusSummary;
    QAction* m_evaluateAction = nullptr;
    ErrorMode m_errorMode = ErrorMode::Dialog;
};

} // namespace ql
