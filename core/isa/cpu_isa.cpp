#include "core/isa/cpu_isa.h"

#include <atomic>
#include <cstdlib>

#include "core/error.h"

namespace ql {

namespace {

// −1 until the first activeIsa(); then the Isa as an int.
std::atomic<int> g_active{-1};

} // namespace

const char* isaName(Isa isa)
{
    switch (isa) {
    case Isa::Scalar: return "scalar";
    case Isa::Avx2: return "avx2";
    case Isa::Avx512Vnni: return "avx512vnni";
    }
    return "scalar";
}

bool parseIsa(const std::string& name, Isa* out)
{
    for (Isa isa : {Isa::Scalar, Isa::Avx2, Isa::Avx512Vnni})
        if (name == isaName(isa)) {
            *out = isa;
            return true;
        }
    return false;
}

std::string isaNames()
{
    return "scalar, avx2, avx512vnni";
}

bool isaSupported(Isa isa)
{
#if defined(QL_X86_KERNELS)
    // libgcc's cpu model also checks XGETBV: a feature counts only when the OS saves its
    // registers (YMM state for AVX2, ZMM and opmask state for AVX-512).
    __builtin_cpu_init();
    switch (isa) {
    case Isa::Scalar: return true;
    case Isa::Avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case Isa::Avx512Vnni:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512vnni");
    }
    return false;
#else
    return isa == Isa::Scalar; // the vector paths are x86-64 only
#endif
}

std::vector<Isa> supportedIsas()
{
    std::vector<Isa> out;
    for (Isa isa : {Isa::Scalar, Isa::Avx2, Isa::Avx512Vnni})
        if (isaSupported(isa))
            out.push_back(isa);
    return out;
}

Isa bestIsa()
{
    return supportedIsas().back();
}

Isa activeIsa()
{
    const int active = g_active.load(std::memory_order_acquire);
    if (active >= 0)
        return static_cast<Isa>(active);
    Isa chosen = bestIsa();
    if (const char* forced = std::getenv(kIsaEnvironmentVariable); forced && *forced) {
        if (!parseIsa(forced, &chosen))
            throw Error(std::string(kIsaEnvironmentVariable) + "=" + forced +
                        ": unknown instruction set (expected one of " + isaNames() + ")");
        if (!isaSupported(chosen))
            throw Error(std::string(kIsaEnvironmentVariable) + "=" + forced +
                        ": this CPU does not support it (supported: " +
                        [] {
                            std::string s;
                            for (Isa isa : supportedIsas())
                                s += (s.empty() ? "" : ", ") + std::string(isaName(isa));
                            return s;
                        }() +
                        ")");
    }
    // Two threads racing here pick the same path; the first store wins.
    int expected = -1;
    g_active.compare_exchange_strong(expected, static_cast<int>(chosen), std::memory_order_acq_rel);
    return static_cast<Isa>(g_active.load(std::memory_order_acquire));
}

void setActiveIsa(Isa isa)
{
    if (!isaSupported(isa))
        throw Error(std::string("instruction set ") + isaName(isa) + " is not supported by this CPU");
    g_active.store(static_cast<int>(isa), std::memory_order_release);
}

} // namespace ql
