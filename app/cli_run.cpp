// quantlens-cli run --model M --data DIR: FP32 top-1 per exit on a folder of images.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include "app/cli_command.h"
#include "app/cli_progress.h"
#include "app/text_table.h"
#include "core/class_map.h"
#include "core/dataset.h"
#include "core/fp32_eval.h"
#include "core/onnx_import.h"
#include "core/prediction_stats.h"
#include "core/quant/quant_config.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

QString macsText(int64_t macs, int64_t total)
{
    return QStringLiteral("%1 (%2)")
        .arg(formatHuman(double(macs)),
             formatPercent(100.0 * double(macs) / double(std::max<int64_t>(total, 1)), 1));
}

QString className(const Dataset& data, int index)
{
    if (index >= 0 && size_t(index) < data.classes.size())
        return QString::fromStdString(data.classes[size_t(index)]);
    return QString::number(index);
}

// "3 (14.2 %), 7 (12.0 %), 1 (11.1 %)"
QString mostPredicted(const Dataset& data, const std::vector<int>& predictions, int64_t classes)
{
    const std::vector<int64_t> counts = predictionCounts(predictions, classes);
    QStringList parts;
    for (int c : topClasses(counts, 3))
        if (counts[size_t(c)] > 0)
            parts << QStringLiteral("%1 (%2)").arg(
            className(data, c),
            formatPercent(100.0 * double(counts[size_t(c)]) /
                              double(std::max<size_t>(predictions.size(), 1)),
                          1));
    return parts.join(QStringLiteral(", "));
}

void reportSkipped(const Dataset& data)
{
    if (data.skipped.empty())
        return;
    for (const SkippedFile& s : data.skipped)
        printErr(QStringLiteral("skipped %1: %2\n")
                     .arg(QFileInfo(QString::fromStdString(s.path)).fileName(),
                          QString::fromStdString(s.reason)));
    printErr(data.skipped.size() == 1
                 ? QStringLiteral("1 file skipped\n")
                 : QStringLiteral("%1 files skipped\n").arg(data.skipped.size()));
}

QString resultsText(const Model& model, const Dataset& data, const Fp32EvalResult& result)
{
    const int64_t total = model.totalMacs();
    const size_t exitCount = result.exits.size();
    const QString deepest = QStringLiteral("exit%1").arg(exitCount);
    TextTable table;
    table.addColumn(QStringLiteral("Exit"));
    table.addColumn(QStringLiteral("Output"));
    table.addColumn(QStringLiteral("MACs to reach"), TextTable::Align::Right);
    if (data.labelled()) {
        table.addColumn(QStringLiteral("Top-1"), TextTable::Align::Right);
        table.addColumn(QStringLiteral("Correct"), TextTable::Align::Right);
    }
    if (exitCount > 1)
        table.addColumn(QStringLiteral("Agrees with %1").arg(deepest), TextTable::Align::Right);
    if (!data.labelled())
        table.addColumn(QStringLiteral("Most predicted"));

    for (size_t i = 0; i < exitCount; ++i) {
        const ExitAccuracy& acc = result.exits[i];
        const int64_t classes = i < model.exits.size() ? model.exits[i].classes : 0;
        QStringList row{QStringLiteral("exit%1").arg(i + 1), QString::fromStdString(acc.output),
                        macsText(acc.macs, total)};
        if (data.labelled())
            row << formatPercent(acc.top1())
                << QStringLiteral("%1 / %2").arg(formatCount(acc.correct), formatCount(acc.total));
        if (exitCount > 1)
            row << formatPercent(agreementPercent(result.predictions[i], result.predictions.back()));
        if (!data.labelled())
            row << mostPredicted(data, result.predictions[i], classes);
        table.addRow(row);
    }
    QString text = data.labelled()
                       ? QStringLiteral("\nFP32 top-1 per exit (%1 images)\n")
                             .arg(formatCount(result.samples))
                       : QStringLiteral("\nFP32 predictions per exit (%1 images)\n")
                             .arg(formatCount(result.samples));
    return text + table.render();
}

} // namespace

int runRun(const QStringList& args)
{
    ArgParser parser(
        QStringLiteral("run"),
        QStringLiteral("run --model MODEL.onnx --data DIR [--config C.json] [--class-map FILE]\n"
                       "    [--limit N] [--threads N] [--batch N]"),
        QStringLiteral(
            "Load a folder of images with the preprocessing the model's input implies (or\n"
            "the one of --config: size, resize, scale, mean/std, channel order, class map),\n"
            "run the model in FP32 and print top-1 accuracy per exit. Class sub-folders give\n"
            "the labels (sorted by name), or a class map (--class-map, else the config's)\n"
            "maps folder names to output indices (lines '<folder> <index>', or ImageNet's\n"
            "'<synset> <description>' in output order). A folder\n"
            "count that cannot match the model's outputs is warned about. A flat folder is\n"
            "unlabelled, and then only agreement between exits and the spread of predictions\n"
            "are shown. Unreadable images are skipped and listed on stderr."));
    parser.addOption(QStringLiteral("model"), QStringLiteral("MODEL.onnx"),
                     QStringLiteral("The ONNX model (required)"));
    parser.addOption(QStringLiteral("data"), QStringLiteral("DIR"),
                     QStringLiteral("Folder of images (required)"));
    parser.addOption(QStringLiteral("config"), QStringLiteral("C.json"),
                     QStringLiteral("Take the preprocessing from this config"));
    parser.addOption(QStringLiteral("class-map"), QStringLiteral("FILE"),
                     QStringLiteral("Folder name -> model output index (labels file)"));
    parser.addOption(QStringLiteral("limit"), QStringLiteral("N"),
                     QStringLiteral("Use at most N images, spread over the classes (default: all)"));
    parser.addOption(QStringLiteral("threads"), QStringLiteral("N"),
                     QStringLiteral("Worker threads (default: all hardware threads)"));
    parser.addOption(QStringLiteral("batch"), QStringLiteral("N"),
                     QStringLiteral("Images per batch (default: 250)"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const QString modelPath = parser.required(QStringLiteral("model"));
    const QString dataDir = parser.required(QStringLiteral("data"));
    const int limit = parser.intValue(QStringLiteral("limit"), 0, 1);
    const int threads = parser.intValue(QStringLiteral("threads"), 0, 0);
    const int batch = parser.intValue(QStringLiteral("batch"), 250, 1);

    const Model model = loadOnnxModel(QFile::encodeName(modelPath).toStdString());
    const Preprocess pp =
        parser.isSet(QStringLiteral("config"))
            ? loadQuantConfig(QFile::encodeName(parser.value(QStringLiteral("config"))).toStdString())
                  .preprocess
            : defaultPreprocess(model);
    // --class-map wins over the config's preprocessing.class_map.
    const QString classMapPath = parser.isSet(QStringLiteral("class-map"))
                                     ? parser.value(QStringLiteral("class-map"))
                                     : QFile::decodeName(QByteArray::fromStdString(pp.classMap));
    const ClassMap classMap = classMapPath.isEmpty()
                                  ? ClassMap{}
                                  : loadClassMap(QFile::encodeName(classMapPath).toStdString());
    RunControl ctl;
    ctl.cancel = &interruptToken();
    ctl.threads = threads;

    ProgressLine loading(QStringLiteral("Loading images"));
    ctl.progress = loading.callback();
    Dataset data = loadImageFolder(QFile::encodeName(dataDir).toStdString(), pp, limit, ctl);
    loading.finish();
    reportSkipped(data);
    // Scored against the deepest exit's outputs (every exit of a multi-exit model has them).
    const int64_t classes = model.exits.empty() ? 0 : model.exits.back().classes;
    if (!classMap.empty())
        applyClassMap(data, classMap, classes, QFile::encodeName(classMapPath).toStdString());
    const std::optional<std::string> mismatch =
        classMatchWarning(data, classes, !classMap.empty());
    if (mismatch)
        printErr(QStringLiteral("warning: %1\n").arg(QString::fromStdString(*mismatch)));

    ProgressLine evaluating(QStringLiteral("Evaluating FP32"));
    ctl.progress = evaluating.callback();
    QElapsedTimer timer;
    timer.start();
    const Fp32EvalResult result = evaluateFp32(model, data, ctl, batch);
    evaluating.finish();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    printErr(QStringLiteral("Evaluated %1 images in %2 (%3 images/s)\n")
                 .arg(formatCount(result.samples),
                      seconds < 1.0 ? QStringLiteral("%1 ms").arg(qRound(seconds * 1000))
                                    : QStringLiteral("%1 s").arg(seconds, 0, 'f', 2),
                      formatCount(int64_t(double(result.samples) / std::max(seconds, 1e-9)))));

    const size_t exits = model.exits.size();
    QString text = QStringLiteral("Model  %1 (%2 MACs per sample, %3 %4)\n")
                       .arg(QFileInfo(modelPath).fileName(), formatHuman(double(model.totalMacs())))
                       .arg(exits)
                       .arg(exits == 1 ? QStringLiteral("exit") : QStringLiteral("exits"));
    text += QStringLiteral("Data   %1: %2 images, ")
                .arg(QDir::toNativeSeparators(dataDir), formatCount(data.size()));
    text += data.labelled()
                ? QStringLiteral("%1 classes (%2)\n")
                      .arg(QString::number(data.classes.size()),
                           classMap.empty() ? QStringLiteral("labelled by sub-folder")
                                            : QStringLiteral("mapped by %1").arg(classMapPath))
                : QStringLiteral("unlabelled (no class sub-folders): accuracy is not available\n");
    if (!data.skipped.empty())
        text += QStringLiteral("       %1 skipped (listed on stderr)\n")
                    .arg(data.skipped.size() == 1 ? QStringLiteral("1 file")
                                                  : QStringLiteral("%1 files").arg(data.skipped.size()));
    if (mismatch)
        text += QStringLiteral("warning: %1\n").arg(QString::fromStdString(*mismatch));
    printOut(text + resultsText(model, data, result));
    return ExitOk;
}

} // namespace ql::cli
