#pragma once
// The handout: walked lessons as one self-contained HTML file (styles inline, charts as SVG
// data: URIs, no external reference) for printing or a course page. The CLI
// (`quantlens-cli lessons --html`) and the GUI panel's Export both write it.

#include <string>
#include <vector>

#include "core/lessons/lesson_charts.h"
#include "core/lessons/lesson_walker.h"

namespace ql {

struct HandoutLesson
{
    const Lesson* lesson = nullptr;
    std::vector<WalkedStep> steps;
};

struct HandoutInfo
{
    std::string modelPath;
    std::string dataPath;
    std::string configName;
    std::string language = "en";
    std::string generator; // "QuantLens 0.1.0"
};

std::string lessonHandoutHtml(const std::vector<HandoutLesson>& lessons, const HandoutInfo& info,
                              const LessonLabels& labels);

// Writes atomically; throws ql::Error naming the file on failure.
void saveLessonHandout(const std::string& html, const std::string& path);

} // namespace ql
