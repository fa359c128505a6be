// core/npy: the .npy writer reproduces numpy 1.24's np.save() byte for byte (golden bytes
// below were produced by /usr/bin/python3 -c "np.save(...)"), the reader round-trips every
// supported dtype and shape, and malformed files fail with a message naming the file.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "core/npy.h"

using namespace ql;

namespace {

std::string bytes(const QByteArray& a)
{
    return std::string(a.constData(), size_t(a.size()));
}

// magic + version 1.0 + header length, the dict, `spaces` blanks and '\n', then the data.
QByteArray golden(const char* dict, int spaces, const QByteArray& data)
{
    QByteArray header = QByteArray(dict) + QByteArray(spaces, ' ') + '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out.append(char(header.size() & 0xFF)).append(char(header.size() >> 8));
    return out + header + data;
}

NpyArray roundTrip(const NpyArray& a)
{
    return decodeNpy(encodeNpy(a), "mem.npy");
}

} // namespace

class TestNpy : public QObject
{
    Q_OBJECT
private slots:
    void goldenInt32Vector()
    {
        // np.save(f, np.array([1, 2, 3], dtype='<i4'))
        const QByteArray expected =
            golden("{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }", 60,
                   QByteArray::fromHex("010000000200000003000000"));
        QCOMPARE(QByteArray::fromStdString(
                     encodeNpy(NpyArray::fromInt(NpyType::Int32, {3}, {1, 2, 3}))),
                 expected);
        QCOMPARE(expected.size(), 140);
    }

    void goldenInt16Matrix()
    {
        // np.save(f, np.array([[1, -2, 3], [4, 5, -6]], dtype='<i2'))
        const QByteArray expected =
            golden("{'descr': '<i2', 'fortran_order': False, 'shape': (2, 3), }", 58,
                   QByteArray::fromHex("0100feff030004000500faff"));
        QCOMPARE(QByteArray::fromStdString(encodeNpy(
                     NpyArray::fromInt(NpyType::Int16, {2, 3}, {1, -2, 3, 4, 5, -6}))),
                 expected);
    }

    void goldenUInt8AndFloatScalar()
    {
        // np.save(f, np.array([0, 255, 7], dtype=np.uint8))
        QCOMPARE(QByteArray::fromStdString(
                     encodeNpy(NpyArray::fromInt(NpyType::UInt8, {3}, {0, 255, 7}))),
                 golden("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }", 60,
                        QByteArray::fromHex("00ff07")));
        // np.save(f, np.float32(5)): a scalar has shape () and no growth padding.
        QCOMPARE(QByteArray::fromStdString(encodeNpy(NpyArray::fromFloat({}, {5.0f}))),
                 golden("{'descr': '<f4', 'fortran_order': False, 'shape': (), }", 62,
                        QByteArray::fromHex("0000a040")));
    }

    void headerIsAlignedTo64Bytes()
    {
        // Lengths that put the unpadded header on every residue mod 64.
        for (int64_t dim = 0; dim < 200; dim += 7) {
            for (const Shape& shape : {Shape{dim}, Shape{dim, 3}, Shape{2, dim, 5, 1}}) {
                const NpyArray a = NpyArray::fromInt(NpyType::Int8, shape,
                                                     std::vector<int32_t>(size_t(numelOf(shape))));
                const std::string b = encodeNpy(a);
                const size_t headerLength = uint8_t(b[8]) | (size_t(uint8_t(b[9])) << 8);
                QCOMPARE((10 + headerLength) % 64, size_t(0));
                QCOMPARE(b[10 + headerLength - 1], '\n');
                QCOMPARE(b.size(), 10 + headerLength + size_t(numelOf(shape)));
            }
        }
    }

    void roundTripEveryType_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("lo");
        QTest::addColumn<int>("hi");
        QTest::newRow("int8") << int(NpyType::Int8) << -128 << 127;
        QTest::newRow("uint8") << int(NpyType::UInt8) << 0 << 255;
        QTest::newRow("int16") << int(NpyType::Int16) << -32768 << 32767;
        QTest::newRow("uint16") << int(NpyType::UInt16) << 0 << 65535;
        QTest::newRow("int32") << int(NpyType::Int32) << std::numeric_limits<int32_t>::min()
                               << std::numeric_limits<int32_t>::max();
    }
    void roundTripEveryType()
    {
        QFETCH(int, type);
        QFETCH(int, lo);
        QFETCH(int, hi);
        const std::vector<Shape> shapes{{}, {0}, {0, 3}, {1}, {5}, {2, 3}, {2, 1, 3, 2}};
        for (const Shape& shape : shapes) {
            std::vector<int32_t> v(size_t(numelOf(shape)));
            for (size_t k = 0; k < v.size(); ++k)
                v[k] = k % 3 == 0 ? lo : (k % 3 == 1 ? hi : int32_t((int64_t(lo) + hi) / 2));
            const NpyArray a = NpyArray::fromInt(NpyType(type), shape, v);
            const NpyArray b = roundTrip(a);
            QCOMPARE(int(b.type), type);
            QCOMPARE(b.shape, shape);
            QCOMPARE(b.i, v);
            QVERIFY(b.f.empty());
        }
    }

    void roundTripFloat()
    {
        const std::vector<float> v{0.0f, -0.0f, 1.5f, -3.25e-20f, 3.4e38f,
                                   std::numeric_limits<float>::infinity()};
        const NpyArray b = roundTrip(NpyArray::fromFloat({2, 3}, v));
        QCOMPARE(int(b.type), int(NpyType::Float32));
        QCOMPARE(b.shape, (Shape{2, 3}));
        QCOMPARE(std::memcmp(b.f.data(), v.data(), v.size() * sizeof(float)), 0);
        const NpyArray empty = roundTrip(NpyArray::fromFloat({4, 0}, {}));
        QCOMPARE(empty.shape, (Shape{4, 0}));
        QVERIFY(empty.f.empty());
    }

    void fileRoundTripAndAtomicFailure()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = QDir(dir.path()).filePath("codes.npy").toStdString();
        writeNpy(path, NpyArray::fromInt(NpyType::UInt8, {2, 2}, {1, 2, 3, 250}));
        const NpyArray b = readNpy(path);
        QCOMPARE(b.i, (std::vector<int32_t>{1, 2, 3, 250}));
        // A directory that does not exist: an ql::Error naming the path, nothing written.
        const std::string bad = QDir(dir.path()).filePath("missing/x.npy").toStdString();
        QVERIFY_THROWS_EXCEPTION(Error, writeNpy(bad, b));
        QVERIFY(!QFile::exists(QString::fromStdString(bad)));
    }

    void narrowestType()
    {
        QCOMPARE(int(narrowestIntType(-128, 127)), int(NpyType::Int8));
        QCOMPARE(int(narrowestIntType(0, 255)), int(NpyType::UInt8));
        QCOMPARE(int(narrowestIntType(-1, 255)), int(NpyType::Int16));
        QCOMPARE(int(narrowestIntType(0, 65535)), int(NpyType::UInt16));
        QCOMPARE(int(narrowestIntType(-40000, 0)), int(NpyType::Int32));
        QVERIFY_THROWS_EXCEPTION(Error, narrowestIntType(0, int64_t(1) << 32));
        // Codes: the quantizer's range decides, so a dump's dtype does not depend on the data.
        const Tensor codes = Tensor::fromCodes(DType::Int32, {3}, {0, 1, 2});
        QCOMPARE(int(npyFromCodes(codes, -128, 127).type), int(NpyType::Int8));
        QCOMPARE(int(npyFromCodes(codes, 0, 4095).type), int(NpyType::Int16));
        QVERIFY_THROWS_EXCEPTION(Error, NpyArray::fromInt(NpyType::UInt8, {1}, {256}));
        QVERIFY_THROWS_EXCEPTION(Error, NpyArray::fromInt(NpyType::Int8, {2}, {1}));
    }

    void readsOtherWriters()
    {
        // Version 2.0 (4-byte header length), double quotes, no trailing comma, other spacing.
        QByteArray header("{\"descr\":\"<u2\",\"fortran_order\":False,\"shape\":(2,)}");
        while ((12 + header.size() + 1) % 16)
            header.append(' ');
        header.append('\n');
        QByteArray file("\x93NUMPY\x02\x00", 8);
        const int n = int(header.size());
        file.append(char(n & 0xFF)).append(char((n >> 8) & 0xFF)).append('\0').append('\0');
        file += header + QByteArray::fromHex("0100ffff");
        const NpyArray a = decodeNpy(bytes(file), "v2.npy");
        QCOMPARE(int(a.type), int(NpyType::UInt16));
        QCOMPARE(a.i, (std::vector<int32_t>{1, 65535}));
    }

    void rejectsMalformedFiles()
    {
        const std::string good = encodeNpy(NpyArray::fromInt(NpyType::Int32, {3}, {1, 2, 3}));
        auto expectError = [](const std::string& data, const char* needle) {
            try {
                decodeNpy(data, "bad.npy");
                QFAIL("no error");
            } catch (const Error& e) {
                const QString msg = QString::fromUtf8(e.what());
                QVERIFY2(msg.startsWith(QStringLiteral("bad.npy: ")), e.what());
                QVERIFY2(msg.contains(QLatin1String(needle)), e.what());
            }
        };
        expectError("PK\x03\x04 not numpy", "magic");
        expectError(good.substr(0, good.size() - 1), "bytes");
        std::string fortran = good;
        fortran.replace(fortran.find("False"), 5, "True ");
        expectError(fortran, "Fortran");
        std::string bigEndian = good;
        bigEndian[bigEndian.find("<i4")] = '>';
        expectError(bigEndian, "dtype");
        std::string f8 = good;
        f8.replace(f8.find("<i4"), 3, "<f8");
        expectError(f8, "dtype");
    }
};

QTEST_GUILESS_MAIN(TestNpy)
#include "test_npy.moc"
