#include "core/lessons/lesson_charts.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/lessons/lesson_values.h"

namespace ql {

namespace {

const LessonLabels& englishLabels()
{
    static const LessonLabels l = {
        {"value_histogram", "FP32 values of the output, with the clipping range"},
        {"error_histogram", "Error of the output (dequantized − FP32)"},
        {"drift", "Propagated mean error by depth (LSB)"},
        {"exits", "Top-1 per exit (%)"},
        {"exit_policy", "Exit policy: top-1 (%) against average MACs (% of the last exit)"},
        {"current", "current config"},
        {"after", "after Try it"},
        {"fp32", "FP32"},
        {"quantized", "quantized"},
        {"clip_range", "clipping range"},
        {"handout_title", "QuantLens lessons"},
        {"model", "Model"},
        {"data", "Evaluation data"},
        {"images", "images"},
        {"config", "Config"},
        {"try_it", "Try it"},
        {"not_applicable", "Does not apply to this model"},
        {"layer", "Layer"},
        {"step", "Step"},
        {"term", "term"},
        {"more_terms", "more terms"},
    };
    return l;
}

std::string esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped().toStdString();
}

std::string num(double v)
{
    return QString::number(v, 'g', 4).toStdString();
}

struct Frame
{
    double w = 640, h = 300, left = 72, right = 16, top = 34, bottom = 40;
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    double px(double x) const { return left + (x - x0) / (x1 - x0 == 0 ? 1 : x1 - x0) * (w - left - right); }
    double py(double y) const { return h - bottom - (y - y0) / (y1 - y0 == 0 ? 1 : y1 - y0) * (h - top - bottom); }
};

void header(std::ostringstream& s, const Frame& f, const std::string& title)
{
    s << "<svg xmlns='http://www.w3.org/2000/svg' width='" << f.w << "' height='" << f.h
      << "' viewBox='0 0 " << f.w << ' ' << f.h << "' font-family='DejaVu Sans, sans-serif' font-size='11'>"
      << "<rect width='100%' height='100%' fill='white'/>"
      << "<text x='" << f.w / 2 << "' y='18' text-anchor='middle' font-size='13'>" << esc(title) << "</text>";
    // axes and four y ticks
    s << "<line x1='" << f.left << "' y1='" << f.py(f.y0) << "' x2='" << f.w - f.right << "' y2='"
      << f.py(f.y0) << "' stroke='#444'/>";
    s << "<line x1='" << f.left << "' y1='" << f.top << "' x2='" << f.left << "' y2='"
      << f.h - f.bottom << "' stroke='#444'/>";
    for (int i = 0; i <= 4; ++i) {
        const double y = f.y0 + (f.y1 - f.y0) * i / 4.0;
        s << "<text x='" << f.left - 4 << "' y='" << f.py(y) + 4 << "' text-anchor='end'>"
          << QString::number(y, 'g', 3).toStdString() << "</text>";
    }
}

void xLabels(std::ostringstream& s, const Frame& f, double a, double b)
{
    s << "<text x='" << f.left << "' y='" << f.h - f.bottom + 14 << "'>" << num(a) << "</text>"
      << "<text x='" << f.w - f.right << "' y='" << f.h - f.bottom + 14 << "' text-anchor='end'>" << num(b) << "</text>";
}

void legend(std::ostringstream& s, const Frame& f, int i, const std::string& color, const std::string& text)
{
    const double x = f.left + 10 + i * 190, y = f.h - 10;
    s << "<rect x='" << x << "' y='" << y - 9 << "' width='12' height='10' fill='" << color << "'/>"
      << "<text x='" << x + 16 << "' y='" << y << "'>" << esc(text) << "</text>";
}

std::string histogram(const Histogram& h, const std::string& title, double clipLo, double clipHi,
                      bool clip, const LessonLabels& labels)
{
    if (h.counts.empty())
        return {};
    Frame f;
    f.x0 = h.lo;
    f.x1 = h.hi;
    if (clip) {
        f.x0 = std::min(f.x0, clipLo);
        f.x1 = std::max(f.x1, clipHi);
    }
    f.y1 = double(*std::max_element(h.counts.begin(), h.counts.end()));
    std::ostringstream s;
    header(s, f, title);
    for (size_t i = 0; i < h.counts.size(); ++i) {
        const double a = f.px(h.lo + i * h.binWidth()), b = f.px(h.lo + (i + 1) * h.binWidth());
        const double top = f.py(double(h.counts[i]));
        s << "<rect x='" << a << "' y='" << top << "' width='" << std::max(0.5, b - a - 0.5)
          << "' height='" << f.py(0) - top << "' fill='#3b75af'/>";
    }
    if (clip) {
        for (double x : {clipLo, clipHi})
            s << "<line x1='" << f.px(x) << "' y1='" << f.top << "' x2='" << f.px(x) << "' y2='"
              << f.py(0) << "' stroke='#c0392b' stroke-dasharray='4 3'/>";
        legend(s, f, 0, "#c0392b", lessonLabel(labels, "clip_range") + " [" + num(clipLo) + ", " + num(clipHi) + "]");
    }
    xLabels(s, f, f.x0, f.x1);
    s << "</svg>";
    return s.str();
}

std::vector<double> driftSeries(const EvaluationReport& r)
{
    std::vector<double> v;
    for (const LayerReport& l : r.layers)
        if (l.quantized && l.outputParams.scale.size() == 1)
            v.push_back(layerMeanLsb(l));
    return v;
}

std::string drift(const EvaluationReport& r, const EvaluationReport* after, const LessonLabels& labels)
{
    const std::vector<double> a = driftSeries(r);
    const std::vector<double> b = after ? driftSeries(*after) : std::vector<double>{};
    if (a.empty())
        return {};
    Frame f;
    f.x1 = double(std::max(a.size(), b.size()) - 1);
    f.y0 = f.y1 = 0.0; // the range of both series, with 0 (no bias) always in view
    for (const auto* v : {&a, &b})
        for (double x : *v) {
            f.y0 = std::min(f.y0, x);
            f.y1 = std::max(f.y1, x);
        }
    std::ostringstream s;
    header(s, f, lessonLabel(labels, "drift"));
    s << "<line x1='" << f.left << "' y1='" << f.py(0) << "' x2='" << f.w - f.right << "' y2='" << f.py(0) << "' stroke='#999' stroke-dasharray='2 2'/>";
    const std::pair<const std::vector<double>*, const char*> series[] = {{&a, "#3b75af"}, {&b, "#c0392b"}};
    int i = 0;
    for (const auto& [v, color] : series) {
        if (v->empty())
            continue;
        s << "<polyline fill='none' stroke='" << color << "' stroke-width='2' points='";
        for (size_t k = 0; k < v->size(); ++k)
            s << f.px(double(k)) << ',' << f.py((*v)[k]) << ' ';
        s << "'/>";
        legend(s, f, i++, color, lessonLabel(labels, v == &a ? "current" : "after"));
    }
    xLabels(s, f, 0, f.x1);
    s << "</svg>";
    return s.str();
}

std::string exits(const EvaluationReport& r, const EvaluationReport* after, const LessonLabels& labels)
{
    if (r.exits.empty())
        return {};
    Frame f;
    f.y1 = 100;
    std::ostringstream s;
    header(s, f, lessonLabel(labels, "exits"));
    const double slot = (f.w - f.left - f.right) / double(r.exits.size());
    const int bars = after ? 3 : 2;
    for (size_t e = 0; e < r.exits.size(); ++e) {
        const double values[] = {r.exits[e].fp32Top1, r.exits[e].quantTop1,
                                 after && e < after->exits.size() ? after->exits[e].quantTop1 : 0.0};
        const char* colors[] = {"#7f8c8d", "#3b75af", "#c0392b"};
        for (int k = 0; k < bars; ++k) {
            const double x = f.left + slot * double(e) + slot * 0.15 + k * slot * 0.7 / bars;
            s << "<rect x='" << x << "' y='" << f.py(values[k]) << "' width='" << slot * 0.7 / bars - 2
              << "' height='" << f.py(0) - f.py(values[k]) << "' fill='" << colors[k] << "'/>"
              << "<text x='" << x + slot * 0.35 / bars << "' y='" << f.py(values[k]) - 3
              << "' text-anchor='middle' font-size='9'>" << QString::number(values[k], 'f', 1).toStdString() << "</text>";
        }
        s << "<text x='" << f.left + slot * (double(e) + 0.5) << "' y='" << f.h - f.bottom + 14
          << "' text-anchor='middle'>" << esc(r.exits[e].output) << "</text>";
    }
    legend(s, f, 0, "#7f8c8d", lessonLabel(labels, "fp32"));
    legend(s, f, 1, "#3b75af", lessonLabel(labels, "quantized"));
    if (after)
        legend(s, f, 2, "#c0392b", lessonLabel(labels, "after"));
    s << "</svg>";
    return s.str();
}

std::string exitPolicy(const EvaluationReport& r, const LessonLabels& labels)
{
    if (r.exitPolicy.empty() || r.exits.empty() || r.exits.back().macs <= 0)
        return {};
    const double full = double(r.exits.back().macs);
    Frame f;
    f.x0 = 100, f.x1 = 0, f.y0 = 100, f.y1 = 0;
    for (const ExitPolicyPoint& p : r.exitPolicy) {
        for (double x : {p.fp32AvgMacs, p.quantAvgMacs}) {
            f.x0 = std::min(f.x0, 100 * x / full);
            f.x1 = std::max(f.x1, 100 * x / full);
        }
        for (double y : {p.fp32Accuracy, p.quantAccuracy}) {
            f.y0 = std::min(f.y0, std::floor(y));
            f.y1 = std::max(f.y1, std::ceil(y));
        }
    }
    std::ostringstream s;
    header(s, f, lessonLabel(labels, "exit_policy"));
    int i = 0;
    for (bool quant : {false, true}) {
        const char* color = quant ? "#3b75af" : "#7f8c8d";
        s << "<polyline fill='none' stroke='" << color << "' stroke-width='2' points='";
        for (const ExitPolicyPoint& p : r.exitPolicy)
            s << f.px(100 * (quant ? p.quantAvgMacs : p.fp32AvgMacs) / full) << ','
              << f.py(quant ? p.quantAccuracy : p.fp32Accuracy) << ' ';
        s << "'/>";
        legend(s, f, i++, color, lessonLabel(labels, quant ? "quantized" : "fp32"));
    }
    xLabels(s, f, f.x0, f.x1);
    s << "</svg>";
    return s.str();
}

} // namespace

LessonLabels loadLessonLabels(const std::string& lessonDir)
{
    LessonLabels labels;
    QFile f(QString::fromStdString(lessonDir + "/_labels.json"));
    if (!f.open(QIODevice::ReadOnly))
        return labels; // optional: English built in
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        labels[it.key().toStdString()] = it.value().toString().toStdString();
    return labels;
}

std::string lessonLabel(const LessonLabels& labels, const std::string& key)
{
    if (const auto it = labels.find(key); it != labels.end() && !it->second.empty())
        return it->second;
    const auto it = englishLabels().find(key);
    return it == englishLabels().end() ? key : it->second;
}

std::string lessonChartSvg(const std::string& visual, const EvaluationReport& report,
                           const EvaluationReport* after, const std::string& layer,
                           const LessonLabels& labels)
{
    const LayerReport* l = nullptr;
    for (const LayerReport& x : report.layers)
        if (x.name == layer)
            l = &x;
    if (visual == "value_histogram" && l)
        return histogram(l->propagated.valueHist, lessonLabel(labels, "value_histogram") + ": " + layer,
                         l->propagated.clipMin, l->propagated.clipMax, l->quantized, labels);
    if (visual == "error_histogram" && l)
        return histogram(l->propagated.errorHist, lessonLabel(labels, "error_histogram") + ": " + layer,
                         0, 0, false, labels);
    if (visual == "drift")
        return drift(report, after, labels);
    if (visual == "exits")
        return exits(report, after, labels);
    if (visual == "exit_policy")
        return exitPolicy(report, labels);
    return {};
}

} // namespace ql
