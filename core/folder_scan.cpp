#include "core/folder_scan.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "core/error.h"

namespace ql {

namespace fs = std::filesystem;

namespace {

const char* const kImageExtensions[] = {".png", ".jpg", ".jpeg", ".bmp", ".pgm",
                                        ".ppm", ".tif", ".tiff", ".webp"};

using FileId = std::pair<dev_t, ino_t>; // what the kernel means by "the same file"

std::string reason(int err)
{
    return std::error_code(err, std::generic_category()).message();
}

// The real path (links resolved), or "" when it cannot be resolved (broken link, ELOOP).
std::string realPath(const std::string& path)
{
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (!resolved)
        return {};
    std::string out(resolved);
    std::free(resolved);
    return out;
}

bool isInside(const std::string& real, const std::string& folder)
{
    if (real == folder)
        return true;
    const std::string prefix = folder == "/" ? folder : folder + "/";
    return real.compare(0, prefix.size(), prefix) == 0;
}

class Walker
{
public:
    Walker(const CancelToken* cancel, FolderScan& scan) : m_cancel(cancel), m_scan(scan) {}

    // The root: its sub-folders are the classes, images directly in it are loose.
    void run(const std::string& root)
    {
        const std::string rootReal = realPath(root);
        struct stat rootStat{};
        if (rootReal.empty() || ::stat(root.c_str(), &rootStat) != 0)
            throw Error(root + ": cannot read the folder: " + reason(errno));
        const FileId rootId{rootStat.st_dev, rootStat.st_ino};
        m_onPath.insert(rootId);
        m_folders.emplace(rootId, root);

        struct ClassDir
        {
            std::string path, real;
            FileId id;
        };
        std::vector<ClassDir> subdirs;
        std::vector<std::string> looseImages;
        for (const std::string& p : children(root)) {
            const Entry e = resolve(p, rootReal);
            if (!e.follow)
                continue;
            if (e.isDir) {
                if (claimFolder(p, e))
                    subdirs.push_back({p, e.real, e.id});
            } else if (claimImage(p, e)) {
                looseImages.push_back(p);
            }
        }

        bool imageFolder = false;
        std::vector<std::vector<std::string>> perDir;
        for (const ClassDir& d : subdirs) {
            perDir.emplace_back();
            collect(d.path, d.id, d.real, perDir.back());
            std::sort(perDir.back().begin(), perDir.back().end());
            imageFolder = imageFolder || !perDir.back().empty();
        }
        if (imageFolder) {
            // Every (non-hidden) sub-folder is a class, even an empty one, so label indices
            // match torchvision's ImageFolder over the same tree.
            for (size_t i = 0; i < subdirs.size(); ++i) {
                m_scan.classes.push_back(fs::path(subdirs[i].path).filename().string());
                std::vector<ScannedImage> list;
                for (const std::string& f : perDir[i])
                    list.push_back({f, static_cast<int>(i)});
                m_scan.byClass.push_back(std::move(list));
            }
            for (const std::string& f : looseImages)
                skip(f, "image outside the class folders (ignored)");
        } else {
            std::vector<ScannedImage> list;
            for (const std::string& f : looseImages)
                list.push_back({f, -1});
            m_scan.byClass.push_back(std::move(list));
        }
    }

private:

    // Sorted non-hidden children of `dir` (byte order of the names, as Python's sorted()).
    std::vector<std::string> children(const std::string& dir)
    {
        std::vector<std::string> out;
        std::error_code ec;
        fs::directory_iterator it(fs::path(dir), ec);
        for (fs::directory_iterator end; !ec && it != end; it.increment(ec)) {
            checkCancel();
            const std::string name = it->path().filename().string();
            if (!name.empty() && name[0] != '.')
                out.push_back(it->path().string());
        }
        if (ec)
            throw Error(dir + ": cannot read the folder: " + ec.message());
        std::sort(out.begin(), out.end());
        return out;
    }

    // What `path` is once links are followed, or why it is not followed (then `skipped`
    // already has the entry). `boundary` is the real path of the folder being walked.
    struct Entry
    {
        bool follow = false;
        bool isDir = false;
        bool isFile = false;
        FileId id{};
        std::string real; // for folders: the real path (the next boundary)
    };
    Entry resolve(const std::string& path, const std::string& boundary)
    {
        Entry e;
        struct stat lst{};
        if (::lstat(path.c_str(), &lst) != 0) {
            skip(path, "cannot read: " + reason(errno));
            return e;
        }
        e.real = S_ISLNK(lst.st_mode) ? realPath(path) : std::string();
        if (S_ISLNK(lst.st_mode)) {
            if (e.real.empty()) {
                skip(path, "broken symbolic link (" + reason(errno) + ")");
                return e;
            }
            if (!isInside(e.real, boundary)) {
                skip(path, "symbolic link to " + e.real + ", outside " + boundary +
                               " (not followed)");
                return e;
            }
        }
        struct stat st{};
        if (::stat(path.c_str(), &st) != 0) {
            skip(path, "cannot read: " + reason(errno));
            return e;
        }
        e.follow = true;
        e.isDir = S_ISDIR(st.st_mode);
        e.isFile = S_ISREG(st.st_mode);
        e.id = {st.st_dev, st.st_ino};
        if (e.isDir && e.real.empty())
            e.real = realPath(path);
        return e;
    }

    // A folder not seen before is claimed; a second path to it is listed as skipped.
    bool claimFolder(const std::string& path, const Entry& e)
    {
        if (m_onPath.count(e.id)) {
            skip(path, "symbolic link loop (back to " + e.real + ", not followed)");
            return false;
        }
        const auto [it, fresh] = m_folders.emplace(e.id, path);
        if (!fresh)
            skip(path, "the same folder as " + it->second + " (walked once)");
        return fresh;
    }

    // An image file not seen before is claimed; a second path to it is listed as skipped.
    bool claimImage(const std::string& path, const Entry& e)
    {
        if (!e.isFile || !isImageFileName(fs::path(path).filename().string()))
            return false;
        const auto [it, fresh] = m_files.emplace(e.id, path);
        if (!fresh)
            skip(path, "the same file as " + it->second + " (counted once)");
        return fresh;
    }

    // Images under `dir` (already claimed), recursively, sorted by path; links must stay
    // inside `boundary` (the class folder's real path).
    void collect(const std::string& dir, const FileId& id, const std::string& boundary,
                 std::vector<std::string>& out)
    {
        m_onPath.insert(id);
        for (const std::string& p : children(dir)) {
            const Entry e = resolve(p, boundary);
            if (!e.follow)
                continue;
            if (e.isDir) {
                if (claimFolder(p, e))
                    collect(p, e.id, boundary, out);
            } else if (claimImage(p, e)) {
                out.push_back(p);
            }
        }
        m_onPath.erase(id);
    }

    void checkCancel() const
    {
        if (m_cancel)
            m_cancel->throwIfCancelled();
    }

    void skip(const std::string& path, const std::string& why)
    {
        m_scan.skipped.push_back({path, why});
    }

    const CancelToken* m_cancel;
    FolderScan& m_scan;
    std::set<FileId> m_onPath;               // folders on the current recursion path
    std::map<FileId, std::string> m_folders; // every folder walked → its first path
    std::map<FileId, std::string> m_files;   // every image counted → its first path
};

} // namespace

bool isImageFileName(const std::string& name)
{
    std::string ext = fs::path(name).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(std::begin(kImageExtensions), std::end(kImageExtensions), ext) !=
           std::end(kImageExtensions);
}

FolderScan scanImageFolder(const std::string& root, const CancelToken* cancel)
{
    FolderScan scan;
    Walker(cancel, scan).run(root);
    return scan;
}

} // namespace ql
