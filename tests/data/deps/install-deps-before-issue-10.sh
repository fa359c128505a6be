#!/usr/bin/env bash
# The install list as it was before issue 10 (no libqt6opengl6-dev, no libxkbcommon-dev): the
# test `install_deps_guard_catches_missing_package` checks that scripts/check-deps.sh rejects it.
PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev libgl-dev
    libeigen3-dev libopencv-dev
    libonnx-dev libprotobuf-dev protobuf-compiler
    libonnx-testdata dataset-fashion-mnist
    xvfb xauth
)
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${PACKAGES[@]}"; exit 0; fi
echo "this list is test data: it is never installed" >&2
exit 2
