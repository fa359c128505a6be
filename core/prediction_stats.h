#pragma once
// Statistics over per-exit predictions that need no labels: how often two exits agree and how
// predictions spread over the classes. Used where a data folder is unlabelled and accuracy is
// therefore not available. Header-only so the CLI can share it without linking Qt Widgets.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ql {

// Share (0..100) of samples on which both prediction vectors name the same class.
inline double agreementPercent(const std::vector<int>& a, const std::vector<int>& b)
{
    const size_t n = std::min(a.size(), b.size());
    if (n == 0)
        return 0.0;
    size_t same = 0;
    for (size_t i = 0; i < n; ++i)
        same += a[i] == b[i] ? 1 : 0;
    return 100.0 * static_cast<double>(same) / static_cast<double>(n);
}

// counts[c] = number of samples predicted as class c; out-of-range predictions are ignored.
inline std::vector<int64_t> predictionCounts(const std::vector<int>& predictions, int64_t classes)
{
    std::vector<int64_t> counts(static_cast<size_t>(std::max<int64_t>(classes, 0)), 0);
    for (int p : predictions)
        if (p >= 0 && p < classes)
            ++counts[static_cast<size_t>(p)];
    return counts;
}

// Indices of the k most frequent classes, most frequent first (ties: lower index first).
inline std::vector<int> topClasses(const std::vector<int64_t>& counts, size_t k)
{
    std::vector<int> order(counts.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](int x, int y) { return counts[x] > counts[y]; });
    if (order.size() > k)
        order.resize(k);
    return order;
}

} // namespace ql
