#pragma once
// The entry functions the libFuzzer targets (fuzz_*.cpp, built with QUANTLENS_FUZZ=ON and
// clang) and the plain ctest replay driver (tests/test_fuzz_replay.cpp, any compiler) share.
// Each feeds bytes to one public core entry point exactly as a user's file would reach it.
// A clean refusal is a ql::Error; anything else escaping (another exception type) or a crash
// is a bug: libFuzzer reports it, and the replay test fails on it.

#include <QDir>
#include <QTemporaryDir>

#include <cstdint>
#include <fstream>
#include <string>

#include "core/dataset.h"
#include "core/error.h"
#include "core/onnx_import.h"
#include "core/quant/quant_config.h"

namespace ql::fuzz {

enum class Outcome { Accepted, Refused };

// The error message of the last refusal (for the replay test's "names the file" check).
inline std::string& lastError()
{
    static std::string message;
    return message;
}

template <typename F> Outcome guarded(F&& f)
{
    try {
        f();
        return Outcome::Accepted;
    } catch (const Error& e) {
        lastError() = e.what();
        return Outcome::Refused;
    }
}

// ONNX import: parse, validation, libonnx shape inference, folding, our shape pass.
inline Outcome onnxLoader(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    return guarded([&] { loadOnnxModelFromBytes(bytes, "fuzz.onnx"); });
}

// Config JSON: parse and validate (no model, so the layer-name check is skipped).
inline Outcome configParser(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    return guarded([&] { parseQuantConfig(bytes, "fuzz.json"); });
}

// The image path of core/dataset: one file in a one-class ImageFolder, decoded and
// preprocessed to 1x28x28 as the demo's calibration images are. The folder lives for the
// whole process (libFuzzer calls this in a loop).
inline Outcome imageDecoder(const uint8_t* data, size_t size)
{
    static QTemporaryDir root(QDir::tempPath() + QStringLiteral("/ql_fuzz_image_XXXXXX"));
    static const std::string folder = [] {
        QDir(root.path()).mkpath(QStringLiteral("class0"));
        return root.path().toStdString();
    }();
    {
        std::ofstream out(folder + "/class0/sample.png", std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    return guarded([&] { loadImageFolder(folder, Preprocess{}); });
}

} // namespace ql::fuzz
