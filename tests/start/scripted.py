"""Scripted ports for the Start-here step machine: each step answers on the next turn of
the event loop (as the real features do, from their tasks) with what the test set."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QTimer

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.onboarding import Ports, StepCall


@dataclass
class Script:
    installed: bool = False
    running: bool = False
    pull_failures: list[OllamaError] = field(default_factory=list)  # next pulls fail so
    hold_pull: bool = False  # the pull waits until the test calls finish_pull()
    calls: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    pulled_bytes: int = 0  # what the fake download has so far (kept across attempts)
    pending: StepCall | None = None
    present: set[str] = field(default_factory=set)  # models that arrived another way

    def ports(self) -> Ports:
        return Ports(self.install, self.start, self.pull, self.open)

    def install(self, call: StepCall) -> None:
        self.calls.append("install")
        if self.installed:
            call.succeeded(skipped=True)
            return

        def done() -> None:
            self.installed = True
            call.succeeded()

        QTimer.singleShot(0, done)

    def start(self, call: StepCall) -> None:
        self.calls.append("start")
        if self.running:
            call.succeeded(skipped=True)
            return
        self.running = True
        QTimer.singleShot(0, call.succeeded)

    def pull(self, model: str, call: StepCall) -> object:
        self.calls.append(f"pull {model}")
        if model in self.present:  # as the app's port: a model already there is skipped
            call.succeeded(skipped=True)
            return None

        def step() -> None:
            self.pulled_bytes = min(1000, self.pulled_bytes + 500)
            call.progress(self.pulled_bytes, 1000)
            if self.pull_failures:
                call.failed(self.pull_failures.pop(0), "the registry could not be reached")
            elif self.hold_pull:
                self.pending = call
            else:
                call.succeeded()

        QTimer.singleShot(0, step)
        return lambda: self.cancelled.append(model)

    def finish_pull(self) -> None:
        assert self.pending is not None
        self.pulled_bytes = 1000
        self.pending.progress(1000, 1000)
        self.pending.succeeded()

    def open(self, model: str, call: StepCall) -> None:
        self.calls.append(f"open {model}")
        QTimer.singleShot(0, call.succeeded)


def network_error() -> OllamaError:
    return OllamaError(ErrorKind.STREAM_ERROR, "pull model manifest: no such host")
