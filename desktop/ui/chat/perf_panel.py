"""The performance figures of the chat: a one-line strip (perf_strip.py) with the answer's
speed and this computer's load, and details that unfold below it on demand: every figure of
the answer, this computer and the Ollama processes, with charts of the last five minutes
(one point a second). Hidden details cost next to nothing: their labels take new text
without a repaint and their charts are not drawn."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.chat.metrics import FinalStats, LiveStats, Series
from desktop.core.chat.processes import MachineSample
from desktop.core.units import human_bytes
from desktop.ui.chat import format as fmt
from desktop.ui.chat.perf_strip import CPU_COLOR, OLLAMA_COLOR, RAM_COLOR, SPEED_COLOR, PerfStrip
from desktop.ui.chat.perf_widgets import HISTORY_POINTS, Sparkline, value_label
from desktop.ui.chat.perf_widgets import show_fitted as _show_fitted

__all__ = ["HISTORY_POINTS", "PerfPanel", "Sparkline"]

SECTIONS = 3  # the details: this answer | this computer | Ollama, side by side
VALUE_PX = 150  # "0.00139 Wh (estimate)" whole; longer texts are cut, whole in the tooltip


def memory_text(used: int, total: int) -> str:
    """ "2.5 / 23.5 GiB": the unit once when both share it."""
    a, b = human_bytes(used), human_bytes(total)
    unit_a, unit_b = a.rpartition(" ")[2], b.rpartition(" ")[2]
    return f"{a.rpartition(' ')[0]} / {b}" if unit_a == unit_b else f"{a} / {b}"


class PerfPanel(QWidget):
    """detailsToggled(bool): the user unfolded or folded the details (a setting keeps it)."""

    detailsToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.speed_series = Series(HISTORY_POINTS)
        self.cpu_series = Series(HISTORY_POINTS)
        self.ram_series = Series(HISTORY_POINTS)
        self.ollama_series = Series(HISTORY_POINTS)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self.strip = PerfStrip(self.speed_series, self.cpu_series)
        outer.addWidget(self.strip)
        self.swap_warning = QLabel(
            self.tr(
                "Swap is growing while the model answers: the model "
                "probably does not fit in memory. Try a smaller "
                "model or a shorter context."
            )
        )
        self.swap_warning.setObjectName("swapWarning")
        self.swap_warning.setWordWrap(True)
        self.swap_warning.hide()
        outer.addWidget(self.swap_warning)
        self.details = QWidget()
        self.details.setObjectName("perfDetails")
        columns = QHBoxLayout(self.details)
        columns.setContentsMargins(6, 4, 6, 6)
        columns.setSpacing(20)
        self._grids: list[QGridLayout] = []
        for _ in range(SECTIONS):  # a grid each: a chart in one does not space the others
            grid = QGridLayout()
            grid.setVerticalSpacing(3)
            grid.setHorizontalSpacing(8)
            grid.setRowStretch(20, 1)  # rows from the top, the room below
            columns.addLayout(grid, 1)
            self._grids.append(grid)
        self.details.hide()
        outer.addWidget(self.details)
        self.strip.details_button.toggled.connect(self._on_details)
        self._rows = [0] * SECTIONS
        self._col = 0

        self._headings: list[QLabel] = []
        self._section(0, self.tr("This answer"))
        self.speed = self._value(self.tr("Speed"))
        self.speed_chart = self._chart(self.speed_series, QColor(SPEED_COLOR))
        self.ttft = self._value(self.tr("First token after"))
        self.load = self._value(self.tr("Model load"))
        self.prompt = self._value(self.tr("Prompt reading"))
        self.tokens = self._value(self.tr("Tokens"))
        self.energy = self._value(self.tr("Energy"))
        self.per_token = self._value(self.tr("Per token"))
        self.co2 = self._value(self.tr("CO₂"))

        self._section(1, self.tr("This computer"))
        self.remote_note = QLabel(
            self.tr(
                "Not available: the server is on another computer, "
                "so this computer's load says nothing about it."
            )
        )
        self.remote_note.setWordWrap(True)
        self.remote_note.hide()
        self._span(self.remote_note)
        self.cpu = self._value(self.tr("CPU"))
        self.cpu_chart = self._chart(self.cpu_series, QColor(CPU_COLOR), 100.0)
        self.ram = self._value(self.tr("Memory"))
        self.ram_chart = self._chart(self.ram_series, QColor(RAM_COLOR), 100.0)
        self.swap = self._value(self.tr("Swap in use"))

        self._section(2, self.tr("Ollama"))
        self.server = self._value(self.tr("Server"))
        self.runner = self._value(self.tr("Runner"))
        self.ollama_cpu = self._value(self.tr("CPU"))
        self.ollama_chart = self._chart(self.ollama_series, QColor(OLLAMA_COLOR))
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
        # the three headings on one line whatever their script (kana sit taller than Latin)
        tallest = max(h.sizeHint().height() for h in self._headings)
        for g in self._grids:
            g.setRowMinimumHeight(0, tallest)
        self.clear_answer()

    # -- layout helpers ----------------------------------------------------------------
    def _section(self, index: int, title: str) -> None:
        self._col = index
        label = QLabel(title)
        label.setObjectName("perfCaption")
        f = label.font()
        f.setBold(True)
        label.setFont(f)
        self._headings.append(label)
        self._span(label)

    def _span(self, w: QWidget) -> None:
        """A widget across the section's two columns, on its next row."""
        col = self._col
        self._grids[col].addWidget(w, self._rows[col], 0, 1, 2)
        self._rows[col] += 1

    def _value(self, name: str) -> QLabel:
        col = self._col
        self._grids[col].addWidget(QLabel(name), self._rows[col], 0)
        value = value_label(VALUE_PX)
        self._grids[col].addWidget(value, self._rows[col], 1)
        self._rows[col] += 1
        return value

    def _chart(self, series: Series, color: QColor, ceiling: float | None = None) -> Sparkline:
        chart = Sparkline(series, color, ceiling)
        self._span(chart)
        return chart

    # -- the strip and the details ------------------------------------------------------
    def set_details_shown(self, shown: bool) -> None:
        self.strip.details_button.setChecked(shown)
        self.details.setVisible(shown)

    def focus_stops(self) -> list[QWidget]:
        """Tab order (focus_order.py): the button that unfolds the details."""
        return [self.strip.details_button]

    @property
    def details_shown(self) -> bool:
        return self.strip.details_button.isChecked()

    def _on_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        if shown:  # drawn now from what came while they were folded
            for chart in (self.speed_chart, self.cpu_chart, self.ram_chart, self.ollama_chart):
                chart.refresh()
        self.detailsToggled.emit(shown)

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
        self.strip.speed.setText("—")
        self.strip.ttft.setText("—")
        self.swap_warning.hide()

    def set_live(self, live: LiveStats) -> None:
        self._set_speed(fmt.rate(live.tokens_per_second), fmt.seconds(live.ttft_s))
        self.tokens.setText(str(live.tokens) if live.tokens else "—")  # none counted: unknown

    def _set_speed(self, rate: str, ttft: str) -> None:
        for label, text in ((self.speed, rate), (self.strip.speed, rate)):
            label.setText(text)
        for label, text in ((self.ttft, ttft), (self.strip.ttft, ttft)):
            label.setText(text)

    def set_final(
        self, stats: FinalStats, ttft_s: float | None, energy: tuple[str, str, str] | None
    ) -> None:
        self._set_speed(fmt.rate(stats.tokens_per_second), fmt.seconds(ttft_s))
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
        self.strip.speed_chart.refresh()
        self.speed_chart.refresh()

    def set_remote(self, remote: bool) -> None:
        self.remote = remote
        self.remote_note.setVisible(remote)
        self.strip.set_machine_shown(not remote)
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
        cpu_text = f"{s.cpu_percent:.0f} %"
        ram_text = memory_text(s.ram_used, s.ram_total)
        for label, text in (
            (self.cpu, cpu_text),
            (self.strip.cpu, cpu_text),
            (self.ram, ram_text),
            (self.strip.ram, ram_text),
        ):
            label.setText(text)
        ram_pct = 100.0 * s.ram_used / s.ram_total if s.ram_total else 0.0
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
        for chart in (self.strip.cpu_chart, self.cpu_chart, self.ram_chart, self.ollama_chart):
            chart.refresh()
