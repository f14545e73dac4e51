"""The pieces of the figures panel: sparklines, and value labels that change every second
without a relayout."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.core.chat.metrics import Series

HISTORY_POINTS = 300  # five minutes at 1 Hz


class Sparkline(QWidget):
    """A line chart of a Series; ``ceiling`` fixes the top (e.g. 100 %), else the peak.

    Drawn once a second for minutes on end, so a paint must cost next to nothing: the
    points live in polygons in data coordinates (x = the sample's number, y = its value),
    a new sample appends one point and drops the oldest, and the painter maps data to
    pixels with one transform. The 1 px cosmetic pen takes Qt's fast line path (a wider
    pen is stroked into an outline first, ten times the cost)."""

    def __init__(
        self,
        series: Series,
        color: QColor,
        ceiling: float | None = None,
        parent: QWidget | None = None,
        *,
        height: int = 30,
        span: int = 0,
        fill: QPalette.ColorRole = QPalette.ColorRole.AlternateBase,
    ) -> None:
        super().__init__(parent)
        self.series = series
        self.color = color
        self.ceiling = ceiling
        self.span = span or series.capacity  # the newest this many points are drawn
        self.fill = fill  # the chart's ground: a well of its own, or the surface it is on
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(height)
        # it paints every pixel: Qt need not repaint the panel behind it each second
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.paints = 0
        self._pen = QPen(color, 1)
        self._pen.setCosmetic(True)
        self._segments: list[QPolygonF] = []  # runs of values between gaps (None)
        self._open = False  # the newest value was not None: the last run goes on
        self._synced = 0  # series.pushed when the polygons were last brought up to date

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(180, 30)

    def _sync(self) -> None:
        s = self.series
        new = s.pushed - self._synced
        if new:
            values = s.newest(new)
            first = s.pushed - len(values)
            if len(values) < new:
                self._open = False  # values were dropped unseen: do not join across them
            for k, v in enumerate(values):
                if v is None:
                    self._open = False
                    continue
                if not self._open:
                    self._segments.append(QPolygonF())
                    self._open = True
                y = min(v, self.ceiling) if self.ceiling else v
                self._segments[-1].append(QPointF(first + k, y))
            self._synced = s.pushed
        oldest = s.pushed - min(len(s), self.span)
        while self._segments:
            seg = self._segments[0]
            n = 0
            while n < seg.size() and seg.at(n).x() < oldest:
                n += 1
            if n < seg.size():
                if n:
                    seg.remove(0, n)
                break
            self._segments.pop(0)
            if not self._segments:
                self._open = False

    def refresh(self) -> None:
        """Repaint after a push, unless the chart was blank and still is (only gaps: no
        answer yet, no Ollama process found)."""
        was_blank = not self._segments
        self._sync()
        if self._segments or not was_blank:
            self.update()

    def _peak(self) -> float:
        values = self.series.newest(self.span) if self.span < len(self.series) else self.series
        return max((v for v in values if v is not None), default=0.0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.paints += 1
        self._sync()
        p = QPainter(self)  # no antialiasing: a 30 px chart does not need it, the CPU does
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().color(self.fill))
        if self._segments:
            top = self.ceiling or self._peak() or 1.0
            step = w / max(1, self.span - 1)
            newest = self.series.pushed - 1  # drawn at the right edge
            p.setTransform(QTransform(step, 0, 0, -(h - 4) / top, w - 1 - step * newest, h - 2))
            p.setPen(self._pen)
            for seg in self._segments:
                p.drawPolyline(seg)
        p.end()


def value_label(width: int = 150, samples: Iterable[str] = ()) -> QLabel:
    """A figure that changes every second. Its size is fixed (``width``, or the widest of
    ``samples``) so a new text never triggers a relayout of the panel (Qt skips the layout
    pass for fixed-size widgets); QLabel itself ignores a text that did not change. A plain
    QLabel, not a Python subclass: every event to a subclass goes through the binding's
    override lookup. Not selectable either: a selectable label keeps a text document and
    repaints twice per new text."""
    label = QLabel("—")
    label.setTextFormat(Qt.TextFormat.PlainText)  # process names come from the OS
    fm = label.fontMetrics()
    widest = max((fm.horizontalAdvance(s) for s in samples), default=0)
    label.setFixedSize(max(width, widest + 6), label.sizeHint().height())
    label.setAutoFillBackground(True)  # opaque: the panel behind is not repainted
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def show_fitted(label: QLabel, text: str) -> None:
    """A text that may be wider than the label's fixed width (a long process name, a
    Japanese sentence): cut with "…", and the whole of it in the tooltip."""
    shown = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, label.width())
    label.setText(shown)
    tip = f"<p>{html.escape(text)}</p>" if shown != text else ""  # text, never markup
    if label.toolTip() != tip:
        label.setToolTip(tip)
