"""The chat's keyboard shortcuts: installed on the tab (they act only while it is shown)
and listed for the Help menu, in a two-column table (keys, what they do)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shortcut:
    keys: QKeySequence
    what: str  # translated
    shown: str = ""  # how the keys are listed, when not the sequence's own name ("Enter")


def install(widget: QWidget, entries: list[tuple[Shortcut, Callable[[], None]]]) -> None:
    """Each shortcut fires while the focus is anywhere inside ``widget``."""
    for shortcut, slot in entries:
        action = QAction(shortcut.what, widget)
        action.setShortcut(shortcut.keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        widget.addAction(action)


def of_action(action: QAction) -> Shortcut:
    """An action's shortcut as listed (its menu text without the & of its accelerator
    and the "…" of an entry that opens a dialog)."""
    return Shortcut(action.shortcut(), action.text().replace("&", "").rstrip("…"))


def key_text(s: Shortcut) -> str:
    """In the platform's own key names (⌘ on macOS)."""
    return s.shown or s.keys.toString(QKeySequence.SequenceFormat.NativeText)


def listing(shortcuts: list[Shortcut]) -> str:
    """One line per shortcut (tests, and a copy as text)."""
    return "\n".join(f"{key_text(s)}\t{s.what}" for s in shortcuts)


class ShortcutList(QDialog):
    """The list as a table: keys on the left, what they do on the right; long Japanese
    descriptions wrap in their own column instead of running into the keys."""

    def __init__(self, title: str, shortcuts: list[Shortcut], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.shortcuts = shortcuts
        column = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for row, s in enumerate(shortcuts):
            keys = QLabel(key_text(s))
            keys.setTextFormat(Qt.TextFormat.PlainText)
            font = keys.font()
            font.setBold(True)
            keys.setFont(font)
            what = QLabel(s.what)
            what.setTextFormat(Qt.TextFormat.PlainText)
            what.setWordWrap(True)
            grid.addWidget(keys, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(what, row, 1)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        column.addWidget(buttons)
        self.setMinimumWidth(460)

    def text(self) -> str:
        return listing(self.shortcuts)


def show_list(parent: QWidget, title: str, shortcuts: list[Shortcut]) -> ShortcutList:
    box = ShortcutList(title, shortcuts, parent)
    box.setModal(False)
    box.show()
    return box
