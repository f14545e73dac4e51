"""The text cursor rests (stops blinking) after a while without typing, and blinks again on
the next key: a blinking cursor woke the idle app twice a second."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.common import caret
from desktop.ui.common.caret import CaretRest


@pytest.fixture
def blinking() -> int:
    hints = QGuiApplication.styleHints()
    flash = caret._os_flash_ms or hints.cursorFlashTime() or 1000
    hints.setCursorFlashTime(flash)
    return flash


def test_the_cursor_rests_after_a_while_and_blinks_again_on_typing(
    qtbot: QtBot, blinking: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(caret, "BLINK_FOR_MS", 200)
    window = QWidget()
    qtbot.addWidget(window)
    box = QPlainTextEdit(window)
    rest = CaretRest(window)
    rest._timer.setInterval(caret.BLINK_FOR_MS)
    box.textChanged.connect(rest.wake)
    window.show()
    box.setFocus()
    hints = QGuiApplication.styleHints()
    qtbot.waitUntil(lambda: rest.resting, timeout=5000)
    assert hints.cursorFlashTime() == 0  # lit, no timer repainting the box
    qtbot.keyClick(box, Qt.Key.Key_A)
    assert hints.cursorFlashTime() == blinking
    qtbot.waitUntil(lambda: rest.resting, timeout=5000)
    rest.wake()
    window.close()
    window.deleteLater()
    qtbot.waitUntil(lambda: hints.cursorFlashTime() == blinking, timeout=5000)


def test_no_blinking_stays_no_blinking(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A user who turned blinking off (flash time 0) is left alone."""
    monkeypatch.setattr(caret, "_os_flash_ms", 0)
    window = QWidget()
    qtbot.addWidget(window)
    rest = CaretRest(window)
    assert not rest.resting
    rest.wake()
    rest.rest()
    assert not rest._timer.isActive()
