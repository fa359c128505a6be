#pragma once
// 64-bit fingerprints of configurations (incremental re-evaluation, incremental_cache.h): FNV-1a's
// prime and offset over 8-byte words, with SplitMix64's avalanche as the final step. Not
// cryptographic; a collision needs two different inputs to meet by chance (2^−64 per
// comparison). One definition, used for every fingerprint the evaluator compares.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace ql {

class Fingerprint
{
public:
    void bytes(const void* data, size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        word(n);
        for (; n >= 8; n -= 8, p += 8) {
            uint64_t w;
            std::memcpy(&w, p, 8);
            word(w);
        }
        uint64_t tail = 0;
        if (n > 0) // memcpy from a null pointer is undefined even for 0 bytes (empty vector)
            std::memcpy(&tail, p, n);
        word(tail);
    }
    void word(uint64_t w) { m_h = (m_h ^ w) * 0x100000001B3ull; }
    void text(const std::string& s) { bytes(s.data(), s.size()); }
    template <typename T>
    void values(const std::vector<T>& v)
    {
        static_assert(std::is_arithmetic_v<T> || std::is_enum_v<T>);
        bytes(v.data(), v.size() * sizeof(T));
    }
    // Each argument in turn: a number or enum by its bytes, a string or vector by its length
    // and contents.
    template <typename... Ts>
    void fields(const Ts&... vs)
    {
        (field(vs), ...);
    }
    uint64_t done() const
    {
        uint64_t z = m_h;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

private:
    template <typename T>
    void field(const T& v)
    {
        if constexpr (std::is_same_v<T, std::string>)
            text(v);
        else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>)
            bytes(&v, sizeof v);
        else
            values(v);
    }

    uint64_t m_h = 0xCBF29CE484222325ull;
};

} // namespace ql
