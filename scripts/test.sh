#!/usr/bin/env bash
# One command: install what is missing, build, run the whole test suite with ctest.
# SANITIZE=1 scripts/test.sh builds with ASan+UBSan into build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "${SANITIZE:-0}" = "1" ]; then
    export BUILD_DIR=${BUILD_DIR:-build-asan}
    scripts/build.sh -DQUANTLENS_SANITIZE=ON
else
    export BUILD_DIR=${BUILD_DIR:-build}
    scripts/build.sh
fi
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
