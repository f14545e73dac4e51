"""What the context meter needs to know about the server and a model: the server's version,
each model's trained length, Modelfile window and architecture (/api/show, once per model),
and the window and memory of the models loaded now (/api/ps, after each answer)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import ModelShow, RunningModel
from desktop.core.chat.context_window import modelfile_num_ctx
from desktop.core.models.forecast import Architecture
from desktop.services.ollama_service import OllamaService


@dataclass(frozen=True)
class ModelFacts:
    trained: int = 0  # <arch>.context_length (0: unknown)
    modelfile_ctx: int = 0  # PARAMETER num_ctx of the model's Modelfile (0: none)
    arch: Architecture | None = None


@dataclass(frozen=True)
class Loaded:
    context: int  # the window it runs with
    size: int  # bytes it holds in memory


def key(name: str) -> str:
    n = name.strip().lower()
    return n if ":" in n.rsplit("/", 1)[-1] else n + ":latest"


def facts_of(show: ModelShow) -> ModelFacts:
    trained = show.arch_value("context_length")
    if not isinstance(trained, int) or isinstance(trained, bool):
        trained = show.details.context_length or 0
    return ModelFacts(
        int(trained),
        modelfile_num_ctx(show.parameters),
        Architecture.from_model_info(show.model_info),
    )


class ServerFacts(QObject):
    """changed(): a fact arrived (a model's /api/show, the loaded models, the version).
    Every lookup runs on the task API; a failed one leaves the fact unknown (the meter
    then falls back to the server's default window)."""

    changed = Signal()

    def __init__(self, ollama: OllamaService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ollama = ollama
        self.version = ""
        self._models: dict[str, ModelFacts] = {}
        self._asked: set[str] = set()
        self._loaded: dict[str, Loaded] = {}
        ollama.hostChanged.connect(lambda _h: self.reset())
        ollama.modelsChanged.connect(self._forget_models)
        ollama.runningChanged.connect(self.refresh_loaded)

    def reset(self) -> None:
        """Another server: every fact is asked again."""
        self.version = ""
        self._models.clear()
        self._asked.clear()
        self._loaded.clear()
        self.refresh()
        self.changed.emit()

    def refresh(self) -> None:
        task = self.ollama.version()
        task.succeeded.connect(self._on_version)
        self.refresh_loaded()

    def _on_version(self, version: object) -> None:
        if isinstance(version, str) and version != self.version:
            self.version = version
            self.changed.emit()

    def _forget_models(self) -> None:
        self._models.clear()
        self._asked.clear()

    def model(self, name: str) -> ModelFacts | None:
        """The model's facts, or None while /api/show is on its way (asked once)."""
        k = key(name)
        facts = self._models.get(k)
        if facts is None and k not in self._asked and name:
            self._asked.add(k)
            task = self.ollama.show(name)
            task.succeeded.connect(lambda show, k=k: self._on_show(k, show))
            task.failed.connect(lambda _e, k=k: self._on_show(k, None))
        return facts

    def _on_show(self, k: str, show: object) -> None:
        self._models[k] = facts_of(show) if isinstance(show, ModelShow) else ModelFacts()
        self.changed.emit()

    def loaded(self, name: str) -> Loaded | None:
        return self._loaded.get(key(name))

    def refresh_loaded(self) -> None:
        task = self.ollama.running_models()
        task.succeeded.connect(self._on_running)

    def _on_running(self, rows: object) -> None:
        loaded = {
            key(r.name): Loaded(r.context_length or 0, r.size)
            for r in (rows if isinstance(rows, list) else [])
            if isinstance(r, RunningModel)
        }
        if loaded != self._loaded:
            self._loaded = loaded
            self.changed.emit()
