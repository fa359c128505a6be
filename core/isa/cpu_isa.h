#pragma once
// Run-time choice of the SIMD kernels (as MLAS does): one portable x86-64 build carries every
// path, and the CPU it runs on decides which one executes.
//
//   scalar      — baseline x86-64 (SSE2), also the reference every other path must equal;
//   avx2        — 256-bit integer multiply-add (pmaddwd) and 8-float vectors, with FMA3;
//   avx512vnni  — AVX-512 F/BW/VL/DQ + VNNI (vpdpwssd) and 16-float vectors.
//
// Each path is its own translation unit compiled with its own -m flags (core/isa/kernels_*.cpp);
// nothing outside those files is compiled for more than the baseline. The path is chosen once,
// on first use: the best one the CPU (and OS, for the wider register state) supports, unless the
// environment variable QL_ISA names one — then exactly that one, or an error if the CPU lacks
// it (never a silent fallback). Every path computes bit-identical results: the integer kernels
// are exact, and the FP32 kernels add each output's products in the same order on every path
// (vectors span output columns, never the sum), with no implicit FMA contraction (the kernel
// files compile with -ffp-contract=off); the FP32 conv's explicit fused multiply-add is one
// rounding on every path (vfmadd, or libm's fmaf on the baseline).

#include <string>
#include <vector>

namespace ql {

enum class Isa { Scalar, Avx2, Avx512Vnni };

constexpr const char* kIsaEnvironmentVariable = "QL_ISA";

const char* isaName(Isa isa); // "scalar", "avx2", "avx512vnni"
// Returns false (and leaves *out alone) for an unknown name.
bool parseIsa(const std::string& name, Isa* out);
// "scalar, avx2, avx512vnni" — for error messages.
std::string isaNames();
// Whether this CPU and OS can run the path (scalar: always).
bool isaSupported(Isa isa);
// The supported paths, scalar first.
std::vector<Isa> supportedIsas();
// The widest supported path.
Isa bestIsa();

// The path the kernels take: chosen on the first call (QL_ISA or bestIsa()), then fixed.
// Throws ql::Error naming QL_ISA when it holds an unknown name or a path this CPU lacks.
Isa activeIsa();
// Switches the path for the whole process (tests and the bench compare paths in one run);
// throws ql::Error when the CPU lacks it. Not meant to race with running kernels.
void setActiveIsa(Isa isa);

} // namespace ql
