"""The figures strip under the message box: one line with the answer's speed and first
token, this computer's CPU and memory (each with a one-minute chart), room for more meters
(``add_meter``), and the button that unfolds the details (perf_panel.py).

Every value has a fixed width measured on what it can show, so a new figure each second
repaints that label only: no layout pass, nothing else drawn.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.core.chat.metrics import Series
from desktop.ui.chat import format as fmt
from desktop.ui.chat.perf_widgets import Sparkline, value_label
from desktop.ui.common import icons

MINI_POINTS = 60  # the strip's charts: the last minute
MINI_W, MINI_H = 48, 16
BASE = QPalette.ColorRole.Base  # the strip's charts are drawn on its own surface
SPEED_COLOR, CPU_COLOR, RAM_COLOR, OLLAMA_COLOR = "#2e9d4a", "#3a7bd5", "#8e44ad", "#ef6c00"


class PerfStrip(QFrame):
    def __init__(self, speed: Series, cpu: Series, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("perfStrip")
        row = self._row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 2, 3)
        row.setSpacing(6)
        self._items: dict[str, list[QWidget]] = {}
        self.speed = self._item(
            "speed", self.tr("Speed"), [fmt.rate(9999.9)], self.tr("Tokens per second, live")
        )
        self.speed_chart = Sparkline(
            speed, QColor(SPEED_COLOR), None, height=MINI_H, span=MINI_POINTS, fill=BASE
        )
        self._add_chart("speed", self.speed_chart)
        self.ttft = self._item(
            "ttft",
            self.tr("First token"),
            [fmt.seconds(0.999), fmt.seconds(99.99)],
            self.tr("Time from sending the question to the first word of the answer"),
        )
        self.cpu = self._item(
            "cpu", self.tr("CPU"), ["100 %"], self.tr("This computer's CPU, all programs")
        )
        self.cpu_chart = Sparkline(
            cpu, QColor(CPU_COLOR), 100.0, height=MINI_H, span=MINI_POINTS, fill=BASE
        )
        self._add_chart("cpu", self.cpu_chart)
        self.ram = self._item(
            "ram",
            self.tr("Memory"),
            ["999.9 / 999.9 GiB", "999.9 MiB / 999.9 GiB"],
            self.tr("Memory in use on this computer, of all it has"),
        )
        self._meters_at = row.count()  # add_meter puts its widgets here
        row.addStretch(1)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setToolTip(self.tr("Show every figure, with charts"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icons.set_icon(self.details_button, "chevron-down", "muted")
        self.details_button.toggled.connect(self._on_details)
        row.addWidget(self.details_button)

    def _item(self, key: str, caption: str, samples: list[str], tip: str) -> QLabel:
        name = QLabel(caption)
        name.setObjectName("perfCaption")
        name.setToolTip(tip)
        value = value_label(0, samples)
        value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        value.setToolTip(tip)
        if self._items:
            self._row.addSpacing(8)
        self._row.addWidget(name)
        self._row.addWidget(value)
        self._items[key] = [name, value]
        return value

    def _add_chart(self, key: str, chart: Sparkline) -> None:
        chart.setFixedWidth(MINI_W)
        self._row.addWidget(chart, 0, Qt.AlignmentFlag.AlignVCenter)
        self._items[key].append(chart)

    def add_meter(self, widget: QWidget) -> None:
        """Another figure in the line (a context meter), after the machine's."""
        self._row.insertWidget(self._meters_at, widget)
        self._meters_at += 1

    def set_machine_shown(self, shown: bool) -> None:
        """CPU and memory are this computer's: hidden when the server is elsewhere."""
        for key in ("cpu", "ram"):
            for w in self._items[key]:
                w.setVisible(shown)

    def _on_details(self, shown: bool) -> None:
        # the details unfold below the strip
        icons.set_icon(self.details_button, "chevron-up" if shown else "chevron-down", "muted")
