"""Measured figures of this machine: memory bandwidth (cached with a hardware fingerprint)
and the generation speed each model reached in real chats."""

from __future__ import annotations

import contextlib
import json
import os
import statistics
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.machine import hardware_fingerprint, measure_bandwidth
from desktop.core.models.estimate import BandwidthRecord, load_bandwidth, save_bandwidth
from desktop.services.tasks import Task, TaskRunner

MAX_SAMPLES = 20


class BandwidthService(QObject):
    """measured(float bytes/s) when a figure is known: at start from the cache, or after
    measure() ran its short copy test on a worker thread."""

    measured = Signal(float)
    measuring = Signal(bool)

    def __init__(self, runner: TaskRunner, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self.fingerprint = hardware_fingerprint()
        self.record: BandwidthRecord | None = load_bandwidth(data_dir, self.fingerprint)
        self._task: Task | None = None

    @property
    def bandwidth(self) -> float | None:
        return self.record.bandwidth if self.record is not None else None

    def ensure(self) -> None:
        """Measure once if nothing is cached for this hardware."""
        if self.record is None:
            self.measure()

    def measure(self) -> Task | None:
        if self._task is not None and not self._task.done:
            return None
        data_dir, fp = self.data_dir, self.fingerprint

        def op(token: object, _report: object) -> BandwidthRecord:
            return save_bandwidth(data_dir, measure_bandwidth(), fp)

        def wire(task: Task) -> None:
            task.succeeded.connect(self._on_done)
            task.finished.connect(self._on_finished)

        self.measuring.emit(True)
        self._task = self.runner.submit("bandwidth", lambda t, r: op(t, r), wire)
        return self._task

    def _on_finished(self) -> None:
        self.measuring.emit(False)

    def _on_done(self, record: BandwidthRecord) -> None:
        self.record = record
        self.measured.emit(record.bandwidth)


class SpeedStore(QObject):
    """Generation tokens/s per model from real chats (a small JSON file in the data dir).
    ``record_speed`` is wired to the chat tab's finished-answer signal by the app."""

    changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._samples: dict[str, list[float]] = {}
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
            raw = json.loads(path.read_text(encoding="utf-8"))
            self._samples = {str(k): [float(x) for x in v][-MAX_SAMPLES:] for k, v in raw.items()}

    def record_speed(self, model: str, tokens_per_second: float) -> None:
        if not model or not tokens_per_second or tokens_per_second <= 0:
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
