#pragma once
// Cancel token and progress callback: what long core functions take instead of Qt futures,
// so the CLI, the GUI workers and the tests drive them the same way.

#include <atomic>
#include <functional>

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

struct RunControl
{
    const CancelToken* cancel = nullptr;
    ProgressFn progress;
    int threads = 0; // 0 = all hardware threads

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
