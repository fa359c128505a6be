#pragma once
// Lessons: guided steps over the live model, stored as data files (resources/lessons/<lang>/
// *.json, format in docs/lessons-format.md) so that a teacher edits or adds a lesson without
// recompiling. This header is the file format as value structs plus the loader; placeholders
// in the texts ({layer.S_y}, {explain.M0}, …) are resolved by lesson_values.h.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ql {

// A "Try it" action: a config change the GUI pushes on the undo stack (and the CLI / tests
// evaluate next to the unchanged config), then `after` explains what changed with
// before.* / after.* / codes.* placeholders.
struct LessonTryIt
{
    std::string label;  // button text
    std::string action; // one of lessonActionNames()
    std::string value;  // the action's argument (a rounding mode, a bit width, …)
    std::string after;  // rich text shown once the changed config has been evaluated
};

struct LessonStep
{
    std::string title;
    std::string text;   // rich text (HTML subset: <b>, <i>, <sub>, <sup>, <p>, <br>) with placeholders
    std::string layer;  // layer selector (lessonLayerSelectors()) or a layer name; "" = the lesson's
    std::string visual; // one of lessonVisuals(): what the panel shows next to the text
    // requirement (lessonRequirements()) -> the text shown instead when the model lacks it
    std::map<std::string, std::string> requirements;
    std::optional<LessonTryIt> tryIt;
};

struct Lesson
{
    std::string id;    // file base name, e.g. "d_rounding"
    std::string file;  // path it was loaded from
    std::string title;
    std::string layer; // default layer selector for its steps
    std::vector<LessonStep> steps;
};

// Vocabulary of the format (validated at load time, so a typo names its file and JSON path).
const std::vector<std::string>& lessonVisuals();      // none, value_histogram, error_histogram, drift, inspector, exits, exit_policy, table
const std::vector<std::string>& lessonLayerSelectors(); // first_weighted, last_weighted, ...
const std::vector<std::string>& lessonRequirements(); // weighted, folded_bn, multi_exit, ...
const std::vector<std::string>& lessonActionNames();  // rounding, requantization, ...

// Parses one lesson file; throws ql::Error naming the file and the JSON path of the problem.
Lesson parseLesson(const std::string& bytes, const std::string& displayName);
Lesson loadLessonFile(const std::string& path);
// Every *.json in `dir` except _*.json (labels), sorted by file name (the teaching order: a_…, b_…). Throws ql::Error
// for a missing/empty folder or a bad file.
std::vector<Lesson> loadLessons(const std::string& dir);

// The lesson folder for `language` (e.g. "pt_BR", "pt", "en") under `lessonsRoot`
// (resources/lessons): <root>/<language>, else <root>/<language before '_'>, else <root>/en.
std::string lessonDirectory(const std::string& lessonsRoot, const std::string& language);

} // namespace ql
