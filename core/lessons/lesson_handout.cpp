#include "core/lessons/lesson_handout.h"

#include <QByteArray>
#include <QFileInfo>
#include <QSaveFile>
#include <QString>

#include <algorithm>
#include <sstream>

#include "core/error.h"

namespace ql {

namespace {

std::string esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped().toStdString();
}

std::string n(double v, int digits = 6)
{
    return QString::number(v, 'g', digits).toStdString();
}

// The Inspector's walk-through as a table (first terms, accumulator, requantization).
std::string explainTable(const ExplainResult& e, const LessonLabels& labels)
{
    std::ostringstream s;
    s << "<table class='explain'><tr><th>k</th><th>x<sub>q</sub></th><th>w<sub>q</sub></th>"
         "<th>(x<sub>q</sub> − Z<sub>x</sub>)·(w<sub>q</sub> − Z<sub>w</sub>)</th></tr>";
    const size_t shown = std::min<size_t>(e.terms.size(), 6);
    for (size_t i = 0; i < shown; ++i)
        s << "<tr><td>" << e.terms[i].k << "</td><td>" << e.terms[i].x << "</td><td>" << e.terms[i].w
          << "</td><td>" << e.terms[i].product << "</td></tr>";
    if (e.terms.size() > shown)
        s << "<tr><td colspan='4'>… " << e.terms.size() - shown << ' ' << esc(lessonLabel(labels, "more_terms")) << "</td></tr>";
    s << "<tr><td colspan='3'>Σ + b<sub>q</sub> = " << e.sumProducts << " + " << e.biasCode
      << "</td><td><b>acc = " << e.accumulator << "</b></td></tr>"
      << "<tr><td colspan='3'>M = " << n(e.multiplier, 8) << " = M<sub>0</sub>·2<sup>shift−31</sup>, M<sub>0</sub> = "
      << e.multiplierFixed << ", shift = " << e.shift << "</td><td>M·acc = " << n(e.scaledAccumulator) << "</td></tr>"
      << "<tr><td colspan='3'>" << esc(e.rounding) << " → " << e.rounded << "; + Z<sub>y</sub> = " << e.withZeroPoint
      << "; clamp [" << e.activationMin << ", " << e.activationMax << "]</td><td><b>q<sub>y</sub> = "
      << e.outputCode << "</b></td></tr>"
      << "<tr><td colspan='3'>S<sub>y</sub>·(q<sub>y</sub> − Z<sub>y</sub>) vs FP32</td><td>" << n(e.dequantized)
      << " vs " << n(e.fp32) << "</td></tr></table>";
    return s.str();
}

std::string layerTable(const EvaluationReport& r, const std::string& layer, const LessonLabels& labels)
{
    for (const LayerReport& l : r.layers) {
        if (l.name != layer)
            continue;
        std::ostringstream s;
        s << "<table class='explain'><tr><th>" << esc(lessonLabel(labels, "layer"))
          << "</th><th>op</th><th>W bits</th><th>A bits</th><th>W</th><th>SQNR W</th><th>SQNR</th></tr><tr><td>"
          << esc(l.name) << "</td><td>" << esc(l.opType) << "</td><td>" << l.config.weights.bits << "</td><td>"
          << l.config.activations.bits << "</td><td>" << granularityName(l.config.weights.granularity)
          << "</td><td>" << QString::number(l.weightError.sqnrDb, 'f', 1).toStdString() << " dB</td><td>"
          << QString::number(l.propagated.sqnrDb, 'f', 1).toStdString() << " dB</td></tr></table>";
        return s.str();
    }
    return {};
}

std::string dataUri(const std::string& svg)
{
    return "data:image/svg+xml;base64," + QByteArray::fromStdString(svg).toBase64().toStdString();
}

} // namespace

std::string lessonHandoutHtml(const std::vector<HandoutLesson>& lessons, const HandoutInfo& info,
                              const LessonLabels& labels)
{
    std::ostringstream s;
    std::string lang = info.language;
    std::replace(lang.begin(), lang.end(), '_', '-');
    s << "<!DOCTYPE html>\n<html lang='" << esc(lang) << "'>\n<head>\n<meta charset='utf-8'>\n<title>"
      << esc(lessonLabel(labels, "handout_title")) << "</title>\n<style>\n"
      << "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:52em;margin:2em auto;line-height:1.45;color:#222}\n"
      << "h1{border-bottom:2px solid #3b75af}h2{margin-top:2em;color:#3b75af;page-break-before:auto}\n"
      << ".meta{color:#555;font-size:90%}.step{page-break-inside:avoid;margin-bottom:1.5em}\n"
      << ".try{background:#fdf2e9;border-left:4px solid #c0392b;padding:.3em .8em}\n"
      << ".na{background:#eee;padding:.3em .8em;font-style:italic}\n"
      << "table.explain{border-collapse:collapse;font-size:90%;margin:.5em 0}"
      << "table.explain td,table.explain th{border:1px solid #bbb;padding:2px 6px;text-align:right}\n"
      << "img{max-width:100%}\n@media print{h2{page-break-before:always}}\n</style>\n</head>\n<body>\n"
      << "<h1>" << esc(lessonLabel(labels, "handout_title")) << "</h1>\n<p class='meta'>"
      << esc(lessonLabel(labels, "model")) << ": " << esc(QFileInfo(QString::fromStdString(info.modelPath)).fileName().toStdString())
      << " · " << esc(lessonLabel(labels, "data")) << ": " << esc(info.dataPath);
    if (!lessons.empty() && !lessons.front().steps.empty() && lessons.front().steps.front().report)
        s << " (" << lessons.front().steps.front().report->samples << ' ' << esc(lessonLabel(labels, "images")) << ")";
    s << " · " << esc(lessonLabel(labels, "config")) << ": " << esc(info.configName) << " · " << esc(info.generator)
      << "</p>\n";
    for (const HandoutLesson& hl : lessons) {
        s << "<h2>" << esc(hl.lesson->title) << "</h2>\n";
        for (const WalkedStep& w : hl.steps) {
            const LessonStep& step = hl.lesson->steps[size_t(w.index)];
            s << "<div class='step'><h3>" << w.index + 1 << ". " << esc(step.title) << "</h3>\n";
            if (!w.applies()) {
                s << "<div class='na'>" << esc(lessonLabel(labels, "not_applicable")) << ": " << w.text.html
                  << "</div></div>\n";
                continue;
            }
            s << w.text.html << "\n";
            if (step.visual == "inspector" && w.explain)
                s << explainTable(*w.explain, labels) << "\n";
            else if (step.visual == "table")
                s << layerTable(*w.report, w.layer, labels) << "\n";
            else if (const std::string svg = lessonChartSvg(step.visual, *w.report, nullptr, w.layer,
                                                            labels); !svg.empty())
                s << "<p><img alt='" << esc(step.visual) << "' src='" << dataUri(svg) << "'></p>\n";
            if (step.tryIt && w.after) {
                s << "<div class='try'><p><b>" << esc(step.tryIt->label) << "</b></p>" << w.after->html;
                if (step.visual == "drift" || step.visual == "exits") {
                    const std::string svg = lessonChartSvg(step.visual, *w.report, w.afterReport.get(), w.layer, labels);
                    if (!svg.empty())
                        s << "<p><img alt='" << esc(step.visual) << "' src='" << dataUri(svg) << "'></p>";
                }
                s << "</div>\n";
            }
            s << "</div>\n";
        }
    }
    s << "</body>\n</html>\n";
    return s.str();
}

void saveLessonHandout(const std::string& html, const std::string& path)
{
    QSaveFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly) || f.write(QByteArray::fromStdString(html)) < 0 || !f.commit())
        throw Error(path + ": cannot write the handout: " + f.errorString().toStdString());
}

} // namespace ql
