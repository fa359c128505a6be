#pragma once
// One entry point for every export format, shared by quantlens-cli export and the GUI's
// File ▸ Export Quantized Model… (docs/export-formats.md documents the formats).

#include <string>
#include <vector>

#include "core/export/qdq_export.h"

namespace ql {

enum class ExportFormat {
    Qdq,            // ONNX model with QuantizeLinear/DequantizeLinear (qdq_export.h)
    OrtOverrides,   // ONNX Runtime TensorQuantOverrides JSON (ort_overrides.h)
    AimetEncodings, // AIMET encodings JSON (aimet_encodings.h)
};

const char* exportFormatName(ExportFormat f);          // "qdq", "ort-overrides", "aimet-encodings"
bool parseExportFormat(const std::string& name, ExportFormat* out);
std::vector<std::string> exportFormatNames();
const char* exportFormatSuffix(ExportFormat f);        // ".qdq.onnx", ".ort-overrides.json", ".aimet.json"

struct ExportResult
{
    std::string path;
    ExportFormat format = ExportFormat::Qdq;
    QdqExportResult qdq;            // Qdq only
    std::vector<std::string> notes; // what the target computes differently from QuantLens
};

// What both front ends (quantlens-cli export, the export dialog) show after an export:
// "Wrote PATH (FORMAT)", for QDQ a line with the opset, the Q/DQ node and layer counts and the
// ONNX checker's verdict, and with `withNotes` one "note: ..." line per note. No final newline.
std::string exportSummary(const ExportResult& result, bool withNotes);

// Writes `qmodel` in `format` to `path` atomically. Throws ql::Error naming the file and the
// problem.
ExportResult exportQuantizedModel(const QuantizedModel& qmodel, ExportFormat format,
                                  const std::string& path);

} // namespace ql
