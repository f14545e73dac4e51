"""The Ollama API for the UI: every call runs off the UI thread and reports by signals."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import ChatChunk
from desktop.core.hosts import HostURL
from desktop.services.api_client import OllamaApi
from desktop.services.batching import Batching
from desktop.services.cancel import CancelToken
from desktop.services.tasks import Task, TaskRunner

Report = Callable[[Any], None]
# messages made in the worker just before they are sent (retrieval over long documents):
# a Stop while they are made cancels the token they are given
MessagesMaker = Callable[[OllamaApi, CancelToken], Sequence[Mapping[str, Any]]]


class OllamaService(QObject):
    """Facade over OllamaApi. Each method returns a Task whose signals arrive on the main
    thread. ``modelsChanged`` fires after anything that changes the installed models, so
    views that list them can refresh without knowing who changed what."""

    hostChanged = Signal(HostURL)
    modelsChanged = Signal()
    runningChanged = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        host: HostURL,
        *,
        timeout: float = 10.0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.timeout = timeout
        self.host = host
        self.api = OllamaApi(host.base_url, timeout=timeout)

    def set_host(self, host: HostURL) -> None:
        if host == self.host:
            return
        # Tasks still running keep the client they started with (a pull in progress is
        # not cut off by a host change); the old client goes when they are done.
        self.host = host
        self.api = OllamaApi(host.base_url, timeout=self.timeout)
        self.hostChanged.emit(host)

    def _run(self, name: str, op: Callable[[OllamaApi, CancelToken, Report], Any]) -> Task:
        api = self.api  # a task keeps the server it started with
        return self.runner.submit(name, lambda token, report: op(api, token, report))

    def _notify_on_success(self, task: Task, signal: Any) -> Task:
        task.succeeded.connect(lambda _result: signal.emit())
        return task

    # -- reads -------------------------------------------------------------------------
    def version(self) -> Task:
        """succeeded(str)"""
        return self._run("version", lambda api, _t, _r: api.version())

    def list_models(self) -> Task:
        """succeeded(list[LocalModel])"""
        return self._run("list", lambda api, _t, _r: api.list_models())

    def running_models(self) -> Task:
        """succeeded(list[RunningModel])"""
        return self._run("ps", lambda api, _t, _r: api.running_models())

    def show(self, name: str) -> Task:
        """succeeded(ModelShow)"""
        return self._run("show", lambda api, _t, _r: api.show(name))

    # -- changes (downloads go through services/models/pull_queue.PullQueue) ---------------
    def delete(self, name: str) -> Task:
        task = self._run(f"delete {name}", lambda api, _t, _r: api.delete(name))
        return self._notify_on_success(task, self.modelsChanged)

    def copy(self, source: str, destination: str) -> Task:
        task = self._run("copy", lambda api, _t, _r: api.copy(source, destination))
        return self._notify_on_success(task, self.modelsChanged)

    # -- running models ----------------------------------------------------------------
    def chat(
        self,
        model: str,
        messages: Sequence[Mapping[str, Any]] | MessagesMaker,
        *,
        options: Mapping[str, Any] | None = None,
        think: bool | str | None = None,
        keep_alive: str | int | None = None,
        on_chunk: Callable[[ChatChunk], None] | None = None,
        batching: Batching | None = None,
    ) -> Task:
        """progressed(ChatChunk) per streamed chunk; succeeded(ChatResult). With
        ``on_chunk``, chunks go to it in the worker thread instead (no signal per token: the
        caller batches them); with ``batching`` too, the worker reads them in batches and
        says when one is complete (services/batching.py). ``messages`` may be a function that
        makes them in the worker (``MessagesMaker``)."""

        def op(api: OllamaApi, token: CancelToken, report: Report) -> Any:
            sent = messages(api, token) if callable(messages) else messages
            token.check()
            return api.chat(
                model,
                sent,
                on_chunk or report,
                token,
                options=options,
                think=think,
                keep_alive=keep_alive,
                batching=batching,
            )

        return self._notify_on_success(self._run(f"chat {model}", op), self.runningChanged)

    def preload(self, model: str, keep_alive: str | int | None = None) -> Task:
        task = self._run("preload", lambda api, _t, _r: api.preload(model, keep_alive))
        return self._notify_on_success(task, self.runningChanged)

    def unload(self, model: str) -> Task:
        task = self._run("unload", lambda api, _t, _r: api.unload(model))
        return self._notify_on_success(task, self.runningChanged)
