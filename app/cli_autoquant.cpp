// quantlens-cli autoquant: search a per-layer bit assignment that meets an accuracy target (or
// size / bit-ops budgets), write it as a config and compare it with uniform W8A8.
#include <QFile>
#include <QFileInfo>

#include <cmath>

#include "app/cli_command.h"
#include "app/cli_quant.h"
#include "app/text_table.h"
#include "core/error.h"
#include "core/quant/autoquant.h"
#include "core/quant/pruning.h"
#include "core/quant/report_io.h"
#include "core/quant/size_table.h"
#include "core/text_format.h"

namespace ql::cli {

namespace {

const QString kCommand = QStringLiteral("autoquant");

std::vector<int> bitsOption(const ArgParser& parser, const QString& option, std::vector<int> def)
{
    if (!parser.isSet(option))
        return def;
    std::vector<int> bits;
    for (const QString& part : parser.value(option).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int b = part.trimmed().toInt(&ok);
        if (!ok || b < 2 || b > 16)
            parser.fail(QStringLiteral("--%1: '%2' is not a bit width in 2..16").arg(option, part));
        bits.push_back(b);
    }
    if (std::find(bits.begin(), bits.end(), 8) == bits.end())
        parser.fail(QStringLiteral("--%1 must include 8 (the search starts at W8A8)").arg(option));
    return bits;
}

double positiveNumber(const ArgParser& parser, const QString& option)
{
    bool ok = false;
    const double v = parser.value(option).toDouble(&ok);
    if (!ok || !(v >= 0.0) || !std::isfinite(v))
        parser.fail(QStringLiteral("--%1 expects a number >= 0, got '%2'")
                        .arg(option, parser.value(option)));
    return v;
}

QString bytesText(int64_t bytes)
{
    return QStringLiteral("%1 B").arg(formatCount(bytes));
}

QString exitTable(const AutoQuantResult& r)
{
    const ExitScore& w8 = r.evaluated[static_cast<size_t>(r.w8a8)].score;
    const ExitScore& mixed = r.found().score;
    TextTable t;
    t.addColumn(QStringLiteral("Exit"));
    t.addColumn(QStringLiteral("FP32 top-1"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("W8A8 top-1"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Mixed top-1"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Mixed drop"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Mixed SQNR"), TextTable::Align::Right);
    for (size_t e = 0; e < r.exits.size(); ++e)
        t.addRow({QStringLiteral("exit%1").arg(e + 1), formatPercent(r.fp32Top1[e]),
                  formatPercent(w8.top1[e]), formatPercent(mixed.top1[e]),
                  QString::asprintf("%+.2f pt", mixed.drop[e]),
                  QString::asprintf("%.1f dB", mixed.sqnrDb[e])});
    return t.render();
}

QString layerTable(const SizeTable& table, const BitAssignment& bits)
{
    TextTable t;
    t.addColumn(QStringLiteral("Layer"));
    t.addColumn(QStringLiteral("W"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("A"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Weights"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Zeros"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("FP32"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("W8A8"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Mixed"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Mixed sparse"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Bit-ops W8A8"), TextTable::Align::Right);
    t.addColumn(QStringLiteral("Bit-ops mixed"), TextTable::Align::Right);
    auto add = [&](const SizeRow& r, const QString& name, const QString& w, const QString& a) {
        t.addRow({name, w, a, formatCount(r.weights),
                  r.weights ? formatPercent(100.0 * double(r.zeros) / double(r.weights), 1)
                            : QStringLiteral("-"),
                  formatCount(r.fp32Bytes), formatCount(r.w8a8Bytes), formatCount(r.mixedBytes),
                  formatCount(r.sparseBytes), formatHuman(r.w8a8BitOps),
                  formatHuman(r.mixedBitOps)});
    };
    for (const SizeRow& r : table.rows) {
        const auto it = bits.find(r.layer);
        add(r, r.layer.empty() ? QStringLiteral("(other parameters)") : QString::fromStdString(r.layer),
            it != bits.end() ? QString::number(it->second.weights) : QStringLiteral("-"),
            it != bits.end() ? QString::number(it->second.activations) : QStringLiteral("-"));
    }
    add(table.total, QStringLiteral("Total (bytes)"), QString(), QString());
    return t.render();
}

} // namespace

int runAutoquant(const QStringList& args)
{
    ArgParser parser(
        kCommand,
        QStringLiteral("autoquant --model MODEL.onnx --calib DIR [--data DIR] [--config C.json |\n"
                       "       --preset P] (--target-drop PT [--exit K|all] | --max-size BYTES |\n"
                       "       --max-bitops N) [--weight-bits 2,3,4,6,8] [--act-bits 4,6,8]\n"
                       "       [--size-weight W] [--refine N] [--prune PCT] [--limit N]\n"
                       "       [--calib-limit N] [--threads N] [--out CONFIG.json]\n"
                       "       [--pareto PARETO.csv]"),
        QStringLiteral(
            "Search per-layer bit widths for weights and activations. With --target-drop the\n"
            "top-1 drop against FP32 must stay <= PT points at --exit (default: the last;\n"
            "'all': at every exit) and the search minimises size and bit-ops (--size-weight W\n"
            "in [0,1]: W x size/size(W8A8) + (1-W) x bitops/bitops(W8A8), default 0.5). With\n"
            "only --max-size / --max-bitops the budget must hold and the search minimises the\n"
            "drop. Algorithm: per-layer sensitivity, a greedy descent from W8A8 verified by a\n"
            "full evaluation at each step (with backtracking), a refinement of up to --refine\n"
            "evaluations (default 24); see docs/mixed-precision.md.\n\n"
            "--out writes the found config (atomic); --pareto writes every evaluated\n"
            "configuration (size, bit-ops, top-1 per exit, on the Pareto front or not).\n"
            "--prune PCT zeroes the PCT % smallest-magnitude weights of every layer first.\n"
            "Exit status 3 when no evaluated configuration meets the target (the closest one\n"
            "is still reported and written)."));
    addModelDataOptions(parser);
    parser.addOption(QStringLiteral("target-drop"), QStringLiteral("PT"),
                     QStringLiteral("Largest top-1 drop against FP32, in points"));
    parser.addOption(QStringLiteral("exit"), QStringLiteral("K|all"),
                     QStringLiteral("Exit the target applies to, 1-based, or all (default: last)"));
    parser.addOption(QStringLiteral("max-size"), QStringLiteral("BYTES"),
                     QStringLiteral("Model size budget"));
    parser.addOption(QStringLiteral("max-bitops"), QStringLiteral("N"),
                     QStringLiteral("Bit-operations budget per sample (MACs x w_bits x a_bits)"));
    parser.addOption(QStringLiteral("weight-bits"), QStringLiteral("LIST"),
                     QStringLiteral("Candidate weight widths (default: 2,3,4,6,8)"));
    parser.addOption(QStringLiteral("act-bits"), QStringLiteral("LIST"),
                     QStringLiteral("Candidate activation widths (default: 4,6,8)"));
    parser.addOption(QStringLiteral("size-weight"), QStringLiteral("W"),
                     QStringLiteral("Objective mix of size and bit-ops (default: 0.5)"));
    parser.addOption(QStringLiteral("refine"), QStringLiteral("N"),
                     QStringLiteral("Evaluations for the refinement pass (default: 24)"));
    parser.addOption(QStringLiteral("prune"), QStringLiteral("PCT"),
                     QStringLiteral("Magnitude-prune every layer's weights by PCT % first"));
    addLimitOptions(parser);
    parser.addOption(QStringLiteral("out"), QStringLiteral("FILE"),
                     QStringLiteral("Write the found config (JSON)"));
    parser.addOption(QStringLiteral("pareto"), QStringLiteral("FILE"),
                     QStringLiteral("Write every evaluated configuration (CSV)"));
    parser.parse(args);
    if (parser.helpRequested()) {
        printOut(parser.helpText());
        return ExitOk;
    }
    const DataArgs dataArgs = dataArgsFrom(parser);
    const QString& modelPath = dataArgs.modelPath;
    AutoQuantOptions options;
    options.refinementBudget = parser.intValue(QStringLiteral("refine"), 24, 0);
    options.weightBits = bitsOption(parser, QStringLiteral("weight-bits"), options.weightBits);
    options.activationBits = bitsOption(parser, QStringLiteral("act-bits"), options.activationBits);
    if (parser.isSet(QStringLiteral("target-drop")))
        options.target.maxDrop = positiveNumber(parser, QStringLiteral("target-drop"));
    if (parser.isSet(QStringLiteral("max-size")))
        options.target.maxBytes = std::llround(positiveNumber(parser, QStringLiteral("max-size")));
    if (parser.isSet(QStringLiteral("max-bitops")))
        options.target.maxBitOps = positiveNumber(parser, QStringLiteral("max-bitops"));
    if (!options.target.maxDrop && !options.target.maxBytes && !options.target.maxBitOps)
        parser.fail(QStringLiteral("give a target: --target-drop, --max-size or --max-bitops"));
    if (parser.isSet(QStringLiteral("size-weight"))) {
        options.sizeWeight = positiveNumber(parser, QStringLiteral("size-weight"));
        if (options.sizeWeight > 1.0)
            parser.fail(QStringLiteral("--size-weight expects a number in [0, 1]"));
    }
    double prune = 0.0;
    if (parser.isSet(QStringLiteral("prune"))) {
        prune = positiveNumber(parser, QStringLiteral("prune"));
        if (prune >= 100.0)
            parser.fail(QStringLiteral("--prune expects a percentage below 100"));
    }
    const QString outPath = parser.value(QStringLiteral("out"));
    const QString paretoPath = parser.value(QStringLiteral("pareto"));

    const Model loaded = loadModelArg(modelPath);
    const QuantConfig base = configFromArgs(loaded, parser, kCommand);
    const QString exitValue = parser.value(QStringLiteral("exit"));
    int exit = static_cast<int>(loaded.exits.size()) - 1;
    if (exitValue == QLatin1String("all")) {
        exit = -1;
    } else if (parser.isSet(QStringLiteral("exit"))) {
        const int k = parser.intValue(QStringLiteral("exit"), 0, 1);
        if (k > static_cast<int>(loaded.exits.size()))
            parser.fail(QStringLiteral("--exit %1: the model has %2 exit(s)")
                            .arg(k)
                            .arg(loaded.exits.size()));
        exit = k - 1;
    }
    options.target.exit = exit;
    PruneSpec pruneSpec;
    pruneSpec.defaultSparsity = prune / 100.0;
    pruneSpec.fusion = base.defaults.fusion;
    const PrunedModel pruned = pruneModel(loaded, pruneSpec);
    const Model& model = prune > 0.0 ? pruned.model : loaded;

    const RunControl ctl = interruptibleControl(dataArgs.threads);
    const CalibratedData sets = loadAndCalibrate(model, base.preprocess, dataArgs, ctl);
    const Dataset& data = sets.data();
    const CalibrationStats& stats = sets.stats;

    AutoQuantResult result;
    runWithFp32Scorer(model, data, ctl, QStringLiteral("Searching (evaluations)"),
                      [&](const ExitScorer& scorer, const RunControl& c) {
                          result = autoQuantize(scorer, base, stats, options, c);
                      });
    const SizeTable table = sizeTable(model, result.config, stats);
    if (!outPath.isEmpty()) {
        QuantConfig out = result.config;
        out.comment = QStringLiteral("autoquant: %1").arg(
                          options.target.maxDrop
                              ? QStringLiteral("top-1 drop <= %1 pt at %2")
                                    .arg(*options.target.maxDrop)
                                    .arg(exit < 0 ? QStringLiteral("every exit")
                                                  : QStringLiteral("exit%1").arg(exit + 1))
                              : QStringLiteral("budget"))
                          .toStdString();
        saveQuantConfig(out, QFile::encodeName(outPath).toStdString());
    }
    if (!paretoPath.isEmpty())
        writeTextFileAtomic(QFile::encodeName(paretoPath).toStdString(),
                            paretoToCsv(result, exit));

    const EvaluatedConfig& found = result.found();
    const EvaluatedConfig& w8 = result.evaluated[static_cast<size_t>(result.w8a8)];
    int greedy = 0, greedyKept = 0, refine = 0, refineKept = 0, uniform = 0;
    for (const EvaluatedConfig& e : result.evaluated) {
        greedy += e.stage == "greedy";
        greedyKept += e.stage == "greedy" && e.accepted;
        refine += e.stage == "refine";
        refineKept += e.stage == "refine" && e.accepted;
        uniform += e.stage == "uniform";
    }
    QString text = QStringLiteral("Model   %1, %2 images%3\n")
                       .arg(QFileInfo(modelPath).fileName(), formatCount(data.size()),
                            prune > 0.0 ? QStringLiteral(", weights pruned by %1 %").arg(prune)
                                        : QString());
    text += QStringLiteral("Target  %1\n").arg(
        options.target.maxDrop
            ? QStringLiteral("top-1 drop <= %1 pt at %2")
                  .arg(*options.target.maxDrop)
                  .arg(exit < 0 ? QStringLiteral("every exit") : QStringLiteral("exit%1").arg(exit + 1))
            : QStringLiteral("size <= %1, bit-ops <= %2 (minimise the drop)")
                  .arg(options.target.maxBytes ? bytesText(*options.target.maxBytes) : QStringLiteral("-"),
                       options.target.maxBitOps ? formatHuman(*options.target.maxBitOps)
                                                : QStringLiteral("-")));
    text += QStringLiteral("\nSearch  %1 sensitivity evaluations; W8A8 start; %2 uniform points; "
                           "greedy %3 steps (%4 kept, %5 undone); refinement %6 (%7 kept)\n")
                .arg(result.sensitivityEvaluations)
                .arg(uniform)
                .arg(greedy)
                .arg(greedyKept)
                .arg(greedy - greedyKept)
                .arg(refine)
                .arg(refineKept);
    text += QStringLiteral("        %1 evaluations in total, %2 s; target %3\n")
                .arg(result.sensitivityEvaluations + result.searchEvaluations)
                .arg(result.seconds, 0, 'f', 1)
                .arg(result.targetMet ? QStringLiteral("met") : QStringLiteral("NOT met"));
    text += QStringLiteral("\nResult vs uniform W8A8\n");
    text += QStringLiteral("  Size        W8A8 %1 (%2 bits avg) -> mixed %3 (%4 bits avg), %5x "
                           "smaller; FP32 %6\n")
                .arg(bytesText(w8.score.size.quantizedBytes))
                .arg(w8.averageWeightBits, 0, 'f', 2)
                .arg(bytesText(found.score.size.quantizedBytes))
                .arg(found.averageWeightBits, 0, 'f', 2)
                .arg(double(w8.score.size.quantizedBytes) /
                         double(std::max<int64_t>(found.score.size.quantizedBytes, 1)),
                     0, 'f', 2)
                .arg(bytesText(result.fp32Bytes));
    if (table.total.sparseBytes < table.total.mixedBytes)
        text += QStringLiteral("  Sparse      mixed with bitmap-encoded zero weights: %1\n")
                    .arg(bytesText(table.total.sparseBytes));
    text += QStringLiteral("  Bit-ops     W8A8 %1 -> mixed %2 per sample (%3x fewer)\n")
                .arg(formatHuman(w8.score.size.quantizedBitOps),
                     formatHuman(found.score.size.quantizedBitOps))
                .arg(w8.score.size.quantizedBitOps /
                         std::max(found.score.size.quantizedBitOps, 1.0),
                     0, 'f', 2);
    text += exitTable(result);
    text += QStringLiteral("\nPer layer (bytes)\n") + layerTable(table, result.bits);
    if (!outPath.isEmpty())
        text += QStringLiteral("\nConfig  %1\n").arg(outPath);
    if (!paretoPath.isEmpty())
        text += QStringLiteral("Pareto  %1 (%2 configurations)\n")
                    .arg(paretoPath)
                    .arg(result.evaluated.size());
    printOut(text);
    return result.targetMet ? ExitOk : ExitBadInput;
}

} // namespace ql::cli
