// Issue 16 items 5 and 7: the image-folder walk (core/folder_scan.h) against hostile trees.
// Before: two links to "." in a class folder recursed until OOM (24 GB) ignoring Ctrl+C, one
// loop counted each image 41 times, a link to the parent pulled other classes' images into
// class 0, and an unreadable class folder was silently an empty class.
// Every tree is built here: root/a/{1,2}.pgm, root/b/3.pgm, each image a distinct flat grey
// value so that which file became which sample can be checked from the pixels.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <thread>

#include "core/dataset.h"
#include "core/error.h"
#include "core/folder_scan.h"
#include "dataset_test_images.h"

using namespace ql;
using namespace ql::testing;

namespace {

std::string str(const QString& s)
{
    return QFile::encodeName(s).toStdString();
}

QByteArray flatImage(int value)
{
    return pnm(28, 28, 1, std::vector<int>(28 * 28, value));
}

// root/a/1.pgm (10), root/a/2.pgm (20), root/b/3.pgm (30).
bool makeTree(const QString& root)
{
    return writeBytes(root + "/a/1.pgm", flatImage(10)) &&
           writeBytes(root + "/a/2.pgm", flatImage(20)) &&
           writeBytes(root + "/b/3.pgm", flatImage(30));
}

bool link(const QString& target, const QString& at)
{
    return ::symlink(str(target).c_str(), str(at).c_str()) == 0;
}

// The grey value of each loaded sample (pixel 0 · 255, as the default scale is 1/255).
std::vector<int> values(const Dataset& ds)
{
    std::vector<int> out;
    for (int64_t i = 0; i < ds.size(); ++i)
        out.push_back(int(std::lround(ds.images.f[size_t(i) * 784] * 255.0f)));
    return out;
}

// The reason recorded for the skipped file whose name is `name` ("" when not skipped).
std::string skipReason(const Dataset& ds, const std::string& name)
{
    for (const SkippedFile& s : ds.skipped)
        if (std::filesystem::path(s.path).filename() == name)
            return s.reason;
    return {};
}

bool contains(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}

// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the calling thread's effective set
// (capabilities are per thread on Linux), so that permissions apply even to root.
bool dropFileCapabilitiesOfThisThread()
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH})
        data[cap / 32].effective &= ~(1u << (cap % 32));
    return ::syscall(SYS_capset, &header, data) == 0;
}

} // namespace

class TestDatasetWalk : public QObject
{
    Q_OBJECT
private slots:
    // Two links to "." and one to ".." from a sub-folder: each is a loop, skipped and listed;
    // every image counts once.
    void symlinkLoopsAreSkipped()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.path();
        QVERIFY(makeTree(root));
        QVERIFY(link(".", root + "/a/again"));
        QVERIFY(link(".", root + "/a/again2"));
        QVERIFY(writeBytes(root + "/a/sub/4.pgm", flatImage(40)));
        QVERIFY(link("..", root + "/a/sub/back"));

        const Dataset ds = loadImageFolder(str(root), gray28());
        QCOMPARE(ds.classes, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(values(ds), (std::vector<int>{10, 20, 40, 30}));
        QCOMPARE(ds.labels, (std::vector<int>{0, 0, 0, 1}));
        for (const char* name : {"again", "again2", "back"})
            QVERIFY2(contains(skipReason(ds, name), "symbolic link loop"), name);
        QCOMPARE(ds.skipped.size(), size_t(3));
    }

    // A link to the root from inside a class leaves the class folder: other classes' images
    // must not be pulled into class a.
    void linkToParentIsNotFollowed()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.path();
        QVERIFY(makeTree(root));
        QVERIFY(link("..", root + "/a/up"));
        QVERIFY(link("../b", root + "/a/sibling"));
        QVERIFY(link("../b/3.pgm", root + "/a/borrowed.pgm"));

        const Dataset ds = loadImageFolder(str(root), gray28());
        QCOMPARE(values(ds), (std::vector<int>{10, 20, 30}));
        QCOMPARE(ds.labels, (std::vector<int>{0, 0, 1}));
        for (const char* name : {"up", "sibling", "borrowed.pgm"}) {
            const std::string reason = skipReason(ds, name);
            QVERIFY2(contains(reason, "outside") && contains(reason, "not followed"), name);
        }
    }

    // Links out of the root (a class folder and an image elsewhere) are skipped and listed.
    void linksOutOfTheRootAreNotFollowed()
    {
        QTemporaryDir tmp, elsewhere;
        QVERIFY(tmp.isValid() && elsewhere.isValid());
        const QString root = tmp.path();
        QVERIFY(makeTree(root));
        QVERIFY(writeBytes(elsewhere.path() + "/c/9.pgm", flatImage(90)));
        QVERIFY(link(elsewhere.path() + "/c", root + "/c"));           // a "class" outside
        QVERIFY(link(elsewhere.path() + "/c/9.pgm", root + "/b/9.pgm")); // an image outside

        const Dataset ds = loadImageFolder(str(root), gray28());
        QCOMPARE(ds.classes, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(values(ds), (std::vector<int>{10, 20, 30}));
        QVERIFY(contains(skipReason(ds, "c"), "outside"));
        QVERIFY(contains(skipReason(ds, "9.pgm"), "outside"));
        // The message names the link's target, so the user sees where it pointed.
        QVERIFY(contains(skipReason(ds, "c"),
                         std::filesystem::canonical(str(elsewhere.path() + "/c")).c_str()));
    }

    // The same file reached twice (a link inside the class, a hard link in another class) and
    // the same folder reached twice: counted and walked once, at the first path in order.
    void duplicatesCountOnce()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.path();
        QVERIFY(makeTree(root));
        QVERIFY(link("1.pgm", root + "/a/x-alias.pgm"));
        QVERIFY(::link(str(root + "/a/2.pgm").c_str(), str(root + "/b/hard.pgm").c_str()) == 0);
        QVERIFY(writeBytes(root + "/b/sub/5.pgm", flatImage(50)));
        QVERIFY(link("sub", root + "/b/z-sub"));
        QVERIFY(link("gone.pgm", root + "/b/broken.pgm"));

        const Dataset ds = loadImageFolder(str(root), gray28());
        QCOMPARE(values(ds), (std::vector<int>{10, 20, 30, 50}));
        QCOMPARE(ds.labels, (std::vector<int>{0, 0, 1, 1}));
        QVERIFY(contains(skipReason(ds, "x-alias.pgm"), "the same file as"));
        QVERIFY(contains(skipReason(ds, "hard.pgm"), "the same file as"));
        QVERIFY(contains(skipReason(ds, "z-sub"), "the same folder as"));
        QVERIFY(contains(skipReason(ds, "broken.pgm"), "broken symbolic link"));
        QCOMPARE(ds.skipped.size(), size_t(4));
    }

    // A flat (unlabelled) folder with a loop at its root.
    void flatFolderWithLoop()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QVERIFY(writeBytes(tmp.filePath("1.pgm"), flatImage(10)));
        QVERIFY(link(".", tmp.filePath("self")));
        const Dataset ds = loadImageFolder(str(tmp.path()), gray28());
        QVERIFY(!ds.labelled());
        QCOMPARE(values(ds), std::vector<int>{10});
        QVERIFY(contains(skipReason(ds, "self"), "symbolic link loop"));
    }

    // The scan itself checks the cancel token (before, Ctrl+C was ignored during the walk).
    void scanHonoursCancel()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QVERIFY(makeTree(tmp.path()));
        CancelToken token;
        token.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled, scanImageFolder(str(tmp.path()), &token));
        const FolderScan scan = scanImageFolder(str(tmp.path()), nullptr);
        QCOMPARE(scan.byClass.size(), size_t(2));
    }

    // An unreadable class folder is an error naming it (before: an empty class). Root ignores
    // permissions, so the load runs on a thread without CAP_DAC_OVERRIDE/READ_SEARCH.
    void unreadableClassFolderIsAnError()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString root = tmp.path();
        QVERIFY(makeTree(root));
        QVERIFY(writeBytes(root + "/a/0-locked.pgm", flatImage(5)));
        QVERIFY(::chmod(str(root + "/a/0-locked.pgm").c_str(), 0) == 0);
        QVERIFY(::chmod(str(root + "/b").c_str(), 0) == 0);

        bool dropped = false;
        std::string error;
        std::vector<std::string> skipped;
        std::thread worker([&] {
            dropped = dropFileCapabilitiesOfThisThread();
            if (!dropped)
                return;
            try {
                loadImageFolder(str(root), gray28());
            } catch (const Error& e) {
                error = e.what();
            }
            // Without the locked class: the unreadable image is skipped with its reason.
            try {
                RunControl one;
                one.threads = 1;
                const Dataset ds = loadImageFolder(str(root + "/a"), gray28(), 0, one);
                for (const SkippedFile& s : ds.skipped)
                    skipped.push_back(s.reason);
            } catch (const Error& e) {
                skipped.push_back(std::string("error: ") + e.what());
            }
        });
        worker.join();
        QVERIFY(::chmod(str(root + "/b").c_str(), 0755) == 0);
        if (!dropped)
            QSKIP("cannot drop CAP_DAC_OVERRIDE for a thread (capset refused)");
        QCOMPARE(QString::fromStdString(error),
                 root + QStringLiteral("/b: cannot read the folder: Permission denied"));
        QCOMPARE(skipped, std::vector<std::string>{"cannot open file"});
    }
};

QTEST_GUILESS_MAIN(TestDatasetWalk)
#include "test_dataset_walk.moc"
