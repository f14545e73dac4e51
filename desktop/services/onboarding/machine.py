"""The Start-here step machine: install -> start -> pull -> open chat, one step at a time.

Widget-free. The card's presenter calls ``begin(model)``, ``retry()`` and ``cancel()`` and
listens to the typed signals; the work itself is done by the ports app.py hands in.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.onboarding.steps import (
    STEPS,
    Cancel,
    Ports,
    StepCall,
    StepFailure,
    StepId,
    StepProgress,
    StepState,
)


class Onboarding(QObject):
    """stepChanged(StepId, StepState) whenever a step's state changes;
    progressed(StepProgress) while a step works; failed(StepFailure) when a step fails
    (the machine stops there until retry); finished(str) with the model, ready to chat;
    runningChanged(bool) when work starts or stops."""

    stepChanged = Signal(StepId, StepState)
    progressed = Signal(StepProgress)
    failed = Signal(StepFailure)
    finished = Signal(str)
    runningChanged = Signal(bool)
    adopted = Signal(str)  # a model that arrived another way ends the stopped run (adopt)

    def __init__(self, ports: Ports, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ports = ports
        self.model = ""
        self.states: dict[StepId, StepState] = dict.fromkeys(STEPS, StepState.WAITING)
        self.current: StepId | None = None
        self.failure: StepFailure | None = None
        self.skipped: set[StepId] = set()
        self._call: StepCall | None = None
        self._cancel: Cancel | None = None

    # -- public API ------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.current is not None

    @property
    def complete(self) -> bool:
        return all(s is StepState.DONE for s in self.states.values())

    @property
    def ready(self) -> bool:
        """Stopped with the model there: only opening the chat is left (see ``adopt``)."""
        return (
            not self.running
            and self.failure is None
            and bool(self.model)
            and all(self.states[s] is StepState.DONE for s in STEPS[:-1])
            and self.states[StepId.OPEN] is not StepState.DONE
        )

    @property
    def stopped(self) -> bool:
        """A run began and stands still: failed, or cancelled (Retry/Continue would go on)."""
        return (
            not self.running
            and bool(self.model)
            and (
                self.failure is not None
                or any(s is StepState.CANCELLED for s in self.states.values())
            )
        )

    def begin(self, model: str) -> None:
        """Do whatever is missing to chat with ``model``, in order."""
        if self.running:
            return
        self.model = model
        self.failure = None
        self.skipped.clear()
        for step in STEPS:
            self._set(step, StepState.WAITING)
        self._go(STEPS[0])

    def note_present(self, steps: set[StepId]) -> None:
        """Before a run: which steps are already done (e.g. a server answers, so neither
        install nor start is needed), so the plan the card shows tells the truth. The run
        itself asks the ports again."""
        if self.running or self.model:
            return
        for step in (StepId.INSTALL, StepId.START):
            present = step in steps
            if present:
                self.skipped.add(step)
            else:
                self.skipped.discard(step)
            self._set(step, StepState.DONE if present else StepState.WAITING)

    def retry(self) -> None:
        """Continue after a failure or a cancel: every step runs again, and the ports skip
        what is already done (the download resumes)."""
        if self.running or not self.model:
            return
        self.failure = None
        self._go(STEPS[0])

    def cancel(self) -> None:
        """Stop the running step; ``retry`` continues from there."""
        step, cancel = self.current, self._cancel
        if step is None:
            return
        self._end_attempt()
        self._set(step, StepState.CANCELLED)
        self.runningChanged.emit(False)
        if cancel is not None:
            cancel()

    def adopt(self, model: str) -> bool:
        """A model one can chat with arrived another way (a GGUF imported, a download from
        another registry or on another server) while the run stood still after a failure or
        a cancel: the run goes on with ``model``, whose download is done; only opening the
        chat is left (``retry`` does it). False when there is no stopped run."""
        if not self.stopped:
            return False
        self.model = model
        self.failure = None
        for step in STEPS[:-1]:  # a server answered with the model: nothing else to do
            self._set(step, StepState.DONE)
        self.skipped.add(StepId.PULL)
        self._set(StepId.OPEN, StepState.WAITING)
        self.adopted.emit(model)
        return True

    def shutdown(self) -> None:
        """On quit: stop listening; the owning features stop their own work."""
        self._end_attempt()

    # -- the machine -----------------------------------------------------------------
    def _go(self, step: StepId) -> None:
        was_running = self.running
        self.current = step
        if not was_running:
            self.runningChanged.emit(True)
        if self.states[step] is not StepState.DONE:
            self._set(step, StepState.RUNNING)
        call = StepCall(step, self._on_progress, self._on_done, self._on_failed)
        self._call, self._cancel = call, None
        try:
            cancel = self._run_port(step, call)
        except OllamaError as e:  # a port that refuses at once fails its step
            call.failed(e)
            return
        if call.open:  # not finished synchronously
            self._cancel = cancel

    def _run_port(self, step: StepId, call: StepCall) -> Cancel | None:
        if step is StepId.INSTALL:
            return self.ports.install_if_missing(call)
        if step is StepId.START:
            return self.ports.start_server(call)
        if step is StepId.PULL:
            return self.ports.pull(self.model, call)
        return self.ports.open_chat(self.model, call)

    def _end_attempt(self) -> None:
        if self._call is not None:
            self._call.close()
        self._call, self._cancel, self.current = None, None, None

    def _on_progress(self, progress: StepProgress) -> None:
        self.progressed.emit(progress)

    def _on_done(self, step: StepId, skipped: bool) -> None:
        self._call, self._cancel = None, None
        if skipped and self.states[step] is not StepState.DONE:
            self.skipped.add(step)
        self._set(step, StepState.DONE)
        index = STEPS.index(step)
        if index + 1 < len(STEPS):
            self._go(STEPS[index + 1])
            return
        self.current = None
        self.runningChanged.emit(False)
        self.finished.emit(self.model)

    def _on_failed(self, failure: StepFailure) -> None:
        step = failure.step
        self._end_attempt()
        if failure.error.kind is ErrorKind.CANCELLED:  # stopped elsewhere (Downloads tab)
            self._set(step, StepState.CANCELLED)
        else:
            self.failure = failure
            self._set(step, StepState.FAILED)
            self.failed.emit(failure)
        self.runningChanged.emit(False)

    def _set(self, step: StepId, state: StepState) -> None:
        if self.states[step] is not state:
            self.states[step] = state
            self.stepChanged.emit(step, state)
