#include "core/executor.h"

#include <algorithm>
#include <atomic>

#include "core/op_registry.h"
#include "core/parallel.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

// Axes named by an attribute or a constant input (nullopt when only known at run time).
std::optional<std::vector<int64_t>> constantAxes(const Node& node, const Graph& g, size_t input)
{
    if (node.inputs.size() > input && !node.inputs[input].empty()) {
        const Tensor* t = g.initializer(node.inputs[input]);
        if (!t)
            return std::nullopt;
        return t->toInt64Vector();
    }
    if (node.hasAttr("axes"))
        return node.attrInts("axes");
    return std::vector<int64_t>{};
}

bool touchesAxisZero(const std::vector<int64_t>& axes, int64_t rank)
{
    return std::any_of(axes.begin(), axes.end(),
                       [rank](int64_t a) { return a == 0 || a == -rank; });
}

// Whether `node` (with a batched input) mixes samples, so that running slices of the batch
// separately would change its result. Conservative: unknown means yes.
bool couplesSamples(const Node& node, const Graph& g, const std::set<std::string>& batched)
{
    for (const std::string& out : node.outputs) {
        if (out.empty() || !batched.count(out))
            continue;
        auto shape = g.shapes.find(out);
        if (shape == g.shapes.end() || shape->second.empty() || shape->second[0] != 1)
            return true; // a batched tensor must have dim 0 == 1 at batch 1
    }
    auto rankOf = [&](size_t input) -> int64_t {
        auto shape =
            input < node.inputs.size() ? g.shapes.find(node.inputs[input]) : g.shapes.end();
        return shape == g.shapes.end() ? 0 : static_cast<int64_t>(shape->second.size());
    };
    const int64_t rank = rankOf(0);
    const std::string& op = node.opType;
    if (op == "Concat")
        return node.attrInt("axis", 0) == 0 || node.attrInt("axis", 0) == -rank;
    if (op == "Softmax") {
        const int64_t axis = node.attrInt("axis", node.opset > 0 && node.opset < 13 ? 1 : -1);
        return axis == 0 || axis == -rank;
    }
    if (op == "Flatten")
        return node.attrInt("axis", 1) == 0 || node.attrInt("axis", 1) == -rank;
    if (op == "Gather")
        return batched.count(node.inputs[0]) &&
               (node.attrInt("axis", 0) == 0 || node.attrInt("axis", 0) == -rank);
    if (op == "Squeeze" || op == "Unsqueeze") {
        const auto axes = constantAxes(node, g, 1);
        const int64_t outRank = op == "Unsqueeze" && axes ? rank + axes->size() : rank;
        return !axes || (op == "Squeeze" && axes->empty()) || touchesAxisZero(*axes, outRank);
    }
    if (op == "Slice") {
        if (!batched.count(node.inputs[0]))
            return false;
        if (node.inputs.size() > 1) { // opset >= 10: axes is input 3, default all leading axes
            const auto axes = constantAxes(node, g, 3);
            return !axes || axes->empty() || touchesAxisZero(*axes, rank);
        }
        const std::vector<int64_t> axes = node.attrInts("axes");
        return axes.empty() || touchesAxisZero(axes, rank);
    }
    if (op == "Transpose") { // moving the batch away from dim 0 mixes samples downstream
        const std::vector<int64_t> perm = node.attrInts("perm");
        return perm.empty() ? rank > 1 : perm[0] != 0;
    }
    if (op == "ReduceMean") {
        if (node.inputs.size() > 1 && !node.inputs[1].empty()) {
            const auto axes = constantAxes(node, g, 1);
            return !axes || axes->empty() || touchesAxisZero(*axes, rank);
        }
        const std::vector<int64_t> axes = node.attrInts("axes");
        return axes.empty() || touchesAxisZero(axes, rank);
    }
    if (op == "Split" || op == "LayerNormalization") {
        const int64_t axis = node.attrInt("axis", op == "Split" ? 0 : -1);
        return axis == 0 || axis == -rank;
    }
    if (op == "Gemm") {
        // Only A's rows are samples, and only without transA: A^T's rows are A's columns, and
        // B's dim 0 is K or N. Splitting those would cut the reduction, not the batch.
        const bool transA = node.attrInt("transA", 0) != 0;
        return (batched.count(node.inputs[0]) && transA) ||
               (node.inputs.size() > 1 && batched.count(node.inputs[1]));
    }
    if (op == "MatMul") {
        // A [.., M, K] x B [.., K, N]: dim 0 is the batch for A of rank >= 2 and for a
        // batched (rank >= 3) B; a 2-D B's dim 0 is K.
        const bool aSplits = !batched.count(node.inputs[0]) || rank >= 2;
        const bool bSplits = node.inputs.size() < 2 || !batched.count(node.inputs[1]) ||
                             (rankOf(1) >= 3 && rank >= 3);
        return !aSplits || !bSplits;
    }
    if (op == "Reshape") {
        std::vector<int64_t> target = node.attrInts("shape");
        if (node.inputs.size() > 1) {
            const Tensor* t = g.initializer(node.inputs[1]);
            if (!t)
                return false; // computed from the chunk's own Shape: follows its batch
            target = t->toInt64Vector();
        }
        return target.empty() || (target[0] != 0 && target[0] != -1);
    }
    return false;
}

Tensor sliceRows(const Tensor& t, int64_t begin, int64_t count)
{
    Shape shape = t.shape;
    const int64_t rowSize = shape[0] ? t.numel() / shape[0] : 0;
    shape[0] = count;
    Tensor out = Tensor::zeros(t.dtype, shape);
    copyElements(t, begin * rowSize, out, 0, count * rowSize);
    return out;
}

Tensor concatRows(const std::vector<const Tensor*>& parts)
{
    Shape shape = parts[0]->shape;
    shape[0] = 0;
    for (const Tensor* p : parts)
        shape[0] += p->shape[0];
    Tensor out = Tensor::zeros(parts[0]->dtype, shape);
    int64_t offset = 0;
    for (const Tensor* p : parts) {
        copyElements(*p, 0, out, offset, p->numel());
        offset += p->numel();
    }
    return out;
}

} // namespace

Fp32Executor::Fp32Executor(const Model& model) : m_model(model)
{
    const Graph& g = model.graph;
    for (size_t i = 0; i < g.nodes.size(); ++i) {
        const Node& node = g.nodes[i];
        const OpDef* op = findOp(node.opType);
        if (!op || !op->run)
            throw Error(model.path + ": unsupported op '" + node.opType + "' (node '" + node.name +
                        "'); supported: " + supportedOpsList());
        m_ops.push_back(op);
        for (const std::string& in : node.inputs)
            if (!in.empty())
                m_lastUse[in] = i;
    }
    for (const ValueInfo& out : g.outputs)
        m_graphOutputs.insert(out.name);

    // Which tensors carry the batch in dim 0: float graph inputs, then everything computed
    // from them except Shape (whose output describes the batch, it does not contain it).
    m_splittable = !g.inputs.empty();
    m_staticBatchOne = !g.inputs.empty();
    for (const ValueInfo& in : g.inputs) {
        if (in.dtype != DType::Float32 || in.shape.empty())
            m_splittable = false;
        if (in.shape.empty() || in.shape[0] != 1)
            m_staticBatchOne = false;
        m_batched.insert(in.name);
    }
    for (const Node& node : g.nodes) {
        const bool fromBatch =
            std::any_of(node.inputs.begin(), node.inputs.end(),
                        [&](const std::string& n) { return m_batched.count(n); });
        if (!fromBatch || node.opType == "Shape")
            continue;
        for (const std::string& out : node.outputs)
            if (!out.empty())
                m_batched.insert(out);
        // A model declared for batch 1 runs one sample per chunk: exactly its own semantics.
        if (!m_staticBatchOne && couplesSamples(node, g, m_batched))
            m_splittable = false;
    }
}

int64_t Fp32Executor::validateFeeds(const TensorMap& feeds) const
{
    const std::string& file = m_model.path;
    int64_t batch = -1;
    for (const ValueInfo& input : m_model.graph.inputs) {
        auto it = feeds.find(input.name);
        if (it == feeds.end())
            throw Error(file + ": input '" + input.name + "' (" + shapeToString(input.shape) +
                        ") was not fed");
        const Tensor& t = it->second;
        const std::string both =
            "expected " + shapeToString(input.shape) + ", got " + shapeToString(t.shape);
        if (t.dtype != input.dtype)
            throw Error(file + ": input '" + input.name + "' must be " + dtypeName(input.dtype) +
                        ", got " + dtypeName(t.dtype));
        const size_t stored = t.dtype == DType::Float32 ? t.f.size()
                              : t.dtype == DType::Int64 ? t.i64.size()
                                                        : t.q.size();
        if (static_cast<int64_t>(stored) != t.numel())
            throw Error(file + ": input '" + input.name + "' holds " + std::to_string(stored) +
                        " values for shape " + shapeToString(t.shape));
        if (input.shape.empty())
            continue; // rank unknown: nothing to check
        bool ok = t.rank() == static_cast<int>(input.shape.size());
        for (size_t dim = 1; ok && dim < input.shape.size(); ++dim)
            ok = input.shape[dim] < 0 || input.shape[dim] == t.shape[dim];
        // dim 0 is the batch: free when symbolic; a static 1 runs sample by sample.
        if (ok && input.shape[0] > 1)
            ok = input.shape[0] == t.shape[0];
        if (!ok)
            throw Error(file + ": input '" + input.name + "' has the wrong shape: " + both);
        if (batch >= 0 && t.shape[0] != batch && m_splittable)
            throw Error(file + ": inputs disagree on the batch size (input '" + input.name +
                        "': " + both + ")");
        batch = t.shape[0];
    }
    return std::max<int64_t>(batch, 0);
}

bool Fp32Executor::keepTensor(const std::string& name, const ExecOptions& opts) const
{
    return opts.keepAll || m_graphOutputs.count(name) || opts.keep.count(name);
}

TensorMap Fp32Executor::runChunk(const TensorMap& feeds, const RunControl& ctl,
                                 const ExecOptions& opts,
                                 const std::function<void()>& nodeDone) const
{
    const Graph& g = m_model.graph;
    TensorMap owned;
    auto lookup = [&](const std::string& name) -> const Tensor* {
        if (auto it = owned.find(name); it != owned.end())
            return &it->second;
        if (auto it = feeds.find(name); it != feeds.end())
            return &it->second;
        return g.initializer(name);
    };
    for (size_t i = 0; i < g.nodes.size(); ++i) {
        ctl.check();
        const Node& node = g.nodes[i];
        std::vector<const Tensor*> in;
        for (const std::string& name : node.inputs)
            in.push_back(name.empty() ? nullptr : lookup(name));
        std::vector<Tensor> out(node.outputs.size());
        // An in-place op gets a float input 0 that no later node reads and nobody keeps as its
        // own output slot: no copy of the tensor, no fresh pages (OpDef::inPlace).
        if (m_ops[i]->inPlace && !in.empty() && !out.empty() && !node.inputs[0].empty() &&
            m_lastUse.at(node.inputs[0]) == i && !keepTensor(node.inputs[0], opts) &&
            std::count(node.inputs.begin(), node.inputs.end(), node.inputs[0]) == 1)
            if (auto it = owned.find(node.inputs[0]); it != owned.end()) {
                out[0] = std::move(it->second);
                owned.erase(it);
                in[0] = &out[0];
            }
        try {
            const ProfileScope profile(ctl.profiler, node.opType.c_str());
            m_ops[i]->run(node, in, out, ctl);
        } catch (const Error& e) {
            throw Error(m_model.path + ": " + e.what());
        }
        for (size_t k = 0; k < node.outputs.size(); ++k) {
            const std::string& name = node.outputs[k];
            if (!name.empty() && (m_lastUse.count(name) || keepTensor(name, opts)))
                owned[name] = std::move(out[k]);
        }
        // Free what no later node reads.
        for (const std::string& name : node.inputs)
            if (!name.empty() && m_lastUse.at(name) == i && !keepTensor(name, opts))
                owned.erase(name);
        nodeDone();
    }
    TensorMap result;
    for (auto& [name, tensor] : owned)
        if (keepTensor(name, opts))
            result[name] = std::move(tensor);
    for (const std::string& name : m_graphOutputs)
        if (!result.count(name))
            if (const Tensor* t = lookup(name))
                result[name] = *t; // a fed input or a constant that is also an output
    for (const std::string& name : opts.keep)
        if (!result.count(name))
            if (const Tensor* t = lookup(name))
                result[name] = *t;
    if (opts.keepAll)
        for (const auto& [name, tensor] : feeds)
            result.emplace(name, tensor);
    return result;
}

TensorMap Fp32Executor::run(const TensorMap& feeds, const RunControl& ctl,
                            const ExecOptions& opts) const
{
    const int64_t batch = validateFeeds(feeds);
    const int64_t nodeCount = static_cast<int64_t>(m_model.graph.nodes.size());
    const int threads = threadCount(ctl);

    // Chunk plan: [begin, count) rows of the batch.
    std::vector<std::pair<int64_t, int64_t>> chunks;
    if (!m_splittable || batch <= 1 || (threads == 1 && !m_staticBatchOne)) {
        chunks.push_back({0, batch});
    } else {
        const int64_t parts = m_staticBatchOne ? batch : std::min<int64_t>(threads, batch);
        for (int64_t part = 0; part < parts; ++part) {
            const int64_t begin = batch * part / parts;
            chunks.push_back({begin, batch * (part + 1) / parts - begin});
        }
    }
    const long long total = static_cast<long long>(nodeCount) * chunks.size();
    std::atomic<long long> done{0};
    std::atomic<bool> abort{false};
    auto nodeDone = [&] {
        if (abort.load(std::memory_order_relaxed))
            throw Cancelled();
        ctl.report(++done, total);
    };

    if (chunks.size() == 1)
        return runChunk(feeds, ctl, opts, nodeDone);

    std::vector<TensorMap> results(chunks.size());
    // A failing chunk sets `abort`, which makes nodeDone stop the other chunks early.
    forEachUnit(chunks.size(), threads, abort, [&](size_t index) {
        TensorMap slice;
        for (const ValueInfo& input : m_model.graph.inputs)
            slice[input.name] =
                sliceRows(feeds.at(input.name), chunks[index].first, chunks[index].second);
        results[index] = runChunk(slice, ctl, opts, nodeDone);
    });

    TensorMap merged;
    for (auto& [name, first] : results[0]) {
        if (!m_batched.count(name) || first.rank() == 0) {
            merged[name] = std::move(first); // the same in every chunk
            continue;
        }
        std::vector<const Tensor*> parts;
        for (const TensorMap& r : results)
            parts.push_back(&r.at(name));
        merged[name] = concatRows(parts);
    }
    return merged;
}

} // namespace ql
