#include "core/quant/reference_cache.h"

#include "core/quant/incremental_cache.h"

namespace ql {

std::shared_ptr<const TensorMap> ReferenceCache::find(int64_t begin, int64_t count) const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_units.find({begin, count});
    return it == m_units.end() ? nullptr : it->second;
}

bool ReferenceCache::store(int64_t begin, int64_t count, std::shared_ptr<const TensorMap> refs)
{
    if (!refs)
        return false;
    int64_t size = 0;
    for (const auto& [name, t] : *refs)
        size += int64_t(name.size()) + int64_t(t.f.size() * sizeof(float)) +
                int64_t(t.q.size() * sizeof(int32_t)) + int64_t(t.i64.size() * sizeof(int64_t));
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_units.count({begin, count}))
        return true;
    if (m_bytes + size > m_budget)
        return false;
    m_units.emplace(std::make_pair(begin, count), std::move(refs));
    m_bytes += size;
    return true;
}

IncrementalCache& ReferenceCache::incremental()
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_incremental)
        m_incremental = std::make_shared<IncrementalCache>();
    return *m_incremental;
}

int64_t ReferenceCache::bytes() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_bytes;
}

} // namespace ql
