#include "widgets/config_commands.h"

namespace ql {

namespace {
constexpr int kConfigCommandId = 0x51434647; // "QCFG"
}

ConfigCommand::ConfigCommand(Apply apply, QuantConfig before, QuantConfig after,
                             const QString& text, const QString& mergeKey)
    : QUndoCommand(text), m_apply(std::move(apply)), m_before(std::move(before)),
      m_after(std::move(after)), m_mergeKey(mergeKey)
{
    m_lastEdit.start();
}

void ConfigCommand::undo()
{
    m_apply(m_before);
}

void ConfigCommand::redo()
{
    m_apply(m_after);
}

int ConfigCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : kConfigCommandId;
}

bool ConfigCommand::mergeWith(const QUndoCommand* other)
{
    const auto* next = static_cast<const ConfigCommand*>(other);
    if (next->m_mergeKey != m_mergeKey || m_lastEdit.elapsed() > kMergeWindowMs)
        return false;
    m_after = next->m_after;
    setText(next->text());
    m_lastEdit.restart();
    // Back where it started (e.g. 8 → 6 → 8): the step disappears from the stack.
    setObsolete(m_after == m_before);
    return true;
}

} // namespace ql
