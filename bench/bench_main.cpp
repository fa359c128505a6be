// quantlens-bench: how fast the engine runs the demo models, FP32 against W8A8 integer
// arithmetic, on the evaluation set — not a test (speed is machine-dependent; nothing here is
// asserted). For each demo model and thread count:
//   calibration           once per model (500 images), timed on its own;
//   FP32 evaluation       Fp32Executor over all images, top-1 per exit against the labels;
//   W8A8 evaluation       the integer chain (IntRuntime::runChain) over the same images, its
//                         exits dequantized and scored the same way;
//   full evaluate         evaluateQuantized: FP32 reference + propagated + local error passes
//                         and every metric (what `quantlens-cli evaluate` computes);
//   edits                 the same after an edit to the first, middle or last layer with weights
//                         (its weight bits 8 ↔ 7), through one ReferenceCache as the GUI's
//                         QuantSession keeps it: FP32 references and the integer results of
//                         unchanged layers are reused (incremental re-evaluation), so an edit
//                         re-runs only the edited layer and what depends on it;
// both evaluations split the images into one contiguous chunk per thread, each chunk run in
// 25-image batches by a single-threaded executor, so the W8A8/FP32 ratio compares the
// arithmetic and not the threading. Times are the median of --repeat runs. The profiler then
// splits one FP32 and one W8A8 run by op type (times summed over threads), and peak RSS comes from
// getrusage().
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include "core/parallel.h"
#include "core/dataset.h"
#include "core/error.h"
#include "core/executor.h"
#include "core/fp32_eval.h"
#include "core/isa/cpu_isa.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"
#include "core/quant/int_runtime.h"
#include "core/quant/work_units.h"
#include "core/text_format.h"

namespace ql {
namespace {

struct Options
{
    int images = 0; // 0 = all
    int repeat = 3;
    QString resources = QStringLiteral(QUANTLENS_RESOURCE_DIR);
    std::vector<int> threads{1, 2};
    // --model: bench this model instead of the two demo models; --data / --calib: its
    // evaluation and calibration folders (default: the demo's eval and calib folders; --calib
    // defaults to --data when only --data is given).
    QString model;
    QString data;
    QString calib;
};

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

template <class Fn>
double medianSeconds(int repeat, Fn fn)
{
    std::vector<double> times;
    for (int r = 0; r < repeat; ++r) {
        const auto start = std::chrono::steady_clock::now();
        fn();
        times.push_back(seconds(start));
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// Runs fn(begin, count) on `threads` contiguous chunks of [0, n) in parallel, each chunk in
// batches of `batch` images — samplesPerWorkUnit(model), as the evaluator feeds its work units:
// activations of a batch stay in cache (one 1,000-image batch of the demo CNN would stream
// ~100 MB per layer through memory), and a big model's batch stays within the byte budget (25
// ResNet-18 images per batch made its 2-thread inference slower than 1 thread).
template <class Fn>
void chunked(int64_t n, int threads, int64_t batch, Fn fn)
{
    auto batches = [&fn, batch](int64_t begin, int64_t count) {
        for (int64_t b = begin; b < begin + count; b += batch)
            fn(b, std::min(batch, begin + count - b));
    };
    std::vector<std::thread> pool;
    const int64_t per = (n + threads - 1) / threads;
    for (int t = 1; t < threads; ++t) {
        const int64_t begin = t * per;
        if (begin < n)
            pool.emplace_back([&batches, begin, per, n] { batches(begin, std::min(per, n - begin)); });
    }
    batches(0, std::min(per, n));
    for (std::thread& th : pool)
        th.join();
}

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

// Plain fixed-width table: the bench links only the core (no app sources).
class Table
{
public:
    explicit Table(std::vector<std::pair<QString, bool>> columns) : m_columns(std::move(columns)) {}
    void add(QStringList row) { m_rows.push_back(std::move(row)); }
    void print() const
    {
        std::vector<qsizetype> width;
        for (const auto& [title, right] : m_columns)
            width.push_back(title.size());
        for (const QStringList& row : m_rows)
            for (size_t c = 0; c < width.size() && c < size_t(row.size()); ++c)
                width[c] = std::max(width[c], row[qsizetype(c)].size());
        auto line = [&](const QStringList& cells) {
            QStringList padded;
            for (size_t c = 0; c < width.size(); ++c) {
                const QString cell = c < size_t(cells.size()) ? cells[qsizetype(c)] : QString();
                padded << (m_columns[c].second ? cell.rightJustified(width[c])
                                               : cell.leftJustified(width[c]));
            }
            std::printf("  %s\n", padded.join(QStringLiteral("  ")).toUtf8().constData());
        };
        QStringList titles, rules;
        for (size_t c = 0; c < width.size(); ++c) {
            titles << m_columns[c].first;
            rules << QString(width[c], QLatin1Char('-'));
        }
        line(titles);
        line(rules);
        for (const QStringList& row : m_rows)
            line(row);
    }

private:
    std::vector<std::pair<QString, bool>> m_columns;
    std::vector<QStringList> m_rows;
};

QString ms(double s)
{
    return QString::number(s * 1e3, 'f', 1);
}

QString rate(int64_t images, double s)
{
    return formatCount(int64_t(double(images) / std::max(s, 1e-9)));
}

void benchModel(const QString& modelPath, const Options& opt)
{
    const Model model = loadOnnxModel(modelPath.toStdString());
    QuantConfig config = presetConfig("w8a8");
    config.preprocess = defaultPreprocess(model);
    const QString dataDir = opt.resources + QStringLiteral("/data");
    const QString evalDir = opt.data.isEmpty() ? dataDir + QStringLiteral("/eval") : opt.data;
    const QString calibDir = !opt.calib.isEmpty() ? opt.calib
                             : !opt.data.isEmpty() ? opt.data
                                                   : dataDir + QStringLiteral("/calib");
    const Dataset calib = loadImageFolder(calibDir.toStdString(), config.preprocess);
    const Dataset data = loadImageFolder(evalDir.toStdString(), config.preprocess, opt.images);
    const std::string input = model.graph.inputs.at(0).name;
    const int64_t n = data.size();

    auto start = std::chrono::steady_clock::now();
    const CalibrationStats stats = calibrate(model, calib);
    const double calibSeconds = seconds(start);
    const QuantizedModel qmodel = buildQuantizedModel(model, config, stats);
    const Fp32Executor fp32(model);
    const IntRuntime integer(qmodel);

    std::printf("\n%s: %lld images (calibration: %lld images in %s ms, once)\n",
                QFileInfo(modelPath).fileName().toUtf8().constData(), (long long)n,
                (long long)calib.size(), ms(calibSeconds).toUtf8().constData());
    Table table({{QStringLiteral("Threads"), true},
                 {QStringLiteral("FP32 ms"), true},
                 {QStringLiteral("FP32 img/s"), true},
                 {QStringLiteral("W8A8 ms"), true},
                 {QStringLiteral("W8A8 img/s"), true},
                 {QStringLiteral("W8A8/FP32"), true},
                 {QStringLiteral("Full evaluate ms"), true},
                 {QStringLiteral("Eval img/s"), true}});
    // Layers with weights: the edits of the second table hit the first, middle and last one.
    std::vector<std::string> weighted;
    for (const QuantizedLayer& L : qmodel.layers)
        if (L.plan.hasWeights)
            weighted.push_back(L.plan.name);
    Table edits({{QStringLiteral("Threads"), true},
                 {QStringLiteral("Edit"), false},
                 {QStringLiteral("Layer"), false},
                 {QStringLiteral("Re-evaluate ms"), true},
                 {QStringLiteral("Full/edit"), true}});
    RunControl single;
    single.threads = 1;
    const int64_t batch = samplesPerWorkUnit(model);
    // Top-1 hits per exit of the last timed pass of each kind (the chunks run in parallel).
    const size_t exits = model.exits.size();
    std::vector<std::atomic<int64_t>> fp32Hits(exits), intHits(exits);
    auto countHits = [&](std::vector<std::atomic<int64_t>>& hits, size_t e, const Tensor& logits,
                         int64_t begin, int64_t count) {
        const int64_t classes = count ? logits.numel() / count : 0;
        int64_t hit = 0;
        for (int64_t r = 0; r < count && data.labelled(); ++r)
            hit += argmaxRow(logits.f.data() + r * classes, classes) == data.labels[size_t(begin + r)];
        hits[e] += hit;
    };
    auto reset = [](std::vector<std::atomic<int64_t>>& hits) {
        for (auto& h : hits)
            h = 0;
    };
    for (int threads : opt.threads) {
        const double fp = medianSeconds(opt.repeat, [&] {
            reset(fp32Hits);
            chunked(n, threads, batch, [&](int64_t begin, int64_t count) {
                const TensorMap out = fp32.run({{input, data.slice(begin, count)}}, single);
                for (size_t e = 0; e < exits; ++e)
                    countHits(fp32Hits, e, out.at(model.exits[e].output), begin, count);
            });
        });
        const double in = medianSeconds(opt.repeat, [&] {
            reset(intHits);
            chunked(n, threads, batch, [&](int64_t begin, int64_t count) {
                const RtValues values =
                    integer.runChain({{input, data.slice(begin, count)}}, begin, single);
                for (size_t e = 0; e < exits; ++e)
                    countHits(intHits, e, IntRuntime::dequantize(values.at(model.exits[e].output)),
                              begin, count);
            });
        });
        RunControl ctl;
        ctl.threads = threads;
        const double full = medianSeconds(opt.repeat, [&] { evaluateQuantized(qmodel, data, ctl); });
        table.add({QString::number(threads), ms(fp), rate(n, fp), ms(in), rate(n, in),
                   QString::number(in / fp, 'f', 2) + QStringLiteral("x"), ms(full),
                   rate(n, full)});
        // The GUI's cost per edit: one cache across evaluations, each evaluation an edit of one
        // layer relative to the previous one (weight bits 8 → 7 → 8 …).
        EvaluateOptions warm;
        warm.references = std::make_shared<ReferenceCache>();
        evaluateQuantized(qmodel, data, ctl, warm);
        const double unchanged = medianSeconds(opt.repeat, [&] { evaluateQuantized(qmodel, data, ctl, warm); });
        edits.add({QString::number(threads), QStringLiteral("none"), QString(), ms(unchanged),
                   QString::number(full / std::max(unchanged, 1e-9), 'f', 1) + QStringLiteral("x")});
        if (weighted.empty())
            continue;
        const std::vector<std::pair<QString, std::string>> at = {
            {QStringLiteral("first"), weighted.front()},
            {QStringLiteral("middle"), weighted[weighted.size() / 2]},
            {QStringLiteral("last"), weighted.back()}};
        for (const auto& [label, layer] : at) {
            QuantConfig edited = config;
            edited.layers[layer].weights.emplace().bits = 7;
            const QuantizedModel other = buildQuantizedModel(model, edited, stats);
            int flip = 0;
            const double edit = medianSeconds(opt.repeat, [&] {
                evaluateQuantized(flip++ % 2 == 0 ? other : qmodel, data, ctl, warm);
            });
            if (flip % 2 == 1) // leave the cache at the base config for the next layer
                evaluateQuantized(qmodel, data, ctl, warm);
            edits.add({QString::number(threads), label, QString::fromStdString(layer), ms(edit),
                       QString::number(full / std::max(edit, 1e-9), 'f', 1) + QStringLiteral("x")});
        }
    }
    table.print();
    std::printf("\n  re-evaluation after an edit (one cache, as the GUI; median of %d edits)\n",
                opt.repeat);
    edits.print();
    auto accuracies = [&](const std::vector<std::atomic<int64_t>>& hits) {
        QStringList parts;
        for (const auto& h : hits)
            parts << QString::number(100.0 * double(h.load()) / double(std::max<int64_t>(n, 1)), 'f', 1);
        return parts.join(QStringLiteral(" / "));
    };
    if (data.labelled())
        std::printf("  top-1 per exit (%%): FP32 %s, W8A8 %s\n",
                    accuracies(fp32Hits).toUtf8().constData(), accuracies(intHits).toUtf8().constData());
    else
        std::printf("  (%s has no class sub-folders: no top-1)\n", evalDir.toUtf8().constData());

    // One profiled run of each, one thread: where the FP32 and the integer time go, by op type.
    auto profile = [&](const char* title, auto run) {
        Profiler profiler;
        RunControl profiled = single;
        profiled.profiler = &profiler;
        const auto begun = std::chrono::steady_clock::now();
        chunked(n, 1, batch, [&](int64_t begin, int64_t count) { run(begin, count, profiled); });
        const double wall = seconds(begun);
        const std::vector<Profiler::Entry> totals = profiler.totals();
        std::printf("\n  %s by op type (1 thread, %s ms wall)\n", title, ms(wall).toUtf8().constData());
        Table ops({{QStringLiteral("Op"), false},
                   {QStringLiteral("ms"), true},
                   {QStringLiteral("Share"), true},
                   {QStringLiteral("Calls"), true}});
        for (const Profiler::Entry& e : totals)
            ops.add({QString::fromStdString(e.opType), ms(e.seconds),
                     formatPercent(100.0 * e.seconds / std::max(wall, 1e-9), 1),
                     formatCount(e.calls)});
        ops.print();
    };
    profile("FP32 inference", [&](int64_t begin, int64_t count, const RunControl& ctl) {
        fp32.run({{input, data.slice(begin, count)}}, ctl);
    });
    profile("W8A8 inference", [&](int64_t begin, int64_t count, const RunControl& ctl) {
        integer.runChain({{input, data.slice(begin, count)}}, begin, ctl);
    });
    {
        // The full evaluation by stage (the integer chain by op type, the rest by stage).
        Profiler profiler;
        RunControl profiled = single;
        profiled.profiler = &profiler;
        const auto begun = std::chrono::steady_clock::now();
        evaluateQuantized(qmodel, data, profiled);
        const double wall = seconds(begun);
        std::printf("\n  Full evaluation by stage (1 thread, %s ms wall)\n", ms(wall).toUtf8().constData());
        Table stages({{QStringLiteral("Stage or op"), false},
                      {QStringLiteral("ms"), true},
                      {QStringLiteral("Share"), true}});
        for (const Profiler::Entry& e : profiler.totals())
            stages.add({QString::fromStdString(e.opType), ms(e.seconds),
                        formatPercent(100.0 * e.seconds / std::max(wall, 1e-9), 1)});
        stages.print();
    }
    std::printf("  peak RSS so far: %.1f MiB\n", double(peakRssKiB()) / 1024.0);
}

int usage(int code)
{
    std::fprintf(code ? stderr : stdout,
                 "Usage: quantlens-bench [--model M.onnx [--data DIR] [--calib DIR]] [--images N]\n"
                 "                       [--repeat N] [--threads 1,2] [--isa NAME] [--resources DIR]\n\n"
                 "Times FP32 and W8A8 integer inference and the full quantized evaluation of\n"
                 "the demo models on resources/data/eval (or of --model on --data, calibrated on\n"
                 "--calib, default --data) — median of --repeat runs, default 3 — the calibration\n"
                 "once, the integer time per op type, and peak RSS. --isa (or QL_ISA) forces a\n"
                 "kernel path: %s.\n",
                 ql::isaNames().c_str());
    return code;
}

} // namespace
} // namespace ql

int main(int argc, char** argv)
{
    ql::keepWorkBuffersMapped();
    QCoreApplication app(argc, argv);
    ql::Options opt;
    const QStringList args = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (a == QLatin1String("-h") || a == QLatin1String("--help"))
            return ql::usage(0);
        if (i + 1 >= args.size())
            return ql::usage(2);
        bool ok = true;
        if (a == QLatin1String("--images")) {
            opt.images = args[++i].toInt(&ok);
        } else if (a == QLatin1String("--repeat")) {
            opt.repeat = args[++i].toInt(&ok);
            ok = ok && opt.repeat > 0;
        } else if (a == QLatin1String("--model")) {
            opt.model = args[++i];
        } else if (a == QLatin1String("--data")) {
            opt.data = args[++i];
        } else if (a == QLatin1String("--calib")) {
            opt.calib = args[++i];
        } else if (a == QLatin1String("--isa")) {
            ql::Isa isa;
            if (!ql::parseIsa(args[++i].toStdString(), &isa)) {
                std::fprintf(stderr, "quantlens-bench: --isa %s: unknown (expected one of %s)\n",
                             args[i].toUtf8().constData(), ql::isaNames().c_str());
                return 2;
            }
            if (!ql::isaSupported(isa)) {
                std::fprintf(stderr, "quantlens-bench: --isa %s: this CPU does not support it\n",
                             args[i].toUtf8().constData());
                return 2;
            }
            ql::setActiveIsa(isa);
        } else if (a == QLatin1String("--resources")) {
            opt.resources = args[++i];
        } else if (a == QLatin1String("--threads")) {
            opt.threads.clear();
            for (const QString& t : args[++i].split(QLatin1Char(','))) {
                opt.threads.push_back(t.toInt(&ok));
                if (!ok || opt.threads.back() < 1)
                    return ql::usage(2);
            }
        } else {
            return ql::usage(2);
        }
        if (!ok)
            return ql::usage(2);
    }
    try {
        std::printf("quantlens-bench: %u hardware threads, kernels %s, W8A8 = preset w8a8 (float "
                    "requantization)\n",
                    std::thread::hardware_concurrency(), ql::isaName(ql::activeIsa()));
        if (!opt.model.isEmpty())
            ql::benchModel(opt.model, opt);
        else
            for (const char* name : {"mlp.onnx", "multiexit_cnn.onnx"})
                ql::benchModel(opt.resources + QStringLiteral("/models/") + QLatin1String(name), opt);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "quantlens-bench: %s\n", e.what());
        return 1;
    }
    std::printf("\npeak RSS: %.1f MiB\n", double(ql::peakRssKiB()) / 1024.0);
    return 0;
}
