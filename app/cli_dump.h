#pragma once
// `evaluate --dump DIR`: the integer codes, dequantized values and FP32 references of every
// quantized tensor (and of every quantized weight) as NumPy .npy files, plus params.json with
// (S, Z) per tensor. Written into a temporary folder next to DIR and renamed into place only
// when everything succeeded.

#include <QString>

#include "core/dataset.h"
#include "core/quant/engine.h"

namespace ql::cli {

// Throws ql::Error when DIR exists and is neither empty nor an earlier QuantLens dump (which
// would be replaced), or when its parent folder does not exist. Call before the long work.
void checkDumpTarget(const QString& dir);

// Dumps the first `images` samples of `data`. Throws ql::Error (nothing left behind) on failure.
void writeDump(const QString& dir, const QuantizedModel& qmodel, const Dataset& data, int images,
               const RunControl& ctl);

} // namespace ql::cli
