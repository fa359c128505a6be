#pragma once
// Limits on the preprocessing settings (config JSON "preprocessing", ql::Preprocess), checked
// where a config is read and again before images are loaded, so that a typo fails with the
// JSON path instead of producing garbage, an allocation failure or a crash:
//  * height, width: 1..65536 each, and C·H·W <= kMaxPreprocessValues. One preprocessed image
//    is held as C·H·W floats for every loaded sample; 2^24 values (64 MiB per image) is far
//    beyond any image model (ImageNet models take 3·224·224 = 150,528) while a 20000×20000
//    request would need 1.6 GB per image before the first inference. (A side alone may be
//    long: an MLP over D inputs that are not a square image reads a 1×D strip.)
//  * shorter_side_center_crop resizes the whole image first (its shorter side to
//    resize_shorter, at least the crop): height, width and resize_shorter <= kMaxCropSide, so
//    that intermediate image stays below 8192² pixels for a square photo.
//  * channel_order "bgr" needs 3 channels (a grayscale input has no order to swap).
//  * scale: a positive normal float (0, −1, 1e308 → inf, NaN, denormals are refused).
//  * mean: finite floats; std: positive normal floats (0, negative, 1e-45 are refused).
//  * pixels 0..255 must map to |(k·scale − mean) / std| <= kMaxInputMagnitude: beyond ±1e6 the
//    FP32 reference and every activation range are dominated by the preprocessing mistake
//    (e.g. std 1e-30 instead of 0.3), and float rounding no longer represents small errors.
//  * against a model: the input's static channels / height / width must be the ones set here
//    (and C·H·W for a rank-2 input), since the executor can run nothing else.

#include <optional>
#include <string>

#include "core/dataset.h"

namespace ql {

inline constexpr int kMaxPreprocessSide = 65536;
inline constexpr int kMaxCropSide = 8192;
inline constexpr long long kMaxPreprocessValues = 1LL << 24;
inline constexpr double kMaxInputMagnitude = 1e6;

struct PreprocessProblem
{
    std::string key;  // below "preprocessing": "scale", "std[1]", "height"; "" for the whole
    std::string what; // "0 must be > 0"
};

std::optional<PreprocessProblem> checkPreprocess(const Preprocess& pp);
std::optional<PreprocessProblem> checkPreprocessForModel(const Preprocess& pp, const Model& model);

// Throws ql::Error "<where>.<key>: <what>" (e.g. where = "cfg.json: preprocessing") for the
// first problem of checkPreprocess, then of checkPreprocessForModel when a model is given.
void requireValidPreprocess(const Preprocess& pp, const std::string& where,
                            const Model* model = nullptr);

} // namespace ql
