#pragma once
// Shape arithmetic on a dynamic batch, resolved at import.
//
// A model exported with a dynamic batch computes reshape targets at run time:
//   Shape(x) -> Gather(0) -> Unsqueeze -> Concat(.., [-1]) -> Reshape(x, ..)
// (PyTorch's `x.view(x.size(0), -1)`), often with dims that are static in the file but read
// through the same Shape node (`x.view(n, c // g, g, h, w)`, ViT's `h // p`). Such values are
// computed here twice, with every symbolic input dim set to 2 and then to 3:
//  * a value equal in both runs does not depend on the batch: it becomes an initializer;
//  * a Reshape target that differs only at positions i where it equals dim i of the Reshape's
//    data in both runs gets a constant target with 0 there (ONNX: "copy dim i").
// The Shape/Gather/Unsqueeze/Concat chain then has no reader left, removeDeadNodes drops it,
// and the layer table shows one Reshape. Anything else (e.g. an Expand to the batch size) is
// left to run at execution, where it costs microseconds.

#include "core/graph.h"

namespace ql {

// Rewrites g in place as described above; a no-op when no graph input has a symbolic dim.
void resolveDynamicShapes(Graph& g);

} // namespace ql
