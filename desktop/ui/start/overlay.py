"""Shows the Start-here card in place of another widget's content (the Chat tab) without
that widget knowing: the card becomes a child covering it, and the widget's own children
are hidden meanwhile (so keyboard focus cannot wander behind the card) and shown again
when the card goes."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWidget

_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


class CoverOverlay(QObject):
    def __init__(self, card: QWidget, host: QWidget) -> None:
        super().__init__(card)
        self.card = card
        self.host = host
        self._hidden: list[QWidget] = []
        card.setParent(host)
        card.hide()

    @property
    def covering(self) -> bool:
        return bool(self._hidden) or self.card.isVisibleTo(self.host)

    def set_covering(self, on: bool) -> None:
        if on == self.covering:
            return
        if on:
            self._hidden = [
                w
                for w in self.host.findChildren(QWidget, options=_DIRECT)
                if w is not self.card and not w.isHidden() and not w.isWindow()
            ]
            for w in self._hidden:
                w.hide()
            self.card.setGeometry(self.host.rect())
            self.card.show()
            self.card.raise_()
            self.card.setFocus()
            self.host.installEventFilter(self)  # follow the host's size while covering
        else:
            self.host.removeEventFilter(self)
            self.card.hide()
            for w in self._hidden:
                if shiboken6.isValid(w):
                    w.show()
            self._hidden = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.card.setGeometry(self.host.rect())
        return False
