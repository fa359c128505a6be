#include "core/preprocess_check.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace ql {

namespace {

// Shortest text that reads back as the same float (the JSON 1e-45 prints as 1e-45).
std::string numberText(float v)
{
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// Three significant digits, for derived values.
std::string roughText(double v)
{
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 3);
    return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

std::string indexed(const char* key, size_t i)
{
    return std::string(key) + "[" + std::to_string(i) + "]";
}

// Positive, finite and not a denormal: a denormal scale or std loses all precision (and
// 1/std overflows to inf).
std::optional<std::string> positiveNormal(float v)
{
    if (std::isnan(v))
        return std::string("NaN is not a number");
    if (!(v > 0.0f))
        return numberText(v) + " must be > 0";
    if (std::isinf(v))
        return std::string("does not fit a 32-bit float (inf)");
    if (v < std::numeric_limits<float>::min())
        return numberText(v) + " is too small (below " +
               roughText(std::numeric_limits<float>::min()) + ")";
    return std::nullopt;
}

} // namespace

std::optional<PreprocessProblem> checkPreprocess(const Preprocess& pp)
{
    using P = PreprocessProblem;
    if (pp.channels != 1 && pp.channels != 3)
        return P{"channels", std::to_string(pp.channels) + " must be 1 (grayscale) or 3 (RGB)"};
    if (pp.channels == 1 && pp.channelOrder == Preprocess::ChannelOrder::Bgr)
        return P{"channel_order", "\"bgr\" needs 3 channels (channels is 1)"};
    const auto side = [](int v) { return v >= 1 && v <= kMaxPreprocessSide; };
    const std::string range = " is outside 1.." + std::to_string(kMaxPreprocessSide);
    if (!side(pp.height))
        return P{"height", std::to_string(pp.height) + range};
    if (!side(pp.width))
        return P{"width", std::to_string(pp.width) + range};
    const long long values = 1LL * pp.channels * pp.height * pp.width;
    if (values > kMaxPreprocessValues)
        return P{"", std::to_string(pp.channels) + "x" + std::to_string(pp.height) + "x" +
                         std::to_string(pp.width) + " = " + std::to_string(values) +
                         " values per image is more than the limit of " +
                         std::to_string(kMaxPreprocessValues) + " (64 MiB per image)"};
    const std::string crop = " is more than " + std::to_string(kMaxCropSide) +
                             " (the limit with shorter_side_center_crop)";
    if (pp.resize == Preprocess::Resize::ShorterSideThenCenterCrop) {
        if (pp.height > kMaxCropSide)
            return P{"height", std::to_string(pp.height) + crop};
        if (pp.width > kMaxCropSide)
            return P{"width", std::to_string(pp.width) + crop};
    }
    if (pp.resizeShorter < 0 || pp.resizeShorter > kMaxCropSide)
        return P{"resize_shorter", std::to_string(pp.resizeShorter) + " is outside 0.." +
                                       std::to_string(kMaxCropSide)};
    if (auto bad = positiveNormal(pp.scale))
        return P{"scale", *bad};
    const auto perChannel = [&](const std::vector<float>& v, const char* key)
        -> std::optional<PreprocessProblem> {
        if (v.size() != 1 && v.size() != static_cast<size_t>(pp.channels))
            return P{key, (pp.channels == 1 ? std::string("needs 1 value")
                                            : "needs 1 or " + std::to_string(pp.channels) +
                                                  " values") +
                              ", got " + std::to_string(v.size())};
        return std::nullopt;
    };
    if (auto bad = perChannel(pp.mean, "mean"))
        return bad;
    if (auto bad = perChannel(pp.std, "std"))
        return bad;
    for (size_t i = 0; i < pp.mean.size(); ++i)
        if (!std::isfinite(pp.mean[i]))
            return P{indexed("mean", i), numberText(pp.mean[i]) + " is not a finite number"};
    for (size_t i = 0; i < pp.std.size(); ++i)
        if (auto bad = positiveNormal(pp.std[i]))
            return P{indexed("std", i), *bad};
    // The largest |(k·scale − mean) / std| over k = 0..255 is reached at k = 0 or 255.
    for (int c = 0; c < pp.channels; ++c) {
        const double mean = pp.mean.size() == 1 ? pp.mean[0] : pp.mean[size_t(c)];
        const double stdDev = pp.std.size() == 1 ? pp.std[0] : pp.std[size_t(c)];
        const double largest =
            std::max(std::abs(0.0 - mean), std::abs(255.0 * double(pp.scale) - mean)) / stdDev;
        if (!(largest <= kMaxInputMagnitude))
            return P{"", "pixels 0..255 become values up to " + roughText(largest) +
                             " in channel " + std::to_string(c) + " (limit " +
                             roughText(kMaxInputMagnitude) + "): check scale, mean and std"};
    }
    return std::nullopt;
}

std::optional<PreprocessProblem> checkPreprocessForModel(const Preprocess& pp, const Model& model)
{
    using P = PreprocessProblem;
    if (model.graph.inputs.empty())
        return std::nullopt;
    const ValueInfo& input = model.graph.inputs.front();
    const Shape& s = input.shape;
    std::string dims;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i > 0)
            dims += ',';
        dims += s[i] < 0 ? std::string("?") : std::to_string(s[i]);
    }
    const std::string of = " (the model input '" + input.name + "' is [" + dims + "])";
    if (s.size() == 4) {
        if (pp.flattenToRank2)
            return P{"flatten_to_rank2", "is true but the input has rank 4" + of};
        const std::pair<const char*, int> dims[] = {
            {"channels", pp.channels}, {"height", pp.height}, {"width", pp.width}};
        for (size_t i = 0; i < 3; ++i)
            if (s[i + 1] > 0 && s[i + 1] != dims[i].second)
                return P{dims[i].first, std::to_string(dims[i].second) + " does not match " +
                                            std::to_string(s[i + 1]) + of};
    } else if (s.size() == 2 && s[1] > 0) {
        const long long values = 1LL * pp.channels * pp.height * pp.width;
        if (!pp.flattenToRank2)
            return P{"flatten_to_rank2", "must be true for a rank-2 input" + of};
        if (values != s[1])
            return P{"", std::to_string(pp.channels) + "x" + std::to_string(pp.height) + "x" +
                             std::to_string(pp.width) + " = " + std::to_string(values) +
                             " values do not match " + std::to_string(s[1]) + of};
    }
    return std::nullopt;
}

void requireValidPreprocess(const Preprocess& pp, const std::string& where, const Model* model)
{
    std::optional<PreprocessProblem> problem = checkPreprocess(pp);
    if (!problem && model)
        problem = checkPreprocessForModel(pp, *model);
    if (problem)
        throw Error(where + (problem->key.empty() ? "" : "." + problem->key) + ": " +
                    problem->what);
}

} // namespace ql
