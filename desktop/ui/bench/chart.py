"""A horizontal bar chart of tokens/s per model and server (QPainter, no chart library)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_H = 22
GAP = 6
PAD = 8


@dataclass(frozen=True)
class Bar:
    label: str  # plain text: a model name from the server
    value: float  # tokens per second
    docker: bool = False


class BarChart(QWidget):
    """Bars scale to the fastest; values printed at the bar's end. Docker bars use the
    palette's link colour, native ones its highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.unit = "tok/s"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[Bar], unit: str) -> None:
        self.bars = list(bars)
        self.unit = unit
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(360, max(60, 2 * PAD + len(self.bars) * (BAR_H + GAP)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(200, 60)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        if not self.bars:
            p.setPen(text)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text())
            return
        fm = p.fontMetrics()
        label_w = min(self.width() // 3, max(fm.horizontalAdvance(b.label) for b in self.bars))
        value_w = fm.horizontalAdvance(f"9999.9 {self.unit}") + PAD
        top = max(b.value for b in self.bars) or 1.0
        span = max(10, self.width() - label_w - value_w - 3 * PAD)
        for i, b in enumerate(self.bars):
            y = PAD + i * (BAR_H + GAP)
            p.setPen(text)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideMiddle, label_w)
            p.drawText(
                QRectF(PAD, y, label_w, BAR_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            w = span * b.value / top
            role = QPalette.ColorRole.Link if b.docker else QPalette.ColorRole.Highlight
            p.fillRect(QRectF(label_w + 2 * PAD, y + 2, w, BAR_H - 4), QColor(pal.color(role)))
            p.drawText(
                QRectF(label_w + 3 * PAD + w, y, value_w, BAR_H),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{b.value:.1f} {self.unit}",
            )

    def empty_text(self) -> str:
        return self.tr("No benchmark yet")
