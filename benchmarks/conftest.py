"""Benchmarks measure speed and memory against budgets. Run: .venv/bin/python -m pytest
benchmarks -q -s (CI runs them after the tests). Figures are printed for the closing notes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.fake_ollama import FakeOllama  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "desk-home"
    monkeypatch.setenv("OLLAMA_DESK_HOME", str(home))
    return home


@pytest.fixture
def fake_ollama() -> Iterator[FakeOllama]:
    with FakeOllama() as fake:
        yield fake

