"""Answer the next modal message box the way a person does, from inside its own event loop:
click a button by its label, or press a key (Enter, Esc)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


@dataclass
class Asked:
    """What the box showed: its text, its buttons' labels and the default one's."""

    text: str = ""
    buttons: list[str] = field(default_factory=list)
    default: str = ""


def answer_next_box(*, click: str | None = None, key: Qt.Key = Qt.Key.Key_Return) -> Asked:
    """When the next message box is up: click the button labelled ``click``, else press
    ``key`` on it. Returns what it showed (filled in once it was up)."""
    asked = Asked()

    def answer(tries: int = 400) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(5, lambda: answer(tries - 1))
            return
        asked.text = box.text()
        asked.buttons = [b.text() for b in box.buttons()]
        default = box.defaultButton()
        asked.default = default.text() if default is not None else ""
        if click is not None:
            chosen = [b for b in box.buttons() if b.text() == click]
            assert chosen, (click, asked.buttons)
            chosen[0].click()
        else:
            QTest.keyClick(box, key)

    QTimer.singleShot(0, answer)
    return asked
