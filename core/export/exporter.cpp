#include "core/export/exporter.h"

#include "core/error.h"
#include "core/export/aimet_encodings.h"
#include "core/export/encodings_common.h"
#include "core/export/ort_overrides.h"

namespace ql {

const char* exportFormatName(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Qdq: return "qdq";
    case ExportFormat::OrtOverrides: return "ort-overrides";
    case ExportFormat::AimetEncodings: return "aimet-encodings";
    }
    return "qdq";
}

std::vector<std::string> exportFormatNames()
{
    return {"qdq", "ort-overrides", "aimet-encodings"};
}

bool parseExportFormat(const std::string& name, ExportFormat* out)
{
    for (ExportFormat f : {ExportFormat::Qdq, ExportFormat::OrtOverrides, ExportFormat::AimetEncodings})
        if (name == exportFormatName(f)) {
            *out = f;
            return true;
        }
    return false;
}

const char* exportFormatSuffix(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Qdq: return ".qdq.onnx";
    case ExportFormat::OrtOverrides: return ".ort-overrides.json";
    case ExportFormat::AimetEncodings: return ".aimet.json";
    }
    return "";
}

std::string exportSummary(const ExportResult& r, bool withNotes)
{
    std::string text = "Wrote " + r.path + " (" + exportFormatName(r.format) + ")";
    if (r.format == ExportFormat::Qdq) {
        const QdqExportResult& q = r.qdq;
        text += "\n  opset " + std::to_string(q.opset) + ", " + std::to_string(q.quantizeNodes) +
                " QuantizeLinear, " + std::to_string(q.dequantizeNodes) + " DequantizeLinear; " +
                std::to_string(q.quantizedLayers) + " quantized layer(s), " +
                std::to_string(q.floatLayers) + " float; onnx checker: " +
                (q.fullCheck ? "passed (structure, types, shapes)"
                             : "passed (structure; libonnx 1.12 cannot type-check opset 21)");
    }
    if (withNotes)
        for (const std::string& note : r.notes)
            text += "\nnote: " + note;
    return text;
}

ExportResult exportQuantizedModel(const QuantizedModel& qmodel, ExportFormat format,
                                  const std::string& path)
{
    ExportResult result;
    result.path = path;
    result.format = format;
    try {
        switch (format) {
        case ExportFormat::Qdq:
            result.qdq = exportQdq(qmodel, path);
            result.notes = result.qdq.notes;
            break;
        case ExportFormat::OrtOverrides:
            enc::saveText(path, ortOverridesJson(qmodel, &result.notes));
            break;
        case ExportFormat::AimetEncodings:
            enc::saveText(path, aimetEncodingsJson(qmodel));
            break;
        }
    } catch (const Error& e) {
        const std::string what = e.what();
        if (what.rfind(path, 0) == 0)
            throw;
        throw Error(path + ": " + what);
    }
    return result;
}

} // namespace ql
