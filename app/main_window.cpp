#include "app/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

#include "app/charts_page.h"
#include "app/exits_page.h"
#include "app/help_dialog.h"
#include "app/inspector_page.h"
#include "app/mixed_precision_page.h"
#include "app/model_page.h"
#include "app/quant_page.h"
#include "app/recent_files.h"
#include "app/resource_locator.h"
#include "core/op_registry.h"
#include "widgets/job_status_widget.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"
#include "core/text_format.h"

namespace ql {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_session(new Session(this)),
      m_quant(new QuantSession(m_session, this)), m_pages(new QTabWidget(this)),
      m_modelPage(new ModelPage(m_session)), m_quantPage(new QuantPage(m_quant)),
      m_statusSummary(new QLabel(this))
{
    setWindowTitle(QStringLiteral("QuantLens"));
    setAcceptDrops(true);

    m_pages->setDocumentMode(true);
    m_pages->setTabBarAutoHide(true); // one page: no tab bar
    setCentralWidget(m_pages);
    addPage(m_modelPage);
    addPage(m_quantPage);
    m_pages->tabBar()->moveTab(m_pages->indexOf(m_quantPage), 0); // the main working page
    m_pages->setCurrentWidget(m_quantPage);
    // Charts, exits and the inspector; a click on an error-histogram bar opens the inspector.
    auto* chartsPage = new ChartsPage(m_quant);
    auto* inspectorPage = new InspectorPage(m_quant);
    addPage(chartsPage);
    addPage(new ExitsPage(m_quant));
    addPage(inspectorPage);
    addPage(new MixedPrecisionPage(m_quant));
    connect(chartsPage, &ChartsPage::inspectRequested, this,
            [this, inspectorPage](const QString& layer, const std::vector<int64_t>& index) {
                inspectorPage->inspect(layer, index);
                m_pages->setCurrentWidget(inspectorPage);
            });

    // The summary may be long (model, folders, accuracy): it never sets the window's width.
    m_statusSummary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_statusSummary->setMinimumWidth(1);
    statusBar()->addWidget(m_statusSummary, 1);
    auto* jobStatus = new JobStatusWidget(this);
    for (JobSlot* slot : {m_session->modelJob(), m_session->datasetJob(),
                          m_session->evaluationJob(), m_quant->calibrationJob(),
                          m_quant->evaluationJob()})
        jobStatus->addSlot(slot);
    connect(jobStatus, &JobStatusWidget::cancelRequested, this, [this] {
        m_session->cancel();
        m_quant->cancel();
    });
    statusBar()->addPermanentWidget(jobStatus);

    createMenus();
    createLessons();

    connect(m_session, &Session::failed, this, &MainWindow::reportError);
    connect(m_session, &Session::modelChanged, this, [this] {
        m_recent->add(m_session->modelPath(), RecentFiles::Kind::Model);
        updateTitleAndStatus();
    });
    connect(m_session, &Session::datasetChanged, this, [this] {
        if (m_session->dataset())
            m_recent->add(m_session->dataDir(), RecentFiles::Kind::EvaluationFolder);
        updateTitleAndStatus();
    });
    connect(m_session, &Session::evaluationChanged, this, &MainWindow::updateTitleAndStatus);
    connect(m_session, &Session::cancelled, this,
            [this] { statusBar()->showMessage(tr("Cancelled"), 4000); });
    connectQuantSession();

    readSettings();
    updateTitleAndStatus();
}

MainWindow::~MainWindow()
{
    // Pages first: they hold pointers to the sessions, which are children created earlier.
    delete m_pages;
}

void MainWindow::addPage(Page* page)
{
    m_pages->addTab(page, page->title());
    QSettings settings;
    settings.beginGroup(QStringLiteral("pages/") + page->objectName());
    page->restoreSettings(settings);
}

bool MainWindow::showPage(const QString& name)
{
    for (int i = 0; i < m_pages->count(); ++i) {
        const auto* page = static_cast<const Page*>(m_pages->widget(i));
        if (page->title().compare(name, Qt::CaseInsensitive) == 0 ||
            page->objectName().compare(name, Qt::CaseInsensitive) == 0) {
            m_pages->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* openModel = file->addAction(tr("&Open Model…"), this, &MainWindow::browseModel);
    openModel->setShortcut(QKeySequence::Open);
    openModel->setStatusTip(tr("Open an ONNX model"));
    QAction* openCalib = file->addAction(tr("Open &Calibration Folder…"), this,
                                         &MainWindow::browseCalibrationFolder);
    openCalib->setShortcut(QKeySequence(tr("Ctrl+Alt+O")));
    openCalib->setStatusTip(tr("Images whose activation ranges set the quantization parameters"));
    QAction* openData =
        file->addAction(tr("Open E&valuation Folder…"), this, &MainWindow::browseDataFolder);
    openData->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
    openData->setStatusTip(tr("Open a folder of images (class sub-folders give labels)"));
    QAction* openConfig =
        file->addAction(tr("Open Con&fig…"), this, &MainWindow::browseConfig);
    openConfig->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
    openConfig->setStatusTip(tr("Load a quantization config (JSON) for the open model"));
    QMenu* recentMenu = file->addMenu(tr("Open &Recent"));
    m_recent = new RecentFiles(recentMenu, this);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openRecent);
    // Ctrl+PgUp / Ctrl+PgDown: previous / next page (as in browsers and IDEs).
    const std::pair<QKeySequence, int> pageKeys[] = {{QKeySequence(Qt::CTRL | Qt::Key_PageUp), -1},
                                                     {QKeySequence(Qt::CTRL | Qt::Key_PageDown), 1}};
    for (const auto& [keys, step] : pageKeys) {
        auto* action = new QAction(step < 0 ? tr("Previous Page") : tr("Next Page"), this);
        action->setShortcut(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, [this, step = step] {
            const int n = m_pages->count();
            if (n > 1)
                m_pages->setCurrentIndex((m_pages->currentIndex() + step + n) % n);
        });
        addAction(action);
    }
    file->addAction(tr("Open D&emo"), this, &MainWindow::openDemo)
        ->setStatusTip(tr("The bundled multi-exit CNN with its calibration and evaluation images"));
    file->addSeparator();
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    createQuantActions(file, edit);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(tr("Ctrl+Q")));
    quit->setMenuRole(QAction::QuitRole);

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    m_evaluateAction = analysis->addAction(tr("&Evaluate FP32"), this, &MainWindow::evaluateFp32);
    m_evaluateAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    m_evaluateAction->setStatusTip(tr("Top-1 accuracy per exit of the FP32 model on the data"));
    QAction* reevaluate = analysis->addAction(tr("Evaluate &Quantized"), m_quant,
                                              &QuantSession::reevaluate);
    reevaluate->setShortcut(QKeySequence(Qt::Key_F5));
    reevaluate->setStatusTip(tr("Build and evaluate the quantized model now"));
    QAction* cancel = analysis->addAction(tr("&Cancel Background Work"), this, [this] {
        m_session->cancel();
        m_quant->cancel();
    });
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* helpAction = help->addAction(tr("QuantLens &Help"), this, [this] {
        if (!m_help)
            m_help = new HelpDialog(this);
        m_help->show();
        m_help->raise();
        m_help->activateWindow();
    });
    helpAction->setShortcut(QKeySequence::HelpContents);
    helpAction->setStatusTip(tr("How to read the pages, the glossary and the shortcuts"));
    help->addAction(tr("&About QuantLens"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openModel(const QString& path)
{
    if (!maybeSaveConfig())
        return;
    statusBar()->clearMessage();
    m_session->openModel(path);
}

void MainWindow::openDataFolder(const QString& dir)
{
    statusBar()->clearMessage();
    m_session->openDataFolder(dir);
}

void MainWindow::openDemo()
{
    openModel(demoModelPath());
    openCalibrationFolder(demoCalibDir());
    openDataFolder(demoDataDir());
}

void MainWindow::evaluateFp32()
{
    if (!m_session->model() || !m_session->dataset()) {
        statusBar()->showMessage(tr("Open a model and a data folder first"), 4000);
        return;
    }
    m_session->evaluate();
}

void MainWindow::browseModel()
{
    QSettings settings;
    const QString dir = settings.value(QStringLiteral("paths/lastModelDir")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), dir,
                                                      tr("ONNX models (*.onnx);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/lastModelDir"), QFileInfo(path).absolutePath());
    openModel(path);
}

void MainWindow::browseDataFolder()
{
    QSettings settings;
    const QString start = settings.value(QStringLiteral("paths/lastDataDir")).toString();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Data Folder"), start);
    if (dir.isEmpty())
        return;
    settings.setValue(QStringLiteral("paths/lastDataDir"), QFileInfo(dir).absolutePath());
    openDataFolder(dir);
}

void MainWindow::openRecent(RecentFiles::Kind kind, const QString& path)
{
    switch (kind) {
    case RecentFiles::Kind::Model: openModel(path); break;
    case RecentFiles::Kind::Config: openConfig(path); break;
    case RecentFiles::Kind::CalibrationFolder: openCalibrationFolder(path); break;
    case RecentFiles::Kind::EvaluationFolder: openDataFolder(path); break;
    }
}

void MainWindow::reportError(const QString& title, const QString& message)
{
    statusBar()->showMessage(title, 6000);
    emit errorReported(title, message);
    if (m_errorMode == ErrorMode::Dialog)
        QMessageBox::critical(this, title, message);
}

void MainWindow::showAbout()
{
    const QString ops = QString::fromStdString(supportedOpsList()).toHtmlEscaped();
    QMessageBox box(this);
    box.setWindowTitle(tr("About QuantLens"));
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>QuantLens %1</h3>"
                   "<p>See what quantization costs: run an ONNX model in FP32 and with real "
                   "integer arithmetic, layer by layer.</p>"
                   "<p>Built with Qt %2 (running on Qt %3).</p>")
                    .arg(QCoreApplication::applicationVersion(), QStringLiteral(QT_VERSION_STR),
                         QString::fromLatin1(qVersion())));
    box.setInformativeText(tr("<p><b>Supported ONNX operators</b><br>%1</p>").arg(ops));
    box.exec();
}

void MainWindow::updateTitleAndStatus()
{
    const auto model = m_session->model();
    if (!model) {
        setWindowTitle(QStringLiteral("QuantLens"));
        m_statusSummary->setText(tr("Open an ONNX model (Ctrl+O) or drop one here"));
        m_evaluateAction->setEnabled(false);
        return;
    }
    const QString name = QFileInfo(m_session->modelPath()).fileName();
    const QString config = QFileInfo(m_quant->configPath()).fileName();
    setWindowTitle(config.isEmpty() ? tr("%1[*] — QuantLens").arg(name)
                                    : tr("%1 · %2[*] — QuantLens").arg(name, config));
    setWindowModified(m_quant->isDirty());
    QStringList parts{name,
                      formatQuantity(int64_t(model->graph.nodes.size()), "node", "nodes"),
                      tr("%1 params").arg(formatHuman(double(model->totalParams()))),
                      tr("%1 MACs").arg(formatHuman(double(model->totalMacs()))),
                      formatQuantity(int64_t(model->exits.size()), "exit", "exits")};
    if (const auto data = m_session->dataset())
        parts << tr("%1: %2").arg(QDir(m_session->dataDir()).dirName(),
                                  formatQuantity(data->size(), "image", "images"));
    m_statusSummary->setText(parts.join(QStringLiteral("  ·  ")));
    m_statusSummary->setToolTip(parts.join(QLatin1Char('\n')));
    m_evaluateAction->setEnabled(m_session->dataset() != nullptr);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QFileInfo info(url.toLocalFile());
        const QString suffix = info.suffix().toLower();
        if (info.isDir() || suffix == QLatin1String("onnx") || suffix == QLatin1String("json")) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        openDroppedUrl(url);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSaveConfig()) {
        event->ignore();
        return;
    }
    m_quant->cancel();
    m_session->cancel();
    writeSettings();
    event->accept();
}

void MainWindow::readSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // 1400×850, or 90 % of a smaller screen (laptops, projectors).
        const QSize room = screen() ? screen()->availableGeometry().size() * 0.9 : QSize(1400, 850);
        resize(QSize(1400, 850).boundedTo(room));
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("session/model"), m_session->modelPath());
    settings.setValue(QStringLiteral("session/data"), m_session->dataDir());
    settings.setValue(QStringLiteral("session/calibration"), m_quant->calibrationDir());
    for (int i = 0; i < m_pages->count(); ++i) {
        const auto* page = static_cast<const Page*>(m_pages->widget(i));
        settings.beginGroup(QStringLiteral("pages/") + page->objectName());
        page->saveSettings(settings);
        settings.endGroup();
    }
}

} // namespace ql
