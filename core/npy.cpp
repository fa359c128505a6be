#include "core/npy.h"

#include <QtCore/QFile>

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/atomic_write.h"
#include "core/error.h"

namespace ql {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLength = 6;
constexpr size_t kAlign = 64;             // numpy's ARRAY_ALIGN
constexpr size_t kGrowthAxisMaxDigits = 21; // numpy's GROWTH_AXIS_MAX_DIGITS

struct TypeInfo
{
    NpyType type;
    const char* descr;
    int size;
    int64_t lo, hi;
};

const TypeInfo kTypes[] = {
    {NpyType::Int8, "|i1", 1, -128, 127},
    {NpyType::UInt8, "|u1", 1, 0, 255},
    {NpyType::Int16, "<i2", 2, -32768, 32767},
    {NpyType::UInt16, "<u2", 2, 0, 65535},
    {NpyType::Int32, "<i4", 4, std::numeric_limits<int32_t>::min(),
     std::numeric_limits<int32_t>::max()},
    {NpyType::Float32, "<f4", 4, 0, 0},
};

const TypeInfo& info(NpyType t)
{
    for (const TypeInfo& i : kTypes)
        if (i.type == t)
            return i;
    throw Error("npy: unknown element type");
}

// Python's repr() of a tuple of ints: "()", "(3,)", "(2, 3)".
std::string shapeRepr(const Shape& shape)
{
    if (shape.empty())
        return "()";
    std::string s = "(";
    for (size_t k = 0; k < shape.size(); ++k)
        s += (k ? ", " : "") + std::to_string(shape[k]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

void putLittleEndian(std::string& out, uint64_t v, int bytes)
{
    for (int b = 0; b < bytes; ++b)
        out.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
}

uint64_t getLittleEndian(const unsigned char* p, int bytes)
{
    uint64_t v = 0;
    for (int b = 0; b < bytes; ++b)
        v |= uint64_t(p[b]) << (8 * b);
    return v;
}

// Header dict parsing: tolerant of spacing and key order, strict about the values.
class HeaderParser
{
public:
    HeaderParser(std::string text, std::string name) : m_text(std::move(text)), m_name(std::move(name)) {}

    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error(m_name + ": not a readable .npy file: " + what);
    }

    // Position just after "'key':" (or "\"key\":").
    size_t valueOf(const std::string& key) const
    {
        for (const char quote : {'\'', '"'}) {
            const std::string pattern = std::string(1, quote) + key + quote;
            size_t p = m_text.find(pattern);
            if (p == std::string::npos)
                continue;
            p = m_text.find(':', p + pattern.size());
            if (p == std::string::npos)
                fail("header key '" + key + "' has no value");
            return skipSpaces(p + 1);
        }
        fail("header has no '" + key + "'");
    }
    size_t skipSpaces(size_t p) const
    {
        while (p < m_text.size() && m_text[p] == ' ')
            ++p;
        return p;
    }
    std::string descr() const
    {
        const size_t p = valueOf("descr");
        if (p >= m_text.size() || (m_text[p] != '\'' && m_text[p] != '"'))
            fail("'descr' is not a string");
        const size_t end = m_text.find(m_text[p], p + 1);
        if (end == std::string::npos)
            fail("unterminated 'descr'");
        return m_text.substr(p + 1, end - p - 1);
    }
    bool fortranOrder() const
    {
        const size_t p = valueOf("fortran_order");
        if (m_text.compare(p, 4, "True") == 0)
            return true;
        if (m_text.compare(p, 5, "False") == 0)
            return false;
        fail("'fortran_order' is neither True nor False");
    }
    Shape shape() const
    {
        size_t p = valueOf("shape");
        if (p >= m_text.size() || m_text[p] != '(')
            fail("'shape' is not a tuple");
        const size_t end = m_text.find(')', p);
        if (end == std::string::npos)
            fail("unterminated 'shape'");
        Shape shape;
        ++p;
        while (p < end) {
            p = skipSpaces(p);
            if (p >= end)
                break;
            size_t q = p;
            while (q < end && m_text[q] >= '0' && m_text[q] <= '9')
                ++q;
            if (q == p || q - p > 18)
                fail("bad dimension in 'shape'");
            shape.push_back(std::stoll(m_text.substr(p, q - p)));
            p = skipSpaces(q);
            if (p < end && m_text[p] != ',')
                fail("bad separator in 'shape'");
            ++p;
        }
        return shape;
    }

private:
    std::string m_text;
    std::string m_name;
};

} // namespace

const char* npyDescr(NpyType t)
{
    return info(t).descr;
}

int npyItemSize(NpyType t)
{
    return info(t).size;
}

NpyArray NpyArray::fromFloat(Shape shape, std::vector<float> data)
{
    if (int64_t(data.size()) != numelOf(shape))
        throw Error("npy: " + std::to_string(data.size()) + " values for shape " +
                    shapeRepr(shape));
    NpyArray a;
    a.type = NpyType::Float32;
    a.shape = std::move(shape);
    a.f = std::move(data);
    return a;
}

NpyArray NpyArray::fromInt(NpyType type, Shape shape, std::vector<int32_t> data)
{
    if (type == NpyType::Float32)
        throw Error("npy: fromInt needs an integer type");
    if (int64_t(data.size()) != numelOf(shape))
        throw Error("npy: " + std::to_string(data.size()) + " values for shape " +
                    shapeRepr(shape));
    const TypeInfo& t = info(type);
    for (int32_t v : data)
        if (v < t.lo || v > t.hi)
            throw Error("npy: value " + std::to_string(v) + " does not fit " + t.descr);
    NpyArray a;
    a.type = type;
    a.shape = std::move(shape);
    a.i = std::move(data);
    return a;
}

NpyType narrowestIntType(int64_t lo, int64_t hi)
{
    for (const TypeInfo& t : kTypes)
        if (t.type != NpyType::Float32 && lo >= t.lo && hi <= t.hi)
            return t.type;
    throw Error("npy: range [" + std::to_string(lo) + ", " + std::to_string(hi) +
                "] does not fit int32");
}

NpyArray npyFromCodes(const Tensor& codes, int64_t lo, int64_t hi)
{
    if (!isIntegerCode(codes.dtype))
        throw Error(std::string("npy: expected integer codes, got ") + dtypeName(codes.dtype));
    if (!codes.q.empty()) {
        const auto [mn, mx] = std::minmax_element(codes.q.begin(), codes.q.end());
        lo = std::min<int64_t>(lo, *mn);
        hi = std::max<int64_t>(hi, *mx);
    }
    return NpyArray::fromInt(narrowestIntType(lo, hi), codes.shape, codes.q);
}

NpyArray npyFromTensor(const Tensor& t)
{
    if (t.dtype == DType::Float32)
        return NpyArray::fromFloat(t.shape, t.f);
    if (isIntegerCode(t.dtype))
        return npyFromCodes(t, 0, 0);
    if (t.dtype == DType::Int64) {
        std::vector<int32_t> v;
        v.reserve(t.i64.size());
        for (int64_t x : t.i64) {
            if (x < std::numeric_limits<int32_t>::min() || x > std::numeric_limits<int32_t>::max())
                throw Error("npy: int64 value " + std::to_string(x) + " does not fit int32");
            v.push_back(static_cast<int32_t>(x));
        }
        return NpyArray::fromInt(NpyType::Int32, t.shape, std::move(v));
    }
    throw Error(std::string("npy: cannot store dtype ") + dtypeName(t.dtype));
}

std::string encodeNpy(const NpyArray& a)
{
    const TypeInfo& t = info(a.type);
    const int64_t n = a.numel();
    if (int64_t(a.type == NpyType::Float32 ? a.f.size() : a.i.size()) != n)
        throw Error("npy: element count does not match shape " + shapeRepr(a.shape));

    // numpy's _write_array_header: sorted keys, repr() values, spare spaces for growth of
    // the first axis, then _wrap_header's padding to the 64-byte boundary and '\n'.
    std::string dict = std::string("{'descr': '") + t.descr +
                       "', 'fortran_order': False, 'shape': " + shapeRepr(a.shape) + ", }";
    if (!a.shape.empty())
        dict.append(kGrowthAxisMaxDigits - std::to_string(a.shape[0]).size(), ' ');
    const size_t prefix = kMagicLength + 2 + 2;
    const size_t unpadded = prefix + dict.size() + 1;
    dict.append(kAlign - unpadded % kAlign, ' '); // numpy pads a full 64 when already aligned
    dict.push_back('\n');
    if (dict.size() > 0xFFFF)
        throw Error("npy: header too long for format 1.0");

    std::string out(kMagic, kMagicLength);
    out.push_back('\x01');
    out.push_back('\x00');
    putLittleEndian(out, dict.size(), 2);
    out += dict;
    out.reserve(out.size() + size_t(n) * size_t(t.size));
    if (a.type == NpyType::Float32) {
        for (float v : a.f) {
            uint32_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            putLittleEndian(out, bits, 4);
        }
    } else {
        for (int32_t v : a.i)
            putLittleEndian(out, static_cast<uint32_t>(v), t.size);
    }
    return out;
}

NpyArray decodeNpy(const std::string& bytes, const std::string& displayName)
{
    const HeaderParser diag(std::string(), displayName);
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < kMagicLength + 4 || bytes.compare(0, kMagicLength, kMagic) != 0)
        diag.fail("bad magic (expected \\x93NUMPY)");
    const int major = p[6];
    if (major != 1 && major != 2 && major != 3)
        diag.fail("unsupported format version " + std::to_string(major));
    const int lengthBytes = major == 1 ? 2 : 4;
    const size_t headerStart = kMagicLength + 2 + size_t(lengthBytes);
    if (bytes.size() < headerStart)
        diag.fail("truncated header");
    const size_t headerLength = getLittleEndian(p + 8, lengthBytes);
    if (bytes.size() < headerStart + headerLength)
        diag.fail("truncated header");

    const HeaderParser header(bytes.substr(headerStart, headerLength), displayName);
    const std::string descr = header.descr();
    const TypeInfo* type = nullptr;
    for (const TypeInfo& t : kTypes) {
        // '|u1' is also written '<u1' / 'u1' by some writers.
        const std::string d = t.descr;
        const std::string bare = d.substr(1);
        if (descr == d || (t.size == 1 && (descr == bare || (descr.size() == 3 && descr[0] == '<' &&
                                                            descr.compare(1, 2, bare) == 0))))
            type = &t;
    }
    if (!type)
        header.fail("unsupported dtype '" + descr +
                    "' (int8, uint8, int16, uint16, int32 or float32, little-endian)");
    if (header.fortranOrder())
        header.fail("Fortran order is not supported");

    NpyArray a;
    a.type = type->type;
    a.shape = header.shape();
    const int64_t n = a.numel();
    const size_t dataStart = headerStart + headerLength;
    if (uint64_t(bytes.size() - dataStart) != uint64_t(n) * uint64_t(type->size))
        header.fail("data holds " + std::to_string(bytes.size() - dataStart) + " bytes, shape " +
                    shapeRepr(a.shape) + " needs " + std::to_string(n * type->size));
    const unsigned char* data = p + dataStart;
    if (a.type == NpyType::Float32) {
        a.f.resize(size_t(n));
        for (int64_t k = 0; k < n; ++k) {
            const uint32_t bits = uint32_t(getLittleEndian(data + 4 * k, 4));
            std::memcpy(&a.f[size_t(k)], &bits, sizeof bits);
        }
        return a;
    }
    a.i.resize(size_t(n));
    const int size = type->size;
    const bool isSigned = type->lo < 0;
    for (int64_t k = 0; k < n; ++k) {
        uint64_t v = getLittleEndian(data + size * k, size);
        if (isSigned && size < 8 && (v >> (8 * size - 1)) & 1)
            v |= ~uint64_t(0) << (8 * size); // sign-extend
        a.i[size_t(k)] = static_cast<int32_t>(static_cast<int64_t>(v));
    }
    return a;
}

void writeNpy(const std::string& path, const NpyArray& a)
{
    writeFileAtomic(path, encodeNpy(a));
}

NpyArray readNpy(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path + ": cannot read: " + file.errorString().toStdString());
    const QByteArray bytes = file.readAll();
    return decodeNpy(bytes.toStdString(), path);
}

} // namespace ql
