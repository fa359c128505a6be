#!/usr/bin/env bash
# Guard for the fresh-machine install: every Debian package that owns a file the build actually
# used must be installed by scripts/install-deps.sh, directly or as one of its dependencies.
#
#   scripts/check-deps.sh [BUILD_DIR] [INSTALL_DEPS_SCRIPT]
#
# "Files the build used" are the system headers in Ninja's dependency log (`ninja -t deps`) and
# every absolute /usr path in build.ninja: the CMake package files that configure read (its
# re-run list), the libraries linked, the compilers. Each is mapped to its package through
# dpkg's file lists. The allowed set is the install list plus the transitive Depends and
# Pre-Depends of the installed packages, plus what a minimal Debian already has (Essential or
# Priority: required, i.e. `debootstrap --variant=minbase`). Anything else is a package that a
# fresh machine would miss: the script names it with one file it owns and exits 1.
# Works offline (dpkg's database only). Run by ctest as `install_deps_cover_build`.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-${BUILD_DIR:-build}}
DEPS_SCRIPT=${2:-scripts/install-deps.sh}

[ -f "$BUILD_DIR/build.ninja" ] || { echo "check-deps: $BUILD_DIR/build.ninja: not a Ninja build folder" >&2; exit 2; }
command -v dpkg-query >/dev/null || { echo "check-deps: needs dpkg (Debian)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. Absolute system paths the build read, as given and with symlinks resolved (dpkg records
#    whichever path the package shipped).
{
    ninja -C "$BUILD_DIR" -t deps | awk '$1 ~ /^\/usr\// { print $1 }'
    tr ' ' '\n' < "$BUILD_DIR/build.ninja" | grep -E '^/usr/[^$]+$' || true
} | sort -u > "$tmp/candidates"
# Files only: a folder such as /usr/include/x86_64-linux-gnu/qt6 (an -isystem flag) belongs to
# every package that puts something in it.
while read -r f; do
    if [ -f "$f" ]; then echo "$f"; readlink -f "$f"; fi
done < "$tmp/candidates" | sort -u > "$tmp/paths"

# 2. Owner package of each path, from dpkg's file lists (one pass, much faster than dpkg -S).
awk 'FNR == NR { want[$0] = 1; next }
     ($0 in want) { pkg = FILENAME; sub(/.*\//, "", pkg); sub(/\.list$/, "", pkg); sub(/:.*/, "", pkg)
                    if (!(($0, pkg) in seen)) { seen[$0, pkg] = 1; print pkg "\t" $0 } }' \
    "$tmp/paths" /var/lib/dpkg/info/*.list | sort -u > "$tmp/owners"
cut -f1 "$tmp/owners" | sort -u > "$tmp/owner_pkgs"

# 3. The allowed set: the install list, closed over Depends/Pre-Depends of installed packages
#    (an alternative "a | b" or a virtual package counts through whichever is installed).
PACKAGES=$(bash "$DEPS_SCRIPT" --list)
dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Provides}\t${Depends}, ${Pre-Depends}\t${Essential}\t${Priority}\n' \
    > "$tmp/db"
awk -F '\t' -v roots="$PACKAGES" '
    function name(s) { gsub(/\(.*\)|:[a-z0-9]+|[ \t]/, "", s); return s }
    $1 ~ /^ii/ {
        installed[$2] = 1; deps[$2] = $4
        if ($5 == "yes" || $6 == "required") base[$2] = 1
        n = split($3, pv, ","); for (i = 1; i <= n; i++) if (name(pv[i]) != "") prov[name(pv[i])] = prov[name(pv[i])] " " $2
    }
    END {
        n = split(roots, stack, /[ \n]+/); top = 0
        for (i = 1; i <= n; i++) if (stack[i] != "") todo[++top] = stack[i]
        for (p in base) todo[++top] = p
        while (top > 0) {
            p = todo[top--]
            if (p in ok) continue
            ok[p] = 1
            if (!(p in installed)) continue
            m = split(deps[p], d, /[,|]/)
            for (j = 1; j <= m; j++) {
                q = name(d[j]); if (q == "") continue
                if (q in installed && !(q in ok)) todo[++top] = q
                k = split(prov[q], pr, " ")
                for (r = 1; r <= k; r++) if (!(pr[r] in ok)) todo[++top] = pr[r]
            }
        }
        for (p in ok) print p
    }' "$tmp/db" | sort -u > "$tmp/allowed"

comm -23 "$tmp/owner_pkgs" "$tmp/allowed" > "$tmp/missing"
if [ -s "$tmp/missing" ]; then
    while read -r p; do
        example=$(awk -F '\t' -v p="$p" '$1 == p { print $2; exit }' "$tmp/owners")
        echo "check-deps: the build used $example from package $p, which $DEPS_SCRIPT does not install"
    done < "$tmp/missing"
    echo "check-deps: FAIL: add to $DEPS_SCRIPT: $(tr '\n' ' ' < "$tmp/missing")"
    exit 1
fi
# A system file no package owns was put there by hand: a fresh machine will not have it.
unowned=$(cut -f2 "$tmp/owners" | sort -u | comm -13 - "$tmp/paths" | grep -v '^/usr/bin/c++$' || true)
stray=$(echo "$unowned" | grep -E '^/usr/local/' || true)
if [ -n "$stray" ]; then
    echo "check-deps: FAIL: the build used files no Debian package owns: $(echo "$stray" | head -3 | tr '\n' ' ')"
    exit 1
fi
echo "check-deps: OK: $(wc -l < "$tmp/paths") system files from $(wc -l < "$tmp/owner_pkgs") packages, all installed by $DEPS_SCRIPT"
