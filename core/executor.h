#pragma once
// FP32 reference executor over the IR. Runs a batch (NCHW float) through the graph in
// topological order; can keep every intermediate tensor for the error analysis.
// Threads: the batch is split into contiguous chunks run in parallel (RunControl::threads),
// each chunk running the whole graph on its rows; the per-chunk results are concatenated
// along dim 0. Models declared with a static batch of 1 run one sample per chunk. Graphs
// whose ops mix samples (e.g. Concat or Softmax over axis 0) are detected and run unsplit.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/progress.h"

namespace ql {

using TensorMap = std::map<std::string, Tensor>;

struct ExecOptions
{
    bool keepAll = false;       // return every intermediate tensor, not just graph outputs
    std::set<std::string> keep; // or just these (plus graph outputs)
};

struct OpDef;

class Fp32Executor
{
public:
    explicit Fp32Executor(const Model& model);

    // feeds: graph input name -> tensor whose dim 0 is the batch. Throws ql::Error on a shape
    // mismatch, ql::Cancelled when ctl.cancel is set.
    TensorMap run(const TensorMap& feeds, const RunControl& ctl = {},
                  const ExecOptions& opts = {}) const;

    // True when the batch may be split across threads (no op couples samples).
    bool splittable() const { return m_splittable; }

private:
    int64_t validateFeeds(const TensorMap& feeds) const;
    TensorMap runChunk(const TensorMap& feeds, const RunControl& ctl, const ExecOptions& opts,
                       const std::function<void()>& nodeDone) const;
    bool keepTensor(const std::string& name, const ExecOptions& opts) const;

    const Model& m_model;
    std::vector<const OpDef*> m_ops;         // per node
    std::map<std::string, size_t> m_lastUse; // tensor -> index of the last node reading it
    std::set<std::string> m_graphOutputs;
    std::set<std::string> m_batched; // tensors whose dim 0 is the batch
    bool m_splittable = true;
    bool m_staticBatchOne = false; // every input declares dim 0 == 1
};

} // namespace ql
