#!/usr/bin/env bash
# One command: install what is missing, build, and open the GUI on the bundled demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
BUILD_DIR=${BUILD_DIR:-build}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run.sh: no display found; starting under xvfb-run" >&2
    exec xvfb-run -a "$BUILD_DIR/app/quantlens" "$@"
fi
exec "$BUILD_DIR/app/quantlens" "$@"
