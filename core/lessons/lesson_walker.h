#pragma once
// Walks lessons without a GUI: every step resolved against the evaluation of the given config,
// every "Try it" evaluated next to it. The CLI (`quantlens-cli lessons`, the HTML handout)
// and the tests use it; the GUI panel resolves the same texts against its live session.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson.h"
#include "core/lessons/lesson_values.h"

namespace ql {

struct LessonWalkInputs
{
    const Model* model = nullptr;
    const CalibrationStats* calibration = nullptr;
    const Dataset* data = nullptr; // evaluation images
    QuantConfig config;            // the config the lessons start from
    std::string language = "en";   // number formatting
    int64_t codeSamples = 100;     // images compared code by code (lesson g)
    RunControl control;
};

struct WalkedStep
{
    const Lesson* lesson = nullptr;
    int index = 0;              // step index in the lesson
    std::string layer;          // "" when the selector found none
    std::vector<int64_t> element; // explain.* element
    std::vector<std::string> missing; // requirements the model does not meet
    ResolvedText text;          // the step text, or the first missing requirement's text
    std::optional<ResolvedText> after; // the Try-it's explanation, resolved after evaluation
    std::shared_ptr<const EvaluationReport> report;      // the starting config
    std::shared_ptr<const EvaluationReport> afterReport; // the Try-it config
    std::optional<ExplainResult> explain;                // when explain.* applies
    bool applies() const { return missing.empty(); }
};

class LessonWalker
{
public:
    explicit LessonWalker(LessonWalkInputs inputs);
    ~LessonWalker();

    std::vector<WalkedStep> walk(const Lesson& lesson);
    // The evaluation of `config` (cached by config).
    std::shared_ptr<const EvaluationReport> evaluate(const QuantConfig& config);
    std::shared_ptr<const QuantizedModel> quantize(const QuantConfig& config);
    const LessonWalkInputs& inputs() const { return m_in; }

private:
    struct Entry;
    Entry& entry(const QuantConfig& config);

    LessonWalkInputs m_in;
    std::vector<std::unique_ptr<Entry>> m_cache;
};

} // namespace ql
