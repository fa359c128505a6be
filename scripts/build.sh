#!/usr/bin/env bash
# Configure and build into build/ (Release by default). Extra args go to cmake configure,
# e.g. scripts/build.sh -DQUANTLENS_SANITIZE=ON. BUILD_DIR overrides the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
launcher=()
# A developer's machine with ccache rebuilds in seconds; a fresh machine builds without it.
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} "${launcher[@]}" "$@"
cmake --build "$BUILD_DIR" -j "$(nproc)"
