#include "core/tensor.h"

#include "core/checked_math.h"
#include "core/error.h"

namespace ql {

const char* dtypeName(DType t)
{
    switch (t) {
    case DType::Float32: return "float32";
    case DType::Int8: return "int8";
    case DType::UInt8: return "uint8";
    case DType::Int16: return "int16";
    case DType::UInt16: return "uint16";
    case DType::Int32: return "int32";
    case DType::Int64: return "int64";
    case DType::Bool: return "bool";
    }
    return "?";
}

bool isIntegerCode(DType t)
{
    return t == DType::Int8 || t == DType::UInt8 || t == DType::Int16 || t == DType::UInt16 ||
           t == DType::Int32 || t == DType::Bool;
}

int64_t numelOf(const Shape& s)
{
    const std::optional<int64_t> n = checkedProduct(s);
    if (!n)
        throw Error("shape " + shapeToString(s) + " has more elements than int64 can count");
    return *n;
}

std::string shapeToString(const Shape& s)
{
    if (s.empty())
        return "scalar";
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (i)
            out += 'x';
        out += s[i] < 0 ? std::string("?") : std::to_string(s[i]);
    }
    return out;
}

Tensor Tensor::zeros(DType t, Shape s)
{
    Tensor r;
    r.dtype = t;
    r.shape = std::move(s);
    const int64_t count = r.numel();
    if (count > kMaxTensorElements)
        throw Error("tensor of shape " + shapeToString(r.shape) + " would hold " +
                    std::to_string(count) + " elements, more than the 2^30 limit");
    const auto n = static_cast<size_t>(count);
    if (t == DType::Float32)
        r.f.assign(n, 0.0f);
    else if (t == DType::Int64)
        r.i64.assign(n, 0);
    else
        r.q.assign(n, 0);
    return r;
}

Tensor Tensor::fromFloat(Shape s, std::vector<float> data)
{
    Tensor r;
    r.shape = std::move(s);
    r.f = std::move(data);
    if (static_cast<int64_t>(r.f.size()) != r.numel())
        throw Error("tensor data size does not match shape " + shapeToString(r.shape));
    return r;
}

Tensor Tensor::fromInt64(Shape s, std::vector<int64_t> data)
{
    Tensor r;
    r.dtype = DType::Int64;
    r.shape = std::move(s);
    r.i64 = std::move(data);
    if (static_cast<int64_t>(r.i64.size()) != r.numel())
        throw Error("tensor data size does not match shape " + shapeToString(r.shape));
    return r;
}

Tensor Tensor::fromCodes(DType t, Shape s, std::vector<int32_t> data)
{
    Tensor r;
    r.dtype = t;
    r.shape = std::move(s);
    r.q = std::move(data);
    if (static_cast<int64_t>(r.q.size()) != r.numel())
        throw Error("tensor data size does not match shape " + shapeToString(r.shape));
    return r;
}

double Tensor::at(int64_t i) const
{
    if (dtype == DType::Float32)
        return f.at(static_cast<size_t>(i));
    if (dtype == DType::Int64)
        return static_cast<double>(i64.at(static_cast<size_t>(i)));
    return q.at(static_cast<size_t>(i));
}

std::vector<int64_t> Tensor::toInt64Vector() const
{
    if (dtype == DType::Int64)
        return i64;
    if (dtype == DType::Float32)
        throw Error("expected an integer tensor, got float32");
    return {q.begin(), q.end()};
}

} // namespace ql
