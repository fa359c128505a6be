// Image folder loading and preprocessing (core/dataset.h).
// Golden values for the committed Fashion-MNIST samples come from tools/make_demo_assets.py
// (resources/models/demo_expected.json, "golden"); synthetic images are written here as
// PNM or as PNG through a tiny writer so every expected pixel is known exactly.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <numeric>

#include "core/dataset.h"
#include "core/error.h"
#include "dataset_test_images.h"

using namespace ql;
using namespace ql::testing;

namespace {

const QString kEvalDir = QStringLiteral(QL_RESOURCE_DIR "/data/eval");
const QString kCalibDir = QStringLiteral(QL_RESOURCE_DIR "/data/calib");

// From tools/make_demo_assets.py ("golden" in resources/models/demo_expected.json):
// the first eval file (test-set index 19, the first T-shirt in t10k).
const char* const kGoldenFile = "0-tshirt-top/00019.png";
const long long kGoldenPixelSum = 83873;   // sum of its 784 uint8 pixels
const int kGoldenPixel14_14 = 196;         // its pixel at row 14, column 14
const long long kGoldenEvalSum = 56973981; // sum of all 1,000 x 784 eval pixels

const QStringList kClasses = {"0-tshirt-top", "1-trouser", "2-pullover", "3-dress", "4-coat",
                              "5-sandal",     "6-shirt",   "7-sneaker",  "8-bag",   "9-ankle-boot"};

std::string str(const QString& s)
{
    return s.toStdString();
}


bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

class TestDataset : public QObject
{
    Q_OBJECT

private slots:
    void evalFolderGolden()
    {
        const Dataset ds = loadImageFolder(str(kEvalDir), gray28());
        QCOMPARE(ds.size(), 1000);
        QVERIFY(ds.labelled());
        QCOMPARE(ds.classes.size(), size_t(10));
        for (int c = 0; c < 10; ++c)
            QCOMPARE(QString::fromStdString(ds.classes[c]), kClasses[c]);
        QVERIFY(ds.skipped.empty());
        QCOMPARE(ds.images.shape, (Shape{1000, 1, 28, 28}));
        QCOMPARE(ds.images.f.size(), size_t(1000 * 784));

        std::vector<int> perClass(10, 0);
        for (int64_t i = 0; i < ds.size(); ++i) {
            const int label = ds.labels[i];
            QVERIFY(label >= 0 && label < 10);
            ++perClass[label];
            // The label is the index of the file's parent folder among the sorted classes.
            const std::string parent = std::filesystem::path(ds.files[i]).parent_path().filename();
            QCOMPARE(parent, ds.classes[label]);
            if (i > 0) // sorted by class, then file name
                QVERIFY(std::make_pair(ds.labels[i - 1], ds.files[i - 1]) <
                        std::make_pair(label, ds.files[i]));
        }
        QCOMPARE(perClass, std::vector<int>(10, 100));

        QVERIFY2(ds.files[0].ends_with(kGoldenFile), ds.files[0].c_str());
        // Values are k/255 as a float division, exactly as torchvision's ToTensor and the
        // script's numpy (uint8 -> float32 / 255) compute them.
        long long sum0 = 0, all = 0;
        for (int i = 0; i < 784; ++i)
            sum0 += std::lround(ds.images.f[i] * 255.0);
        QCOMPARE(sum0, kGoldenPixelSum);
        QCOMPARE(ds.images.f[14 * 28 + 14], kGoldenPixel14_14 / 255.0f);
        for (size_t i = 0; i < ds.images.f.size(); ++i) {
            const float v = ds.images.f[i];
            const long k = std::lround(v * 255.0);
            QVERIFY(k >= 0 && k <= 255);
            QCOMPARE(v, static_cast<float>(k) / 255.0f); // bit-exact, not just close
            all += k;
        }
        QCOMPARE(all, kGoldenEvalSum);
    }

    void flattenToRank2()
    {
        Preprocess pp = gray28();
        pp.flattenToRank2 = true;
        const Dataset flat = loadImageFolder(str(kEvalDir), pp, 20);
        const Dataset nchw = loadImageFolder(str(kEvalDir), gray28(), 20);
        QCOMPARE(flat.images.shape, (Shape{20, 784}));
        QCOMPARE(nchw.images.shape, (Shape{20, 1, 28, 28}));
        QCOMPARE(flat.images.f, nchw.images.f);
        QCOMPARE(flat.files, nchw.files);
    }

    void deterministicAcrossThreads()
    {
        RunControl one, two;
        one.threads = 1;
        two.threads = 2;
        const Dataset a = loadImageFolder(str(kEvalDir), gray28(), 0, one);
        const Dataset b = loadImageFolder(str(kEvalDir), gray28(), 0, two);
        QCOMPARE(a.files, b.files);
        QCOMPARE(a.labels, b.labels);
        QVERIFY(a.images.f == b.images.f);
    }

    void limitSpreadsOverClasses()
    {
        // 25 = two full rounds over 10 classes + the first 5 classes once more.
        const Dataset ds = loadImageFolder(str(kEvalDir), gray28(), 25);
        QCOMPARE(ds.size(), 25);
        QCOMPARE(ds.images.shape, (Shape{25, 1, 28, 28}));
        std::vector<int> perClass(10, 0);
        for (int label : ds.labels)
            ++perClass[label];
        QCOMPARE(perClass, (std::vector<int>{3, 3, 3, 3, 3, 2, 2, 2, 2, 2}));
        QVERIFY(std::is_sorted(ds.labels.begin(), ds.labels.end()));
        // Within a class: the first files in name order, and the same pixels as a full load.
        const Dataset full = loadImageFolder(str(kEvalDir), gray28());
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(ds.files[k], full.files[k]);
            QVERIFY(std::equal(ds.images.f.begin() + k * 784, ds.images.f.begin() + (k + 1) * 784,
                               full.images.f.begin() + k * 784));
        }
        QCOMPARE(ds.files[3], full.files[100]); // class 1 starts at row 100 of the full load

        const Dataset few = loadImageFolder(str(kEvalDir), gray28(), 3);
        QCOMPARE(few.labels, (std::vector<int>{0, 1, 2}));
        const Dataset more = loadImageFolder(str(kEvalDir), gray28(), 5000);
        QCOMPARE(more.size(), 1000);
    }

    void calibFolder()
    {
        const Dataset ds = loadImageFolder(str(kCalibDir), gray28());
        QCOMPARE(ds.size(), 500);
        QCOMPARE(ds.classes.size(), size_t(10));
        std::vector<int> perClass(10, 0);
        for (int label : ds.labels)
            ++perClass[label];
        QCOMPARE(perClass, std::vector<int>(10, 50));
    }

    void corruptFilesAreSkipped()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QByteArray good = readBytes(kEvalDir + "/1-trouser/" +
                                          QDir(kEvalDir + "/1-trouser").entryList(QDir::Files)[0]);
        QVERIFY(good.size() > 60);
        QVERIFY(writeBytes(tmp.filePath("a_good.png"), good));
        QVERIFY(writeBytes(tmp.filePath("b_truncated.png"), good.left(good.size() / 2)));
        QByteArray random(700, '\0');
        QRandomGenerator rng(1234);
        for (char& ch : random)
            ch = char(rng.bounded(256));
        QVERIFY(writeBytes(tmp.filePath("c_random.png"), random));
        QVERIFY(writeBytes(tmp.filePath("d_zero.png"), QByteArray()));
        QVERIFY(writeBytes(tmp.filePath("e_text.png"), "this is not an image\n"));
        QVERIFY(writeBytes(tmp.filePath("f_header_only.png"), good.left(8)));
        QVERIFY(writeBytes(tmp.filePath("g_good.png"), good));
        QVERIFY(writeBytes(tmp.filePath("notes.txt"), "ignored: not an image extension"));

        const Dataset ds = loadImageFolder(str(tmp.path()), gray28());
        QCOMPARE(ds.size(), 2);
        QVERIFY(ds.files[0].ends_with("a_good.png"));
        QVERIFY(ds.files[1].ends_with("g_good.png"));
        QCOMPARE(ds.images.shape, (Shape{2, 1, 28, 28}));
        QVERIFY(
            std::equal(ds.images.f.begin(), ds.images.f.begin() + 784, ds.images.f.begin() + 784));

        QCOMPARE(ds.skipped.size(), size_t(5));
        const char* names[] = {"b_truncated.png", "c_random.png", "d_zero.png", "e_text.png",
                               "f_header_only.png"};
        std::vector<std::string> skippedNames;
        for (const SkippedFile& s : ds.skipped) {
            QVERIFY2(!s.reason.empty(), s.path.c_str());
            skippedNames.push_back(std::filesystem::path(s.path).filename());
        }
        std::sort(skippedNames.begin(), skippedNames.end());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(skippedNames[i], std::string(names[i]));
        for (const SkippedFile& s : ds.skipped) {
            if (s.path.ends_with("d_zero.png"))
                QVERIFY2(contains(s.reason, "0 bytes"), s.reason.c_str());
            else if (s.path.ends_with("c_random.png") || s.path.ends_with("e_text.png"))
                QVERIFY2(contains(s.reason, "unknown signature"), s.reason.c_str()); // never decoded
            else
                QVERIFY2(contains(s.reason, "cannot decode image"), s.reason.c_str());
        }

        // With a limit, a skipped file makes room for the next readable one.
        const Dataset limited = loadImageFolder(str(tmp.path()), gray28(), 2);
        QCOMPARE(limited.size(), 2);
    }

    void corruptFileInClassFolder()
    {
        QTemporaryDir tmp;
        const QByteArray good =
            readBytes(kEvalDir + "/8-bag/" + QDir(kEvalDir + "/8-bag").entryList(QDir::Files)[0]);
        QVERIFY(writeBytes(tmp.filePath("cat/1.png"), good));
        QVERIFY(writeBytes(tmp.filePath("cat/2.png"), "garbage"));
        QVERIFY(writeBytes(tmp.filePath("cat/3.png"), good));
        QVERIFY(writeBytes(tmp.filePath("dog/1.png"), good));
        QVERIFY(writeBytes(tmp.filePath("stray.png"), good)); // outside the class folders
        QVERIFY(QDir(tmp.path()).mkpath(".hidden"));

        const Dataset ds = loadImageFolder(str(tmp.path()), gray28());
        QCOMPARE(ds.classes, (std::vector<std::string>{"cat", "dog"}));
        QCOMPARE(ds.labels, (std::vector<int>{0, 0, 1}));
        QCOMPARE(ds.skipped.size(), size_t(2));
        bool sawGarbage = false, sawStray = false;
        for (const SkippedFile& s : ds.skipped) {
            sawGarbage = sawGarbage || s.path.ends_with("cat/2.png");
            sawStray = sawStray || s.path.ends_with("stray.png");
        }
        QVERIFY(sawGarbage && sawStray);
    }

    void emptyAndAllCorruptFoldersThrow()
    {
        QTemporaryDir tmp;
        const QString empty = tmp.filePath("empty");
        QVERIFY(QDir().mkpath(empty));
        try {
            loadImageFolder(str(empty), gray28());
            QFAIL("empty folder loaded");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), str(empty) + ": no readable images (0 files skipped)"),
                     e.what());
        }

        const QString bad = tmp.filePath("bad");
        QVERIFY(writeBytes(bad + "/x.png", "nope"));
        QVERIFY(writeBytes(bad + "/y.jpg", QByteArray()));
        QVERIFY(writeBytes(bad + "/z.bmp", QByteArray(100, 'B')));
        try {
            loadImageFolder(str(bad), gray28());
            QFAIL("folder of corrupt files loaded");
        } catch (const Error& e) {
            QVERIFY2(contains(e.what(), str(bad) + ": no readable images (3 files skipped)"),
                     e.what());
        }

        const QString missing = tmp.filePath("does-not-exist");
        try {
            loadImageFolder(str(missing), gray28());
            QFAIL("missing folder loaded");
        } catch (const Error& e) {
            QCOMPARE(std::string(e.what()), str(missing) + ": folder does not exist");
        }
    }

    void flatFolderIsUnlabelled()
    {
        QTemporaryDir tmp;
        const QDir src(kEvalDir + "/3-dress");
        const QStringList names = src.entryList(QDir::Files, QDir::Name).mid(0, 4);
        for (const QString& n : names)
            QVERIFY(QFile::copy(src.filePath(n), tmp.filePath(n)));
        const Dataset ds = loadImageFolder(str(tmp.path()), gray28());
        QVERIFY(!ds.labelled());
        QVERIFY(ds.classes.empty());
        QCOMPARE(ds.size(), 4);
        QCOMPARE(ds.labels, std::vector<int>(4, -1));
        // Same pixels as the labelled load of that class.
        const Dataset full = loadImageFolder(str(kEvalDir), gray28());
        QVERIFY(
            std::equal(ds.images.f.begin(), ds.images.f.end(), full.images.f.begin() + 300 * 784));
    }

    void rgbToGrayAndGrayToRgb()
    {
        QTemporaryDir tmp;
        // 2x2 RGB: red, green / blue, white.
        QVERIFY(writeBytes(tmp.filePath("rgb/a.ppm"),
                           pnm(2, 2, 3, {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255})));
        Preprocess gray;
        gray.height = gray.width = 2;
        gray.scale = 1.0f;
        const Dataset g = loadImageFolder(str(tmp.filePath("rgb")), gray);
        QCOMPARE(g.images.shape, (Shape{1, 1, 2, 2}));
        // OpenCV's BGR2GRAY: round(0.299 R + 0.587 G + 0.114 B).
        QCOMPARE(g.images.f, (std::vector<float>{76, 150, 29, 255}));

        Preprocess rgb = gray;
        rgb.channels = 3;
        rgb.mean = {0.0f, 0.0f, 0.0f};
        rgb.std = {1.0f, 1.0f, 1.0f};
        const Dataset c = loadImageFolder(str(tmp.filePath("rgb")), rgb);
        QCOMPARE(c.images.shape, (Shape{1, 3, 2, 2}));
        // Planar R, G, B (not OpenCV's BGR).
        QCOMPARE(c.images.f, (std::vector<float>{255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255}));

        // Grayscale file to a 3-channel model: replicated, then per-channel mean/std.
        QVERIFY(writeBytes(tmp.filePath("gray/a.pgm"), pnm(2, 1, 1, {100, 200})));
        Preprocess rgbNorm;
        rgbNorm.channels = 3;
        rgbNorm.height = 1;
        rgbNorm.width = 2;
        rgbNorm.scale = 1.0f / 100;
        rgbNorm.mean = {0.0f, 1.0f, 2.0f};
        rgbNorm.std = {1.0f, 2.0f, 4.0f};
        const Dataset r = loadImageFolder(str(tmp.filePath("gray")), rgbNorm);
        QCOMPARE(r.images.shape, (Shape{1, 3, 1, 2}));
        QCOMPARE(r.images.f, (std::vector<float>{1, 2, 0, 0.5f, -0.25f, 0}));
    }

    // channel_order "bgr" (issue 11 item 5): a 2-pixel image, red then (10, 20, 30); the BGR
    // tensor is the RGB one with planes 0 and 2 swapped, and mean/std follow the tensor's
    // channel index (mean[0] applies to blue).
    void bgrChannelOrder()
    {
        QTemporaryDir tmp;
        QVERIFY(writeBytes(tmp.filePath("c/a.ppm"), pnm(2, 1, 3, {255, 0, 0, 10, 20, 30})));
        Preprocess rgb;
        rgb.channels = 3;
        rgb.height = 1;
        rgb.width = 2;
        rgb.scale = 1.0f;
        rgb.mean = {0.0f};
        rgb.std = {1.0f};
        const Dataset r = loadImageFolder(str(tmp.filePath("c")), rgb);
        QCOMPARE(r.images.f, (std::vector<float>{255, 10, 0, 20, 0, 30}));
        Preprocess bgr = rgb;
        bgr.channelOrder = Preprocess::ChannelOrder::Bgr;
        const Dataset b = loadImageFolder(str(tmp.filePath("c")), bgr);
        QCOMPARE(b.images.shape, (Shape{1, 3, 1, 2}));
        QCOMPARE(b.images.f, (std::vector<float>{0, 30, 0, 20, 255, 10}));
        bgr.mean = {5.0f, 0.0f, 0.0f};
        bgr.std = {1.0f, 1.0f, 2.0f};
        const Dataset n = loadImageFolder(str(tmp.filePath("c")), bgr);
        QCOMPARE(n.images.f, (std::vector<float>{-5, 25, 0, 20, 127.5f, 5}));
        // A grayscale file replicated into BGR planes is the same in either order.
        QVERIFY(writeBytes(tmp.filePath("g/a.pgm"), pnm(2, 1, 1, {7, 9})));
        Preprocess grayToBgr = rgb;
        grayToBgr.channelOrder = Preprocess::ChannelOrder::Bgr;
        QCOMPARE(loadImageFolder(str(tmp.filePath("g")), grayToBgr).images.f,
                 (std::vector<float>{7, 9, 7, 9, 7, 9}));
    }

    void sixteenBitAndAlpha()
    {
        QTemporaryDir tmp;
        Preprocess pp;
        pp.height = 1;
        pp.width = 2;
        pp.scale = 1.0f;
        // 16-bit samples map to 8 bits as v / 257 (65535 -> 255).
        QVERIFY(writeBytes(tmp.filePath("p16/a.pgm"), pnm(2, 1, 1, {25700, 65535}, 65535)));
        QVERIFY(writeBytes(tmp.filePath("p16/b.png"), png(2, 1, 0, 16, {257 * 7, 0})));
        const Dataset d16 = loadImageFolder(str(tmp.filePath("p16")), pp);
        QVERIFY(d16.skipped.empty());
        QCOMPARE(d16.images.f, (std::vector<float>{100, 255, 7, 0}));

        // RGBA PNG: alpha dropped, colour kept (R=10, G=20, B=30; gray = round(0.299·10 +
        // 0.587·20 + 0.114·30) = 18).
        QVERIFY(writeBytes(tmp.filePath("rgba/a.png"),
                           png(2, 1, 6, 8, {10, 20, 30, 0, 10, 20, 30, 255})));
        const Dataset g = loadImageFolder(str(tmp.filePath("rgba")), pp);
        QCOMPARE(g.images.f, (std::vector<float>{18, 18}));
        pp.channels = 3;
        const Dataset c = loadImageFolder(str(tmp.filePath("rgba")), pp);
        QCOMPARE(c.images.f, (std::vector<float>{10, 10, 20, 20, 30, 30}));
    }

    void stretchVersusCenterCrop()
    {
        QTemporaryDir tmp;
        // 12 wide x 6 tall, pixel = 10·y + x.
        std::vector<int> px;
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 12; ++x)
                px.push_back(10 * y + x);
        QVERIFY(writeBytes(tmp.filePath("img/a.pgm"), pnm(12, 6, 1, px)));

        Preprocess crop;
        crop.height = crop.width = 4;
        crop.scale = 1.0f;
        crop.resize = Preprocess::Resize::ShorterSideThenCenterCrop;
        crop.resizeShorter = 6; // shorter side already 6: no resize, only the centre 4x4
        const Dataset c = loadImageFolder(str(tmp.filePath("img")), crop);
        QCOMPARE(c.images.shape, (Shape{1, 1, 4, 4}));
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x)
                QCOMPARE(c.images.f[y * 4 + x], float(10 * (y + 1) + (x + 4)));

        // Shorter side 3 halves the image to 6x3 (pixel ≈ 10·y + x at y = 0.5, 2.5, 4.5 and
        // x = 0.5, 2.5, ..., 10.5), then the 3x5 crop keeps columns 0..4 (offset round(0.5) = 0
        // as torchvision): the rightmost column (x ≈ 10.5) is cut off.
        crop.height = 3;
        crop.width = 5;
        crop.resizeShorter = 3;
        const Dataset c2 = loadImageFolder(str(tmp.filePath("img")), crop);
        QCOMPARE(c2.images.shape, (Shape{1, 1, 3, 5}));
        QVERIFY(std::abs(c2.images.f[0] - 5.5f) <= 1.0f);
        QVERIFY(std::abs(c2.images.f[4] - 13.5f) <= 1.0f);
        QVERIFY(std::abs(c2.images.f[10] - 45.5f) <= 1.0f);

        // Stretch keeps the whole width: 5 columns sample x = 0.7, 3.1, ..., 10.3 (bilinear,
        // pixel centres aligned), so the right column reaches ≈ 15.3 where the crop stopped.
        Preprocess stretch = crop;
        stretch.resize = Preprocess::Resize::Stretch;
        const Dataset s = loadImageFolder(str(tmp.filePath("img")), stretch);
        QCOMPARE(s.images.shape, (Shape{1, 1, 3, 5}));
        QVERIFY2(std::abs(s.images.f[0] - 5.7f) <= 1.0f,
                 qPrintable(QString::number(s.images.f[0])));
        QVERIFY2(std::abs(s.images.f[4] - 15.3f) <= 1.0f,
                 qPrintable(QString::number(s.images.f[4])));

        // Identity stretch: exact pixels.
        stretch.height = 6;
        stretch.width = 12;
        const Dataset id = loadImageFolder(str(tmp.filePath("img")), stretch);
        for (size_t i = 0; i < px.size(); ++i)
            QCOMPARE(id.images.f[i], float(px[i]));
    }

    void imagenetCropShape()
    {
        QTemporaryDir tmp;
        std::vector<int> px(300 * 200 * 3, 128);
        QVERIFY(writeBytes(tmp.filePath("a.ppm"), pnm(300, 200, 3, px)));
        const Preprocess pp = defaultPreprocess(modelWithInput({-1, 3, 224, 224}));
        const Dataset ds = loadImageFolder(str(tmp.path()), pp);
        QCOMPARE(ds.images.shape, (Shape{1, 3, 224, 224}));
        // Uniform 128 -> (128/255 - mean_c) / std_c in every pixel of channel c.
        for (int c = 0; c < 3; ++c) {
            const float expected = (128.0f / 255 - pp.mean[c]) / pp.std[c];
            QVERIFY(std::abs(ds.images.f[c * 224 * 224 + 1000] - expected) < 1e-5f);
        }
    }

    void nonAsciiPathAndUpperCaseExtension()
    {
        QTemporaryDir tmp;
        const QByteArray good = readBytes(kEvalDir + "/5-sandal/" +
                                          QDir(kEvalDir + "/5-sandal").entryList(QDir::Files)[0]);
        const QString dir = tmp.filePath(QString::fromUtf8("données/ünïcode"));
        QVERIFY(writeBytes(dir + QString::fromUtf8("/Bild_ä.PNG"), good));
        QVERIFY(writeBytes(dir + "/second.Png", good));
        const Dataset ds =
            loadImageFolder(str(tmp.filePath(QString::fromUtf8("données"))), gray28());
        QCOMPARE(ds.size(), 2);
        QCOMPARE(ds.classes, (std::vector<std::string>{"ünïcode"}));
        QVERIFY(ds.skipped.empty());
    }

    void invalidPreprocessThrows()
    {
        Preprocess pp;
        pp.channels = 4;
        QVERIFY_THROWS_EXCEPTION(Error, loadImageFolder(str(kEvalDir), pp));
        pp = Preprocess{};
        pp.channels = 3;
        pp.mean = {0.0f, 0.0f}; // neither 1 nor 3 values
        QVERIFY_THROWS_EXCEPTION(Error, loadImageFolder(str(kEvalDir), pp));
        pp = Preprocess{};
        pp.std = {0.0f};
        QVERIFY_THROWS_EXCEPTION(Error, loadImageFolder(str(kEvalDir), pp));
    }

    void cancel()
    {
        CancelToken token;
        token.cancel();
        RunControl pre;
        pre.cancel = &token;
        QVERIFY_THROWS_EXCEPTION(Cancelled, loadImageFolder(str(kEvalDir), gray28(), 0, pre));

        // Cancelled mid-way from the progress callback (as a GUI cancel button would).
        CancelToken midway;
        RunControl ctl;
        ctl.cancel = &midway;
        ctl.threads = 2;
        // Called from worker threads: only atomics here, the checks come after.
        std::atomic<long long> maxDone{0}, badTotal{0};
        ctl.progress = [&](long long done, long long total) {
            if (total != 1000)
                badTotal = total;
            long long seen = maxDone.load();
            while (done > seen && !maxDone.compare_exchange_weak(seen, done)) {
            }
            if (done >= 50)
                midway.cancel();
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, loadImageFolder(str(kEvalDir), gray28(), 0, ctl));
        QCOMPARE(badTotal.load(), 0LL);
        QVERIFY(maxDone >= 50 && maxDone < 1000);

        // Progress reaches total on a normal run.
        RunControl plain;
        long long last = 0;
        plain.threads = 1;
        plain.progress = [&](long long done, long long) { last = done; };
        loadImageFolder(str(kEvalDir), gray28(), 10, plain);
        QCOMPARE(last, 10LL);
    }

    void defaultPreprocessFromInputShape()
    {
        const Preprocess mlp = defaultPreprocess(modelWithInput({-1, 784}));
        QVERIFY(mlp.flattenToRank2);
        QCOMPARE(mlp.channels, 1);
        QCOMPARE(mlp.height, 28);
        QCOMPARE(mlp.width, 28);
        QCOMPARE(mlp.scale, 1.0f / 255);
        QCOMPARE(mlp.mean, std::vector<float>{0.0f});
        QCOMPARE(mlp.std, std::vector<float>{1.0f});

        const Preprocess strip = defaultPreprocess(modelWithInput({-1, 100 + 7}));
        QVERIFY(strip.flattenToRank2);
        QCOMPARE(strip.height, 1);
        QCOMPARE(strip.width, 107);

        const Preprocess cifarFlat = defaultPreprocess(modelWithInput({-1, 3072}));
        QCOMPARE(cifarFlat.channels, 3);
        QCOMPARE(cifarFlat.height, 32);

        const Preprocess cnn = defaultPreprocess(modelWithInput({-1, 1, 28, 28}));
        QVERIFY(!cnn.flattenToRank2);
        QCOMPARE(cnn, Preprocess{});

        const Preprocess cifar = defaultPreprocess(modelWithInput({-1, 3, 32, 32}));
        QCOMPARE(cifar.channels, 3);
        QCOMPARE(cifar.height, 32);
        QCOMPARE(cifar.resize, Preprocess::Resize::Stretch);
        QCOMPARE(cifar.scale, 1.0f / 255);
        QCOMPARE(cifar.mean, (std::vector<float>{0.0f, 0.0f, 0.0f}));

        const Preprocess imagenet = defaultPreprocess(modelWithInput({-1, 3, 224, 224}));
        QCOMPARE(imagenet.resize, Preprocess::Resize::ShorterSideThenCenterCrop);
        QCOMPARE(imagenet.height, 224);
        QCOMPARE(imagenet.mean, (std::vector<float>{0.485f, 0.456f, 0.406f}));
        QCOMPARE(imagenet.std, (std::vector<float>{0.229f, 0.224f, 0.225f}));

        QCOMPARE(defaultPreprocess(Model{}), Preprocess{});
    }

    void slice()
    {
        const Dataset ds = loadImageFolder(str(kEvalDir), gray28(), 30);
        const Tensor t = ds.slice(10, 5);
        QCOMPARE(t.shape, (Shape{5, 1, 28, 28}));
        QVERIFY(std::equal(t.f.begin(), t.f.end(), ds.images.f.begin() + 10 * 784));
        QCOMPARE(ds.slice(30, 0).shape, (Shape{0, 1, 28, 28}));
        QVERIFY_THROWS_EXCEPTION(Error, ds.slice(25, 6));
        QVERIFY_THROWS_EXCEPTION(Error, ds.slice(-1, 2));
    }
};

QTEST_GUILESS_MAIN(TestDataset)
#include "test_dataset.moc"
