// quantlens-cli sensitivity: per layer and bit width, what quantizing only that layer costs at
// the exits (and, reversed, what keeping only that layer float gives back).
#include <QFileInfo>

#include "app/cli_command.h"
#include "app/cli_quant.h"
#include "app/text_table.h"
#include "core/error.h"
#include "core/quant/sensitivity.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("sensitivity");

std::vector<int> parseBitsList(const ArgParser& parser, const QString& option,
                               std::vector<int> def)
{
    if (!parser.isSet(option))
        return def;
    std::vector<int> bits;
    for (const QString& part : parser.value(option).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int b = part.trimmed().toInt(&ok);
        if (!ok || b < 2 || b > 16)
            parser.fail(QStringLiteral("--%1: '%2' is not a bit width in 2..16")
                            .arg(option, part.trimmed()));
        bits.push_back(b);
    }
    if (bits.empty())
        parser.fail(QStringLiteral("--%1 needs at least one bit width").arg(option));
    return bits;
}

QString dropText(double drop)
{
    return QString::asprintf("%+.1f", drop);
}

QString sqnrText(double db)
{
    return db >= 200.0 ? QStringLiteral("exact") : QString::number(db, 'f', 1);
}

QString kindTable(const SensitivityResult& r, BitsTarget kind, int exit)
{
    TextTable t;
    t.addColumn(QStringLiteral("#"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Layer"));
    t.addColumn(QStringLiteral("Weights"), TextTable::Align::Right);
    for (int b : r.bits)
        t.addColumn(QStringLiteral("%1 bit").arg(b), TextTable::Align::Right);
    const bool reverse = !r.layers.empty() && !r.layers.front().reverseDrop.empty();
    if (reverse)
        t.addColumn(QStringLiteral("Only this float"), TextTable::Align::Right);
    for (const LayerSensitivity& l : r.layers) {
        QStringList row{QString::number(l.depth), QString::fromStdString(l.layer),
                        formatCount(l.weights)};
        for (int b : r.bits) {
            const SensitivityCell* c = l.cell(kind, b);
            row << (c ? QStringLiteral("%1 / %2").arg(dropText(c->drop[size_t(exit)]),
                                                      sqnrText(c->sqnrDb[size_t(exit)]))
                      : QStringLiteral("-"));
        }
        if (reverse)
            row << QStringLiteral("%1 / %2").arg(dropText(l.reverseDrop[size_t(exit)]),
                                                 sqnrText(l.reverseSqnrDb[size_t(exit)]));
        t.addRow(row);
    }
    return t.render();
}

} // namespace

int runSensitivity(const QStringList& args)
{
    ArgParser parser(
        kCommand,
        QStringLiteral("sensitivity --model MODEL.onnx --calib DIR [--data DIR] [--config C.json |\n"
                       "       --preset P] [--bits 2,4,8] [--what weights|activations|both|separate]\n"
                       "       [--exit K] [--limit N] [--calib-limit N] [--threads N]\n"
                       "       [--no-reverse] [--out SENS.json|SENS.csv]"),
        QStringLiteral(
            "For every layer with weights and every bit width, quantize ONLY that layer (every\n"
            "other layer float; the other settings from the config) and measure the top-1\n"
            "drop against FP32 and the SQNR of the exit logits at every exit. --what picks the\n"
            "tensors that get the bit width: weights (default), activations, both together,\n"
            "or separate (a weights sweep and an activations sweep). The reverse column keeps\n"
            "the whole config except that one layer, which stays float.\n\n"
            "The table shows 'drop pt / SQNR dB' at --exit (default: the last exit); --out\n"
            "writes every exit: .json (nested) or .csv (one row per layer, kind and bits).\n"
            "Calibrates once; cost: 1 + layers x (1 + kinds x bits) evaluations."));
    addModelDataOptions(parser);
    parser.addOption(QStringLiteral("bits"), QStringLiteral("LIST"),
                     QStringLiteral("Bit widths, comma-separated (default: 2,3,4,6,8,12,16)"));
    parser.addOption(QStringLiteral("what"), QStringLiteral("KIND"),
                     QStringLiteral("weights (default), activations, both or separate"));
    parser.addOption(QStringLiteral("exit"), QStringLiteral("K"),
                     QStringLiteral("Exit shown in the table, 1-based (default: the last)"));
    addLimitOptions(parser);
    parser.addFlag(QStringLiteral("no-reverse"),
                   QStringLiteral("Skip the 'only this layer float' column"));
    parser.addOption(QStringLiteral("out"), QStringLiteral("FILE"),
                     QStringLiteral("Write the results: FILE.json or FILE.csv"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const DataArgs dataArgs = dataArgsFrom(parser);
    const QString& modelPath = dataArgs.modelPath;
    const int exitArg = parser.intValue(QStringLiteral("exit"), 0, 1);
    SensitivityOptions options;
    options.bits = parseBitsList(parser, QStringLiteral("bits"), options.bits);
    options.reverse = !parser.isSet(QStringLiteral("no-reverse"));
    const QString what = parser.isSet(QStringLiteral("what")) ? parser.value(QStringLiteral("what"))
                                                              : QStringLiteral("weights");
    if (what == QLatin1String("separate"))
        options.kinds = {BitsTarget::Weights, BitsTarget::Activations};
    else if (what == QLatin1String("weights") || what == QLatin1String("activations") ||
             what == QLatin1String("both"))
        options.kinds = {parseBitsTarget(what.toStdString())};
    else
        parser.fail(QStringLiteral("--what expects weights, activations, both or separate, got '%1'")
                        .arg(what));
    const QString outPath = parser.value(QStringLiteral("out"));
    if (parser.isSet(QStringLiteral("out"))) {
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (suffix != QLatin1String("json") && suffix != QLatin1String("csv"))
            parser.fail(QStringLiteral("--out expects a .json or .csv file name, got '%1'")
                            .arg(outPath));
    }

    const Model model = loadModelArg(modelPath);
    const QuantConfig config = configFromArgs(model, parser, kCommand);
    if (exitArg > static_cast<int>(model.exits.size()))
        parser.fail(QStringLiteral("--exit %1: the model has %2 exit(s)")
                        .arg(exitArg)
                        .arg(model.exits.size()));
    const int exit = exitArg > 0 ? exitArg - 1 : static_cast<int>(model.exits.size()) - 1;

    const RunControl ctl = interruptibleControl(dataArgs.threads);
    const CalibratedData loaded = loadAndCalibrate(model, config.preprocess, dataArgs, ctl);
    const Dataset& data = loaded.data();
    const CalibrationStats& stats = loaded.stats;

    SensitivityResult result;
    runWithFp32Scorer(model, data, ctl, QStringLiteral("Sensitivity (evaluations)"),
                      [&](const ExitScorer& scorer, const RunControl& c) {
                          result = analyzeSensitivity(scorer, config, stats, options, c);
                      });
    if (parser.isSet(QStringLiteral("out")))
        saveSensitivity(result, QFile::encodeName(outPath).toStdString());

    const size_t e = static_cast<size_t>(exit);
    QString text = QStringLiteral("Model   %1, %2 layer(s) with weights, %3 exit(s)\n")
                       .arg(QFileInfo(modelPath).fileName())
                       .arg(result.layers.size())
                       .arg(result.exits.size());
    text += QStringLiteral("Data    %1 images%2; FP32 top-1 at exit%3: %4\n")
                .arg(formatCount(result.samples),
                     result.labelled ? QString() : QStringLiteral(" (unlabelled: agreement)"))
                .arg(exit + 1)
                .arg(formatPercent(result.fp32Top1[e]));
    text += QStringLiteral("Base    every layer quantized: drop %1 pt, SQNR %2 dB at exit%3\n")
                .arg(dropText(result.base.drop[e]), sqnrText(result.base.sqnrDb[e]))
                .arg(exit + 1);
    for (BitsTarget kind : result.kinds) {
        text += QStringLiteral("\nOnly one layer quantized, %1 at the bit width (drop pt / SQNR dB "
                               "at exit%2)\n")
                    .arg(QString::fromLatin1(bitsTargetName(kind)))
                    .arg(exit + 1);
        text += kindTable(result, kind, exit);
    }
    text += QStringLiteral("\n%1 evaluations in %2 s\n")
                .arg(result.evaluations)
                .arg(result.seconds, 0, 'f', 1);
    if (parser.isSet(QStringLiteral("out")))
        text += QStringLiteral("Written %1\n").arg(outPath);
    printOut(text);
    return ExitOk;
}

} // namespace ql::cli
