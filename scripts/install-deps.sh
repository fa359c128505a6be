#!/usr/bin/env bash
# Installs, non-interactively, exactly the Debian 12 packages QuantLens needs that are missing.
# Idempotent: a machine that has them all runs no apt command at all.
set -euo pipefail

PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
    qt6-l10n-tools qt6-tools-dev
    libeigen3-dev libopencv-dev
    libonnx-dev libprotobuf-dev protobuf-compiler
    libonnx-testdata dataset-fashion-mnist
    xvfb xauth
)

# scripts/check-deps.sh reads the list from here.
if [ "${1:-}" = "--list" ]; then printf '%s\n' "${PACKAGES[@]}"; exit 0; fi

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        $SUDO apt-get update -q
        apt_updated=1
    fi
    $SUDO apt-get install -y -q --no-install-recommends "$@"
}

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} packages present"
else
    echo "install-deps: installing ${missing[*]}"
    apt_install "${missing[@]}"
fi

# ONNX Runtime as a test client (tests/ort/run_ort.js, test_export_ort): Node.js and npm from
# Debian only when the machine has none (a NodeSource node already bundles npm, and Debian's
# npm package conflicts with it), then onnxruntime-node's bundled CPU build into the
# project-local, git-ignored .ort/ — --ignore-scripts skips its script that downloads GPU
# extras from another host; the CPU build needs none of it.
node_missing=()
command -v node >/dev/null 2>&1 || node_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || node_missing+=(npm)
if [ ${#node_missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${node_missing[*]}"
    apt_install "${node_missing[@]}"
fi
ORT_VERSION=1.30.0
ORT_DIR="$(cd "$(dirname "$0")/.." && pwd)/.ort"
ORT_PACKAGE="$ORT_DIR/node_modules/onnxruntime-node/package.json"
# onnxruntime-node 1.30 works on Node.js v16 or later (its README); Debian 12 ships 18. An older
# node already on the machine (PATH first) is not replaced: ORT is skipped with the reason, and
# test_export_ort skips with the same reason (tests/ort_runner.h).
NODE_MIN_MAJOR=16
node_version="$(node --version 2>/dev/null || true)"
node_major="${node_version#v}"
node_major="${node_major%%.*}"
node_ok=1
if ! [[ "$node_major" =~ ^[0-9]+$ ]] || [ "$node_major" -lt "$NODE_MIN_MAJOR" ]; then
    node_ok=0
    echo "install-deps: WARNING: $(command -v node || echo node) is Node.js '${node_version:-?}';" \
         "onnxruntime-node $ORT_VERSION needs v$NODE_MIN_MAJOR or later: not installing it," \
         "test_export_ort will be skipped (install Debian's nodejs 18 or newer)" >&2
fi
if [ "$node_ok" = 1 ] && { [ ! -f "$ORT_PACKAGE" ] || ! grep -q "\"version\": \"$ORT_VERSION\"" "$ORT_PACKAGE"; }; then
    echo "install-deps: installing onnxruntime-node@$ORT_VERSION into $ORT_DIR"
    mkdir -p "$ORT_DIR"
    [ -f "$ORT_DIR/package.json" ] || echo '{"name": "quantlens-ort", "private": true}' > "$ORT_DIR/package.json"
    # The application does not need ORT: a machine that cannot reach npm still builds and runs,
    # and test_export_ort skips with this reason.
    if ! (cd "$ORT_DIR" && npm install --ignore-scripts --no-audit --no-fund "onnxruntime-node@$ORT_VERSION"); then
        echo "install-deps: WARNING: could not install onnxruntime-node from npm;" \
             "test_export_ort will be skipped (ONNX Runtime comparison not run)" >&2
    fi
fi
