"""Feeds the performance panel: the answer's speed, this machine and Ollama's processes;
shows or hides it (View menu, the toggle above the chat; the "chat_perf_strip" setting)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from desktop.core.api_types import GenerationStats
from desktop.core.chat.conversation import Energy
from desktop.core.chat.metrics import FinalStats, LiveStats, swap_grew
from desktop.core.chat.processes import MachineSample
from desktop.core.hosts import HostURL
from desktop.services.chat.exchange import Opening
from desktop.services.chat.monitor import SystemMonitor
from desktop.services.chat.session import ChatSession, Outcome
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import format as fmt
from desktop.ui.chat.perf_panel import PerfPanel


class PerfPresenter(QObject):
    """Samples this machine only while the tab is seen and the server is local; the speed
    chart moves once a second either way."""

    def __init__(
        self,
        panel: PerfPanel,
        monitor: SystemMonitor,
        session: ChatSession,
        ollama: OllamaService,
        settings: SettingsStore,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = panel
        self.monitor = monitor
        self.session = session
        self.settings = settings
        self.remote = False
        self.visible = False
        self.shown = settings.flag("chat_perf_strip")  # the user wants the figures
        panel.setVisible(self.shown)
        panel.set_details_shown(settings.flag("chat_perf_details"))
        panel.detailsToggled.connect(lambda on: settings.set("chat_perf_details", on))
        self.action = QAction(self.tr("Performance figures"), self)  # the View menu's
        self.action.setCheckable(True)
        self.action.setChecked(self.shown)
        self.action.toggled.connect(self.set_shown)
        self.last_sample: MachineSample | None = None
        self._swap_start: int | None = None
        self._live: LiveStats | None = None
        self._chart_timer = QTimer(self)
        self._chart_timer.setInterval(1000)
        self._chart_timer.timeout.connect(self._chart_tick)
        monitor.sampled.connect(self._on_sample)
        session.live.connect(self._on_live)
        session.finished.connect(self._on_finished)
        ollama.hostChanged.connect(self.apply_host)
        self.apply_host(ollama.host)

    def apply_host(self, host: HostURL) -> None:
        self.remote = not host.is_loopback
        self.monitor.sampler.set_port(host.port)
        self.monitor.sampler.rescan()
        self.panel.set_remote(self.remote)
        self._update_monitor()

    def bind(self, toggle: QAbstractButton) -> None:
        """A checkable button that shows and hides the figures, as the menu entry does."""
        toggle.setChecked(self.shown)
        toggle.toggled.connect(self.action.setChecked)
        self.action.toggled.connect(toggle.setChecked)

    def set_shown(self, shown: bool) -> None:
        """Show or hide the figures; hidden, this machine is not sampled at all."""
        if shown == self.shown:
            return
        self.shown = shown
        self.panel.setVisible(shown)
        self.action.setChecked(shown)
        self.settings.set("chat_perf_strip", shown)
        self._update_monitor()

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self._update_monitor()

    def _update_monitor(self) -> None:
        seen = self.visible and self.shown
        sampling = seen and not self.remote
        self.monitor.set_active(sampling)
        if seen and not sampling:
            self._chart_timer.start()  # else each sample moves the speed chart on
        else:
            self._chart_timer.stop()

    def answer_started(self) -> None:
        self.panel.clear_answer()
        self._live = None
        self._swap_start = self.last_sample.swap_used if self.last_sample else None
        # a server started since the last look must be in the energy meter's first reading
        self.monitor.sampler.rescan()

    def clear(self) -> None:
        self.panel.clear_answer()

    def _on_sample(self, sample: MachineSample) -> None:
        if self.remote:
            return
        self.last_sample = sample
        seconds = max(1, round(self.monitor.interval))  # chart points: one a second
        self.panel.push_sample(sample, seconds)
        self._chart_tick(seconds)  # one repaint per sample for both, not two
        if self.session.busy and self._swap_start is not None:
            self.panel.show_swap_warning(swap_grew(self._swap_start, sample.swap_used))

    def _chart_tick(self, seconds: int = 1) -> None:
        busy = self.session.busy and self._live is not None
        tps = self._live.tokens_per_second if busy and self._live else None
        self.panel.push_speed(tps, seconds)

    def _on_live(self, live: LiveStats) -> None:
        self._live = live
        self.panel.set_live(live)

    def _on_finished(self, outcome: Outcome) -> None:
        if outcome.stats is not None:
            self._show_final(outcome.stats, outcome.ttft_ms, outcome.energy)

    def show_opening(self, opening: Opening) -> None:
        """A chat opened (or another version of it): its last answer's figures, or none."""
        if self.session.busy:
            return
        last = next((m for m in reversed(opening.messages) if m.role == "assistant"), None)
        if last is None or last.stats is None:
            self.panel.clear_answer()
        else:
            self._show_final(last.stats, last.ttft_ms, last.energy)

    def _show_final(
        self, raw: GenerationStats, ttft_ms: float | None, energy: Energy | None
    ) -> None:
        stats = FinalStats.from_stats(raw)
        ttft = ttft_ms / 1000 if ttft_ms is not None else None
        grid = self.settings.number("chat_grid_g_per_kwh")
        parts = None if energy is None else fmt.energy_parts(energy, stats.tokens, grid)
        self.panel.set_final(stats, ttft, parts)
