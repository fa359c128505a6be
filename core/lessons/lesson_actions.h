#pragma once
// "Try it" actions of lessons: pure config transforms (the GUI pushes the result through the
// undo stack; the CLI and the tests evaluate it next to the unchanged config), and the code
// comparison lesson (g) reports.

#include "core/lessons/lesson.h"
#include "core/lessons/lesson_values.h"
#include "core/quant/engine.h"

namespace ql {

// The config after `action` (lessonActionNames()):
//   rounding <mode>               weights and activations of every layer use <mode>
//   requantization <float|fixed_point>   every layer
//   weight_granularity <per_tensor|per_channel>   every layer's weights
//   activation_observer <observer>   every layer's activations
//   largest_layer_weight_bits <2..16>   the weighted layer with the most parameters
// "Every layer" sets the default and drops that field from the per-layer overrides. Throws
// ql::Error for a bad value (naming the action).
QuantConfig applyLessonAction(const QuantConfig& config, const LessonTryIt& action,
                              const LayerPlan& plan);

// Whether comparing the codes of the two configs means something (same (S, Z) everywhere):
// true for the requantization action (lesson g).
bool lessonActionComparesCodes(const LessonTryIt& action);

// Codes of every quantized tensor of `a` and `b` on the first `samples` rows of `images`.
CodeComparison compareQuantizedCodes(const QuantizedModel& a, const QuantizedModel& b,
                                     const Tensor& images, int64_t samples,
                                     const RunControl& ctl = {});

} // namespace ql
