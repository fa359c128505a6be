#pragma once
// Where the bundled resources (demo models, demo images, icons) live: next to an installed
// executable (<prefix>/bin/../share/quantlens), else the source tree the build came from.

#include <QString>

namespace ql {

QString resourceDir();
QString demoModelPath(); // resources/models/multiexit_cnn.onnx
QString demoDataDir();   // resources/data/eval
QString demoCalibDir();  // resources/data/calib

} // namespace ql
