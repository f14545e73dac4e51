"""The Benchmark feature's model (no widgets): runs the standard benchmark and the thread
tuner off the UI thread, keeps the stored results, the measured speed per model and this
machine's calibration, and says why it will not start.

Only results taken quietly and steadily calibrate (``BenchResult.doubt``): a run while
other programs used the CPU, or whose answers disagree, is kept and shown, and the outcome
says why it does not count; ``start(..., when_idle=True)`` waits for the machine to be idle
first.

The app wires ``streaming`` to the chat (an answer streaming makes the benchmark refuse to
start), ``read_bandwidth`` to the memory test, and gives ``measured``/``calibration`` with
their change signals to the Models tab.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.bench import load as cpu_load
from desktop.core.bench.protocol import BenchResult, Doubt, to_csv
from desktop.core.bench.threads import (
    SweepOutcome,
    best_setting,
    sweep_settings,
    thread_default_for,
    with_thread_default,
)
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.machine import (
    busy_cores,
    generating_threads,
    hardware_fingerprint,
    simd_family,
)
from desktop.core.models.calibration import Calibration, fit
from desktop.services.api_client import OllamaApi
from desktop.services.bench.docker_run import docker_setups
from desktop.services.bench.procedure import BenchProgress, BenchSetup, ollama_cpu_seconds
from desktop.services.bench.store import (
    BENCH_DB,
    BenchStore,
    calibration_samples,
    latest_per_model,
)
from desktop.services.bench.suite import SuiteOutcome, installed_chat_models, run_suite
from desktop.services.cancel import CancelToken
from desktop.services.chat.energy_meter import EnergyMeter
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import Task, TaskRunner

DB_LANE = "bench-db"
THREAD_KEY = "model_num_thread"


class Refusal(Enum):
    """Why a benchmark does not start (the view turns it into a sentence)."""

    STREAMING = "streaming"  # an answer is streaming in the chat
    RUNNING = "running"  # a benchmark is already running
    NO_MODELS = "no_models"
    NEVER_IDLE = "never_idle"  # waited for an idle machine in vain


@dataclass(frozen=True)
class BenchOutcome:
    """What a finished run measured, what failed, and which results do not calibrate."""

    purpose: str  # "bench" or "threads"
    results: tuple[BenchResult, ...]
    failures: tuple[tuple[str, str, OllamaError], ...]  # model, server, error
    doubts: dict[str, Doubt]  # model (lower case) -> why its result does not calibrate
    busy_limit: float

    @property
    def calibrating(self) -> list[BenchResult]:
        return [r for r in self.results if r.model.lower() not in self.doubts]


@dataclass(frozen=True)
class IdleWait:
    """Waiting for the machine to be idle before a run: other programs use ``cores``."""

    cores: float


@dataclass(frozen=True)
class ThreadSweep:
    model: str
    speeds: dict[int, float] = field(default_factory=dict)  # num_thread (0: default) -> tok/s
    outcome: SweepOutcome | None = None


class BenchService(QObject):
    """Benchmark runs, results, measured speeds and calibration of this machine."""

    progressed = Signal(BenchProgress)
    resultAdded = Signal(BenchResult)
    resultsChanged = Signal()
    running = Signal(bool)
    finished = Signal(bool)  # True: completed, False: cancelled
    outcome = Signal(BenchOutcome)  # before finished(True): what the run came to
    waiting = Signal(IdleWait)  # a run waits for other programs to leave the CPU
    failed = Signal(OllamaError)
    refused = Signal(Refusal)
    busyChecked = Signal(float)  # CPU cores other programs use
    threadsSwept = Signal(ThreadSweep)
    exported = Signal(str)  # the CSV file written
    changed = Signal(str)  # a model's measured speed changed ("" after a reload)
    calibrationChanged = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        ollama: OllamaService,
        settings: SettingsStore,
        data_dir: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.ollama = ollama
        self.settings = settings
        self.store = BenchStore(data_dir / BENCH_DB)
        self.fingerprint = hardware_fingerprint()
        self.results: list[BenchResult] = []
        self.calibration: Calibration | None = None
        self.streaming: Callable[[], bool] = lambda: False
        self.read_bandwidth: Callable[[], float | None] = lambda: None  # the memory test's
        self.docker_cli: str | None = None  # docker executable (None: from PATH)
        self.busy_limit = cpu_load.busy_limit()
        self.simd = simd_family()
        self.threads = generating_threads()
        self._task: Task | None = None

    # -- what other features read ----------------------------------------------------------
    def measured(self, model: str) -> float | None:
        """This machine's benchmarked tokens/s of ``model`` on the native server (taken
        quietly: a busy machine's figure is not this model's speed)."""
        r = latest_per_model(self.results, busy_limit=self.busy_limit).get(model.lower())
        return r.tokens_per_s if r is not None else None

    def thread_default(self, model: str) -> int | None:
        return thread_default_for(str(self.settings.get(THREAD_KEY)), model)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done

    # -- results ---------------------------------------------------------------------------
    def load(self) -> Task:
        store, fp = self.store, self.fingerprint
        return self.runner.run(
            "bench-load",
            lambda _t, _r: store.results(fp),
            on_success=self._loaded,
            on_failure=self.failed.emit,
            lane=DB_LANE,
        )

    def _loaded(self, results: list[BenchResult]) -> None:
        self.results = list(results)
        self.refit()
        self.resultsChanged.emit()
        self.changed.emit("")

    def refit(self) -> None:
        """Fit the calibration again (the results or the read-test figure changed)."""
        samples = calibration_samples(self.results, self.busy_limit, self.simd)
        self.calibration = fit(samples, self.read_bandwidth(), self.threads)
        self.calibrationChanged.emit()

    def check_busy(self) -> Task:
        """busyChecked(cores) after a short look at the CPU (off the UI thread)."""
        probe = cpu_load.probe_for(self.ollama.host.port if self.ollama.host.is_loopback else None)
        return self.runner.run(
            "bench-busy",
            lambda _t, _r: busy_cores(probe=probe),
            on_success=self.busyChecked.emit,
            on_failure=self.failed.emit,
        )

    def export_csv(self, path: Path) -> Task:
        text = to_csv(self.results)
        return self.runner.run(
            "bench-csv",
            lambda _t, _r: path.write_text(text, encoding="utf-8"),
            on_success=lambda _n: self.exported.emit(str(path)),
            on_failure=self.failed.emit,
        )

    # -- running ---------------------------------------------------------------------------
    def start(
        self, models: list[str], *, docker: bool = True, when_idle: bool = False
    ) -> Task | None:
        """Benchmark ``models`` (empty: every installed one) on the native server and, when
        ``docker``, on a running Ollama container too; with ``when_idle``, first wait until
        other programs leave the CPU. None (and ``refused``) when it may not start now."""
        return self._start(models, docker=docker, threads=None, when_idle=when_idle)

    def sweep_threads(self, model: str) -> Task | None:
        """The thread tuner: ``model`` at num_thread 1..cores and Ollama's default."""
        steps: list[int | None] = [n or None for n in sweep_settings(os.cpu_count() or 1)]
        return self._start([model], docker=False, threads=steps)

    def save_thread_default(self, model: str, threads: int) -> None:
        """``threads`` becomes ``model``'s default in chats (0: Ollama decides again)."""
        text = with_thread_default(str(self.settings.get(THREAD_KEY)), model, threads)
        self.settings.set(THREAD_KEY, text)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _start(
        self,
        models: list[str],
        *,
        docker: bool,
        threads: list[int | None] | None,
        when_idle: bool = False,
    ) -> Task | None:
        if self.streaming():
            self.refused.emit(Refusal.STREAMING)
            return None
        if self.busy:
            self.refused.emit(Refusal.RUNNING)
            return None
        base = self.ollama.host.base_url
        local = self.ollama.host.is_loopback
        fp, store, docker_exe = self.fingerprint, self.store, self.docker_cli
        watts = self.settings.number("chat_watts_per_core")
        repeats = self.settings.integer("bench_repeats")
        limit = self.busy_limit
        port = self.ollama.host.port

        def op(token: CancelToken, report: Callable[[object], None]) -> SuiteOutcome:
            probe = cpu_load.probe_for(port) if local else None
            if when_idle and probe is not None:
                idle = cpu_load.wait_until_idle(
                    limit,
                    lambda: token.cancelled,
                    lambda cores: report(IdleWait(cores)),
                    probe=probe,
                )
                token.check()
                if not idle:
                    raise OllamaError(ErrorKind.TIMEOUT, Refusal.NEVER_IDLE.value)
            energy = EnergyMeter(lambda: ollama_cpu_seconds(port)) if local else None
            native = BenchSetup(OllamaApi(base), "native", fp, energy, watts, repeats)
            native.load_probe = probe
            setups = [native]
            try:
                if docker:
                    setups += docker_setups(docker_exe, base, fp, watts, repeats)
                names = models or installed_chat_models(setups[0])
                if not names:
                    raise OllamaError(ErrorKind.NOT_FOUND, Refusal.NO_MODELS.value)

                def stored(r: BenchResult) -> None:
                    report(store.add(r))

                outcome = run_suite(
                    setups,
                    names,
                    token,
                    report,
                    stored,
                    threads=threads,
                    purpose="threads" if threads else "bench",
                )
            finally:
                for s in setups:
                    s.api.close()
            if not outcome.results and outcome.failures:
                raise outcome.failures[0][2]
            return outcome

        self.running.emit(True)
        self._task = self.runner.run(
            "bench",
            op,
            on_success=self._done,
            on_failure=self._failed,
            on_progress=self._progress,
        )
        return self._task

    def _progress(self, value: object) -> None:
        if isinstance(value, BenchProgress):
            self.progressed.emit(value)
        elif isinstance(value, IdleWait):
            self.waiting.emit(value)
        elif isinstance(value, BenchResult):
            self.results.append(value)
            self.resultAdded.emit(value)
            if value.purpose == "bench" and value.server == "native" and not value.num_thread:
                self.refit()
                self.changed.emit(value.model.lower())

    def _done(self, outcome: SuiteOutcome) -> None:
        self.running.emit(False)
        doubts = {}
        for r in outcome.results:  # only the native server's results calibrate
            calibrating = outcome.purpose == "bench" and r.server == "native"
            d = r.doubt(self.busy_limit) if calibrating else None
            if d is not None:
                doubts[r.model.lower()] = d
        self.outcome.emit(
            BenchOutcome(
                outcome.purpose,
                tuple(outcome.results),
                tuple(outcome.failures),
                doubts,
                self.busy_limit,
            )
        )
        if outcome.purpose == "threads" and outcome.results:
            speeds = {r.num_thread or 0: r.tokens_per_s for r in outcome.results}
            model = outcome.results[0].model
            self.threadsSwept.emit(ThreadSweep(model, speeds, best_setting(speeds)))
        self.finished.emit(True)

    def _failed(self, error: OllamaError) -> None:
        self.running.emit(False)
        if error.kind is ErrorKind.CANCELLED:
            self.finished.emit(False)
        else:
            self.failed.emit(error)
