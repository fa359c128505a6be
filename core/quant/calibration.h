#pragma once
// Calibration (spec §2): the FP32 model runs over the calibration folder in fixed-size batches
// and every float tensor it computes (graph inputs and node outputs whose dim 0 is the batch)
// feeds one Observer. The observers are built with a histogram-keeping kind, so that one pass
// answers for every observer kind the config may later pick (Observer::rangeFor); the public
// entry points calibrate() and CalibrationStats::range() are declared in engine.h.

#include "core/quant/engine.h"

namespace ql {

// The options every calibration observer is built with: percentile kind (keeps the 2048-bin
// histogram that percentile / mse / entropy need; min, max and the moving average — with
// PyTorch's constant 0.01, one update per batch — are tracked alongside).
ObserverOptions calibrationObserverOptions();

} // namespace ql
