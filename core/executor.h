#pragma once
// FP32 reference executor over the IR. Runs a batch (NCHW float) through the graph in
// topological order; can keep every intermediate tensor for the error analysis.
// Threads: the batch is split into contiguous chunks run in parallel (RunControl::threads).

#include <map>
#include <set>
#include <string>

#include "core/graph.h"
#include "core/progress.h"

namespace ql {

using TensorMap = std::map<std::string, Tensor>;

struct ExecOptions
{
    bool keepAll = false;         // return every intermediate tensor, not just graph outputs
    std::set<std::string> keep;   // or just these (plus graph outputs)
};

class Fp32Executor
{
public:
    explicit Fp32Executor(const Model& model);

    // feeds: graph input name -> tensor whose dim 0 is the batch. Throws ql::Error on a shape
    // mismatch, ql::Cancelled when ctl.cancel is set.
    TensorMap run(const TensorMap& feeds, const RunControl& ctl = {},
                  const ExecOptions& opts = {}) const;

private:
    const Model& m_model;
};

} // namespace ql
