#pragma once
// Cancel token and progress callback: what long core functions take instead of Qt futures,
// so the CLI, the GUI workers and the tests drive them the same way.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"

namespace ql {

class CancelToken
{
public:
    void cancel() { m_stop.store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_stop.load(std::memory_order_relaxed); }
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw Cancelled();
    }

private:
    std::atomic<bool> m_stop{false};
};

// done/total in arbitrary units; may be called from worker threads.
using ProgressFn = std::function<void(long long done, long long total)>;

// Optional profiling hook: time per op type, summed over calls and threads (so with N worker
// threads the totals can reach N × wall time). Thread-safe; the executors add one sample per
// node they dispatch when RunControl::profiler is set, and pay nothing when it is not.
class Profiler
{
public:
    struct Entry
    {
        std::string opType;
        double seconds = 0.0;
        int64_t calls = 0;
    };

    void add(const char* opType, double seconds)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        Entry& e = m_totals[opType];
        if (e.opType.empty())
            e.opType = opType;
        e.seconds += seconds;
        ++e.calls;
    }
    // Largest total first.
    std::vector<Entry> totals() const
    {
        std::vector<Entry> out;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            for (const auto& [name, e] : m_totals)
                out.push_back(e);
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const Entry& a, const Entry& b) { return a.seconds > b.seconds; });
        return out;
    }
    void reset()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_totals.clear();
    }

private:
    mutable std::mutex m_mutex;
    std::map<std::string, Entry> m_totals;
};

// Times its own lifetime into `profiler` under `opType` (no-op when profiler is null).
// `opType` must outlive the scope (a node's op type string or a literal).
class ProfileScope
{
public:
    ProfileScope(Profiler* profiler, const char* opType)
        : m_profiler(profiler), m_opType(opType)
    {
        if (m_profiler)
            m_start = std::chrono::steady_clock::now();
    }
    ~ProfileScope()
    {
        if (m_profiler)
            m_profiler->add(m_opType, std::chrono::duration<double>(
                                          std::chrono::steady_clock::now() - m_start)
                                          .count());
    }
    ProfileScope(const ProfileScope&) = delete;
    ProfileScope& operator=(const ProfileScope&) = delete;

private:
    Profiler* m_profiler;
    const char* m_opType;
    std::chrono::steady_clock::time_point m_start;
};

struct RunControl
{
    const CancelToken* cancel = nullptr;
    ProgressFn progress;
    int threads = 0; // 0 = all hardware threads
    Profiler* profiler = nullptr; // optional: time per op type (quantlens-bench)

    void check() const
    {
        if (cancel)
            cancel->throwIfCancelled();
    }
    void report(long long done, long long total) const
    {
        if (progress)
            progress(done, total);
    }
};

} // namespace ql
