#pragma once
// Live values for lesson texts. A placeholder {key} or {key:N} (N significant digits) in a
// lesson text is replaced by a number the engine computed for the open model and data:
//
//   model.*   the evaluation report as a whole (top-1, size, average drift in LSB, …)
//   layer.*   the step's layer in the report (S_y, Z_y, clipping range, SQNR, weight scales)
//   explain.* explainElement() on that layer's worst element (codes, acc, M, M0, shift, …)
//   bn.*      the BatchNormalization folded into that layer, with the folded weight
//   exit.*, policy.*  per-exit accuracy and the exit-policy curve at threshold 0.9
//   before.*, after.*, delta.*, codes.*  a "Try it": the report before and after the change
//
// Every key, its meaning and its format are listed in docs/lessons-format.md. A key that does
// not apply (no weights, no folded BN, no Try-it yet) stays unresolved and is reported, never
// replaced by a made-up value.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/lessons/lesson.h"
#include "core/quant/engine.h"

namespace ql {

// Share of identical integer codes between two quantized models on the same images.
struct CodeComparison
{
    int64_t total = 0;
    int64_t identical = 0;
    int64_t maxDiff = 0; // in LSB
    double identicalPct() const { return total ? 100.0 * double(identical) / double(total) : 0.0; }
};

struct LessonContext
{
    const QuantizedModel* qmodel = nullptr;   // the current config
    const EvaluationReport* report = nullptr; // its evaluation
    const Tensor* images = nullptr;           // the evaluation images (explain)
    // A Try-it: the report before the change and after it (null until evaluated).
    const EvaluationReport* before = nullptr;
    const EvaluationReport* after = nullptr;
    std::optional<CodeComparison> codes;
    std::string language = "en"; // number formatting (decimal comma for pt_BR)
};

struct ResolvedValue
{
    std::string key;
    bool isNumber = true;
    double number = 0.0; // unrounded, as the engine computed it
    std::string text;    // as shown (locale, significant digits)
};

struct ResolvedText
{
    std::string html;
    std::vector<ResolvedValue> values;
    std::vector<std::string> unresolved; // keys left as {key} in html
};

class LessonResolver
{
public:
    explicit LessonResolver(LessonContext context);

    // The layer a selector (or a plain layer name) picks; "" when the model has none.
    std::string selectLayer(const std::string& selector) const;
    // The requirements of `step` the model does not meet (in the step's order).
    std::vector<std::string> missingRequirements(const LessonStep& step,
                                                 const std::string& layer) const;
    // The element explain.* looks at: the layer's worst element, else the first.
    std::vector<int64_t> element(const std::string& layer) const;

    std::optional<ResolvedValue> value(const std::string& key, const std::string& layer) const;
    ResolvedText resolve(const std::string& text, const std::string& layer) const;
    std::string format(const std::string& key, double v, int digits = 0) const;

    // The explanation explain.* reads (cached per layer); null when the layer is not an
    // integer Conv/Gemm or no images were given.
    const ExplainResult* explanation(const std::string& layer) const;

private:
    const LayerReport* layerReport(const std::string& layer) const;
    std::optional<double> number(const std::string& key, const std::string& layer) const;

    LessonContext m_ctx;
    mutable std::map<std::string, std::optional<ExplainResult>> m_explained;
};

// Values of a report that before.* / after.* read, shared with the tests.
double reportTop1(const EvaluationReport& r);   // last exit, quantized top-1 %
double layerMeanLsb(const LayerReport& l);      // propagated mean error / S_y (0 for float)
double reportMeanLsb(const EvaluationReport& r, double from = 0.0, double to = 1.0);

} // namespace ql
