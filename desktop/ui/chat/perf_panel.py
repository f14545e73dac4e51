"""Live performance panel: speed of the answer, this machine and the Ollama processes,
with small charts of the last five minutes (one point a second)."""

from __future__ import annotations

import html

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
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desktop.core.chat.metrics import FinalStats, LiveStats, Series
from desktop.core.chat.processes import MachineSample
from desktop.core.units import human_bytes
from desktop.ui.chat import format as fmt

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
    ) -> None:
        super().__init__(parent)
        self.series = series
        self.color = color
        self.ceiling = ceiling
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(30)
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
        oldest = s.pushed - len(s)
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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self.paints += 1
        self._sync()
        p = QPainter(self)  # no antialiasing: a 30 px chart does not need it, the CPU does
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.AlternateBase))
        if self._segments:
            top = self.ceiling or self.series.peak() or 1.0
            step = w / max(1, self.series.capacity - 1)
            newest = self.series.pushed - 1  # drawn at the right edge
            p.setTransform(QTransform(step, 0, 0, -(h - 4) / top, w - 1 - step * newest, h - 2))
            p.setPen(self._pen)
            for seg in self._segments:
                p.drawPolyline(seg)
        p.end()


def _value_label() -> QLabel:
    """A figure that changes every second. Its size is fixed so a new text never triggers
    a relayout of the panel (Qt skips the layout pass for fixed-size widgets); QLabel
    itself ignores a text that did not change. A plain QLabel, not a Python subclass:
    every event to a subclass goes through the binding's override lookup. Not selectable
    either: a selectable label keeps a text document and repaints twice per new text."""
    label = QLabel("—")
    label.setTextFormat(Qt.TextFormat.PlainText)  # process names come from the OS
    label.setFixedSize(150, label.sizeHint().height())
    label.setAutoFillBackground(True)  # opaque: the panel behind is not repainted
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def _show_fitted(label: QLabel, text: str) -> None:
    """A text that may be wider than the label's fixed width (a long process name, a
    Japanese sentence): cut with "…", and the whole of it in the tooltip."""
    shown = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, label.width())
    label.setText(shown)
    tip = f"<p>{html.escape(text)}</p>" if shown != text else ""  # text, never markup
    if label.toolTip() != tip:
        label.setToolTip(tip)


class PerfPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # no explicit minimum width: the layout's (labels + fixed-width values) applies, so
        # the splitter can never squeeze the figures out of sight
        outer = QVBoxLayout(self)
        grid = QGridLayout()
        grid.setVerticalSpacing(3)
        outer.addLayout(grid)
        outer.addStretch(1)
        self.speed_series = Series(HISTORY_POINTS)
        self.cpu_series = Series(HISTORY_POINTS)
        self.ram_series = Series(HISTORY_POINTS)
        self.ollama_series = Series(HISTORY_POINTS)
        self._row = 0
        self._grid = grid

        self._section(self.tr("This answer"))
        self.speed = self._value(self.tr("Speed"))
        self.speed_chart = self._chart(self.speed_series, QColor("#2e7d32"))
        self.ttft = self._value(self.tr("First token after"))
        self.load = self._value(self.tr("Model load"))
        self.prompt = self._value(self.tr("Prompt reading"))
        self.tokens = self._value(self.tr("Tokens"))
        self.energy = self._value(self.tr("Energy"))
        self.per_token = self._value(self.tr("Per token"))
        self.co2 = self._value(self.tr("CO₂"))

        self._section(self.tr("This computer"))
        self.remote_note = QLabel(
            self.tr(
                "Not available: the server is on another computer, "
                "so this computer's load says nothing about it."
            )
        )
        self.remote_note.setWordWrap(True)
        self.remote_note.hide()
        grid.addWidget(self.remote_note, self._row, 0, 1, 2)
        self._row += 1
        self.cpu = self._value(self.tr("CPU"))
        self.cpu_chart = self._chart(self.cpu_series, QColor("#1565c0"), 100.0)
        self.ram = self._value(self.tr("Memory"))
        self.ram_chart = self._chart(self.ram_series, QColor("#6a1b9a"), 100.0)
        self.swap = self._value(self.tr("Swap in use"))
        self.swap_warning = QLabel(
            self.tr(
                "Swap is growing while the model answers: the model "
                "probably does not fit in memory. Try a smaller "
                "model or a shorter context."
            )
        )
        self.swap_warning.setObjectName("swapWarning")
        self.swap_warning.setWordWrap(True)
        self.swap_warning.setStyleSheet("color: #b71c1c;")
        self.swap_warning.hide()
        grid.addWidget(self.swap_warning, self._row, 0, 1, 2)
        self._row += 1

        self._section(self.tr("Ollama"))
        self.server = self._value(self.tr("Server"))
        self.runner = self._value(self.tr("Runner"))
        self.ollama_cpu = self._value(self.tr("CPU"))
        self.ollama_chart = self._chart(self.ollama_series, QColor("#ef6c00"))
        self.ollama_ram = self._value(self.tr("Memory"))
        self._machine_widgets = [
            self.cpu,
            self.cpu_chart,
            self.ram,
            self.ram_chart,
            self.swap,
            self.server,
            self.runner,
            self.ollama_cpu,
            self.ollama_chart,
            self.ollama_ram,
        ]
        self.remote = False
        self.clear_answer()

    # -- layout helpers ----------------------------------------------------------------
    def _section(self, title: str) -> None:
        label = QLabel(title)
        f = label.font()
        f.setBold(True)
        label.setFont(f)
        self._grid.addWidget(label, self._row, 0, 1, 2)
        self._row += 1

    def _value(self, name: str) -> QLabel:
        self._grid.addWidget(QLabel(name), self._row, 0)
        value = _value_label()
        self._grid.addWidget(value, self._row, 1)
        self._row += 1
        return value

    def _chart(self, series: Series, color: QColor, ceiling: float | None = None) -> Sparkline:
        chart = Sparkline(series, color, ceiling)
        self._grid.addWidget(chart, self._row, 0, 1, 2)
        self._row += 1
        return chart

    # -- updates -----------------------------------------------------------------------
    def clear_answer(self) -> None:
        for label in (
            self.speed,
            self.ttft,
            self.load,
            self.prompt,
            self.tokens,
            self.energy,
            self.per_token,
            self.co2,
        ):
            _show_fitted(label, "—")
        self.swap_warning.hide()

    def set_live(self, live: LiveStats) -> None:
        self.speed.setText(fmt.rate(live.tokens_per_second))
        self.ttft.setText(fmt.seconds(live.ttft_s))
        self.tokens.setText(str(live.tokens) if live.tokens else "—")  # none counted: unknown

    def set_final(
        self, stats: FinalStats, ttft_s: float | None, energy: tuple[str, str, str] | None
    ) -> None:
        self.speed.setText(fmt.rate(stats.tokens_per_second))
        self.ttft.setText(fmt.seconds(ttft_s))
        # an answer stopped early never gets the server's own figures: say so, not "—"
        why = self.tr("Ollama reports this only when an answer ends by itself.")
        for label, known, text in (
            (self.load, stats.load_known, fmt.seconds(stats.load_s)),
            (self.prompt, stats.prompt_known, fmt.rate(stats.prompt_tokens_per_second)),
        ):
            _show_fitted(label, text if known else self.tr("not reported"))
            if not known:
                label.setToolTip(why)
        self.tokens.setText(str(stats.tokens))
        if energy is None:
            for label in (self.energy, self.per_token, self.co2):
                _show_fitted(label, self.tr("not available"))
            self.energy.setToolTip(self.tr("Energy needs the Ollama server on this computer."))
        else:
            self.energy.setToolTip("")
            for label, text in zip((self.energy, self.per_token, self.co2), energy, strict=True):
                _show_fitted(label, text)

    def push_speed(self, tps: float | None, seconds: int = 1) -> None:
        """One chart point per second: a sample that stands for ``seconds`` of them (the
        machine is sampled every 2 s, services/chat/monitor.py) is pushed that many times."""
        for _ in range(seconds):
            self.speed_series.push(tps)
        self.speed_chart.refresh()

    def set_remote(self, remote: bool) -> None:
        self.remote = remote
        self.remote_note.setVisible(remote)
        for w in self._machine_widgets:
            if isinstance(w, QLabel):
                _show_fitted(w, self.tr("not available") if remote else "—")
            else:
                w.setVisible(not remote)
        if remote:
            self.swap_warning.hide()

    def show_swap_warning(self, show: bool) -> None:
        self.swap_warning.setVisible(show and not self.remote)

    def push_sample(self, s: MachineSample, seconds: int = 1) -> None:
        """A machine sample that stands for ``seconds`` chart points (see push_speed)."""
        if self.remote:
            return
        self.cpu.setText(f"{s.cpu_percent:.0f} %")
        ram_pct = 100.0 * s.ram_used / s.ram_total if s.ram_total else 0.0
        self.ram.setText(f"{human_bytes(s.ram_used)} / {human_bytes(s.ram_total)}")
        for _ in range(seconds):
            self.cpu_series.push(s.cpu_percent)
            self.ram_series.push(ram_pct)
            self.ollama_series.push(s.ollama_cpu_percent)
        self.swap.setText(human_bytes(s.swap_used) if s.swap_total else self.tr("no swap"))
        if s.server is None:  # local (else remote), but in Docker or another user's: unseen
            _show_fitted(self.server, self.tr("not visible here"))
        else:
            _show_fitted(self.server, f"{s.server.name} ({s.server.pid})")
        if s.runners:
            r = s.runners[0]
            extra = f" +{len(s.runners) - 1}" if len(s.runners) > 1 else ""
            _show_fitted(self.runner, f"{r.name} ({r.pid}){extra}")
        else:
            _show_fitted(self.runner, self.tr("no model loaded") if s.server else "—")
        cpu = s.ollama_cpu_percent
        rss = s.ollama_rss
        self.ollama_cpu.setText("—" if cpu is None else f"{cpu:.0f} %")
        self.ollama_ram.setText(human_bytes(rss))
        for chart in (self.cpu_chart, self.ram_chart, self.ollama_chart):
            chart.refresh()
