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

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
