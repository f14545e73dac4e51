"""The Models feature's state and logic, without widgets: the catalog with a forecast per tag,
the installed and running models (with forecasts from /api/show), exact sizes from the
registry, measured speeds, and the download queue.

The Models tab's presenters read it and call its methods; other features (the Start-here
card, the Benchmark tab) get it from app.py. Which models are installed is not its own copy:
it follows ``InstalledModels`` (services/models/installed.py), the list every view shares.
Everything that blocks runs as a task; every answer arrives as a typed signal on the main
thread, failures as an OllamaError whose ``kind`` the UI turns into a sentence.

Reading forecasts: ``catalog_entries()`` (every catalog tag with its model, forecast and
recommendation rank), ``forecast(name)`` for any catalog tag or installed model,
``measured_speed(name)`` for the tokens/s seen in real chats. ``forecastsChanged`` fires
whenever any of them may have changed (bandwidth measured, context changed, a registry
answer, an /api/show answer, a speed recorded).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import LocalModel, ModelShow, RunningModel
from desktop.core.errors import OllamaError
from desktop.core.machine import machine_memory
from desktop.core.models.calibration import Calibration
from desktop.core.models.catalog import Catalog, CatalogModel, CatalogTag
from desktop.core.models.estimate import TagForecast, forecast_installed, forecast_tag
from desktop.core.models.ranking import recommendation_ranks
from desktop.services.models.gguf_import import GGUFImporter
from desktop.services.models.installed import InstalledModels
from desktop.services.models.measurements import BandwidthService, SpeedStore
from desktop.services.models.pull_queue import PullJob, PullQueue
from desktop.services.models.registry_lookup import RegistryInfo, RegistryLookup
from desktop.services.ollama_service import OllamaService


@dataclass(frozen=True)
class CatalogEntry:
    """One catalog tag as the library shows it."""

    tag: CatalogTag
    model: CatalogModel
    forecast: TagForecast | None
    rank: int  # 1 = the best choice for this machine (see core/models/ranking.py)
    installed: bool

    @property
    def embedding_only(self) -> bool:
        return "embedding" in self.model.capabilities


class ModelLibrary(QObject):
    """forecastsChanged()                   forecasts, ranks or measured speeds changed
    installedChanged(list[LocalModel])     the shared installed list was answered
    installedFailed(OllamaError)           it could not be asked (e.g. CONNECTION_REFUSED)
    runningChanged(list[RunningModel])     /api/ps answered
    detailsReady(ModelShow)                answer to show_details(name)
    detailsFailed(str, OllamaError)
    modelDeleted(str), modelCopied(str, str), actionFailed(OllamaError)
    bandwidthMeasuring(bool)               the short memory-bandwidth test runs / ended
    pullChanged(PullJob), pullFinished(PullJob)   the download queue (see ``pulls``)
    """

    forecastsChanged = Signal()
    installedChanged = Signal(list)
    installedFailed = Signal(OllamaError)
    runningChanged = Signal(list)
    detailsReady = Signal(ModelShow)
    detailsFailed = Signal(str, OllamaError)
    modelDeleted = Signal(str)
    modelCopied = Signal(str, str)
    actionFailed = Signal(OllamaError)
    bandwidthMeasuring = Signal(bool)
    pullChanged = Signal(PullJob)
    pullFinished = Signal(PullJob)

    def __init__(
        self,
        ollama: OllamaService,
        catalog: Catalog,
        *,
        pulls: PullQueue,
        registry: RegistryLookup,
        bandwidth: BandwidthService,
        speeds: SpeedStore,
        importer: GGUFImporter,
        context: Callable[[], int],
        registry_lookups: Callable[[], bool] = lambda: True,
        installed: InstalledModels | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.installed_models = installed or InstalledModels(ollama, self)
        self.ollama, self.catalog = ollama, catalog
        self.pulls, self.registry, self.bandwidth = pulls, registry, bandwidth
        self.speeds, self.importer = speeds, importer
        self._context, self._registry_lookups = context, registry_lookups
        self._models = {m.name: m for m in catalog.models}
        self._registry: dict[str, RegistryInfo] = {}  # lower-case name -> exact figures
        self._forecasts: dict[str, TagForecast] = {}  # lower-case name -> forecast
        self._ranks: dict[str, int] = {}
        self._installed_forecasts: dict[str, TagForecast] = {}
        self._speed_sources: list[Callable[[str], float | None]] = []
        self._calibration: Callable[[], Calibration | None] = lambda: None
        self.running: list[RunningModel] = []
        self._shows: dict[str, tuple[str, ModelShow]] = {}  # lower name -> (digest, show)
        registry.found.connect(self._registry_found)
        bandwidth.measured.connect(self._bandwidth_measured)
        bandwidth.measuring.connect(self.bandwidthMeasuring)
        speeds.changed.connect(self._speed_recorded)
        pulls.jobChanged.connect(self.pullChanged)
        pulls.jobAdded.connect(self.pullChanged)
        pulls.jobFinished.connect(self.pullFinished)
        pulls.modelsChanged.connect(ollama.modelsChanged)
        importer.modelsChanged.connect(ollama.modelsChanged)
        self.installed_models.changed.connect(self._set_installed)
        self.installed_models.failed.connect(self.installedFailed)
        ollama.modelsChanged.connect(self.refresh_running)
        ollama.runningChanged.connect(self.refresh_running)
        ollama.hostChanged.connect(self._host_changed)
        self.recompute()

    @property
    def installed(self) -> list[LocalModel]:
        """The installed models (the shared list's last answer)."""
        return self.installed_models.rows

    # -- reading ---------------------------------------------------------------------------
    def catalog_entries(self) -> list[CatalogEntry]:
        """Every catalog tag with its forecast and rank, best choice for this machine first."""
        installed = {m.name.lower() for m in self.installed}
        out = [
            CatalogEntry(
                t,
                m,
                self._forecasts.get(t.full_name.lower()),
                self._ranks.get(t.full_name.lower(), 10**6),
                t.full_name.lower() in installed,
            )
            for m in self.catalog.models
            for t in m.tags
        ]
        return sorted(out, key=lambda e: e.rank)

    def model_of(self, tag: CatalogTag) -> CatalogModel:
        return self._models[tag.model]

    def forecast(self, name: str) -> TagForecast | None:
        """The forecast for a catalog tag or an installed model (None until known)."""
        return self._forecasts.get(name.lower()) or self._installed_forecasts.get(name.lower())

    def installed_forecast(self, name: str) -> TagForecast | None:
        """The forecast for an installed model from its /api/show and size on disk."""
        return self._installed_forecasts.get(name.lower())

    def measured_speed(self, name: str) -> float | None:
        """Measured generation tokens/s: the first added speed source that knows the model
        (e.g. benchmark results), else the median of real chats (None: never measured)."""
        for source in self._speed_sources:
            value = source(name)
            if value:
                return value
        return self.speeds.measured(name)

    def add_speed_source(self, source: Callable[[str], float | None]) -> None:
        """Another source of measured tokens/s per model, asked before the chat speeds.
        Call speeds_changed() when it has a new figure."""
        self._speed_sources.append(source)
        self.forecastsChanged.emit()

    def speeds_changed(self) -> None:
        self.forecastsChanged.emit()

    def set_calibration_source(self, source: Callable[[], Calibration | None]) -> None:
        """This machine's benchmark calibration (the Benchmark feature's); every forecast
        uses it when there is one. Call recompute() when it changes."""
        self._calibration = source
        self.recompute()

    def registry_info(self, name: str) -> RegistryInfo | None:
        return self._registry.get(name.lower())

    def download_size(self, name: str) -> int | None:
        """Exact (registry) or catalog size of a catalog tag; None for other names."""
        info = self._registry.get(name.lower())
        if info is not None:
            return info.download_size
        tag = self.catalog.find(name if ":" in name else f"{name}:latest")
        return tag.size if tag is not None else None

    # -- forecasts ---------------------------------------------------------------------------
    def recompute(self) -> None:
        """Forecast every catalog tag and installed model with the current bandwidth,
        context and registry figures, rank the catalog, then emit forecastsChanged."""
        bw, machine, ctx = self.bandwidth.bandwidth, machine_memory(), self._context()
        cal = self._calibration()
        out: dict[str, TagForecast] = {}
        for m in self.catalog.models:
            emb = "embedding" in m.capabilities
            for t in m.tags:
                info = self._registry.get(t.full_name.lower())
                if info is not None:
                    fc = forecast_tag(
                        t,
                        machine,
                        bw,
                        ctx,
                        size=info.download_size,
                        weights=info.weights_size or None,
                        quantization=info.quantization,
                        size_source="registry",
                        embedding=emb,
                        calibration=cal,
                    )
                else:
                    fc = forecast_tag(t, machine, bw, ctx, embedding=emb, calibration=cal)
                out[t.full_name.lower()] = fc
        self._forecasts = out
        self._ranks = recommendation_ranks(
            (t, m, out.get(t.full_name.lower())) for m in self.catalog.models for t in m.tags
        )
        self._installed_forecasts = {}
        for lm in self.installed:
            cached = self._shows.get(lm.name.lower())
            if cached is not None and cached[0] == lm.digest:
                self._installed_forecasts[lm.name.lower()] = forecast_installed(
                    lm, cached[1], machine, bw, ctx, calibration=cal
                )
        self.forecastsChanged.emit()

    def lookup(self, name: str) -> None:
        """Ask the registry for a tag's exact size (once: a known answer is not asked for
        again, so a forecastsChanged handler may call this without recursing)."""
        if self._registry_lookups() and name.lower() not in self._registry:
            self.registry.lookup(name)

    def _registry_found(self, info: RegistryInfo) -> None:
        if self._registry.get(info.name.lower()) == info:
            return
        self._registry[info.name.lower()] = info
        self.pulls.learn_parts(info.name, info.parts)  # a download under way names its parts
        self.recompute()

    def _bandwidth_measured(self, _bw: float) -> None:
        self.recompute()

    def _speed_recorded(self, _model: str) -> None:
        self.forecastsChanged.emit()

    def record_speed(self, model: str, tokens_per_second: float) -> None:
        """A chat answer finished at this speed: store it (shown beside the forecast)."""
        self.speeds.record_speed(model, tokens_per_second)

    # -- installed and running -----------------------------------------------------------------
    def refresh_installed(self) -> None:
        """Ask the server for its models again (answers by installedChanged / Failed)."""
        self.installed_models.refresh()
        self.refresh_running()

    def refresh_running(self) -> None:
        task = self.ollama.running_models()
        task.succeeded.connect(self._set_running)

    def _set_installed(self, rows: list[LocalModel]) -> None:
        names = {m.name.lower() for m in rows}
        self._shows = {k: v for k, v in self._shows.items() if k in names}
        for m in rows:
            cached = self._shows.get(m.name.lower())
            if cached is None or cached[0] != m.digest:
                self.ollama.show(m.name).succeeded.connect(self._show_arrived)
        self.installedChanged.emit(self.installed)
        self.recompute()

    def _set_running(self, rows: list[RunningModel]) -> None:
        self.running = list(rows)
        self.runningChanged.emit(self.running)

    def _show_arrived(self, show: ModelShow) -> None:
        for m in self.installed:
            if m.name.lower() == show.name.lower():
                self._shows[m.name.lower()] = (m.digest, show)
                self.recompute()
                return

    def _host_changed(self, _host: object) -> None:
        self.refresh_running()  # the installed list asks the new host by itself

    def show_details(self, name: str) -> None:
        """/api/show for the details pane: detailsReady(ModelShow) or detailsFailed."""
        task = self.ollama.show(name)
        task.succeeded.connect(self._details_ready)
        task.failed.connect(lambda err: self.detailsFailed.emit(name, err))

    def _details_ready(self, show: ModelShow) -> None:
        self._show_arrived(show)
        self.detailsReady.emit(show)

    def delete(self, name: str) -> None:
        task = self.ollama.delete(name)
        task.succeeded.connect(lambda _r: self.modelDeleted.emit(name))
        task.failed.connect(self.actionFailed)

    def copy(self, source: str, destination: str) -> None:
        task = self.ollama.copy(source, destination)
        task.succeeded.connect(lambda _r: self.modelCopied.emit(source, destination))
        task.failed.connect(self.actionFailed)

    def unload(self, name: str) -> None:
        self.ollama.unload(name).failed.connect(self.actionFailed)

    def keep_loaded(self, name: str, keep_alive: str) -> None:
        self.ollama.preload(name, keep_alive=keep_alive).failed.connect(self.actionFailed)

    # -- downloads ---------------------------------------------------------------------------
    def request_pull(
        self, name: str, *, allow_host: bool = False, insecure: bool = False
    ) -> PullJob:
        """Queue a download; raise OllamaError(INVALID_NAME) for a bad name (nothing sent).
        Hear it through pullChanged(job) / pullFinished(job) (job.state DONE, FAILED or
        CANCELLED). ``allow_host``/``insecure``: the user's opt-in for another registry."""
        info = self._registry.get(name.lower()) or self.registry.cached(name)
        if info is None and self.catalog.find(name) is not None:
            self.lookup(name)  # the parts' names arrive while it downloads
        return self.pulls.enqueue(
            name,
            self.download_size(name),
            allow_host=allow_host,
            insecure=insecure,
            parts=info.parts if info is not None else (),
        )

    def shutdown(self) -> None:
        """On quit: a download in progress stays queued and resumes at the next start."""
        self.pulls.shutdown()
