#include "widgets/quant_session.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

#include "core/class_map.h"
#include "core/error.h"
#include "core/export/qdq_import.h"
#include "widgets/quant_session_p.h"
#include "widgets/session.h"
#include "core/text_format.h"

namespace ql {

// ---- construction ---------------------------------------------------------------------------

QuantSession::QuantSession(Session* session, QObject* parent)
    : QObject(parent), d(std::make_unique<Private>()), m_session(session)
{
    d->q = this;
    d->debounce.setSingleShot(true);
    d->debounce.setInterval(150);
    connect(&d->debounce, &QTimer::timeout, this, [this] { d->startEvaluation(); });
    connect(&d->undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit dirtyChanged(!clean); });
    const std::pair<JobSlot*, QString> jobs[] = {
        {&d->calibJob, tr("Calibration failed")},
        {&d->evalJob, tr("Evaluation failed")},
    };
    for (const auto& [slot, title] : jobs) {
        connect(slot, &JobSlot::progress, this, &QuantSession::progress);
        connect(slot, &JobSlot::busyChanged, this, [this] { d->updateBusy(); });
        connect(slot, &JobSlot::cancelled, this, [this] { d->setState(EvaluationState::Cancelled); });
        connect(slot, &JobSlot::failed, this, [this, slot = slot, title = title](const QString& message) {
            // A failed calibration keeps the previous calibration and its report: when that
            // report still matches the config, the status says so instead of staying red.
            const bool calibration = slot == &d->calibJob;
            if (calibration)
                d->pendingCalibDir.clear();
            const bool intact = calibration && d->calib && d->current.report && !isReportStale();
            d->setState(intact ? EvaluationState::UpToDate : EvaluationState::Failed);
            emit failed(title, message);
        });
    }

    connect(session, &Session::modelChanged, this, [this] {
        Private& p = *d;
        p.calibJob.discard();
        p.evalJob.discard();
        p.debounce.stop();
        p.model = m_session->model();
        p.qdq = m_session->qdqImport();
        p.calib.reset();
        p.calibData.reset();
        p.current = {};
        p.cache.clear();
        p.baseline.reset();
        p.baselineName.clear();
        p.configPath.clear();
        p.selected.clear();
        p.config = {};
        if (p.qdq) {
            // A QDQ file: the config it was exported with (or the one its graph states).
            p.config = p.qdq->config;
        } else if (p.model) {
            p.config = presetConfig("w8a8");
            p.config.model.fileName = QFileInfo(m_session->modelPath()).fileName().toStdString();
            p.config.model.sha256 = p.model->sha256;
            p.config.preprocess = defaultPreprocess(*p.model);
        }
        p.undo.clear();
        p.rebuildPlan();
        p.updateBusy();
        emit planChanged();
        emit configChanged();
        emit configPathChanged();
        emit calibrationChanged();
        emit reportAvailable();
        emit baselineChanged();
        emit selectedLayerChanged({});
        if (p.model && (!p.calibDir.isEmpty() || m_session->dataset()))
            p.startCalibration();
        else
            p.setState(p.model ? EvaluationState::WaitingForData : EvaluationState::Idle);
    });
    connect(session, &Session::datasetChanged, this, [this] {
        // Without a calibration folder the evaluation folder calibrates too.
        if (d->calibDir.isEmpty() && d->pendingCalibDir.isEmpty()) {
            if (m_session->dataset())
                d->startCalibration();
            return;
        }
        if (m_session->dataset())
            d->scheduleEvaluation();
    });
    // A failed evaluation-folder load stops the wait for it.
    connect(session, &Session::jobsChanged, this, [this] {
        if (d->state == EvaluationState::WaitingForData && d->calib)
            d->scheduleEvaluation();
    });
}

QuantSession::~QuantSession()
{
    // The job slots cancel and wait for their workers as they die. No signals from here on:
    // the receivers may already be half destroyed (the undo stack reports "clean" as it dies).
    blockSignals(true);
    d->undo.blockSignals(true);
    d->calibJob.blockSignals(true);
    d->evalJob.blockSignals(true);
}

// ---- jobs -----------------------------------------------------------------------------------

void QuantSession::Private::start(JobSlot& slot, const QString& description, JobSlot::Work work)
{
    slot.setThreads(q->m_session->threads());
    slot.start(description, std::move(work));
}

JobSlot* QuantSession::calibrationJob() const
{
    return &d->calibJob;
}

JobSlot* QuantSession::evaluationJob() const
{
    return &d->evalJob;
}

void QuantSession::Private::updateBusy()
{
    const bool now = calibJob.isBusy() || evalJob.isBusy();
    if (now != busy) {
        busy = now;
        emit q->busyChanged(now);
    }
}

void QuantSession::Private::setState(State s)
{
    if (s == state)
        return;
    state = s;
    emit q->evaluationStateChanged();
}

// ---- calibration ----------------------------------------------------------------------------

void QuantSession::openCalibrationFolder(const QString& dir)
{
    d->pendingCalibDir = dir;
    if (!d->model) {
        // Remembered; calibrated as soon as a model is open.
        d->calibDir = dir;
        d->pendingCalibDir.clear();
        emit calibrationChanged();
        return;
    }
    d->startCalibration();
}

void QuantSession::Private::startCalibration()
{
    if (!model)
        return;
    evalJob.discard();
    debounce.stop();
    const QString dir = pendingCalibDir.isEmpty() ? calibDir : pendingCalibDir;
    std::shared_ptr<const Dataset> given = dir.isEmpty() ? q->m_session->dataset() : nullptr;
    if (dir.isEmpty() && !given)
        return;
    const std::string root = QFile::encodeName(dir).toStdString();
    const QString where =
        dir.isEmpty() ? QObject::tr("the evaluation images") : QFileInfo(dir).fileName();
    const auto m = model;
    const int limit = calibLimit;
    const Preprocess pp = config.preprocess;
    setState(State::WaitingForData);
    start(
        calibJob, QObject::tr("Calibrating on %1").arg(where),
        [this, m, root, limit, given, dir, pp](const RunControl& ctl) -> std::function<void()> {
            std::shared_ptr<const Dataset> data = given;
            if (!data) {
                // Labelled as the evaluation folder is: it stands in for one when none is open.
                Dataset loaded = loadImageFolder(root, pp, limit, ctl);
                applyConfiguredClassMap(loaded, pp,
                                        m->exits.empty() ? 0 : m->exits.back().classes);
                data = std::make_shared<const Dataset>(std::move(loaded));
            }
            ctl.check();
            auto stats = std::make_shared<const CalibrationStats>(calibrate(*m, *data, ctl));
            return [this, data, stats, dir] {
                calibDir = dir;
                pendingCalibDir.clear();
                calibData = data;
                calib = stats;
                cache.clear();
                emit q->calibrationChanged();
                startEvaluation();
            };
        });
}

bool QuantSession::usesImportedParams() const
{
    return d->qdq && d->config == d->qdq->config;
}

QString QuantSession::calibrationDir() const
{
    return d->calibDir;
}

std::shared_ptr<const Dataset> QuantSession::calibrationData() const
{
    return d->calibData;
}

std::shared_ptr<const CalibrationStats> QuantSession::calibration() const
{
    return d->calib;
}

void QuantSession::setCalibrationLimit(int limit)
{
    d->calibLimit = limit;
}

bool QuantSession::isCalibrating() const
{
    return d->calibJob.isBusy();
}

// ---- evaluation -----------------------------------------------------------------------------

std::shared_ptr<const Dataset> QuantSession::evaluationData() const
{
    if (auto data = m_session->dataset())
        return data;
    // An evaluation folder is on its way: wait for it rather than evaluate twice.
    if (m_session->isLoadingDataset())
        return nullptr;
    return d->calibData;
}

void QuantSession::Private::scheduleEvaluation()
{
    evalJob.discard(); // a newer edit supersedes the running evaluation
    if (!model) {
        setState(State::Idle);
        return;
    }
    if (!calib) {
        setState(calibJob.isBusy() ? State::WaitingForData : state);
        return;
    }
    debounce.start();
    setState(State::Scheduled);
}

void QuantSession::Private::startEvaluation()
{
    debounce.stop();
    evalJob.discard();
    const auto data = q->evaluationData();
    if (!model || !calib || !data) {
        setState(model ? State::WaitingForData : State::Idle);
        updateBusy();
        return;
    }
    // Undo / redo back to a recent config: its result is still here.
    for (const QuantEvaluationResult& r : cache)
        if (r.config == config && r.calib == calib && r.data == data) {
            publish(r);
            updateBusy();
            return;
        }

    const auto m = model;
    const auto stats = calib;
    const QuantConfig cfg = config;
    // The QDQ file's own config is built with the file's (S, Z) and codes; after an edit the
    // file no longer describes the config, which is then calibrated like any other.
    const auto imported = qdq && config == qdq->config ? qdq : nullptr;
    if (references.model != m || references.data != data)
        references = {m, data, std::make_shared<ReferenceCache>()};
    EvaluateOptions options;
    options.references = references.cache;
    setState(State::Evaluating);
    start(
        evalJob,
        QObject::tr("Evaluating the quantized model on %1")
            .arg(formatQuantity(data->size(), "image", "images")),
        [this, m, stats, cfg, data, options, imported](const RunControl& ctl) -> std::function<void()> {
            QElapsedTimer timer;
            timer.start();
            auto owned = std::make_shared<OwnedQuantizedModel>();
            owned->model = m;
            owned->qmodel = imported ? buildImportedQuantizedModel(*imported, *stats)
                                     : buildQuantizedModel(*m, cfg, *stats);
            ctl.check();
            auto report = std::make_shared<const EvaluationReport>(
                evaluateQuantized(owned->qmodel, *data, ctl, options));
            QuantEvaluationResult result;
            result.config = cfg;
            result.calib = stats;
            result.data = data;
            result.qmodel = std::shared_ptr<const QuantizedModel>(owned, &owned->qmodel);
            result.report = report;
            result.ms = timer.elapsed();
            return [this, result] {
                cache.push_front(result);
                while (cache.size() > cacheSize)
                    cache.pop_back();
                publish(result);
            };
        });
}

void QuantSession::Private::publish(const QuantEvaluationResult& result)
{
    current = result;
    setState(result.config == config ? State::UpToDate : State::Scheduled);
    emit q->reportAvailable();
}

void QuantSession::reevaluate()
{
    d->startEvaluation();
}

void QuantSession::cancel()
{
    const bool calibrating = d->calibJob.discard();
    const bool evaluating = d->evalJob.discard();
    const bool scheduled = d->debounce.isActive();
    d->debounce.stop();
    if (calibrating)
        d->pendingCalibDir.clear();
    d->updateBusy();
    if (calibrating || evaluating || scheduled)
        d->setState(EvaluationState::Cancelled);
}

void QuantSession::setDebounceMs(int ms)
{
    d->debounce.setInterval(std::max(0, ms));
}

void QuantSession::setResultCacheSize(int size)
{
    d->cacheSize = size_t(std::max(0, size));
    while (d->cache.size() > d->cacheSize)
        d->cache.pop_back();
}

bool QuantSession::isBusy() const
{
    return d->busy;
}

QuantSession::EvaluationState QuantSession::evaluationState() const
{
    return d->state;
}

qint64 QuantSession::lastEvaluationMs() const
{
    return d->current.ms;
}

bool QuantSession::isReportStale() const
{
    return d->current.report && !(d->current.config == d->config);
}

std::shared_ptr<const QuantizedModel> QuantSession::quantizedModel() const
{
    return d->current.qmodel;
}

std::shared_ptr<const EvaluationReport> QuantSession::report() const
{
    return d->current.report;
}

std::shared_ptr<const EvaluationReport> QuantSession::baseline() const
{
    return d->baseline;
}

QString QuantSession::baselineName() const
{
    return d->baselineName;
}

void QuantSession::pinBaseline(const QString& name)
{
    if (!d->current.report)
        return;
    d->baseline = d->current.report;
    d->baselineName = name;
    emit baselineChanged();
}

void QuantSession::clearBaseline()
{
    if (!d->baseline)
        return;
    d->baseline.reset();
    d->baselineName.clear();
    emit baselineChanged();
}

// ---- selection and explain ------------------------------------------------------------------

QString QuantSession::selectedLayer() const
{
    return d->selected;
}

void QuantSession::selectLayer(const QString& layer)
{
    if (layer == d->selected)
        return;
    d->selected = layer;
    emit selectedLayerChanged(layer);
}

ExplainResult QuantSession::explain(const QString& layer, const std::vector<int64_t>& index,
                                    int sample) const
{
    const QuantEvaluationResult& r = d->current;
    if (!r.qmodel || !r.data)
        throw Error("explain: no quantized model yet (the evaluation has not finished)");
    if (sample < 0 || sample >= r.data->size())
        throw Error("explain: sample " + std::to_string(sample) + " is outside the " +
                    std::to_string(r.data->size()) + " evaluation images");
    const std::string name = layer.toStdString();
    const PlannedLayer* planned = r.qmodel->plan.find(name);
    if (!planned)
        throw Error("explain: unknown layer '" + name + "'");
    // The index may come with or without the batch dimension; the batch position is the
    // sample. The whole evaluation batch goes in so that stochastic rounding replays the
    // evaluation's per-sample seed.
    std::vector<int64_t> full = index;
    const auto shape = r.qmodel->model->graph.shapes.find(planned->output);
    if (shape != r.qmodel->model->graph.shapes.end() && full.size() + 1 == shape->second.size())
        full.insert(full.begin(), 0);
    if (full.empty())
        throw Error("explain: empty element index");
    full[0] = sample;
    return explainElement(*r.qmodel, r.data->images, name, full);
}

} // namespace ql
