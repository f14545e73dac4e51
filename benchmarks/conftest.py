"""Benchmarks measure speed and memory against budgets. Run: .venv/bin/python -m pytest
benchmarks -q -s (CI runs them after the tests). Figures are printed for the closing notes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

# the same isolated app home and fake server as the tests
from tests.conftest import _isolated_home, fake_ollama  # noqa: F401


@pytest.fixture(autouse=True)
def app_look(qapp: QApplication) -> Iterator[object]:
    """The app's own look (Fusion, its palette and style sheet): what people run is what
    is measured (a style sheet changes what every widget costs to build and to paint)."""
    from desktop.ui.shell.style import AppLook

    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    look = AppLook(qapp, "light")
    yield look
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)
