#include "widgets/mixed_precision_session.h"

#include <algorithm>
#include <numeric>

#include "core/quant/exit_scorer.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

namespace {

// Full-set re-checks the search may spend looking for a config that holds on every image.
constexpr int kMaxRechecks = 8;

} // namespace

MixedPrecisionSession::MixedPrecisionSession(QuantSession* quant, QObject* parent)
    : QObject(parent), m_quant(quant)
{
    connect(&m_job, &JobSlot::busyChanged, this, &MixedPrecisionSession::busyChanged);
    connect(&m_job, &JobSlot::cancelled, this, &MixedPrecisionSession::cancelled);
    connect(&m_job, &JobSlot::progress, this,
            [this](const QString&, qint64 done, qint64 total) { emit progress(done, total); });
    connect(&m_job, &JobSlot::failed, this,
            [this](const QString& message) { emit failed(m_failTitle, message); });
}

MixedPrecisionSession::~MixedPrecisionSession()
{
    m_job.blockSignals(true); // the slot cancels and waits as it dies; no signals by then
}

bool MixedPrecisionSession::isReady() const
{
    return m_quant->session()->model() && m_quant->calibration() && data();
}

std::shared_ptr<const Dataset> MixedPrecisionSession::data() const
{
    if (auto data = m_quant->session()->dataset())
        return data;
    return m_quant->calibrationData();
}

void MixedPrecisionSession::clear()
{
    m_job.cancel();
    m_sensitivity.reset();
    m_sensitivityImages = -1;
    m_search.reset();
    emit sensitivityAvailable();
    emit searchAvailable();
}

std::optional<MixedPrecisionSession::JobInputs> MixedPrecisionSession::jobInputs() const
{
    JobInputs in{m_quant->session()->model(), m_quant->calibration(), data(), m_quant->config()};
    if (!in.model || !in.calib || !in.all)
        return std::nullopt;
    return in;
}

void MixedPrecisionSession::launch(const QString& description, const QString& failTitle,
                                   JobInputs inputs, JobBody body)
{
    m_failTitle = failTitle;
    m_job.setThreads(m_quant->session()->threads());
    m_job.start(description, [inputs = std::move(inputs), body = std::move(body)](
                                 const RunControl& ctl) { return body(ctl, inputs); });
}

void MixedPrecisionSession::runSensitivity(const SensitivityOptions& options, int images)
{
    auto inputs = jobInputs();
    if (!inputs)
        return;
    launch(tr("Sensitivity analysis"), tr("Sensitivity analysis failed"), std::move(*inputs),
           [this, images, options](const RunControl& ctl, const JobInputs& in) {
               const Dataset subset = evenSubset(*in.all, images);
               const ExitScorer scorer(*in.model, subset,
                                       RunControl{ctl.cancel, {}, ctl.threads, nullptr});
               auto result = std::make_shared<const SensitivityResult>(
                   analyzeSensitivity(scorer, in.base, *in.calib, options, ctl));
               return std::function<void()>([this, result, base = in.base, images] {
                   setSensitivity(result, base, images);
               });
           });
}

bool MixedPrecisionSession::meets(const ExitScore& score, const AutoQuantTarget& target)
{
    if (target.maxDrop && score.dropAt(target.exit) > *target.maxDrop)
        return false;
    if (target.maxBytes && score.size.quantizedBytes > *target.maxBytes)
        return false;
    if (target.maxBitOps && score.size.quantizedBitOps > *target.maxBitOps)
        return false;
    return true;
}

void MixedPrecisionSession::runSearch(const AutoQuantOptions& options, int images)
{
    auto inputs = jobInputs();
    if (!inputs)
        return;
    // Reuse the heat map's analysis when it was made for this config and data.
    std::shared_ptr<const SensitivityResult> previous;
    if (m_sensitivity && m_sensitivityBase == inputs->base && m_sensitivityImages == images)
        previous = m_sensitivity;
    launch(tr("Mixed-precision search"), tr("Mixed-precision search failed"), std::move(*inputs),
           [this, images, options, previous](const RunControl& ctl, const JobInputs& in) {
        const auto& [model, calib, all, base] = in;
        const RunControl quiet{ctl.cancel, {}, ctl.threads, nullptr};
        const Dataset subset = evenSubset(*all, images);
        auto outcome = std::make_shared<SearchOutcome>();
        {
            const ExitScorer scorer(*model, subset, quiet);
            outcome->result = autoQuantize(scorer, base, *calib, options, ctl, previous.get());
        }
        outcome->base = base;
        outcome->searchImages = subset.size();
        outcome->fullImages = all->size();
        const AutoQuantResult& r = outcome->result;
        outcome->chosen = r.best;
        if (outcome->searchImages == outcome->fullImages) {
            outcome->fullScore = r.found().score;
            outcome->targetMetOnFull = r.targetMet;
        } else {
            // Candidates: the found config first, then the other feasible ones by objective.
            std::vector<int> order;
            for (const EvaluatedConfig& e : r.evaluated)
                if (e.feasible && e.index != r.best)
                    order.push_back(e.index);
            std::stable_sort(order.begin(), order.end(), [&r](int a, int b) {
                return r.evaluated[size_t(a)].objective < r.evaluated[size_t(b)].objective;
            });
            order.insert(order.begin(), r.best);
            const ExitScorer full(*model, *all, quiet);
            for (int index : order) {
                if (outcome->recheckEvaluations >= kMaxRechecks)
                    break;
                const ExitScore score =
                    full.score(applyBits(base, r.evaluated[size_t(index)].bits), *calib, quiet);
                ++outcome->recheckEvaluations;
                if (index == r.best || meets(score, options.target)) {
                    outcome->chosen = index;
                    outcome->fullScore = score;
                    outcome->targetMetOnFull = meets(score, options.target);
                }
                if (outcome->targetMetOnFull)
                    break;
            }
        }
        std::shared_ptr<const SearchOutcome> done = outcome;
        return std::function<void()>([this, done] { setSearch(done); });
    });
}

void MixedPrecisionSession::setSensitivity(std::shared_ptr<const SensitivityResult> result,
                                           const QuantConfig& base, int images)
{
    m_sensitivity = std::move(result);
    m_sensitivityBase = base;
    m_sensitivityImages = images;
    emit sensitivityAvailable();
}

void MixedPrecisionSession::setSearch(std::shared_ptr<const SearchOutcome> outcome)
{
    m_search = std::move(outcome);
    emit searchAvailable();
}

void MixedPrecisionSession::applyPoint(int index)
{
    if (!m_search || index < 0 || index >= static_cast<int>(m_search->result.evaluated.size()))
        return;
    const EvaluatedConfig& e = m_search->result.evaluated[static_cast<size_t>(index)];
    QuantConfig config = applyBits(m_search->base, e.bits);
    config.model = m_quant->config().model;
    m_quant->setConfig(config, index == m_search->chosen
                                   ? tr("Apply the found mixed-precision config")
                                   : tr("Apply mixed-precision point #%1").arg(index));
}

void MixedPrecisionSession::applyFound()
{
    if (m_search)
        applyPoint(m_search->chosen);
}

} // namespace ql
