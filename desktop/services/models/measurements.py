"""Measured figures of this machine: memory bandwidth (cached with a hardware fingerprint,
repeated, median taken, flagged when busy, stale after a week)
and the generation speed each model reached in real chats."""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import sensible_rate
from desktop.core.machine import hardware_fingerprint, measure_bandwidth_repeated
from desktop.core.models.bandwidth_cache import (
    BandwidthRecord,
    keep_or_replace,
    load_bandwidth,
    needs_measuring,
    save_bandwidth,
)
from desktop.services.cancel import CancelToken
from desktop.services.tasks import Task, TaskRunner

MAX_SAMPLES = 20


class BandwidthService(QObject):
    """measured(float bytes/s) when a figure is known: at start from the cache, or after
    measure() ran its repeated copy test on a worker thread. The cached figure is re-measured
    when the hardware fingerprint changed (it is not loaded at all) or when it is stale; a
    reading taken while other programs kept the CPU busy does not replace a quiet one
    (``busy`` says so)."""

    measured = Signal(float)
    measuring = Signal(bool)
    busy = Signal(bool)  # True: the last test ran on a busy machine, or its repeats disagreed

    def __init__(self, runner: TaskRunner, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self.fingerprint = hardware_fingerprint()
        self.record: BandwidthRecord | None = load_bandwidth(data_dir, self.fingerprint)
        self.last_busy = False
        self._task: Task | None = None

    @property
    def bandwidth(self) -> float | None:
        return self.record.bandwidth if self.record is not None else None

    @property
    def stale(self) -> bool:
        return self.record is not None and self.record.stale()

    def ensure(self) -> None:
        """Measure if nothing is cached for this hardware, or the figure is stale or was not
        taken quietly. A kept figure is not measured again: every launch would otherwise
        move the forecasts (and the recommendation) by the test's noise."""
        if needs_measuring(self.record):
            self.measure()

    def measure(self) -> Task | None:
        if self._task is not None and not self._task.done:
            return None
        data_dir, fp, old = self.data_dir, self.fingerprint, self.record

        def op(token: CancelToken, _report: object) -> tuple[BandwidthRecord, bool]:
            reading = measure_bandwidth_repeated(should_stop=lambda: token.cancelled)
            new = BandwidthRecord(reading.median, fp, time.time(), reading.samples, reading.busy)
            kept = keep_or_replace(old, new)
            if kept is new:
                save_bandwidth(data_dir, new.bandwidth, fp, samples=new.samples, busy=new.busy)
            return kept, not new.quiet

        self.measuring.emit(True)
        self._task = self.runner.run(
            "bandwidth", op, on_success=self._on_done, on_failure=self._on_failed
        )
        return self._task

    def _on_failed(self, _error: object) -> None:
        self.measuring.emit(False)

    def _on_done(self, result: tuple[BandwidthRecord, bool]) -> None:
        record, was_busy = result
        self.record = record
        self.last_busy = was_busy
        self.measuring.emit(False)
        self.busy.emit(was_busy)
        self.measured.emit(record.bandwidth)


class SpeedStore(QObject):
    """Generation tokens/s per model from real chats (a small JSON file in the data dir).
    ``record_speed`` is wired to the chat tab's finished-answer signal by the app."""

    changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._samples: dict[str, list[float]] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError, OverflowError):
            raw = json.loads(path.read_text(encoding="utf-8"))
            self._samples = {
                str(k): [float(x) for x in v if sensible_rate(float(x))][-MAX_SAMPLES:]
                for k, v in raw.items()
            }

    def record_speed(self, model: str, tokens_per_second: float) -> None:
        if not model or not sensible_rate(tokens_per_second):
            return
        key = model.lower()
        samples = self._samples.setdefault(key, [])
        samples.append(float(tokens_per_second))
        del samples[:-MAX_SAMPLES]
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._samples), encoding="utf-8")
            os.replace(tmp, self.path)
        self.changed.emit(key)

    def measured(self, model: str) -> float | None:
        """Median tokens/s of the recorded answers (None when never measured)."""
        samples = self._samples.get(model.lower())
        return statistics.median(samples) if samples else None
