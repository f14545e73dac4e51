"""Works out the recommendation for this machine off the UI thread: the catalog, the memory
free now, the memory bandwidth (the cached figure the Models tab uses, or a short test the
first time), then core/models/recommend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import OllamaError
from desktop.core.machine import hardware_fingerprint, machine_memory, measure_bandwidth
from desktop.core.models.catalog import load_catalog
from desktop.core.models.estimate import load_bandwidth, save_bandwidth
from desktop.core.models.forecast import MachineMemory
from desktop.core.models.recommend import (
    Forecaster,
    Recommendation,
    machine_forecaster,
    recommend,
)
from desktop.services.cancel import CancelToken
from desktop.services.tasks import Task, TaskRunner

ForecasterFactory = Callable[[MachineMemory, float | None, int], Forecaster]


@dataclass(frozen=True)
class Advice:
    recommendation: Recommendation
    machine: MachineMemory
    bandwidth: float | None


class Advisor(QObject):
    """ready(Advice) after refresh(); unavailable(str) when it could not be worked out
    (the catalog is unreadable: the card then points at the Models tab)."""

    ready = Signal(Advice)
    unavailable = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        data_dir: Path,
        context: Callable[[], int],
        *,
        forecaster: ForecasterFactory = machine_forecaster,
        machine: Callable[[], MachineMemory] = machine_memory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self.context = context
        self.forecaster = forecaster
        self.machine = machine
        self.advice: Advice | None = None
        self._task: Task | None = None

    def refresh(self) -> None:
        if self._task is not None and not self._task.done:
            return
        data_dir, ctx, make, machine = self.data_dir, self.context(), self.forecaster, self.machine

        def op(token: CancelToken, _report: object) -> Advice:
            catalog = load_catalog()
            mem = machine()
            fingerprint = hardware_fingerprint()
            record = load_bandwidth(data_dir, fingerprint)
            bandwidth = record.bandwidth if record is not None else None
            if bandwidth is None:
                token.check()
                measured = measure_bandwidth(should_stop=lambda: token.cancelled)
                if measured > 0:
                    bandwidth = save_bandwidth(data_dir, measured, fingerprint).bandwidth
            return Advice(recommend(catalog, make(mem, bandwidth, ctx)), mem, bandwidth)

        self._task = self.runner.run(
            "recommend", op, on_success=self._on_ready, on_failure=self._on_failed, context=self
        )

    def _on_ready(self, advice: Advice) -> None:
        self.advice = advice
        self.ready.emit(advice)

    def _on_failed(self, error: OllamaError) -> None:
        self.unavailable.emit(error.detail or error.kind.value)
