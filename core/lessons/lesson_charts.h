#pragma once
// Small self-contained SVG charts of lesson visuals, for the HTML handout (the GUI shows the
// real chart widgets; the handout must print and open anywhere, and the CLI has no widgets).

#include <map>
#include <string>

#include "core/quant/engine.h"

namespace ql {

// Chart and table labels in the lesson language: from <lessons>/<lang>/_labels.json
// (key -> text); a missing key falls back to the English built in.
using LessonLabels = std::map<std::string, std::string>;
LessonLabels loadLessonLabels(const std::string& lessonDir);
std::string lessonLabel(const LessonLabels& labels, const std::string& key);

// The SVG document (no data: prefix) of `visual` for `layer`; "" when the visual has no chart
// (none, table, inspector) or the report lacks what it needs. `after` (may be null): the
// Try-it report, drawn next to `report` where the chart compares (drift, exits).
std::string lessonChartSvg(const std::string& visual, const EvaluationReport& report,
                           const EvaluationReport* after, const std::string& layer,
                           const LessonLabels& labels);

} // namespace ql
