#pragma once
// ctest runs the kernel suites once per instruction set with QL_ISA set (tests/CMakeLists.txt,
// ql_add_isa_variants). On a CPU that lacks the forced path the suite is skipped, and says so,
// instead of failing: the same ctest list serves every machine.

#include <QString>

#include <cstdlib>

#include "core/isa/cpu_isa.h"

// Empty when the suite can run; otherwise why it cannot (for QSKIP).
inline QString forcedIsaUnavailable()
{
    const char* forced = std::getenv(ql::kIsaEnvironmentVariable);
    ql::Isa isa;
    if (!forced || !*forced || !ql::parseIsa(forced, &isa))
        return {}; // unset, or unknown: activeIsa() reports the unknown name itself
    if (ql::isaSupported(isa))
        return {};
    return QStringLiteral("%1=%2: this CPU does not support it").arg(ql::kIsaEnvironmentVariable, forced);
}
