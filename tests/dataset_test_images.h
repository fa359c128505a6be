#pragma once
// Synthetic image files for the dataset tests: raw bytes, PNM and a tiny PNG writer (stored,
// uncompressed deflate blocks) so that every expected pixel is known exactly.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <vector>

#include "core/dataset.h"
#include "core/graph.h"

namespace ql::testing {
inline bool writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline QByteArray readBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Binary PGM (channels 1) or PPM (channels 3, RGB order) with maxval 255 or 65535.
inline QByteArray pnm(int width, int height, int channels, const std::vector<int>& values,
                      int maxval = 255)
{
    QByteArray out = QStringLiteral("%1\n%2 %3\n%4\n")
                         .arg(channels == 1 ? "P5" : "P6")
                         .arg(width)
                         .arg(height)
                         .arg(maxval)
                         .toLatin1();
    for (int v : values) {
        if (maxval > 255)
            out.append(char(v >> 8));
        out.append(char(v & 0xFF));
    }
    return out;
}

inline quint32 crc32(const QByteArray& data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

inline void appendBe32(QByteArray& b, quint32 v)
{
    for (int s = 24; s >= 0; s -= 8)
        b.append(char((v >> s) & 0xFF));
}

inline void appendChunk(QByteArray& png, const char* type, const QByteArray& payload)
{
    appendBe32(png, static_cast<quint32>(payload.size()));
    const QByteArray typed = QByteArray(type) + payload;
    png.append(typed);
    appendBe32(png, crc32(typed));
}

// PNG with colour type 0 (gray), 2 (RGB) or 6 (RGBA), bit depth 8 or 16, filter 0.
// values: row-major interleaved samples.
inline QByteArray png(int width, int height, int colourType, int depth,
                      const std::vector<int>& values)
{
    const int spp = colourType == 0 ? 1 : colourType == 2 ? 3 : 4;
    QByteArray raw;
    for (int y = 0; y < height; ++y) {
        raw.append('\0');
        for (int i = 0; i < width * spp; ++i) {
            const int v = values[static_cast<size_t>(y * width * spp + i)];
            if (depth == 16)
                raw.append(char(v >> 8));
            raw.append(char(v & 0xFF));
        }
    }
    QByteArray ihdr;
    appendBe32(ihdr, width);
    appendBe32(ihdr, height);
    ihdr.append(char(depth)).append(char(colourType)).append('\0').append('\0').append('\0');
    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    appendChunk(out, "IHDR", ihdr);
    appendChunk(out, "IDAT", qCompress(raw, 9).mid(4)); // qCompress = 4-byte size + zlib
    appendChunk(out, "IEND", {});
    return out;
}

inline Preprocess gray28()
{
    return Preprocess{}; // 1 channel, 28x28, Stretch, pixel/255, mean 0, std 1
}

inline Model modelWithInput(Shape s)
{
    Model m;
    m.graph.inputs.push_back({"input", DType::Float32, std::move(s)});
    return m;
}

} // namespace ql::testing
