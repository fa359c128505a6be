#pragma once
// Every file QuantLens saves goes through here: configs, reports (JSON and the CSV pair), npy
// dumps and params.json, sensitivity / autoquant outputs, chart exports.
//
// Contract: after a call either the target holds exactly the new bytes, or the call threw a
// ql::Error and the target still holds exactly its old bytes (or still does not exist).
// The message names the file and the system's reason: "r.csv: cannot write: No space left on
// device".
//
// How: the bytes go to a temporary file in the target's own folder (same file system, so the
// final rename is atomic); every write(), fsync() and close() is checked, and only then is the
// temporary renamed over the target; on any failure it is removed. We do not use QSaveFile:
// in Qt 6.4 QSaveFile::commit() ignores a failed final flush, and a file under its 16 KiB
// buffer is only written at that flush — on a full disk it renamed an empty file over the
// user's config and reported success.
//
// A target that exists and is not a regular file (/dev/full, /dev/stdout, a FIFO) cannot be
// replaced by a rename: it is opened and written directly, with the same checks, so
// `--out /dev/full` fails instead of succeeding. A symbolic link to a regular file is kept:
// the file it points to is the one replaced (as QSaveFile did).
// A new file gets mode 0666 & ~umask; a replaced file keeps its permission bits.

#include <string>
#include <string_view>
#include <vector>

namespace ql {

void writeFileAtomic(const std::string& path, std::string_view bytes);

// Several files as one save (the CSV report and its _exits.csv): every temporary file is
// written and synced first; only when all succeeded are they renamed into place. If one of
// the renames fails, the targets already replaced are restored from hard links made
// beforehand, so on failure none of the files changes.
struct FileContent
{
    std::string path;
    std::string bytes;
};
void writeFilesAtomic(const std::vector<FileContent>& files);

} // namespace ql
