"""The Benchmark tab's logic: fills the view from BenchService, starts, cancels, exports,
tunes threads. Nothing here blocks; every measurement runs in the service's task."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QListWidgetItem, QTableWidgetItem

from desktop.core.api_types import LocalModel
from desktop.core.bench.compare import comparisons
from desktop.core.bench.protocol import BenchResult, Doubt
from desktop.core.errors import OllamaError
from desktop.core.models.catalog import CatalogError, load_catalog
from desktop.core.units import human_bytes
from desktop.services.bench.procedure import BenchProgress
from desktop.services.bench.service import BenchOutcome, BenchService, IdleWait, Refusal
from desktop.services.models.installed import InstalledModels
from desktop.services.ollama_service import OllamaService
from desktop.ui.bench import outcome_text
from desktop.ui.bench.bench_view import BenchView
from desktop.ui.bench.chart import Bar
from desktop.ui.common.messages import error_message

TINY_MODEL = "gemma3:270m"  # offered for calibration when nothing is installed


class BenchPresenter(QObject):
    """pullRequested(name): the user wants the tiny calibration model downloaded."""

    pullRequested = Signal(str)

    def __init__(
        self,
        view: BenchView,
        service: BenchService,
        ollama: OllamaService,
        installed: InstalledModels | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.service = service
        self.ollama = ollama
        self.models_source = installed or InstalledModels(ollama, self)  # shared (app.py)
        self.installed: list[LocalModel] = []
        self.chat_model: Callable[[], str] = lambda: ""  # the chat's model (app.py wires it)
        self._rerun_models: list[str] = []
        self._calibrate_pending = False
        self._connect_callbacks()
        self.show_calibration()

    def _connect_callbacks(self) -> None:
        v, s = self.view, self.service
        v.run.clicked.connect(self.run)
        v.cancel.clicked.connect(s.cancel)
        v.export.clicked.connect(self._ask_export)
        v.calibrate.clicked.connect(self.calibrate)
        v.rerun.clicked.connect(self.rerun_when_idle)
        s.progressed.connect(self._progress)
        s.outcome.connect(self._outcome)
        s.waiting.connect(self._waiting)
        s.resultAdded.connect(lambda _r: self.show_results())
        s.resultsChanged.connect(self.show_results)
        s.running.connect(self._running)
        s.finished.connect(self._finished)
        s.failed.connect(self._failed)
        s.refused.connect(self._refused)
        s.busyChecked.connect(self._busy)
        s.exported.connect(
            lambda path: v.status.setText(self.tr("Exported to {path}").format(path=path))
        )
        s.calibrationChanged.connect(self.show_calibration)
        self.models_source.changed.connect(self._models)
        self.models_source.failed.connect(self._models_failed)

    # -- installed models -------------------------------------------------------------------
    def refresh_models(self) -> None:
        """Ask for the installed models again (the shared list: every view hears it)."""
        self.models_source.refresh()

    def _models_failed(self, error: OllamaError) -> None:
        """No list of models (no server, most often): nothing ran, so nothing "failed"."""
        self._calibrate_pending = False
        self._models([])
        self.view.status.setText(
            self.tr("No installed models to measure: {reason}").format(reason=error_message(error))
        )

    def calibrate_when_ready(self) -> None:
        """Calibrate once the installed models are known (asked from the Models tab)."""
        self._calibrate_pending = True
        self.refresh_models()

    def _models(self, models: list[LocalModel]) -> None:
        # the models one can chat with, as the chat's picker knows them (an embedding model
        # has no capabilities in /api/tags: it was checked by default, and every run failed)
        self.installed = sorted(
            (m for m in models if self.models_source.can_chat(m)), key=lambda m: m.size
        )
        names = {m.name for m in self.installed}
        chosen = set(self.chosen_models()) & names or self._default_choice(names)
        self.view.models.clear()
        self.view.tune_model.clear()
        for m in self.installed:
            item = QListWidgetItem(f"{m.name}  ({human_bytes(m.size)})")
            item.setData(Qt.ItemDataRole.UserRole, m.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = m.name in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.view.models.addItem(item)
            self.view.tune_model.addItem(m.name)
        self.show_calibration()
        if self._calibrate_pending:
            self._calibrate_pending = False
            self.calibrate()

    def _default_choice(self, names: set[str]) -> set[str]:
        """The chat's model alone (one model: about a minute on 2 cores, where every
        installed model could take many); without one, the smallest model."""
        chat = self.chat_model()
        if chat in names:
            return {chat}
        return {self.installed[0].name} if self.installed else set()

    def chosen_models(self) -> list[str]:
        out = []
        for i in range(self.view.models.count()):
            item = self.view.models.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    # -- running ----------------------------------------------------------------------------
    def run(self) -> None:
        models = self.chosen_models()
        if not models:
            self.view.status.setText(self.tr("Tick at least one installed model."))
            return
        self.service.check_busy()
        self.service.start(models, docker=self.view.docker.isChecked())

    def calibrate(self) -> None:
        if self.installed:
            self.service.start([self.installed[0].name], docker=False)
        else:
            self.pullRequested.emit(TINY_MODEL)

    def rerun_when_idle(self) -> None:
        """Measure the models whose results did not count again, once the machine is idle."""
        if self._rerun_models:
            self.service.start(list(self._rerun_models), docker=False, when_idle=True)

    def _running(self, on: bool) -> None:
        v = self.view
        v.run.setEnabled(not on)
        v.calibrate.setEnabled(not on)
        v.tune.setEnabled(not on)
        v.cancel.setEnabled(on)
        v.progress.setVisible(on)
        if on:
            v.rerun.setVisible(False)
            v.progress.setRange(0, 0)
            v.status.setText(self.tr("Starting…"))

    def _progress(self, p: BenchProgress) -> None:
        total = max(1, p.total_models * p.steps)
        self.view.progress.setRange(0, total)
        self.view.progress.setValue(p.done_models * p.steps + p.step)
        where = self.tr("Docker") if p.server == "docker" else self.tr("native")
        if p.num_thread:
            where += " · " + outcome_text.threads_text(p.num_thread)
        if p.step == 0:
            text = self.tr("{model} ({where}): loading and warming up").format(
                model=p.model, where=where
            )
        else:
            text = self.tr("{model} ({where}): run {n} of {runs}").format(
                model=p.model, where=where, n=p.step, runs=p.steps - 1
            )
        self.view.status.setText(text)

    def _finished(self, completed: bool) -> None:
        if not completed:  # a completed run was described by its outcome
            self.view.status.setText(self.tr("Benchmark cancelled."))

    def _outcome(self, o: BenchOutcome) -> None:
        self.view.status.setText(outcome_text.outcome_sentence(o))
        again = [
            r.model
            for r in o.results
            if o.doubts.get(r.model.lower()) in (Doubt.BUSY, Doubt.UNSTEADY)
        ]
        self._rerun_models = sorted(set(again))
        self.view.rerun.setVisible(bool(again))

    def _waiting(self, w: IdleWait) -> None:
        self.view.status.setText(outcome_text.waiting_sentence(w.cores))

    def _failed(self, error: OllamaError) -> None:
        self.view.status.setText(outcome_text.failed_sentence(error))

    def _refused(self, why: Refusal) -> None:
        texts = {
            Refusal.STREAMING: self.tr(
                "An answer is streaming in the chat. Start the benchmark when it has finished:"
                " both would share the processor and the figures would be wrong."
            ),
            Refusal.RUNNING: self.tr("A benchmark is already running."),
            Refusal.NO_MODELS: self.tr("No installed model to benchmark."),
        }
        self.view.status.setText(texts[why])

    def _busy(self, cores: float) -> None:
        self.view.warning.setVisible(cores >= self.service.busy_limit)
        self.view.warning.setText(
            self.tr(
                "Other programs are using {cores:.1f} CPU cores: speeds measured now may be low."
            ).format(cores=cores)
        )

    # -- results ----------------------------------------------------------------------------
    def latest(self) -> list[BenchResult]:
        """Newest default-thread benchmark per (model, server), in measuring order."""
        seen: dict[tuple[str, str], BenchResult] = {}
        for r in self.service.results:
            if r.purpose == "bench" and not r.num_thread and r.speeds:
                seen[(r.model.lower(), r.server)] = r
        return list(seen.values())

    def show_results(self) -> None:
        rows = self.latest()
        t = self.view.table
        t.setRowCount(len(rows))
        for i, r in enumerate(rows):
            unknown = self.tr("not known") if r.server == "docker" else "–"  # never the machine's
            energy = (
                self.tr("{j:.1f} J ({source})").format(j=r.energy_j, source=self._source(r))
                if r.energy_j is not None
                else unknown
            )
            cells = [
                r.model,
                self.tr("Docker") if r.server == "docker" else self.tr("native"),
                f"{r.tokens_per_s:.1f}",
                f"±{r.spread * 50:.0f} %",
                f"{r.prompt_tokens_per_s:.0f}",
                self.tr("{s:.2f} s").format(s=r.first_token_s),
                self.tr("{s:.2f} s").format(s=r.load_s),
                human_bytes(r.peak_memory) if r.peak_memory else unknown,
                energy,
                time.strftime("%Y-%m-%d %H:%M", time.localtime(r.created_at)),
                self._calibrates(r),
            ]
            for c, text in enumerate(cells):
                t.setItem(i, c, QTableWidgetItem(text))
        bars = [
            Bar(
                r.model + (" (Docker)" if r.server == "docker" else ""),
                r.tokens_per_s,
                r.server == "docker",
            )
            for r in rows
        ]
        self.view.chart.set_bars(bars, self.tr("tok/s"))
        self.view.comparison.setText(self._comparison(rows))

    def _calibrates(self, r: BenchResult) -> str:
        if r.server != "native":
            return "–"
        doubt = r.doubt(self.service.busy_limit)
        if doubt is Doubt.BUSY:
            return self.tr("no (busy)")
        if doubt is Doubt.UNSTEADY:
            return self.tr("no (runs differ)")
        if doubt is Doubt.NO_LOAD:
            return self.tr("no (run again)")
        return self.tr("yes")

    def _source(self, r: BenchResult) -> str:
        return self.tr("measured") if r.energy_source == "measured" else self.tr("estimate")

    def _comparison(self, rows: list[BenchResult]) -> str:
        lines = []
        for c in comparisons(rows):
            head = self.tr(
                "{model}: native {n:.1f} tok/s (±{sn:.0f} %), Docker {d:.1f} tok/s (±{sd:.0f} %)"
            ).format(model=c.model, n=c.native, sn=c.native_spread, d=c.docker, sd=c.docker_spread)
            if c.clear:
                verdict = self.tr(
                    "native {pct:+.1f} % against Docker (more than the runs' ±{noise:.0f} %)"
                )
            else:
                verdict = self.tr(
                    "no measurable difference: {pct:+.1f} % lies within the runs' ±{noise:.0f} %"
                )
            lines.append(f"{head}: {verdict.format(pct=c.percent, noise=c.noise)}")
        if lines:
            lines.append(self._vm_note())
        return "\n".join(lines)

    def _vm_note(self) -> str:
        if platform.system() == "Linux":
            return self.tr(
                "On Linux, Docker runs Ollama without a virtual machine: native and Docker are "
                'expected within noise of each other. The often-quoted "native 5–15 % faster" '
                "is about Docker Desktop's virtual machine on macOS and Windows."
            )
        return self.tr(
            "Docker Desktop runs Ollama inside a virtual machine here, with part of the CPUs and "
            "memory: native is usually 5–15 % faster."
        )

    def show_calibration(self) -> None:
        cal = self.service.calibration
        v = self.view
        if cal is not None:
            v.calibration.setText(
                self.tr(
                    "Speed forecasts are calibrated on this machine's runs of {models}."
                ).format(models=", ".join(cal.basis))
            )
            v.calibrate.setText(self.tr("Calibrate again"))
            return
        intro = self.tr(
            "Speed forecasts are uncalibrated estimates from the processor's cores and a memory"
            " test. A short benchmark of the smallest installed model calibrates them."
        )
        # the button stays short (a long text is clipped in a narrow column, in Japanese
        # above all); what it will do goes into the wrapped label above it
        if self.installed:
            how = self.tr("It runs {model} for about 30 s.").format(model=self.installed[0].name)
            v.calibrate.setText(self.tr("Calibrate"))
        else:
            how = self.tr("It first downloads {model} ({size}).").format(
                model=TINY_MODEL, size=self._tiny_size()
            )
            v.calibrate.setText(self.tr("Download and calibrate"))
        v.calibration.setText(f"{intro}\n{how}")

    def _tiny_size(self) -> str:
        try:
            tag = load_catalog().find(TINY_MODEL)
        except CatalogError:
            tag = None
        return human_bytes(tag.size) if tag is not None else "?"

    # -- export -----------------------------------------------------------------------------
    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.view, self.tr("Export benchmark results"), "benchmark.csv", "CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        self.service.export_csv(path)
