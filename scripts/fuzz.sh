#!/usr/bin/env bash
# scripts/fuzz.sh SECONDS [TARGET...]   TARGET: onnx_loader config image (default: all three)
#
# Builds the libFuzzer targets of tests/fuzz with clang (+ASan/UBSan) into build-fuzz/ and runs
# each for SECONDS. Seed corpus: the ONNX conformance models (/usr/share/libonnx-testdata),
# the demo models, configs and images in resources/, tests/fuzz/seeds/ and every regression
# input under tests/data/hostile/. The growing corpus stays in build-fuzz/corpus/TARGET; a
# crash is written to build-fuzz/crashes/TARGET/ and the script exits non-zero. Copy a crash
# into tests/data/hostile/TARGET/ once fixed: ctest's fuzz_replay test replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh SECONDS [onnx_loader|config|image ...]" >&2
    exit 2
fi
seconds=$1
shift
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(onnx_loader config image)

# clang and its libFuzzer runtime are needed only here, so they are installed here rather
# than by install-deps.sh (the normal build and test.sh use g++).
scripts/install-deps.sh
need=()
command -v clang++ >/dev/null || need+=(clang)
compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null ||
    need+=(libclang-rt-14-dev)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

BUILD_DIR=${BUILD_DIR:-build-fuzz}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
    -DQUANTLENS_FUZZ=ON -DQUANTLENS_BUILD_TESTS=OFF -DQUANTLENS_BUILD_BENCH=OFF "${launcher[@]}"
cmake --build "$BUILD_DIR" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

seed_dir() { # TARGET -> a folder of seed files (copies, so that libFuzzer sees plain files)
    local dir="$BUILD_DIR/seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    case "$1" in
    onnx_loader)
        local testdata=/usr/share/libonnx-testdata/data
        local i=0
        for f in "$testdata"/*/*/model.onnx; do
            [ -f "$f" ] || continue
            cp "$f" "$dir/conformance_$((i++)).onnx"
        done
        cp resources/models/*.onnx "$dir/"
        ;;
    config)
        cp tests/fuzz/seeds/config/*.json "$dir/"
        ;;
    image)
        find resources/data/calib -name '*.png' | sort | awk 'NR % 50 == 1' |
            while read -r f; do cp "$f" "$dir/$(echo "$f" | tr '/' '_')"; done
        cp tests/fuzz/seeds/image/* "$dir/" 2>/dev/null || true
        ;;
    esac
    cp tests/data/hostile/"$1"/* "$dir/" 2>/dev/null || true
    echo "$dir"
}

status=0
for target in "${targets[@]}"; do
    corpus="$BUILD_DIR/corpus/$target"
    crashes="$BUILD_DIR/crashes/$target"
    mkdir -p "$corpus" "$crashes"
    seeds=$(seed_dir "$target")
    log="$BUILD_DIR/fuzz_$target.log"
    echo "fuzz.sh: $target for ${seconds}s (log: $log)"
    # -rss_limit_mb: the loader may legitimately hold a 2 GiB file plus its parse;
    # -timeout: one input taking 25 s is a hang (the libonnx SAME-padding loop was one).
    if ! "$BUILD_DIR/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -rss_limit_mb=6144 -timeout=25 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$seeds" >"$log" 2>&1; then
        echo "fuzz.sh: $target FAILED: see $log and $crashes/"
        status=1
    fi
    grep -E "^stat::number_of_executed_units|Done [0-9]+ runs" "$log" | sed "s/^/fuzz.sh: $target: /"
done
exit $status
