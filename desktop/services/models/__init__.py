"""Model manager services: installed/running models, pull queue, registry, forecasts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.core.paths import AppPaths
from desktop.services.models.disk import free_bytes, models_dir
from desktop.services.models.gguf_import import GGUFImporter
from desktop.services.models.measurements import BandwidthService, SpeedStore
from desktop.services.models.pull_queue import PullQueue
from desktop.services.models.registry_lookup import RegistryLookup
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore


@dataclass
class ModelServices:
    """Everything the Models tab needs besides the OllamaService, built once by the app."""

    pulls: PullQueue
    registry: RegistryLookup
    bandwidth: BandwidthService
    speeds: SpeedStore
    importer: GGUFImporter

    def shutdown(self) -> None:
        self.pulls.shutdown()


def build_model_services(
    ollama: OllamaService, settings: SettingsStore, paths: AppPaths
) -> ModelServices:
    runner = ollama.runner

    def free_disk() -> tuple[int, str] | None:
        if not ollama.host.is_loopback:
            return None  # a remote server's disk is not ours to measure
        folder: Path = models_dir(str(settings.get("models_dir")))
        try:
            return free_bytes(folder), str(folder)
        except OSError:
            return None

    pulls = PullQueue(
        runner,
        lambda: ollama.host.base_url,
        paths.data_dir / "pull_queue.json",
        stall_s=float(settings.get("pull_stall_s")),
        retries=int(settings.get("pull_retries")),
        free_disk=free_disk,
        registry_url=lambda: str(settings.get("registry_url")),
    )
    pulls.modelsChanged.connect(ollama.modelsChanged)
    app = QCoreApplication.instance()
    if app is not None:  # quitting mid-download keeps the job queued for the next start
        app.aboutToQuit.connect(pulls.shutdown)
    importer = GGUFImporter(runner, lambda: ollama.api)
    importer.modelsChanged.connect(ollama.modelsChanged)
    return ModelServices(
        pulls=pulls,
        registry=RegistryLookup(
            runner, str(settings.get("registry_url")), paths.cache_dir / "registry_cache.json"
        ),
        bandwidth=BandwidthService(runner, paths.data_dir),
        speeds=SpeedStore(paths.data_dir / "model_speeds.json"),
        importer=importer,
    )
