#!/usr/bin/env bash
# Regenerates docs/main-window.png: the GUI opens the bundled demo offscreen, evaluates it in
# FP32, grabs the window at 1400x850 and quits. BUILD_DIR defaults to build/.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
mkdir -p docs
# A throwaway settings location so the user's recent files and geometry are not used.
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
QT_QPA_PLATFORM=offscreen "$BUILD_DIR/app/quantlens" --screenshot docs/main-window.png
echo "wrote docs/main-window.png"
