// quantlens: the desktop GUI. quantlens [MODEL.onnx] [--data DIR]
#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>

#include "app/main_window.h"
#include "app/mixed_precision_page.h"
#include "app/translations.h"
#include "core/atomic_write.h"
#include "core/error.h"
#include "core/parallel.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace {

// The image encoded in memory (format from the suffix, PNG without one), then the one atomic
// writer (core/atomic_write.h).
bool saveScreenshot(QWidget& window, const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix();
    const QByteArray format = suffix.isEmpty() ? QByteArray("PNG") : suffix.toLatin1();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!window.grab().save(&buffer, format.constData())) {
        *error = QStringLiteral("%1: cannot encode the screenshot as %2")
                     .arg(path, QString::fromLatin1(format));
        return false;
    }
    try {
        ql::writeFileAtomic(QFile::encodeName(path).toStdString(),
                            std::string_view(bytes.constData(), size_t(bytes.size())));
    } catch (const ql::Error& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

// With no files on the command line, reopen what was open last time; on first launch (or
// when those files are gone) open the bundled demo.
void openInitialFiles(ql::MainWindow& window, const QString& model, const QString& data,
                      bool restore)
{
    if (!model.isEmpty() || !data.isEmpty()) {
        if (!model.isEmpty())
            window.openModel(model);
        if (!data.isEmpty())
            window.openDataFolder(data);
        return;
    }
    const QSettings settings;
    const QString lastModel = settings.value(QStringLiteral("session/model")).toString();
    const QString lastData = settings.value(QStringLiteral("session/data")).toString();
    const QString lastCalib = settings.value(QStringLiteral("session/calibration")).toString();
    if (restore && !lastModel.isEmpty() && QFileInfo(lastModel).isFile()) {
        window.openModel(lastModel);
        if (!lastCalib.isEmpty() && QFileInfo(lastCalib).isDir())
            window.openCalibrationFolder(lastCalib);
        if (!lastData.isEmpty() && QFileInfo(lastData).isDir())
            window.openDataFolder(lastData);
        return;
    }
    window.openDemo();
}

// --screenshot PATH [--screenshot-page NAME] (developer flags): once the FP32 evaluation and
// the first quantized report are shown, grab the window (on page NAME) and quit.
// --screenshot-baseline PRESET: pin the first quantized report (the default w8a8, half_even) as
// the baseline, apply PRESET, and grab once its report is shown (charts with an overlay).
// --screenshot-mixed-precision: show the Mixed Precision page, run its sensitivity analysis
// and then its search (defaults), and grab once the Pareto plot is filled.
void scheduleScreenshot(ql::MainWindow& window, const QString& path, const QString& page,
                        const QString& comparePreset, bool mixedPrecision, const QSize& size)
{
    window.setErrorMode(ql::MainWindow::ErrorMode::Signal);
    window.resize(size);
    QObject::connect(&window, &ql::MainWindow::errorReported, qApp,
                     [](const QString& title, const QString& message) {
                         std::fprintf(stderr, "quantlens: %s: %s\n", qPrintable(title),
                                      qPrintable(message));
                         QCoreApplication::exit(1);
                     });
    auto shoot = [&window, path, page, comparePreset, mixedPrecision] {
        static bool scheduled = false;
        static bool pinned = false;
        if (scheduled || !window.session()->evaluation() || !window.quantSession()->report() ||
            window.quantSession()->evaluationState() !=
                ql::QuantSession::EvaluationState::UpToDate)
            return;
        if (!comparePreset.isEmpty() && !pinned) {
            pinned = true;
            ql::QuantSession* quant = window.quantSession();
            quant->pinBaseline(QStringLiteral("w8a8 half_even"));
            ql::QuantConfig next = ql::presetConfig(comparePreset.toStdString());
            next.model = quant->config().model;
            next.preprocess = quant->config().preprocess;
            quant->setConfig(next, QStringLiteral("Preset %1").arg(comparePreset));
            return;
        }
        scheduled = true;
        if (!page.isEmpty() && !window.showPage(page)) {
            std::fprintf(stderr, "quantlens: no page named %s\n", qPrintable(page));
            QCoreApplication::exit(1);
            return;
        }
        auto grab = [&window, path] {
            QTimer::singleShot(600, &window, [&window, path] {
                QString error;
                const bool ok = saveScreenshot(window, path, &error);
                if (!ok)
                    std::fprintf(stderr, "quantlens: %s\n", qPrintable(error));
                QCoreApplication::exit(ok ? 0 : 1);
            });
        };
        if (auto* mp = window.findChild<ql::MixedPrecisionPage*>(); mixedPrecision && mp) {
            window.showPage(mp->objectName());
            QObject::connect(mp, &ql::MixedPrecisionPage::sensitivityAvailable, mp,
                             [mp] { mp->runSearch(); });
            QObject::connect(mp, &ql::MixedPrecisionPage::searchAvailable, mp, [&window, mp, grab] {
                QObject::connect(window.quantSession(), &ql::QuantSession::reportAvailable, mp,
                                 grab, Qt::SingleShotConnection);
                mp->applyFound(); // the found config, evaluated, in every view
            });
            QObject::connect(mp, &ql::MixedPrecisionPage::failed, &window,
                             &ql::MainWindow::errorReported);
            mp->runSensitivity();
            return;
        }
        grab();
    };
    QObject::connect(window.session(), &ql::Session::evaluationChanged, &window, shoot);
    QObject::connect(window.quantSession(), &ql::QuantSession::reportAvailable, &window, shoot);
    QTimer::singleShot(300000, qApp, [] {
        std::fprintf(stderr, "quantlens: screenshot timed out\n");
        QCoreApplication::exit(1);
    });
}

} // namespace

int main(int argc, char** argv)
{
    ql::keepWorkBuffersMapped();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("QuantLens"));
    QApplication::setApplicationName(QStringLiteral("QuantLens"));
    QApplication::setApplicationVersion(QStringLiteral(QUANTLENS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantlens.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("QuantLens: see what quantization costs an ONNX model."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"), QStringLiteral("ONNX model to open"),
                                 QStringLiteral("[MODEL.onnx]"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("Folder of images to evaluate on."),
                                        QStringLiteral("DIR"));
    QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to PATH and quit."),
                                        QStringLiteral("PATH"));
    screenshotOption.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption screenshotPageOption(QStringLiteral("screenshot-page"),
                                            QStringLiteral("Page to show in the screenshot."),
                                            QStringLiteral("NAME"));
    screenshotPageOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotPageOption);
    QCommandLineOption screenshotBaselineOption(
        QStringLiteral("screenshot-baseline"),
        QStringLiteral("Pin the first report as baseline, then apply PRESET before the screenshot."),
        QStringLiteral("PRESET"));
    screenshotBaselineOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotBaselineOption);
    QCommandLineOption screenshotMixedOption(
        QStringLiteral("screenshot-mixed-precision"),
        QStringLiteral("Run the Mixed Precision page's analysis before the screenshot."));
    screenshotMixedOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotMixedOption);
    QCommandLineOption screenshotSizeOption(QStringLiteral("screenshot-size"),
                                            QStringLiteral("Window size of the screenshot (WxH)."),
                                            QStringLiteral("WxH"), QStringLiteral("1400x850"));
    screenshotSizeOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotSizeOption);
    parser.addOption(dataOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "quantlens: expected at most one model, got %lld\n",
                     static_cast<long long>(positional.size()));
        return 2;
    }

    ql::installTranslations(); // View ▸ Language, else the system locale
    ql::MainWindow window;
    const bool screenshot = parser.isSet(screenshotOption);
    if (screenshot) {
        const QStringList wh = parser.value(screenshotSizeOption).split(QLatin1Char('x'));
        const QSize size(wh.value(0).toInt(), wh.value(1).toInt());
        if (wh.size() != 2 || size.width() <= 0 || size.height() <= 0) {
            std::fprintf(stderr, "quantlens: --screenshot-size: expected WxH, got %s\n",
                         qPrintable(parser.value(screenshotSizeOption)));
            return 2;
        }
        scheduleScreenshot(window, parser.value(screenshotOption),
                           parser.value(screenshotPageOption),
                           parser.value(screenshotBaselineOption),
                           parser.isSet(screenshotMixedOption), size);
    }
    window.show();
    openInitialFiles(window, positional.value(0), parser.value(dataOption), !screenshot);
    return app.exec();
}

