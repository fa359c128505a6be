#pragma once
// The per-layer quantization configuration: a plain value the GUI edits, the CLI reads, the
// engine resolves per layer, and the config JSON stores (schema in docs/config-schema.md).
//
// Resolution: every layer starts from `defaults`; an entry in `layers` (keyed by layer / node
// name) overrides only the fields it sets: resolveLayer(config, name).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/quant/int_gemm.h"
#include "core/quant/observers.h"
#include "core/quant/quant_params.h"
#include "core/quant/rounding.h"

namespace ql {

enum class Granularity { PerTensor, PerChannel };
const char* granularityName(Granularity g); // "per_tensor", "per_channel"

// How one tensor kind (weights or activations) of a layer is quantized.
struct TensorQuantConfig
{
    int bits = 8;                 // 2..16
    bool isSigned = true;
    bool narrowRange = false;
    QuantSpec::Scheme scheme = QuantSpec::Scheme::Affine;
    QuantSpec::SymmetricDivisor symmetricDivisor = QuantSpec::SymmetricDivisor::PyTorch;
    Granularity granularity = Granularity::PerTensor; // PerChannel: weights only
    RoundingMode rounding = RoundingMode::HalfEven;
    ObserverKind observer = ObserverKind::MinMax;
    double percentile = 99.99;       // (0, 100], for observer percentile
    double averagingConstant = 0.01; // (0, 1], for moving_average_minmax

    QuantSpec spec() const;
    ObserverOptions observerOptions() const;
    bool operator==(const TensorQuantConfig&) const = default;
};

// A partial TensorQuantConfig: only the fields that are set override the defaults.
struct TensorQuantOverride
{
    std::optional<int> bits;
    std::optional<bool> isSigned;
    std::optional<bool> narrowRange;
    std::optional<QuantSpec::Scheme> scheme;
    std::optional<QuantSpec::SymmetricDivisor> symmetricDivisor;
    std::optional<Granularity> granularity;
    std::optional<RoundingMode> rounding;
    std::optional<ObserverKind> observer;
    std::optional<double> percentile;
    std::optional<double> averagingConstant;

    TensorQuantConfig applyTo(TensorQuantConfig base) const;
    bool operator==(const TensorQuantOverride&) const = default;
};

struct LayerOverride
{
    std::optional<TensorQuantOverride> weights;
    std::optional<TensorQuantOverride> activations;
    std::optional<bool> keepFloat;
    std::optional<RequantMode> requantization;
    std::optional<AccumulatorMode> accumulator;
    std::string comment;
    bool operator==(const LayerOverride&) const = default;
};

struct QuantDefaults
{
    TensorQuantConfig weights;
    TensorQuantConfig activations;
    RequantMode requantization = RequantMode::Float;
    AccumulatorMode accumulator = AccumulatorMode::Auto;
    bool fusion = true;      // fold BatchNorm, fuse ReLU/Clip (spec §4)
    bool keepFloat = false;  // every layer in float unless a layer says otherwise
    uint64_t seed = 0;       // stochastic rounding seed (0 ≤ seed < 2^53, JSON-safe)
    bool operator==(const QuantDefaults&) const = default;
};

struct ModelIdentity
{
    std::string fileName; // base name of the ONNX file
    std::string sha256;   // of its bytes, lower-case hex ("" = not checked)
    bool operator==(const ModelIdentity&) const = default;
};

struct QuantConfig
{
    int schemaVersion = 1;
    ModelIdentity model;
    Preprocess preprocess;
    QuantDefaults defaults;
    std::map<std::string, LayerOverride> layers; // by layer name
    std::string comment;
    bool operator==(const QuantConfig&) const = default;
};

struct ResolvedLayerConfig
{
    TensorQuantConfig weights;
    TensorQuantConfig activations;
    RequantMode requantization = RequantMode::Float;
    AccumulatorMode accumulator = AccumulatorMode::Auto;
    bool keepFloat = false;
    bool operator==(const ResolvedLayerConfig&) const = default;
};

// defaults ⊕ layers[layer] (a layer without an entry gets the defaults).
ResolvedLayerConfig resolveLayer(const QuantConfig& config, const std::string& layer);

// Presets: "w8a8" (PyTorch-FBGEMM-like: int8 symmetric per-channel weights, uint8 affine
// per-tensor activations, half_even, minmax, float requantization), "w4a8", "w8a8-trunc"
// (toward_zero everywhere), "int-only" (w8a8 with fixed-point requantization), "all-float".
std::vector<std::string> presetNames();
QuantConfig presetConfig(const std::string& name); // throws ql::Error for an unknown name

// JSON (QtCore). load/parse validate everything and throw ql::Error naming the file and the
// JSON path of the first problem, e.g. "cfg.json: layers.conv2.weights.bits: 17 is outside
// 2..16". validLayerNames == nullptr skips the layer-name check.
QuantConfig loadQuantConfig(const std::string& path,
                            const std::vector<std::string>* validLayerNames = nullptr);
QuantConfig parseQuantConfig(const std::string& bytes, const std::string& displayName,
                             const std::vector<std::string>* validLayerNames = nullptr);
// Pretty, deterministic (sorted keys) JSON text.
std::string serializeQuantConfig(const QuantConfig& config);
// Atomic (core/atomic_write.h): a synced temporary file renamed over `path`; on failure the
// previous file is untouched and ql::Error names the file and the reason. The class map is
// written relative to the file's folder (classMapRelativeTo).
void saveQuantConfig(const QuantConfig& config, const std::string& path);

// The class map in files. In memory Preprocess::classMap is absolute once a file was read; in a
// config file (or the config a QDQ export carries) it is relative to that file's folder, so that
// a file moved together with its labels file keeps working and no absolute path of the machine
// that wrote it is stored. resolveClassMap: relative → absolute against `file`'s folder;
// classMapRelativeTo: absolute → relative to `file`'s folder. Both leave "" alone.
void resolveClassMap(Preprocess& pp, const std::string& file);
QuantConfig classMapRelativeTo(QuantConfig config, const std::string& file);

} // namespace ql
