#pragma once
// Overflow-checked int64 arithmetic for shape math (element counts, window extents, padded
// sizes). Every dim in a model file is attacker-controlled: a product of two 2^32 dims or a
// dilation of 2^62 overflows int64, which is undefined behaviour and in practice a wrapped,
// negative or tiny size that later indexes out of bounds. These helpers return nullopt on
// overflow so that the caller can name the node or tensor in its error.
//
// Also the one cap on tensor sizes the engine enforces before allocating (see README,
// "Hostile models and fuzzing").

#include <cstdint>
#include <optional>
#include <vector>

namespace ql {

// 2^30 elements: 4 GiB of float32, 8 GiB of int64. Far above any activation of the models
// QuantLens targets at the batch sizes it runs (ResNet-50's largest at batch 256: 2^27.6),
// far below what a 64-bit size computation could wrap to.
inline constexpr int64_t kMaxTensorElements = int64_t{1} << 30;

inline std::optional<int64_t> checkedAdd(int64_t a, int64_t b)
{
    int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return std::nullopt;
    return sum;
}

inline std::optional<int64_t> checkedSub(int64_t a, int64_t b)
{
    int64_t difference = 0;
    if (__builtin_sub_overflow(a, b, &difference))
        return std::nullopt;
    return difference;
}

inline std::optional<int64_t> checkedMul(int64_t a, int64_t b)
{
    int64_t product = 0;
    if (__builtin_mul_overflow(a, b, &product))
        return std::nullopt;
    return product;
}

// a * b + c, nullopt when either step overflows.
inline std::optional<int64_t> checkedMulAdd(int64_t a, int64_t b, int64_t c)
{
    const std::optional<int64_t> product = checkedMul(a, b);
    return product ? checkedAdd(*product, c) : std::nullopt;
}

// Product of the dims, negative (unknown) dims counted as 0 like numelOf(); nullopt when it
// does not fit in int64.
inline std::optional<int64_t> checkedProduct(const std::vector<int64_t>& dims)
{
    for (int64_t d : dims)
        if (d <= 0)
            return 0; // [0, 2^40, 2^40] holds nothing, however the other dims multiply
    int64_t product = 1;
    for (int64_t d : dims) {
        const std::optional<int64_t> next = checkedMul(product, d);
        if (!next)
            return std::nullopt;
        product = *next;
    }
    return product;
}

} // namespace ql
