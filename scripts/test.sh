#!/usr/bin/env bash
# Set up .venv (if needed) with the dev extras and run the test suite offscreen.
# Extra arguments go to pytest, e.g. `scripts/test.sh tests/core -k names`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import desktop, pytestqt" 2>/dev/null || [ pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch .venv/.installed
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
