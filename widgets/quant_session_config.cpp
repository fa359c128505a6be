// QuantSession: the config (undoable edits, presets, open / save) and report export.
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include "core/error.h"
#include "core/preprocess_check.h"
#include "core/quant/report_io.h"
#include "widgets/config_commands.h"
#include "widgets/quant_session_p.h"
#include "widgets/session.h"

namespace ql {

namespace {

std::string localPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

bool isEmptyOverride(const LayerOverride& o)
{
    return o == LayerOverride{};
}

} // namespace

void QuantSession::Private::rebuildPlan()
{
    plan.reset();
    if (!model)
        return;
    try {
        plan = std::make_shared<const LayerPlan>(planLayers(*model, config.defaults.fusion));
    } catch (const std::exception& e) {
        plan = std::make_shared<const LayerPlan>();
        emit q->failed(QObject::tr("Cannot quantize this model"), QString::fromUtf8(e.what()));
    }
}

// Called by the undo commands (redo and undo): the one place the config changes.
void QuantSession::Private::applyConfig(const QuantConfig& next)
{
    const bool replan = next.defaults.fusion != config.defaults.fusion;
    const bool reload = !(next.preprocess == config.preprocess);
    config = next;
    if (replan) {
        rebuildPlan();
        emit q->planChanged();
    }
    emit q->configChanged();
    if (!reload) {
        scheduleEvaluation();
        return;
    }
    // Other preprocessing (size, normalisation, channel order, class map): both folders are
    // loaded again and calibrated anew; nothing computed from the old tensors is kept.
    evalJob.discard();
    calibJob.discard();
    debounce.stop();
    calib.reset();
    calibData.reset();
    cache.clear();
    emit q->calibrationChanged();
    q->m_session->setPreprocess(config.preprocess);
    setState(State::WaitingForData);
    // Without a calibration folder the evaluation folder calibrates, once reloaded
    // (datasetChanged starts it).
    if (!calibDir.isEmpty() || !pendingCalibDir.isEmpty() || !q->m_session->isLoadingDataset())
        startCalibration();
    updateBusy();
}

void QuantSession::Private::pushConfig(const QuantConfig& next, const QString& description,
                                       const QString& mergeKey)
{
    if (next == config)
        return;
    undo.push(new ConfigCommand([this](const QuantConfig& c) { applyConfig(c); }, config, next,
                                description, mergeKey));
}

const QuantConfig& QuantSession::config() const
{
    return d->config;
}

QUndoStack* QuantSession::undoStack() const
{
    return &d->undo;
}

std::shared_ptr<const LayerPlan> QuantSession::plan() const
{
    return d->plan;
}

QStringList QuantSession::layerNames() const
{
    QStringList names;
    if (d->plan)
        for (const PlannedLayer& l : d->plan->layers)
            names << QString::fromStdString(l.name);
    return names;
}

void QuantSession::setConfig(const QuantConfig& config, const QString& description)
{
    if (!d->model)
        return;
    d->pushConfig(config, description, {});
}

void QuantSession::editLayers(const QStringList& layers,
                              const std::function<void(LayerOverride&)>& edit,
                              const QString& description, const QString& mergeKey)
{
    if (!d->model || layers.isEmpty())
        return;
    QuantConfig next = d->config;
    for (const QString& layer : layers) {
        const std::string name = layer.toStdString();
        LayerOverride& o = next.layers[name];
        edit(o);
        if (isEmptyOverride(o))
            next.layers.erase(name);
    }
    d->pushConfig(next, description, mergeKey);
}

void QuantSession::editDefaults(const std::function<void(QuantDefaults&)>& edit,
                                const QString& description)
{
    if (!d->model)
        return;
    QuantConfig next = d->config;
    edit(next.defaults);
    d->pushConfig(next, description, {});
}

// ---- files ----------------------------------------------------------------------------------

void QuantSession::openConfig(const QString& path)
{
    const QString title = tr("Could not open the config");
    if (!d->model) {
        emit failed(title, tr("%1: open a model first").arg(path));
        return;
    }
    QuantConfig foreign;
    try {
        foreign = loadQuantConfig(localPath(path));
    } catch (const std::exception& e) {
        emit failed(title, QString::fromUtf8(e.what()));
        return;
    }
    if (!foreign.model.sha256.empty() && foreign.model.sha256 != d->model->sha256) {
        emit modelMismatch(path, foreign);
        return;
    }
    // Validate the layer names against the plan the config's own fusion setting gives.
    try {
        const LayerPlan plan = foreign.defaults.fusion == d->config.defaults.fusion && d->plan
                                   ? *d->plan
                                   : planLayers(*d->model, foreign.defaults.fusion);
        const std::vector<std::string> names = plan.layerNames();
        foreign = loadQuantConfig(localPath(path), &names);
        requireValidPreprocess(foreign.preprocess, localPath(path) + ": preprocessing",
                               d->model.get());
    } catch (const std::exception& e) {
        emit failed(title, QString::fromUtf8(e.what()));
        return;
    }
    foreign.model.fileName = d->config.model.fileName;
    foreign.model.sha256 = d->model->sha256;
    d->pushConfig(foreign, tr("Open %1").arg(QFileInfo(path).fileName()), {});
    d->undo.setClean();
    d->configPath = path;
    emit configPathChanged();
}

void QuantSession::applyMatchingLayers(const QuantConfig& foreign)
{
    if (!d->model)
        return;
    const QStringList names = layerNames();
    QuantConfig next = d->config; // preprocessing stays this model's
    next.model.fileName = QFileInfo(m_session->modelPath()).fileName().toStdString();
    next.model.sha256 = d->model->sha256;
    next.defaults = foreign.defaults;
    next.comment = foreign.comment;
    next.layers.clear();
    for (const auto& [name, o] : foreign.layers)
        if (names.contains(QString::fromStdString(name)))
            next.layers[name] = o;
    d->pushConfig(next, tr("Apply matching layers"), {});
}

bool QuantSession::saveConfig(const QString& path)
{
    try {
        saveQuantConfig(d->config, localPath(path));
    } catch (const std::exception& e) {
        emit failed(tr("Could not save the config"), QString::fromUtf8(e.what()));
        return false;
    }
    d->undo.setClean();
    if (path != d->configPath) {
        d->configPath = path;
        emit configPathChanged();
    }
    return true;
}

QString QuantSession::configPath() const
{
    return d->configPath;
}

bool QuantSession::isDirty() const
{
    return !d->undo.isClean();
}

bool QuantSession::exportReport(const QString& path)
{
    const QuantEvaluationResult& r = d->current;
    const QString title = tr("Could not export the report");
    if (!r.report) {
        emit failed(title, tr("%1: there is no evaluation report yet").arg(path));
        return false;
    }
    ReportContext context;
    context.config = &r.config;
    context.calibrationFolder = localPath(d->calibDir);
    context.evaluationFolder =
        localPath(r.data == d->calibData ? d->calibDir : m_session->dataDir());
    context.toolVersion = QCoreApplication::applicationVersion().toStdString();
    try {
        saveEvaluationReport(*r.report, localPath(path), context);
    } catch (const std::exception& e) {
        emit failed(title, QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

} // namespace ql
