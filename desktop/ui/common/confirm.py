"""The one way the app asks before it deletes something: the button that does it names the
action, and the default answer is Cancel, so Enter or Esc pressed by habit (or a double
click that lands on the box) keeps things as they are."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def destructive_box(parent: QWidget | None, title: str, text: str, action: str) -> QMessageBox:
    """The question, not shown yet: ``action`` is the destroying button's label ("Delete");
    Cancel is the default and the Esc button. ``text`` is shown as text, never markup
    (it names chats and models)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


def confirm_destructive(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask (modal); True only when the user chose ``action``."""
    box = destructive_box(parent, title, text, action)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) is QMessageBox.ButtonRole.DestructiveRole
