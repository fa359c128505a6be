#include "core/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <system_error>

#include "core/error.h"

namespace ql {

namespace {

std::string reason(int err)
{
    return std::error_code(err, std::generic_category()).message(); // strerror, thread-safe
}

[[noreturn]] void fail(const std::string& path, const std::string& what, int err)
{
    throw Error(path + ": " + what + ": " + reason(err));
}

// Writes every byte (short writes and EINTR are retried); returns 0 or the errno.
int writeAll(int fd, std::string_view bytes)
{
    const char* p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, std::min<size_t>(left, size_t(1) << 30));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return EIO; // a regular file or device that accepts nothing would loop forever
        p += n;
        left -= size_t(n);
    }
    return 0;
}

// close() is checked too (NFS reports a failed write-back there). On Linux the descriptor is
// released even when close fails, so it is never retried.
int closeChecked(int fd, int err)
{
    if (::close(fd) != 0 && err == 0)
        return errno;
    return err;
}

struct Target
{
    std::string display; // as the caller spelled it: every message names this
    std::string real;    // the file replaced (a symbolic link resolved to what it points to)
    bool exists = false;
    bool direct = false; // exists and is not a regular file: written in place
    mode_t mode = 0;     // permission bits of the existing file
    std::string temp;    // the written temporary file, once there is one
    std::string backup;  // a hard link to the old file while a batch is renamed
};

Target resolve(const std::string& path)
{
    if (path.empty())
        throw Error("cannot write a file with an empty name");
    Target t;
    t.display = path;
    t.real = path;
    struct stat st{};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno != ENOENT)
            fail(path, "cannot write", errno);
        return t; // a new file (or a dangling link, which the rename replaces)
    }
    t.exists = true;
    if (S_ISDIR(st.st_mode))
        throw Error(path + ": cannot write: it is a folder");
    if (!S_ISREG(st.st_mode)) {
        t.direct = true;
        return t;
    }
    t.mode = st.st_mode & 07777;
    struct stat lst{};
    if (::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode)) {
        if (char* real = ::realpath(path.c_str(), nullptr)) {
            t.real = real;
            std::free(real);
        }
    }
    return t;
}

std::string folderOf(const std::string& path)
{
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string baseNameOf(const std::string& path)
{
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A fresh hidden name next to `t.real`: ".<name><tag><pid>-<n>". Callers create it with
// O_EXCL / link(), which fail with EEXIST rather than reuse a name, and try the next one.
std::string siblingName(const Target& t, const char* tag)
{
    static std::atomic<unsigned> counter{0};
    return folderOf(t.real) + "/." + baseNameOf(t.real) + tag + std::to_string(::getpid()) +
           "-" + std::to_string(counter.fetch_add(1));
}

constexpr int kNameAttempts = 100;

// Creates the temporary file; returns its descriptor and sets t.temp, or throws.
int createTemporary(Target& t, mode_t mode)
{
    for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
        t.temp = siblingName(t, ".tmp-");
        const int fd = ::open(t.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0)
            return fd;
        if (errno != EEXIST)
            break;
    }
    const int err = errno;
    t.temp.clear();
    fail(t.display, "cannot create a temporary file in " + folderOf(t.real), err);
}

// A second name for the old file (see phase 2); left empty when the file system refuses.
void linkBackup(Target& t)
{
    for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
        std::string name = siblingName(t, ".old-");
        if (::link(t.real.c_str(), name.c_str()) == 0) {
            t.backup = std::move(name);
            return;
        }
        if (errno != EEXIST)
            return;
    }
}

// Phase 1: the new bytes in a synced temporary file. On failure nothing is left behind.
void writeTemporary(Target& t, std::string_view bytes)
{
    // A new file: 0666 filtered by the umask, as any editor would create it. A replaced file:
    // its own permission bits (set before any byte is written).
    const int fd = createTemporary(t, t.exists ? 0600 : 0666);
    int err = 0;
    if (t.exists && ::fchmod(fd, t.mode) != 0)
        err = errno;
    if (err == 0)
        err = writeAll(fd, bytes);
    if (err == 0 && ::fsync(fd) != 0)
        err = errno;
    err = closeChecked(fd, err);
    if (err != 0) {
        ::unlink(t.temp.c_str());
        t.temp.clear();
        fail(t.display, "cannot write", err);
    }
}

// A device, FIFO or socket: written in place with the same checks. A device that cannot be
// synced (EINVAL/ENOTSUP: /dev/null, a pipe) has nothing to sync, which is not a failure.
void writeDirect(const Target& t, std::string_view bytes)
{
    const int fd = ::open(t.real.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        fail(t.display, "cannot write", errno);
    int err = writeAll(fd, bytes);
    if (err == 0 && ::fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EROFS)
        err = errno;
    err = closeChecked(fd, err);
    if (err != 0)
        fail(t.display, "cannot write", err);
}

// Best effort: makes the rename itself durable. It cannot undo a rename that already happened
// and the file's data is synced, so a failure here is not reported as a failed save.
void syncFolder(const std::string& folder)
{
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)::fsync(fd);
    (void)::close(fd);
}

void discard(std::vector<Target>& targets)
{
    for (Target& t : targets) {
        if (!t.temp.empty())
            ::unlink(t.temp.c_str());
        if (!t.backup.empty())
            ::unlink(t.backup.c_str());
    }
}

} // namespace

void writeFilesAtomic(const std::vector<FileContent>& files)
{
    std::vector<Target> targets;
    targets.reserve(files.size());
    for (const FileContent& f : files)
        targets.push_back(resolve(f.path));

    // Phase 1: every temporary file written and synced (this is where ENOSPC shows up).
    try {
        for (size_t i = 0; i < files.size(); ++i)
            if (!targets[i].direct)
                writeTemporary(targets[i], files[i].bytes);
    } catch (...) {
        discard(targets);
        throw;
    }

    // Phase 2: with more than one file, keep a hard link to each old file so that a failed
    // rename can put back the ones already replaced. (A file system without hard links gets
    // no backup; a rename inside one folder practically only fails for lack of permission,
    // which the temporary file's creation would already have shown.)
    if (targets.size() > 1) {
        for (Target& t : targets)
            if (!t.direct && t.exists)
                linkBackup(t);
    }
    for (size_t i = 0; i < targets.size(); ++i) {
        Target& t = targets[i];
        if (t.direct)
            continue;
        if (::rename(t.temp.c_str(), t.real.c_str()) != 0) {
            const int err = errno;
            for (size_t j = 0; j < i; ++j) { // roll back the ones already replaced
                Target& done = targets[j];
                if (done.direct)
                    continue;
                if (!done.backup.empty() && ::rename(done.backup.c_str(), done.real.c_str()) == 0)
                    done.backup.clear();
                else if (!done.exists)
                    ::unlink(done.real.c_str());
            }
            discard(targets);
            fail(t.display, "cannot replace the file", err);
        }
        t.temp.clear();
    }
    discard(targets); // the backups
    for (const Target& t : targets)
        if (!t.direct)
            syncFolder(folderOf(t.real));

    // Devices and FIFOs last: they cannot be rolled back.
    for (size_t i = 0; i < files.size(); ++i)
        if (targets[i].direct)
            writeDirect(targets[i], files[i].bytes);
}

void writeFileAtomic(const std::string& path, std::string_view bytes)
{
    Target t = resolve(path);
    if (t.direct) {
        writeDirect(t, bytes);
        return;
    }
    writeTemporary(t, bytes);
    if (::rename(t.temp.c_str(), t.real.c_str()) != 0) {
        const int err = errno;
        ::unlink(t.temp.c_str());
        fail(t.display, "cannot replace the file", err);
    }
    syncFolder(folderOf(t.real));
}

} // namespace ql
