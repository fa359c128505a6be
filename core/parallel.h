#pragma once
// The worker pool the FP32 executor and the integer engine share: a fixed set of units handed
// out one at a time to up to N threads (the calling thread included).

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/progress.h"

namespace ql {

// Keeps the engine's per-batch buffers (a few MB each: accumulators, patches, activations of a
// work unit) in the malloc heap instead of fresh mmap()s. glibc maps every block above its
// mmap threshold and trims freed heap tops, so each batch faulted its pages in again — and page
// faults serialise the worker threads on the address-space lock (measured on the demo CNN:
// 385 k faults and 1.6x on 2 threads before, 32 k faults after). Raises the mmap threshold to
// 32 MiB (the largest glibc allows) and the trim threshold to 256 MiB. Call once from main();
// a no-op elsewhere than glibc.
void keepWorkBuffersMapped();

// ctl.threads, or every hardware thread when it is 0; at least 1.
inline int threadCount(const RunControl& ctl)
{
    const int t = ctl.threads > 0 ? ctl.threads
                                  : static_cast<int>(std::thread::hardware_concurrency());
    return std::max(t, 1);
}

// Runs fn(unit) for units [0, count) on up to `threads` threads (the calling thread works
// too); the first failure sets `abort` (no further unit starts; fn may poll it to stop early)
// and is rethrown after every thread has joined.
template <typename Fn>
void forEachUnit(size_t count, int threads, std::atomic<bool>& abort, Fn fn)
{
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&] {
        for (;;) {
            const size_t u = next++;
            if (u >= count || abort.load())
                return;
            try {
                fn(u);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
                abort = true;
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    const size_t workers = std::min<size_t>(static_cast<size_t>(threads), count);
    for (size_t w = 1; w < workers; ++w)
        pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

template <typename Fn>
void forEachUnit(size_t count, int threads, Fn fn)
{
    std::atomic<bool> abort{false};
    forEachUnit(count, threads, abort, fn);
}

} // namespace ql
