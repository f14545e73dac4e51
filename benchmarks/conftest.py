"""Benchmarks measure speed and memory against budgets. Run: .venv/bin/python -m pytest
benchmarks -q -s (CI runs them after the tests). Figures are printed for the closing notes."""

from __future__ import annotations

# the same isolated app home and fake server as the tests
from tests.conftest import _isolated_home, fake_ollama  # noqa: F401
