"""The chat's keyboard shortcuts: installed on the tab (they act only while it is shown)
and listed for the Help menu."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget


@dataclass(frozen=True)
class Shortcut:
    keys: QKeySequence
    what: str  # translated


def install(widget: QWidget, entries: list[tuple[Shortcut, Callable[[], None]]]) -> None:
    """Each shortcut fires while the focus is anywhere inside ``widget``."""
    for shortcut, slot in entries:
        action = QAction(shortcut.what, widget)
        action.setShortcut(shortcut.keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        widget.addAction(action)


def listing(shortcuts: list[Shortcut]) -> str:
    """One line per shortcut, in the platform's own key names (⌘ on macOS)."""
    native = QKeySequence.SequenceFormat.NativeText
    return "\n".join(f"{s.keys.toString(native)}\t{s.what}" for s in shortcuts)


def show_list(parent: QWidget, title: str, shortcuts: list[Shortcut]) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, title, listing(shortcuts), parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.setModal(False)
    box.show()
    return box
