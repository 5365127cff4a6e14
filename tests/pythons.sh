#!/usr/bin/env bash
# `make pythons`: make sure native CPython 3.14 and 3.15, and PyPy 3.11 (the
# suite's second implementation, see tests/matrix.py), are on PATH for `make test`.
#
#   tests/pythons.sh [VERSION ...]     (default: 3.14 3.15 pypy3.11; 3.14t and
#                                       3.15t, the free-threaded builds, come only from uv)
#
# Each one already on PATH (as python3.14, python3.15, pypy3.11) is used as it is.
# For the others, in this order:
#   1. `uv python install` (the usual way; needs a download from GitHub);
#   2. on Debian or Ubuntu, as root: CPython from the packages of Debian's
#      testing release, in a minimal Debian root (debootstrap), with a patched
#      copy of each binary that runs on this host (patchelf);
#   3. otherwise: say what to install, and fail.
# Everything goes into $BOOK_CACHE (default ~/.cache/ten-days-inside-cpython),
# never into the work tree; its bin/ is put on PATH by the Makefile. A second
# run finds what the first one made and does nothing.
set -euo pipefail
VERSIONS=("$@")
[ $# = 0 ] && VERSIONS=(3.14 3.15 pypy3.11)
CACHE="${BOOK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ten-days-inside-cpython}"
BIN="$CACHE/bin"
UV="${UV:-uv}"
mkdir -p "$BIN"
export PATH="$BIN:$PATH"

# The command for a version: python3.14, ..., and pypy3.11 as it is.
command_for() { case $1 in pypy*) echo "$1" ;; *) echo "python$1" ;; esac; }
missing() { for v in "${VERSIONS[@]}"; do "$(command_for "$v")" -c '' 2>/dev/null || echo "$v"; done; }
todo=$(missing | xargs)
[ -z "$todo" ] && exit 0

# 1. uv (it can also bring the free-threaded 3.14t/3.15t). Where it cannot
#    download, it is not asked again for a day (remove $CACHE/uv.failed to retry).
if command -v "$UV" >/dev/null && [ -z "$(find "$CACHE/uv.failed" -mmin -1440 2>/dev/null)" ]; then
  echo "pythons: trying uv python install $todo"
  if UV_PYTHON_DOWNLOADS=automatic UV_PYTHON_INSTALL_DIR="$CACHE/uv" UV_PYTHON_BIN_DIR="$BIN" \
     timeout 60 "$UV" python install --quiet ${todo//pypy/pypy@}; then
    todo=$(missing | xargs)
    [ -z "$todo" ] && exit 0
  fi
  touch "$CACHE/uv.failed"
  echo "pythons: uv could not install $todo (no download); trying Debian's packages"
fi

# 2. Debian's testing release in a minimal root.
ROOTFS="$CACHE/debian-testing"
PACKAGES="python3.14,python3.14-venv,python3.15,python3.15-venv,pypy3,pypy3-venv"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  if [ "$(cat "$ROOTFS/.packages" 2>/dev/null)" != "$PACKAGES" ]; then
    command -v debootstrap >/dev/null && command -v patchelf >/dev/null || {
      echo "pythons: apt-get install debootstrap patchelf"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap patchelf >/dev/null
    }
    # The mirror apt already uses (Debian), else Debian's own.
    MIRROR=$(sed -n 's/^URIs: *\(\S*\/debian\)\/\?$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
    MIRROR=${MIRROR:-http://deb.debian.org/debian}
    # Older debootstraps have no script for the newest suite; it is sid's
    # (this adds a symlink to debootstrap's own folder).
    SCRIPTS=/usr/share/debootstrap/scripts
    [ -e "$SCRIPTS/forky" ] || ln -s sid "$SCRIPTS/forky"
    echo "pythons: debootstrap forky ($PACKAGES) from $MIRROR into $ROOTFS"
    rm -rf "$ROOTFS" "$ROOTFS.tmp"
    debootstrap --variant=minbase --include="$PACKAGES" forky "$ROOTFS.tmp" "$MIRROR" \
      > "$CACHE/debootstrap.log" 2>&1 || { tail -20 "$CACHE/debootstrap.log"; exit 1; }
    echo "$PACKAGES" > "$ROOTFS.tmp/.packages"
    mv "$ROOTFS.tmp" "$ROOTFS"
    todo=$(missing | xargs)  # a new root: the copies made in the old one are gone
  fi
  # The root's own dynamic loader and library folder (x86_64, aarch64, ...).
  LOADER=$(ls "$ROOTFS"/usr/lib/*-linux-gnu/ld-linux*.so* 2>/dev/null | head -1)
  LIB=$(dirname "$LOADER")
  for v in $todo; do
    exe=$(command_for "$v")
    [ -e "$ROOTFS/usr/bin/$exe" ] || continue  # no free-threaded build in Debian
    # A copy beside the original, so that sys.prefix is the root's /usr; its
    # DT_RPATH (--force-rpath) also serves the extension modules' libraries.
    cp "$ROOTFS/usr/bin/$exe" "$ROOTFS/usr/bin/$exe-host"
    patchelf --set-interpreter "$LOADER" --force-rpath --set-rpath "$LIB" \
      "$ROOTFS/usr/bin/$exe-host"
    "$ROOTFS/usr/bin/$exe-host" -c 'import ssl, sqlite3, venv' \
      || { echo "pythons: the patched $exe does not run here"; continue; }
    # On PATH as a two-line script, not a symlink: a venv made from a symlink
    # records the symlink's folder as its home and loses the standard library.
    printf '#!/bin/sh\nexec "%s" "$@"\n' "$ROOTFS/usr/bin/$exe-host" > "$BIN/$exe"
    chmod +x "$BIN/$exe"
  done
  todo=$(missing | xargs)
  for v in "${VERSIONS[@]}"; do
    exe=$(command_for "$v")
    [ -e "$BIN/$exe" ] && echo "pythons: $("$exe" -VV 2>&1 | tr '\n' ' ' | cut -c1-90) at $BIN/$exe"
  done
  [ -z "$todo" ] && exit 0
fi

echo "pythons: $todo not found, and this machine cannot provision it."
echo "  Install it so that python3.X (or pypy3.11) is on PATH, for example:"
echo "    uv python install $todo          (https://docs.astral.sh/uv/)"
echo "    or your distribution's python3.X packages, or pyenv install $todo"
exit 1
