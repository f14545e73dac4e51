"""A text view for model output that can never fetch anything and never follows a link
by itself; it grows to fit its text so the transcript scrolls as one page. Prose wraps; a
code view (wrap=False) keeps its lines whole and scrolls sideways on its own."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

DOC_MARGIN = 2  # px around the text


class SafeTextBrowser(QTextBrowser):
    """linkClicked(str): the user clicked a link; the owner decides (confirm, copy, ...)."""

    linkClicked = Signal(str)
    heightChanged = Signal()  # it grew or shrank to fit its text

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        wrap: bool = True,
        max_height: int = 0,
        links: bool = True,
    ) -> None:
        super().__init__(parent)
        self._wrap = wrap
        self.max_height = max_height  # beyond it the view scrolls (reasoning); 0 = none
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if wrap:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            self.setLineWrapMode(QTextBrowser.LineWrapMode.NoWrap)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.document().setDocumentMargin(DOC_MARGIN)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        if links:  # each connection costs when a message scrolls into view
            self.anchorClicked.connect(self._on_anchor)
        self.resources_refused = 0
        # While an answer streams, grow in steps with this much room to spare: each resize
        # relayouts the transcript and repaints the whole message, so do it every few lines
        # rather than on every line. 0 = fit exactly.
        self.slack = 0
        self.setFixedHeight(8)

    def _on_anchor(self, url: QUrl) -> None:
        self.linkClicked.emit(url.toString())

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt override
        """Refuse every resource (remote images, stylesheets, anything)."""
        self.resources_refused += 1
        return None

    def _fit(self, size: Any = None) -> None:
        h = math.ceil(self.document().size().height()) + 2
        bar = self.horizontalScrollBar()
        if not self._wrap and (
            bar.maximum() > 0 or self.document().size().width() > self.viewport().width()
        ):
            h += bar.sizeHint().height()  # the sideways scroll bar must not hide a line
        if self.max_height and h > self.max_height:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            if self.height() != self.max_height:
                self.setFixedHeight(self.max_height)
                self.heightChanged.emit()
            return
        if self.slack and self.height() >= h:
            return
        h = max(8, h + self.slack)
        if h != self.height():
            self.setFixedHeight(h)
            self.heightChanged.emit()
        # the view fits its text: it never scrolls up or down (Qt may have scrolled to a
        # cursor while it was shorter), only a code view sideways when the user asks
        self.verticalScrollBar().setValue(0)

    def set_slack(self, slack: int) -> None:
        self.slack = slack
        self._fit()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        # QTextEdit re-wraps by itself when the width changes. Never set the text width
        # here: QTextDocument.setTextWidth relayouts the whole document even when the width
        # is unchanged, and our height changes with every streamed line.
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        delta = event.angleDelta()
        if abs(delta.x()) > abs(delta.y()) and self.horizontalScrollBar().maximum() > 0:
            super().wheelEvent(event)  # sideways (Shift+wheel, touchpad): a long code line
        elif self.max_height and self.verticalScrollBar().maximum() > 0:
            super().wheelEvent(event)  # long reasoning scrolls in its own box
        else:
            event.ignore()  # let the transcript scroll
