#pragma once
// Tensor: the one value type that flows through both executors.
//
// Storage is chosen by dtype so that kernels read plain contiguous vectors:
//   Float32                    -> f   (float)
//   Int8/UInt8/Int16/UInt16/Int32 -> q (int32_t codes; the dtype tells the legal range)
//   Int64                      -> i64 (shape tensors, indices)
// Layout is row-major (NCHW for images). A tensor with an empty shape is a scalar (numel 1).

#include <cstdint>
#include <string>
#include <vector>

namespace ql {

using Shape = std::vector<int64_t>;

enum class DType { Float32, Int8, UInt8, Int16, UInt16, Int32, Int64, Bool };

const char* dtypeName(DType t);
bool isIntegerCode(DType t); // stored in Tensor::q
int64_t numelOf(const Shape& s);
std::string shapeToString(const Shape& s); // "1x3x224x224", "?" for unknown dims (< 0)

struct Tensor
{
    DType dtype = DType::Float32;
    Shape shape;
    std::vector<float> f;
    std::vector<int32_t> q;
    std::vector<int64_t> i64;

    static Tensor zeros(DType t, Shape s);
    static Tensor fromFloat(Shape s, std::vector<float> data);
    static Tensor fromInt64(Shape s, std::vector<int64_t> data);
    static Tensor fromCodes(DType t, Shape s, std::vector<int32_t> data);

    int64_t numel() const { return numelOf(shape); }
    int64_t dim(int i) const { return shape.at(i < 0 ? shape.size() + i : i); }
    int rank() const { return static_cast<int>(shape.size()); }
    bool empty() const { return f.empty() && q.empty() && i64.empty(); }
    // Value at flat index i as double, whatever the storage.
    double at(int64_t i) const;
    // The tensor's elements as int64 (Int64 storage or codes); throws for Float32.
    std::vector<int64_t> toInt64Vector() const;
};

} // namespace ql
