"""Works out the recommendation for this machine from the forecasts the model library keeps
(the same figures the Models tab shows: registry-exact sizes, and calibrated speeds once
this machine was measured), with core/models/recommend. Cheap arithmetic over ready
forecasts, so it runs on the main thread; what takes time (the memory-bandwidth test) is the
library's, asked for through ``ensure_bandwidth``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.core.machine import machine_memory
from desktop.core.models.catalog import Catalog, CatalogTag
from desktop.core.models.estimate import TagForecast
from desktop.core.models.forecast import MachineMemory
from desktop.core.models.recommend import Recommendation, recommend


@dataclass(frozen=True)
class Advice:
    recommendation: Recommendation
    machine: MachineMemory
    bandwidth: float | None


@dataclass(frozen=True)
class ForecastSource:
    """What the advisor reads (app.py adapts the model library to it)."""

    catalog: Callable[[], Catalog]
    forecast: Callable[[str], TagForecast | None]  # by `model:tag`; None until known
    bandwidth: Callable[[], float | None]  # bytes/s; None until measured
    ensure_bandwidth: Callable[[], None]  # start the short test if there is no figure
    machine: Callable[[], MachineMemory] = machine_memory
    # the library's pick, kept stable across launches (None: work it out here)
    recommendation: Callable[[], Recommendation | None] = lambda: None


class Advisor(QObject):
    """ready(Advice) after refresh() when the forecasts have speeds; unavailable(str) when
    the catalog is empty or unreadable (the card then points at the Models tab)."""

    ready = Signal(Advice)
    unavailable = Signal(str)

    def __init__(self, source: ForecastSource, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.advice: Advice | None = None

    def refresh(self) -> None:
        """Recommend now if the speed figures are there, else ask for them (refresh again
        when the forecasts change)."""
        src = self.source
        bandwidth = src.bandwidth()
        if bandwidth is None:
            src.ensure_bandwidth()
            return
        catalog = src.catalog()
        if not catalog.models:
            self.unavailable.emit("the model catalog is empty")
            return

        def forecast(tag: CatalogTag) -> TagForecast | None:
            return src.forecast(tag.full_name)

        rec = src.recommendation()
        if rec is None or rec.recommended is None:
            rec = recommend(catalog, forecast)
        self.advice = Advice(rec, src.machine(), bandwidth)
        self.ready.emit(self.advice)
