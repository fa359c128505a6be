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
