#!/usr/bin/env bash
# Regenerates the README's screenshots in docs/: the GUI opens the bundled demo offscreen,
# evaluates it (FP32, then the default W8A8 config), grabs the window at 1400x850 on a page and
# quits — once per page. BUILD_DIR defaults to build/.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
APP="$BUILD_DIR/app/quantlens"
mkdir -p docs
# A throwaway settings location so the user's recent files and geometry are not used.
export XDG_CONFIG_HOME
XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
export QT_QPA_PLATFORM=offscreen
shoot() { # PNG, then the app's screenshot flags
    local png=$1
    shift
    "$APP" --screenshot "docs/$png" "$@"
    echo "wrote docs/$png"
}
shoot main-window.png
shoot quantize-page.png --screenshot-page quantPage
# The drift chart with the default config pinned as baseline A against W8A8 truncation (B).
shoot charts-page.png --screenshot-page chartsPage --screenshot-baseline w8a8-trunc
shoot exits-page.png --screenshot-page exitsPage
shoot inspector-page.png --screenshot-page inspectorPage
shoot mixed-precision-page.png --screenshot-mixed-precision
# Small screens: a 1024x700 laptop / projector, and 150 % scaling of a 1920x1080 screen
# (1280x720 logical pixels, grabbed at 1920x1080).
shoot quantize-page-1024x700.png --screenshot-page quantPage --screenshot-size 1024x700
shoot mixed-precision-page-1024x700.png --screenshot-page mixedPrecision --screenshot-size 1024x700
QT_SCALE_FACTOR=1.5 shoot quantize-page-150pct.png --screenshot-page quantPage --screenshot-size 1280x720
# A real model's layer table (issue 11): torchvision's EfficientNet-B0 on 20 generated 224x224
# images — the Float column's reasons and the summary's integer coverage. Skipped when the
# model is absent (tools/make_torchvision_onnx.py makes it; REAL_MODEL overrides the path).
REAL_MODEL=${REAL_MODEL:-/work/torchvision/efficientnet_b0.onnx}
if [ -f "$REAL_MODEL" ]; then
    IMAGES=$(mktemp -d)
    tools/make_imagenet_like.py "$IMAGES" --images 20 --classes 10 >/dev/null
    shoot layer-table-float-reasons.png --screenshot-page quantPage --screenshot-size 1920x1000 \
        "$REAL_MODEL" --data "$IMAGES"
    rm -rf "$IMAGES"
else
    echo "skipped docs/layer-table-float-reasons.png: no $REAL_MODEL"
fi
