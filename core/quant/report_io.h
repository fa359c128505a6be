#pragma once
// EvaluationReport export: JSON (everything, nested, histograms included) and CSV (flat, for
// spreadsheets and pandas). Used by `quantlens-cli evaluate --report` and the GUI's Export
// Report; both write atomically (core/atomic_write.h), so a failed export keeps the old file.
//
// CSV layout: two plain RFC 4180 files, comma-separated, '.' decimal point, a header row,
// no comment lines — `pandas.read_csv(path)` and LibreOffice's default import read them as is:
//   <name>.csv        one row per layer (plan order): identity, resolved config, (S, Z)
//                     summary, weight / local / propagated error statistics, overflows;
//   <name>_exits.csv  one row per exit: MACs, FP32 and quantized top-1, agreement.
// The model-level values (samples, size, compression) are in the JSON only.

#include <string>

#include "core/quant/engine.h"

namespace ql {

// Document identity in the JSON ("format", "format_version").
inline constexpr const char* kReportFormat = "quantlens-evaluation-report";
inline constexpr int kReportFormatVersion = 1;

struct ReportContext
{
    const QuantConfig* config = nullptr; // embedded under "config" when set
    std::string calibrationFolder;
    std::string evaluationFolder;
    std::string toolVersion;
};

// Pretty-printed JSON text (keys sorted by QJsonObject).
std::string reportToJson(const EvaluationReport& report, const ReportContext& context = {});
// The CSV texts described above (with a trailing newline).
std::string layersToCsv(const EvaluationReport& report);
std::string exitsToCsv(const EvaluationReport& report);
// "out/run.csv" -> "out/run_exits.csv".
std::string exitsCsvPath(const std::string& csvPath);

// Writes `path` atomically. ".json" → JSON; ".csv" → the layer CSV at `path` and the exit
// CSV at exitsCsvPath(path) as one save (on failure neither file is replaced). Anything else
// is an ql::Error, as is a failed write (the message names the path and the system's reason,
// e.g. "No space left on device"; the targets keep their old bytes).
void saveEvaluationReport(const EvaluationReport& report, const std::string& path,
                          const ReportContext& context = {});

// writeFileAtomic (core/atomic_write.h) for text. Throws ql::Error naming the path.
void writeTextFileAtomic(const std::string& path, const std::string& text);

} // namespace ql
