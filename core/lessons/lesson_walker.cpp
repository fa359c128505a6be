#include "core/lessons/lesson_walker.h"

#include "core/error.h"
#include "core/lessons/lesson_actions.h"

namespace ql {

struct LessonWalker::Entry
{
    QuantConfig config;
    std::shared_ptr<const QuantizedModel> qmodel;
    std::shared_ptr<const EvaluationReport> report;
};

LessonWalker::LessonWalker(LessonWalkInputs inputs) : m_in(std::move(inputs))
{
    if (!m_in.model || !m_in.calibration || !m_in.data)
        throw Error("lessons: a model, calibration statistics and evaluation data are required");
}

LessonWalker::~LessonWalker() = default;

LessonWalker::Entry& LessonWalker::entry(const QuantConfig& config)
{
    for (auto& e : m_cache)
        if (e->config == config)
            return *e;
    auto e = std::make_unique<Entry>();
    e->config = config;
    auto qmodel = std::make_shared<QuantizedModel>(
        buildQuantizedModel(*m_in.model, config, *m_in.calibration));
    e->report = std::make_shared<EvaluationReport>(
        evaluateQuantized(*qmodel, *m_in.data, m_in.control));
    e->qmodel = std::move(qmodel);
    m_cache.push_back(std::move(e));
    return *m_cache.back();
}

std::shared_ptr<const EvaluationReport> LessonWalker::evaluate(const QuantConfig& config)
{
    return entry(config).report;
}

std::shared_ptr<const QuantizedModel> LessonWalker::quantize(const QuantConfig& config)
{
    return entry(config).qmodel;
}

std::vector<WalkedStep> LessonWalker::walk(const Lesson& lesson)
{
    const Entry& base = entry(m_in.config);
    LessonContext ctx;
    ctx.qmodel = base.qmodel.get();
    ctx.report = base.report.get();
    ctx.images = &m_in.data->images;
    ctx.language = m_in.language;
    const LessonResolver resolver(ctx);

    std::vector<WalkedStep> steps;
    for (size_t i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& s = lesson.steps[i];
        WalkedStep w;
        w.lesson = &lesson;
        w.index = int(i);
        w.report = base.report;
        w.layer = resolver.selectLayer(s.layer.empty() ? lesson.layer : s.layer);
        w.missing = resolver.missingRequirements(s, w.layer);
        if (!w.applies()) {
            w.text = resolver.resolve(s.requirements.at(w.missing.front()), w.layer);
            steps.push_back(std::move(w));
            continue;
        }
        w.text = resolver.resolve(s.text, w.layer);
        w.element = resolver.element(w.layer);
        if (const ExplainResult* e = resolver.explanation(w.layer))
            w.explain = *e;
        if (s.tryIt) {
            QuantConfig changed;
            try {
                changed = applyLessonAction(m_in.config, *s.tryIt, base.qmodel->plan);
            } catch (const Error& e) {
                throw Error(lesson.file + ": steps[" + std::to_string(i) + "].try: " + e.what());
            }
            const Entry& after = entry(changed);
            LessonContext actx = ctx;
            actx.before = base.report.get();
            actx.after = after.report.get();
            if (lessonActionComparesCodes(*s.tryIt))
                actx.codes = compareQuantizedCodes(*base.qmodel, *after.qmodel,
                                                   m_in.data->images, m_in.codeSamples,
                                                   m_in.control);
            w.after = LessonResolver(actx).resolve(s.tryIt->after, w.layer);
            w.afterReport = after.report;
        }
        steps.push_back(std::move(w));
    }
    return steps;
}

} // namespace ql
