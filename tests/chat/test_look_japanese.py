"""Japanese is longer in places: nothing around the chat is clipped (the model bar, the
message box, the figures strip and its details), at the window's default size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import install_translators
from desktop.services.chat.history import ChatHistory
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.chat import format as fmt
from desktop.ui.shell.style import AppLook
from tests.chat.conftest import make_tab


@pytest.fixture
def japanese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "ja")
    assert translators
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    AppLook(qapp, "light")  # the style sheet's padding is part of every size
    yield
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)
    for t in translators:
        QCoreApplication.removeTranslator(t)


def clipped(root: QWidget, skip: tuple[QWidget, ...]) -> list[str]:
    """Visible labels whose text is wider than they are, and buttons narrower than their
    text and icon need."""
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or any(s is w or s.isAncestorOf(w) for s in skip):
            continue
        if isinstance(w, QLabel) and w.text() and not w.wordWrap():
            need = w.fontMetrics().horizontalAdvance(w.text())
            if need > w.contentsRect().width():
                out.append(f"label {w.text()!r}: {need} > {w.contentsRect().width()}")
        elif isinstance(w, QAbstractButton) and w.width() < w.sizeHint().width():
            out.append(f"button {w.text()!r}: {w.width()} < {w.sizeHint().width()}")
    return out


@pytest.mark.usefixtures("japanese")
def test_nothing_around_the_chat_is_clipped_in_japanese(
    qtbot: QtBot, service: OllamaService, settings: SettingsStore, history: ChatHistory
) -> None:
    tab: ChatTab = make_tab(qtbot, service, settings, history)
    tab.resize(1100, 720)  # the window's default size (main_window.py)
    tab.show()
    qtbot.waitUntil(lambda: bool(tab.picker.models), timeout=5000)
    v = tab.view
    assert v.settings_button.text() == "チャット設定…" and v.perf.strip.speed.toolTip()
    strip = v.perf.strip
    # the widest figures each field is made for
    strip.speed.setText(fmt.rate(9999.9))
    strip.ttft.setText(fmt.seconds(99.99))
    strip.ram.setText("999.9 / 999.9 GiB")
    v.perf.set_details_shown(True)
    qtbot.waitUntil(lambda: v.perf.details.isVisible(), timeout=2000)
    qtbot.wait(50)  # a layout pass
    assert tab.width() == 1100  # it fits: the window did not have to grow
    skip = (v.transcript, v.conversations)  # rows and chat titles elide on purpose
    assert clipped(v, skip) == []
    assert "トークン/秒" in strip.speed.text()
