#!/usr/bin/env bash
# Build the sdist and the wheel, install the wheel (not editable) into a clean venv outside
# the checkout, and run the installed app from another folder: --version, doctor --json,
# forecast --json, and the window offscreen in English and Japanese (installer/smoke_test.py).
# What a packager, `pipx install` or a release wheel gives must work without the checkout.
# Usage: installer/check_wheel.sh [PYTHON]   (default .venv/bin/python; needs `build`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-.venv/bin/python}"
ROOT=$(pwd)
case "$PY" in /*) ;; */*) PY="$ROOT/$PY" ;; esac  # the checks below run from another folder
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
echo "== sdist and wheel (python -m build: the wheel is built from the sdist)"
"$PY" -m build --outdir "$work/dist" . >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
if grep -n -i "deprecat" "$work/build.log"; then
  echo "the build printed a deprecation warning (above)" >&2; exit 1
fi
ls -l "$work"/dist
wheel=$(ls "$work"/dist/*.whl)
for f in desktop/_resources/catalog/catalog.json desktop/_resources/i18n/shell_ja.qm \
         desktop/_resources/licenses/components.json desktop/py.typed \
         desktop/_resources/templates/ollama/gemma3-instruct.gotmpl; do
  "$PY" -c "import sys, zipfile; sys.exit(0 if sys.argv[2] in zipfile.ZipFile(sys.argv[1]).namelist() else 1)" \
    "$wheel" "$f" || { echo "$f is not in $wheel" >&2; exit 1; }
done
echo "== install the wheel into a clean venv"
"$PY" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel"
exe="$work/venv/bin/ollama-desk"
cd "$work"  # another folder: nothing may come from the checkout
export OLLAMA_DESK_HOME="$work/home"
"$exe" --version
"$exe" --host 127.0.0.1:9 doctor --json >/dev/null || [ $? -eq 1 ]  # no server: exit 1
"$exe" forecast gemma3:270m --json >/dev/null
unset OLLAMA_DESK_HOME
"$work/venv/bin/python" -c "
import desktop, desktop.core.resources as r, sys
root = r.resources_dir()
assert 'site-packages' in str(root) and root.name == '_resources', root
print('resources found at', root)
"
echo "== smoke test of the installed wheel"
"$PY" "$ROOT/installer/smoke_test.py" "$exe"
echo "wheel checks passed in $(( $(date +%s) - start )) s"
