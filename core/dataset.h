#pragma once
// Calibration / evaluation image folders (OpenCV loading + preprocessing).
//
// Layout: ImageFolder (<root>/<class-name>/<file>.png; classes sorted by name give label
// indices, as torchvision does) or a flat folder of images (unlabelled: accuracy then means
// agreement with FP32). A corrupt or unreadable image is skipped and reported by name and
// reason; a folder with no usable image is an ql::Error. The walk itself (symbolic links,
// loops, duplicates, unreadable folders) is described in core/folder_scan.h.

#include <string>
#include <vector>

#include "core/folder_scan.h"
#include "core/graph.h"
#include "core/progress.h"

namespace ql {

// Stored in the config JSON ("preprocessing"); defaults inferred from the model input by
// defaultPreprocess(). Edited in the GUI by Model > Input & Preprocessing.
struct Preprocess
{
    enum class Resize { Stretch, ShorterSideThenCenterCrop };
    // Order of the 3 channels in the input tensor: RGB (torchvision, PIL) or BGR (models
    // trained on cv2.imread images, Caffe). mean[c] / std[c] apply to the tensor's channel c.
    enum class ChannelOrder { Rgb, Bgr };
    int channels = 1;          // 1 = grayscale, 3 = colour in channelOrder
    ChannelOrder channelOrder = ChannelOrder::Rgb;
    int height = 28;
    int width = 28;
    Resize resize = Resize::Stretch;
    int resizeShorter = 0;     // for ShorterSideThenCenterCrop; 0 = 256/224 · crop
    float scale = 1.0f / 255;  // pixel * scale, then (x - mean) / std per channel
    std::vector<float> mean{0.0f};
    std::vector<float> std{1.0f};
    bool flattenToRank2 = false; // the model input is [N, C·H·W] (an MLP)
    // Labels file mapping class folder names to model output indices (core/class_map.h);
    // "" = folders are labelled 0..K-1 in sorted order. Not applied by loadImageFolder (it
    // does not know the model): see applyConfiguredClassMap in core/class_map.h.
    std::string classMap;

    bool operator==(const Preprocess&) const = default;
};

Preprocess defaultPreprocess(const Model& model);

struct Dataset
{
    std::string root;
    std::vector<std::string> classes; // empty when unlabelled
    std::vector<std::string> files;   // one per loaded sample
    std::vector<int> labels;          // -1 when unlabelled
    Tensor images;                    // [N, C, H, W] (or [N, C·H·W] if flattenToRank2)
    std::vector<SkippedFile> skipped;

    bool labelled() const { return !classes.empty(); }
    int64_t size() const { return static_cast<int64_t>(files.size()); }
    // Rows [begin, begin+count) of images as a new tensor.
    Tensor slice(int64_t begin, int64_t count) const;
};

// limit <= 0: all images. Files are taken in sorted order (class, then file name) and, when
// limit is set, spread evenly over classes so a small limit still covers every class.
Dataset loadImageFolder(const std::string& root, const Preprocess& pp, int limit = 0,
                        const RunControl& ctl = {});

} // namespace ql
