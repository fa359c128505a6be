#pragma once
// NumPy .npy files (format version 1.0; version 2.0 is read too): what `quantlens-cli evaluate
// --dump` writes so that codes, dequantized values and FP32 references load with np.load().
//
// Layout (numpy/lib/format.py): the magic "\x93NUMPY", version bytes 1 0, a little-endian
// uint16 header length, then an ASCII Python dict literal
//     {'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and ended by '\n' so that the data starts at a multiple of 64 bytes;
// then the elements, little-endian, C order. The writer reproduces numpy 1.24's np.save()
// byte for byte (including the spare spaces numpy leaves after the dict so the first axis can
// grow in place); the reader accepts any conforming header.
//
// Supported element types: int8 ('|i1'), uint8 ('|u1'), int16 ('<i2'), uint16 ('<u2'),
// int32 ('<i4') and float32 ('<f4'). An empty shape is a scalar (one element).

#include <cstdint>
#include <string>
#include <vector>

#include "core/tensor.h"

namespace ql {

enum class NpyType { Int8, UInt8, Int16, UInt16, Int32, Float32 };

const char* npyDescr(NpyType t); // "|i1", "|u1", "<i2", "<u2", "<i4", "<f4"
int npyItemSize(NpyType t);

struct NpyArray
{
    NpyType type = NpyType::Float32;
    Shape shape;                // C order; {} = scalar
    std::vector<float> f;       // Float32 elements
    std::vector<int32_t> i;     // integer elements (every integer type), widened to int32

    int64_t numel() const { return numelOf(shape); }

    static NpyArray fromFloat(Shape shape, std::vector<float> data);
    // Integer elements stored as `type`; throws ql::Error if a value does not fit it.
    static NpyArray fromInt(NpyType type, Shape shape, std::vector<int32_t> data);
};

// The narrowest integer type holding every value of [lo, hi] (int8, uint8, int16, uint16,
// int32, in that order of preference).
NpyType narrowestIntType(int64_t lo, int64_t hi);

// A tensor as an array: Float32 storage → float32; integer codes → the narrowest type that
// holds [lo, hi] (pass the quantizer's qmin/qmax so every dump of a tensor has the same
// type); Int64 storage → int32 when it fits. Throws ql::Error otherwise.
NpyArray npyFromTensor(const Tensor& t);
NpyArray npyFromCodes(const Tensor& codes, int64_t lo, int64_t hi);

// The whole file as bytes, and back. decodeNpy throws ql::Error naming `displayName` and the
// problem (bad magic, unsupported dtype, Fortran order, truncated data, ...).
std::string encodeNpy(const NpyArray& a);
NpyArray decodeNpy(const std::string& bytes, const std::string& displayName);

// Files. writeNpy is atomic (core/atomic_write.h: a synced temporary file renamed over `path`),
// so a failed write leaves any previous file untouched; it throws ql::Error naming the path.
void writeNpy(const std::string& path, const NpyArray& a);
NpyArray readNpy(const std::string& path);

} // namespace ql
