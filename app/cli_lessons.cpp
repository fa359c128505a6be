// quantlens-cli lessons: walks the guided lessons (resources/lessons/<lang>/*.json) on a model
// and its data — every live value resolved, every "Try it" evaluated next to the config — and
// prints them as text or writes the self-contained HTML handout.
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include "app/cli_command.h"
#include "app/cli_quant.h"
#include "app/resource_locator.h"
#include "core/error.h"
#include "core/lessons/lesson_handout.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("lessons");

// Rich text to plain text for the terminal: paragraphs on their own lines, tags dropped.
QString plain(const std::string& html)
{
    QString s = QString::fromStdString(html);
    s.replace(QRegularExpression(QStringLiteral("</p>\\s*")), QStringLiteral("\n"));
    s.replace(QRegularExpression(QStringLiteral("<sub>([^<]*)</sub>")), QStringLiteral("_\\1"));
    s.replace(QRegularExpression(QStringLiteral("<sup>([^<]*)</sup>")), QStringLiteral("^\\1"));
    s.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    s.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    s.replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    s.replace(QStringLiteral("&lt;"), QStringLiteral("<"));
    s.replace(QStringLiteral("&gt;"), QStringLiteral(">"));
    return s.trimmed();
}

} // namespace

int runLessons(const QStringList& args)
{
    ArgParser parser(
        kCommand,
        QStringLiteral("lessons --model MODEL.onnx --calib DIR [--data DIR] [--config C.json | --preset P]\n"
                       "        [--lang LANG] [--lesson ID] [--html OUT.html]"),
        QStringLiteral(
            "Walk the guided lessons (affine quantization, the integer Linear, requantization,\n"
            "rounding vs truncation, per-channel weights, BatchNorm folding, integer-only\n"
            "requantization, dynamic ranges, mixed precision, early exits) on this model and\n"
            "data: every placeholder is replaced by the live value, every 'Try it' is\n"
            "evaluated next to the config. Prints the texts, or with --html writes one\n"
            "self-contained HTML handout (charts inlined as SVG data: URIs).\n"
            "--lang picks <lessons>/<LANG> (e.g. en, pt_BR; default: the system locale, else\n"
            "en). Steps that do not apply to the model say why."));
    addModelDataOptions(parser);
    addLimitOptions(parser);
    parser.addOption(QStringLiteral("lang"), QStringLiteral("LANG"),
                     QStringLiteral("Lesson language (folder under --lessons)"));
    parser.addOption(QStringLiteral("lesson"), QStringLiteral("ID"),
                     QStringLiteral("Only this lesson (file base name, e.g. d_rounding)"));
    parser.addOption(QStringLiteral("lessons"), QStringLiteral("DIR"),
                     QStringLiteral("Lesson root (default: the bundled resources/lessons)"));
    parser.addOption(QStringLiteral("html"), QStringLiteral("FILE"),
                     QStringLiteral("Write the handout as one self-contained HTML file"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const DataArgs dataArgs = dataArgsFrom(parser);
    const QString language = parser.isSet(QStringLiteral("lang")) ? parser.value(QStringLiteral("lang"))
                                                                  : QLocale::system().name();
    const QString root = parser.isSet(QStringLiteral("lessons"))
                             ? parser.value(QStringLiteral("lessons"))
                             : resourceDir() + QStringLiteral("/lessons");
    const std::string dir = lessonDirectory(root.toStdString(), language.toStdString());
    std::vector<Lesson> lessons = loadLessons(dir);
    if (parser.isSet(QStringLiteral("lesson"))) {
        const std::string id = parser.value(QStringLiteral("lesson")).toStdString();
        std::erase_if(lessons, [&](const Lesson& l) { return l.id != id; });
        if (lessons.empty())
            parser.fail(QStringLiteral("no lesson '%1' in %2").arg(QString::fromStdString(id),
                                                                   QString::fromStdString(dir)));
    }
    const std::string lang = QFileInfo(QString::fromStdString(dir)).fileName().toStdString();

    const Model model = loadModelArg(dataArgs.modelPath);
    const QuantConfig config = configFromArgs(model, parser, kCommand);
    RunControl ctl = interruptibleControl(dataArgs.threads);
    const CalibratedData loaded = loadAndCalibrate(model, config.preprocess, dataArgs, ctl);

    LessonWalkInputs in;
    in.model = &model;
    in.calibration = &loaded.stats;
    in.data = &loaded.data();
    in.config = config;
    in.language = lang;
    in.control = ctl;
    LessonWalker walker(in);
    std::vector<HandoutLesson> walked;
    for (const Lesson& lesson : lessons) {
        printErr(QStringLiteral("lesson %1…\n").arg(QString::fromStdString(lesson.id)));
        walked.push_back({&lesson, walker.walk(lesson)});
    }

    if (parser.isSet(QStringLiteral("html"))) {
        HandoutInfo info;
        info.modelPath = dataArgs.modelPath.toStdString();
        info.dataPath = QFileInfo(dataArgs.dataDir).fileName().toStdString();
        info.configName = parser.isSet(QStringLiteral("config"))
                              ? QFileInfo(parser.value(QStringLiteral("config"))).fileName().toStdString()
                              : (parser.isSet(QStringLiteral("preset")) ? parser.value(QStringLiteral("preset"))
                                                                        : QStringLiteral("w8a8")).toStdString();
        info.language = lang;
        info.generator = "QuantLens " QUANTLENS_VERSION;
        const std::string path = parser.value(QStringLiteral("html")).toStdString();
        saveLessonHandout(lessonHandoutHtml(walked, info, loadLessonLabels(dir)), path);
        printErr(QStringLiteral("wrote %1\n").arg(QString::fromStdString(path)));
        return ExitOk;
    }
    QString text;
    int unresolved = 0;
    for (const HandoutLesson& hl : walked) {
        text += QStringLiteral("\n== %1 ==\n").arg(QString::fromStdString(hl.lesson->title));
        for (const WalkedStep& w : hl.steps) {
            const LessonStep& step = hl.lesson->steps[size_t(w.index)];
            text += QStringLiteral("\n%1. %2\n%3\n").arg(w.index + 1).arg(QString::fromStdString(step.title),
                                                         plain(w.text.html));
            if (w.after)
                text += QStringLiteral("\n[%1]\n%2\n").arg(QString::fromStdString(step.tryIt->label),
                                                          plain(w.after->html));
            unresolved += int(w.text.unresolved.size()) + (w.after ? int(w.after->unresolved.size()) : 0);
        }
    }
    printOut(text);
    if (unresolved)
        printErr(QStringLiteral("warning: %1 placeholders did not resolve (shown as {key})\n").arg(unresolved));
    return ExitOk;
}

} // namespace ql::cli
