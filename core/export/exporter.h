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

// Writes `qmodel` in `format` to `path` atomically. Throws ql::Error naming the file and the
// problem.
ExportResult exportQuantizedModel(const QuantizedModel& qmodel, ExportFormat format,
                                  const std::string& path);

} // namespace ql
