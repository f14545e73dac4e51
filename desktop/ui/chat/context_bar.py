"""The context meter under the transcript: a thin bar and "3,120 of 4,096 tokens", and in
red what the model will no longer see. Layout only; ContextPresenter fills it. It changes
on events (an answer done, typing paused), never per streamed token."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QWidget

WARN_SHARE = 0.85  # amber from here on: the next answers will soon not fit
OK_COLOR, WARN_COLOR, OVER_COLOR = "#2e7d32", "#ef6c00", "#c62828"


class ContextBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contextBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(6)
        self.title = QLabel(self.tr("Context"))
        row.addWidget(self.title)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 1000)
        self.bar.setFixedSize(120, 8)
        row.addWidget(self.bar)
        self.figure = QLabel("—")
        self.figure.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.figure)
        self.warning = ElidedLabel()
        self.warning.setObjectName("contextWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)  # numbers only, but never markup
        self._tone = f"color: {OVER_COLOR};"
        self.warning.setStyleSheet(self._tone)
        self.warning.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.warning.hide()
        row.addWidget(self.warning, 1)
        row.addStretch(0)
        self._color = ""

    def show_usage(
        self, figure: str, share: float, warning: str, tooltip: str, note: str = ""
    ) -> None:
        """``warning`` (red): what the model will not see; else ``note``: what happens to
        the message's documents (their passages are sent)."""
        self.figure.setText(figure)
        self.bar.setValue(max(0, min(1000, round(share * 1000))))
        color = (
            OVER_COLOR if warning or share > 1 else WARN_COLOR if share >= WARN_SHARE else OK_COLOR
        )
        if color != self._color:  # a style sheet change repolishes: only when it changes
            self._color = color
            self.bar.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        line = warning or note
        tone = f"color: {OVER_COLOR};" if warning else ""
        if tone != self._tone:
            self._tone = tone
            self.warning.setStyleSheet(tone)
        self.warning.set_full_text(line)
        self.warning.setVisible(bool(line))
        self.setToolTip(tooltip)


class ElidedLabel(QLabel):
    """A line cut with "…" to the room it has (the bar's tooltip holds the whole text).
    A subclass is fine here: it changes on events, not every second."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()
