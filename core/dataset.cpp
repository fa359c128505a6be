#include "core/dataset.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/preprocess_check.h"

namespace ql {

namespace fs = std::filesystem;

namespace {

bool isDirectory(const fs::path& p)
{
    std::error_code ec;
    return fs::is_directory(p, ec);
}

using Candidate = ScannedImage;

// The formats the folder scan accepts (core/folder_scan.h), by their first bytes. cv::imdecode
// chooses its decoder by signature, not by extension, so without this check a file named
// *.png could reach OpenCV's DICOM or GDAL readers: fuzz_image found a 151-byte input that
// kept GDCM's parser busy for over 30 s.
bool hasImageSignature(const std::vector<uchar>& b)
{
    const auto starts = [&b](std::initializer_list<uchar> magic) {
        return b.size() >= magic.size() && std::equal(magic.begin(), magic.end(), b.begin());
    };
    return starts({0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}) || starts({0xff, 0xd8, 0xff}) ||
           starts({'B', 'M'}) || starts({'I', 'I', '*', 0}) || starts({'M', 'M', 0, '*'}) ||
           (b.size() >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6') ||
           (starts({'R', 'I', 'F', 'F'}) && b.size() >= 12 &&
            std::equal(b.begin() + 8, b.begin() + 12, "WEBP"));
}

// Read the file ourselves and decode from memory: cv::imread's char* path would break on
// paths it cannot represent, and reading first lets a zero-byte file get a precise reason.
cv::Mat decodeFile(const std::string& path, std::string& reason)
{
    std::ifstream in(fs::path(path), std::ios::binary);
    if (!in) {
        reason = "cannot open file";
        return {};
    }
    std::vector<uchar> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    if (in.bad()) {
        reason = "cannot read file";
        return {};
    }
    if (bytes.empty()) {
        reason = "empty file (0 bytes)";
        return {};
    }
    if (!hasImageSignature(bytes)) {
        reason = "not a PNG, JPEG, BMP, PGM/PPM, TIFF or WebP file (unknown signature)";
        return {};
    }
    cv::Mat img = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    if (img.empty() || img.dims != 2 || img.rows <= 0 || img.cols <= 0)
        reason = "cannot decode image (corrupt or unsupported format)";
    return img;
}

// Decoded image (any depth, 1/3/4 channels) -> CV_8U with pp.channels channels, in the
// configured channel order (OpenCV decodes colour as BGR).
// 16-bit images are mapped to 8 bits (v/257) so the same scale (1/255) applies to both;
// float images are taken to be in [0, 1].
cv::Mat toChannels8U(const cv::Mat& img, const Preprocess& pp, std::string& reason)
{
    cv::Mat u8;
    switch (img.depth()) {
    case CV_8U:
        u8 = img;
        break;
    case CV_16U:
        img.convertTo(u8, CV_8U, 1.0 / 257.0);
        break;
    case CV_32F:
    case CV_64F:
        img.convertTo(u8, CV_8U, 255.0);
        break;
    default:
        reason = "unsupported pixel depth";
        return {};
    }
    cv::Mat out;
    const int cn = u8.channels();
    const bool bgr = pp.channelOrder == Preprocess::ChannelOrder::Bgr;
    if (pp.channels == 1) {
        if (cn == 1)
            out = u8;
        else if (cn == 3)
            cv::cvtColor(u8, out, cv::COLOR_BGR2GRAY);
        else if (cn == 4)
            cv::cvtColor(u8, out, cv::COLOR_BGRA2GRAY);
    } else {
        if (cn == 1)
            cv::cvtColor(u8, out, bgr ? cv::COLOR_GRAY2BGR : cv::COLOR_GRAY2RGB);
        else if (cn == 3 && bgr)
            out = u8;
        else if (cn == 3)
            cv::cvtColor(u8, out, cv::COLOR_BGR2RGB);
        else if (cn == 4)
            cv::cvtColor(u8, out, bgr ? cv::COLOR_BGRA2BGR : cv::COLOR_BGRA2RGB);
    }
    if (out.empty())
        reason = "unsupported channel count " + std::to_string(cn);
    return out;
}

// Resize to pp.height x pp.width. Stretch: straight to the target size. Shorter side then
// center crop (torchvision Resize(s) + CenterCrop): the shorter side becomes resizeShorter
// (default round(256/224 · crop)), the other keeps the aspect ratio, then the middle crop.
cv::Mat resizeTo(const cv::Mat& img, const Preprocess& pp)
{
    const cv::Size target(pp.width, pp.height);
    if (pp.resize == Preprocess::Resize::Stretch) {
        if (img.size() == target)
            return img;
        cv::Mat out;
        cv::resize(img, out, target, 0, 0, cv::INTER_LINEAR);
        return out;
    }
    const int crop = std::min(pp.height, pp.width);
    const int shorter = pp.resizeShorter > 0 ? pp.resizeShorter
                                             : static_cast<int>(std::lround(256.0 * crop / 224.0));
    // As torchvision: the shorter side becomes `shorter`, the longer one int(shorter·long/short).
    // An elongated image (1 x 100000) would make a huge intermediate: refused (the caller
    // lists the file as skipped) beyond 2^27 pixels, before any int overflow.
    int64_t longer = 0;
    if (img.rows <= img.cols)
        longer = static_cast<int64_t>(shorter) * img.cols / img.rows;
    else
        longer = static_cast<int64_t>(shorter) * img.rows / img.cols;
    constexpr int64_t kMaxResizedPixels = int64_t(1) << 27;
    if (longer > kMaxResizedPixels / std::max(shorter, 1))
        throw Error("too elongated for shorter-side resize: " + std::to_string(img.cols) + "x" +
                    std::to_string(img.rows) + " would become " + std::to_string(shorter) +
                    " by " + std::to_string(longer) + " pixels");
    int rows = 0, cols = 0;
    if (img.rows <= img.cols) {
        rows = shorter;
        cols = static_cast<int>(longer);
    } else {
        cols = shorter;
        rows = static_cast<int>(longer);
    }
    // A crop larger than the resized image (non-square crop, small resizeShorter): grow
    // the resize until the crop fits rather than pad.
    if (rows < pp.height || cols < pp.width) {
        const double factor = std::max(static_cast<double>(pp.height) / img.rows,
                                       static_cast<double>(pp.width) / img.cols);
        rows = std::max(pp.height, static_cast<int>(std::ceil(img.rows * factor)));
        cols = std::max(pp.width, static_cast<int>(std::ceil(img.cols * factor)));
    }
    cv::Mat resized;
    if (rows == img.rows && cols == img.cols)
        resized = img;
    else
        cv::resize(img, resized, cv::Size(cols, rows), 0, 0, cv::INTER_LINEAR);
    // int(round((size - crop) / 2)) with Python's half-to-even round, as torchvision.
    const int top = static_cast<int>(std::nearbyint((rows - pp.height) / 2.0));
    const int left = static_cast<int>(std::nearbyint((cols - pp.width) / 2.0));
    return resized(cv::Rect(left, top, pp.width, pp.height));
}

// Every 8-bit pixel value k maps to (k·scale − mean_c) / std_c: a 256-entry table per
// channel, computed once per load.
//
// Exactness: torchvision's ToTensor computes k / 255 (a division) and Normalize computes
// (x − mean) / std, each rounded to float. So when scale is the reciprocal of an integer
// (the usual 1/255) we divide by that integer instead of multiplying by the rounded
// reciprocal, which differs in the last bit for some k. `x` is volatile so the compiler
// cannot contract k·scale − mean into one fused multiply-add (the rounding would differ).
using PixelTable = std::vector<std::array<float, 256>>;

PixelTable makePixelTable(const Preprocess& pp)
{
    const float divisor = std::round(1.0f / pp.scale);
    const bool divide = divisor >= 1.0f && divisor <= 65535.0f && 1.0f / divisor == pp.scale;
    PixelTable table(pp.channels);
    for (int c = 0; c < pp.channels; ++c) {
        const float mean = pp.mean.size() == 1 ? pp.mean[0] : pp.mean[c];
        const float stdDev = pp.std.size() == 1 ? pp.std[0] : pp.std[c];
        for (int k = 0; k < 256; ++k) {
            volatile float x =
                divide ? static_cast<float>(k) / divisor : static_cast<float>(k) * pp.scale;
            table[c][k] = (x - mean) / stdDev;
        }
    }
    return table;
}

// One file -> C·H·W floats at dst (planar, channel-major). Returns "" or the skip reason.
std::string loadOne(const std::string& path, const Preprocess& pp, const PixelTable& table,
                    float* dst)
{
    std::string reason;
    try {
        cv::Mat img = decodeFile(path, reason);
        if (!reason.empty())
            return reason;
        cv::Mat px = toChannels8U(img, pp, reason);
        if (!reason.empty())
            return reason;
        px = resizeTo(px, pp);
        const int64_t plane = static_cast<int64_t>(pp.height) * pp.width;
        for (int c = 0; c < pp.channels; ++c) {
            const std::array<float, 256>& lut = table[c];
            float* out = dst + c * plane;
            for (int y = 0; y < pp.height; ++y) {
                const uchar* row = px.ptr<uchar>(y);
                for (int x = 0; x < pp.width; ++x)
                    out[y * pp.width + x] = lut[row[x * pp.channels + c]];
            }
        }
        return {};
    } catch (const cv::Exception& e) {
        return "cannot decode image (" + std::string(e.err.empty() ? e.what() : e.err) + ")";
    } catch (const std::exception& e) {
        return std::string("cannot load image (") + e.what() + ")";
    }
}

// The order files are tried in: with a limit, round-robin over classes (i-th file of each
// class in turn) so a small limit covers every class; without one, plain sorted order.
std::vector<Candidate> candidateOrder(const FolderScan& scan, bool roundRobin)
{
    std::vector<Candidate> order;
    if (!roundRobin) {
        for (const auto& list : scan.byClass)
            order.insert(order.end(), list.begin(), list.end());
        return order;
    }
    size_t longest = 0;
    for (const auto& list : scan.byClass)
        longest = std::max(longest, list.size());
    for (size_t i = 0; i < longest; ++i)
        for (const auto& list : scan.byClass)
            if (i < list.size())
                order.push_back(list[i]);
    return order;
}

} // namespace

Preprocess defaultPreprocess(const Model& model)
{
    Preprocess pp;
    if (model.graph.inputs.empty())
        return pp;
    const Shape& s = model.graph.inputs.front().shape;
    if (s.size() == 2) {
        // [N, D]: an MLP over a flattened image. Square D -> one-channel sqrt(D) x sqrt(D);
        // D = 3·k² -> RGB k x k; anything else -> a 1 x D strip (best effort, never an error).
        pp.flattenToRank2 = true;
        const int64_t d = s[1] > 0 ? s[1] : 784;
        auto isqrt = [](int64_t v) {
            return static_cast<int64_t>(std::llround(std::sqrt(double(v))));
        };
        const int64_t side = isqrt(d), side3 = isqrt(d / 3);
        if (side * side == d) {
            pp.height = pp.width = static_cast<int>(side);
        } else if (d % 3 == 0 && side3 * side3 == d / 3) {
            pp.channels = 3;
            pp.height = pp.width = static_cast<int>(side3);
        } else {
            pp.height = 1;
            pp.width = static_cast<int>(d);
        }
    } else if (s.size() == 4) {
        pp.channels = s[1] > 0 ? static_cast<int>(s[1]) : 1;
        const int fallback = pp.channels == 3 ? 224 : 28;
        pp.height = s[2] > 0 ? static_cast<int>(s[2]) : fallback;
        pp.width = s[3] > 0 ? static_cast<int>(s[3]) : fallback;
    }
    if (pp.channels == 3) {
        pp.mean.assign(3, 0.0f);
        pp.std.assign(3, 1.0f);
    }
    if (pp.channels == 3 && pp.height >= 64 && pp.width >= 64 && !pp.flattenToRank2) {
        // ImageNet-style model: torchvision's Resize(256) + CenterCrop(224) + Normalize.
        pp.resize = Preprocess::Resize::ShorterSideThenCenterCrop;
        pp.resizeShorter = 0;
        pp.mean = {0.485f, 0.456f, 0.406f};
        pp.std = {0.229f, 0.224f, 0.225f};
    }
    return pp;
}

Tensor Dataset::slice(int64_t begin, int64_t count) const
{
    const int64_t n = images.shape.empty() ? 0 : images.shape[0];
    if (begin < 0 || count < 0 || begin + count > n)
        throw Error(root + ": slice [" + std::to_string(begin) + ", " +
                    std::to_string(begin + count) + ") is outside the " + std::to_string(n) +
                    " loaded images");
    const int64_t row = n ? static_cast<int64_t>(images.f.size()) / n : 0;
    Shape shape = images.shape;
    shape[0] = count;
    return Tensor::fromFloat(std::move(shape),
                             std::vector<float>(images.f.begin() + begin * row,
                                                images.f.begin() + (begin + count) * row));
}

static Dataset loadFolder(const std::string& root, const Preprocess& pp, int limit,
                           const RunControl& ctl)
{
    const fs::path rootPath(root);
    if (!isDirectory(rootPath)) {
        std::error_code ec;
        if (fs::exists(rootPath, ec))
            throw Error(root + ": not a folder");
        throw Error(root + ": folder does not exist");
    }
    requireValidPreprocess(pp, root + ": preprocessing");
    ctl.check();

    FolderScan scan = scanImageFolder(root, ctl.cancel);
    const std::vector<Candidate> order = candidateOrder(scan, limit > 0);
    const int64_t wanted =
        limit > 0 ? std::min<int64_t>(limit, order.size()) : static_cast<int64_t>(order.size());
    const int64_t sampleSize = static_cast<int64_t>(pp.channels) * pp.height * pp.width;
    const PixelTable table = makePixelTable(pp);

    Dataset ds;
    ds.root = root;
    ds.classes = scan.classes;
    ds.skipped = std::move(scan.skipped);

    // Decode in rounds: the next (wanted - loaded) candidates, in parallel, each worker
    // writing its own rows of `buffer`. A skipped file makes room for the next candidate, so
    // a limit still yields `limit` images when enough readable ones exist.
    std::vector<float> buffer;
    std::vector<int64_t> loadedIdx; // indices into `order`
    std::vector<std::string> reasons;
    size_t next = 0;
    const unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads = ctl.threads > 0 ? static_cast<unsigned>(ctl.threads) : hw;
    std::atomic<long long> done{0};
    while (static_cast<int64_t>(loadedIdx.size()) < wanted && next < order.size()) {
        const size_t count = std::min<size_t>(wanted - loadedIdx.size(), order.size() - next);
        const size_t base = loadedIdx.size();
        buffer.resize((base + count) * sampleSize);
        reasons.assign(count, {});
        std::atomic<bool> cancelled{false};
        std::exception_ptr callbackError; // a throwing progress callback, rethrown after join
        std::mutex errorMutex;
        auto work = [&](size_t from, size_t to) {
            for (size_t i = from; i < to; ++i) {
                if (cancelled || (ctl.cancel && ctl.cancel->isCancelled())) {
                    cancelled = true;
                    return;
                }
                reasons[i] = loadOne(order[next + i].path, pp, table,
                                     buffer.data() + (base + i) * sampleSize);
                try {
                    // A skipped file's replacement is extra work: never report past total.
                    ctl.report(std::min<long long>(++done, wanted), wanted);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(errorMutex);
                    if (!callbackError)
                        callbackError = std::current_exception();
                    cancelled = true;
                    return;
                }
            }
        };
        const size_t nThreads = std::max<size_t>(1, std::min<size_t>(threads, count / 8));
        std::vector<std::thread> pool;
        for (size_t t = 1; t < nThreads; ++t)
            pool.emplace_back(work, count * t / nThreads, count * (t + 1) / nThreads);
        work(0, count / nThreads);
        for (std::thread& th : pool)
            th.join();
        if (callbackError)
            std::rethrow_exception(callbackError);
        if (cancelled)
            throw Cancelled();

        // Compact: move each good row down over the skipped ones, in candidate order.
        size_t write = base;
        for (size_t i = 0; i < count; ++i) {
            if (!reasons[i].empty()) {
                ds.skipped.push_back({order[next + i].path, reasons[i]});
                continue;
            }
            if (write != base + i)
                std::copy_n(buffer.begin() + (base + i) * sampleSize, sampleSize,
                            buffer.begin() + write * sampleSize);
            loadedIdx.push_back(static_cast<int64_t>(next + i));
            ++write;
        }
        buffer.resize(write * sampleSize);
        next += count;
    }

    if (loadedIdx.empty())
        throw Error(root + ": no readable images (" + std::to_string(ds.skipped.size()) +
                    " files skipped)");

    // Output in sorted order (class, then file): with a limit the candidates came
    // round-robin, so sort the rows back. `order` is sorted within each class.
    std::vector<size_t> perm(loadedIdx.size());
    for (size_t i = 0; i < perm.size(); ++i)
        perm[i] = i;
    auto key = [&](size_t i) {
        const Candidate& c = order[loadedIdx[i]];
        return std::make_pair(c.label, c.path);
    };
    std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) { return key(a) < key(b); });

    // Rows into that order in place, cycle by cycle through one spare row: a sorted copy
    // would double the peak memory (1,000 ImageNet-size images are 602 MB).
    const int64_t n = static_cast<int64_t>(perm.size());
    std::vector<float> data = std::move(buffer);
    std::vector<float> spare(sampleSize);
    std::vector<bool> placed(perm.size(), false);
    auto row = [&](size_t r) { return data.begin() + static_cast<int64_t>(r) * sampleSize; };
    for (size_t start = 0; start < perm.size(); ++start) {
        if (placed[start] || perm[start] == start)
            continue;
        std::copy_n(row(start), sampleSize, spare.begin());
        size_t r = start;
        while (perm[r] != start) { // row r receives row perm[r]
            std::copy_n(row(perm[r]), sampleSize, row(r));
            placed[r] = true;
            r = perm[r];
        }
        std::copy_n(spare.begin(), sampleSize, row(r));
        placed[r] = true;
    }
    for (int64_t r = 0; r < n; ++r) {
        const Candidate& c = order[loadedIdx[perm[r]]];
        ds.files.push_back(c.path);
        ds.labels.push_back(c.label);
    }
    const Shape shape =
        pp.flattenToRank2 ? Shape{n, sampleSize} : Shape{n, pp.channels, pp.height, pp.width};
    ds.images = Tensor::fromFloat(shape, std::move(data));
    ctl.report(wanted, wanted);
    return ds;
}

Dataset loadImageFolder(const std::string& root, const Preprocess& pp, int limit,
                        const RunControl& ctl)
{
    try {
        return loadFolder(root, pp, limit, ctl);
    } catch (const std::bad_alloc&) {
        // The samples are held as C·H·W floats each; say what did not fit instead of letting
        // std::bad_alloc reach the user as an internal error.
        const double mib = 4.0 * pp.channels * pp.height * pp.width / (1024.0 * 1024.0);
        throw Error(root + ": not enough memory to hold the images at " +
                    std::to_string(pp.channels) + "x" + std::to_string(pp.height) + "x" +
                    std::to_string(pp.width) + " (" + std::to_string(int64_t(std::ceil(mib))) +
                    " MiB each); load fewer images or use a smaller preprocessing size");
    }
}

} // namespace ql
