#pragma once
// Undo commands over the QuantConfig. Every edit is a whole-config snapshot pair: configs are
// small (a few dozen layer overrides), and a snapshot cannot drift out of sync the way a
// field-by-field inverse can. Edits of one table cell in quick succession merge into one step.

#include <QElapsedTimer>
#include <QUndoCommand>

#include <functional>

#include "core/quant/quant_config.h"

namespace ql {

class ConfigCommand : public QUndoCommand
{
public:
    using Apply = std::function<void(const QuantConfig&)>;

    // mergeKey: commands with the same non-empty key merge when pushed within kMergeWindowMs.
    ConfigCommand(Apply apply, QuantConfig before, QuantConfig after, const QString& text,
                  const QString& mergeKey = {});

    static constexpr int kMergeWindowMs = 2000;

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    const QuantConfig& before() const { return m_before; }
    const QuantConfig& after() const { return m_after; }

private:
    Apply m_apply;
    QuantConfig m_before;
    QuantConfig m_after;
    QString m_mergeKey;
    QElapsedTimer m_lastEdit;
};

} // namespace ql
