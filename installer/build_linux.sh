#!/usr/bin/env bash
# Build and check the Linux release files (used by .ci/run and the release workflow):
#   the one-file executable, its smoke test, the .deb and .tar.gz, then the .deb installed
#   into a throw-away dpkg root: smoke test of the installed launcher, removal leaves nothing.
# Usage: installer/build_linux.sh [PYTHON]   (default .venv/bin/python, with the build extra)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-.venv/bin/python}"
export QT_QPA_PLATFORM=offscreen
echo "== build one-file executable (pyinstaller build.spec)"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec
echo "built dist/ollama-desk in $(( $(date +%s) - start )) s," \
     "size $(stat -c %s dist/ollama-desk) bytes ($(du -m dist/ollama-desk | cut -f1) MiB)"
limit=$((80 * 1000 * 1000))
if [ "$(stat -c %s dist/ollama-desk)" -gt "$limit" ]; then
  echo "dist/ollama-desk is over the 80 MB budget" >&2; exit 1
fi
echo "== smoke test: one-file"
"$PY" installer/smoke_test.py dist/ollama-desk
echo "== .deb and .tar.gz"
"$PY" installer/package_linux.py all
deb=$(ls dist/ollama-desk_*.deb | head -n1)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# --force-depends: the empty root has none of the system libraries the package depends on
dpkg --root="$root" --force-depends --force-not-root -i "$deb" >/dev/null 2>&1 \
  || { dpkg --root="$root" --force-depends --force-not-root -i "$deb"; exit 1; }
dpkg --root="$root" -L ollama-desk | grep -qx /usr/share/applications/ollama-desk.desktop
echo "== smoke test: installed launcher $root/usr/bin/ollama-desk"
"$PY" installer/smoke_test.py "$root/usr/bin/ollama-desk"
dpkg --root="$root" --force-not-root -r ollama-desk >/dev/null
left=$(find "$root" -path "$root/var" -prune -o \( -type f -o -type l \) -print)
if [ -n "$left" ]; then echo "dpkg -r left files behind: $left" >&2; exit 1; fi
echo "removal left nothing behind"
ls -l dist/ollama-desk dist/*.deb dist/*.tar.gz
