#pragma once
// The walk over an image folder (before any image is decoded): which files are samples and
// which class each belongs to. Used by loadImageFolder (core/dataset.h).
//
// Layout, as torchvision's ImageFolder: every non-hidden sub-folder of the root is a class
// (sorted by name → label index), its images are collected recursively; a root without any
// image in a sub-folder is a flat, unlabelled folder of images.
//
// Rules that keep a hostile or careless tree from looping, double counting or leaking:
//  * A symbolic link is followed only when it stays inside the folder being walked: the class
//    folder for a class's content, the root for the root's entries. A link out of it (to the
//    parent, to another class, out of the root) is skipped and listed in `skipped` with its
//    target, so images of one class never end up in another.
//  * Folders are identified by (device, inode): a link back to a folder on the current path
//    (a loop, e.g. `ln -s . again`) or to one already walked is skipped and listed.
//  * Files are identified by (device, inode) too: an image reached twice (a link or a hard
//    link to the same file) is counted once, at its first path in sorted order.
//  * A folder that cannot be listed (permissions, I/O error) is a ql::Error naming it, never an
//    empty class. A broken link is listed as skipped.
//  * The cancel token is checked at every entry (a huge or slow tree can be interrupted).

#include <string>
#include <vector>

#include "core/progress.h"

namespace ql {

struct SkippedFile
{
    std::string path;
    std::string reason;
};

struct ScannedImage
{
    std::string path;
    int label = -1; // -1 when unlabelled
};

struct FolderScan
{
    std::vector<std::string> classes;               // empty when unlabelled
    std::vector<std::vector<ScannedImage>> byClass; // one list (label -1) when unlabelled
    std::vector<SkippedFile> skipped;               // links not followed, duplicates, loose images
};

// `root` must be an existing folder (the caller says which of "missing" / "not a folder").
// Paths in the result start with `root` as given. Throws ql::Error or ql::Cancelled.
FolderScan scanImageFolder(const std::string& root, const CancelToken* cancel = nullptr);

// By extension (case-insensitive): png, jpg, jpeg, bmp, pgm, ppm, tif, tiff, webp.
bool isImageFileName(const std::string& name);

} // namespace ql
