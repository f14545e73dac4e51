"""A queue of model downloads that survives drops, stalls and restarts.

One pull runs at a time. A dropped or stalled stream, or a server that went away, is retried
with a doubling back-off; Ollama keeps partial blobs, so a retry resumes where the last one
stopped. An error line from the server (unknown tag, no route to the registry) fails the job
at once with the server's reason. The queue is saved to a JSON file after every change, so a
restarted app picks up where it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.pull import (
    PullAdvanced,
    PullEvent,
    PullPlanned,
    PullProgress,
    PullRetrying,
    PullSpaceUnchecked,
)
from desktop.core.transfer import SpeedMeter
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.models.pull_worker import (
    DISK_MARGIN,
    DiskFullError,
    Pull,
    Report,
    plan_pull,
)
from desktop.services.models.registry_lookup import registry_base
from desktop.services.tasks import Task, TaskRunner

__all__ = ["ACTIVE", "DiskFullError", "JobState", "PullJob", "PullQueue"]


class JobState(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = (JobState.QUEUED, JobState.RUNNING, JobState.RETRYING)


@dataclass(eq=False)
class PullJob:
    """One download. ``progress`` is the server's last word; ``parts`` (digest -> kind,
    from the registry's manifest) lets the UI say which part is downloading."""

    name: str
    expected_size: int | None = None
    state: JobState = JobState.QUEUED
    allow_host: bool = False  # the name names another registry, which the user allowed
    insecure: bool = False  # ... over plain HTTP, after a warning
    progress: PullProgress | None = None
    parts: dict[str, str] = field(default_factory=dict)
    completed: int = 0
    total: int = 0
    attempt: int = 0
    error: OllamaError | None = None
    retry_in: float = 0.0
    space_unchecked: bool = False  # size unknown and the registry could not tell it
    meter: SpeedMeter = field(default_factory=SpeedMeter)
    task: Task | None = None

    @property
    def rate(self) -> float | None:
        return self.meter.rate if self.state is JobState.RUNNING else None

    @property
    def eta(self) -> float | None:
        return self.meter.eta(self.total) if self.state is JobState.RUNNING and self.total else None

    @property
    def fraction(self) -> float | None:
        if self.state is JobState.DONE:
            return 1.0
        return min(1.0, self.completed / self.total) if self.total else None

    def to_json(self) -> dict[str, Any]:
        state = JobState.QUEUED if self.state in ACTIVE else self.state
        out: dict[str, Any] = {"name": self.name, "state": state.value}
        if self.allow_host:
            out["allow_host"] = True
        if self.insecure:
            out["insecure"] = True
        if self.expected_size is not None:
            out["expected_size"] = self.expected_size
        if self.parts:
            out["parts"] = [[d, k] for d, k in self.parts.items()]
        if self.error is not None:
            out["error"] = {"kind": self.error.kind.value, "detail": self.error.detail}
        return out


class PullQueue(QObject):
    """jobAdded(PullJob), jobChanged(PullJob), jobRemoved(PullJob),
    jobFinished(PullJob) once a job is done, failed or cancelled (for notifications).

    Pulls go through the app's one API client (``api()``, which follows host changes)."""

    jobAdded = Signal(PullJob)
    jobChanged = Signal(PullJob)
    jobRemoved = Signal(PullJob)
    jobFinished = Signal(PullJob)
    modelsChanged = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        api: Callable[[], OllamaApi],
        state_file: Path,
        *,
        stall_s: float = 60.0,
        retries: int = 5,
        retry_base_s: float = 1.0,
        free_disk: Callable[[], tuple[int, str] | None] | None = None,
        registry_url: Callable[[], str] | None = None,
        autostart: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.api = api
        self.state_file = state_file
        self.stall_s = stall_s
        self.retries = retries
        self.retry_base_s = retry_base_s
        self.free_disk = free_disk
        self.registry_url = registry_url
        self.jobs: list[PullJob] = []
        self._stopping = False
        self._load()
        if autostart:
            self._next()

    # -- public API --------------------------------------------------------------------
    def enqueue(
        self,
        name: str,
        expected_size: int | None = None,
        *,
        allow_host: bool = False,
        insecure: bool = False,
        parts: tuple[tuple[str, str], ...] = (),
    ) -> PullJob:
        """Add a pull; raise OllamaError(INVALID_NAME) before anything is sent. A name with
        another registry's host needs ``allow_host`` (the user's opt-in for that host)."""
        try:
            parsed = parse_model_name(name, allow_host=allow_host)
        except InvalidNameError as e:
            raise OllamaError(ErrorKind.INVALID_NAME, f"{name!r}: {e.reason}") from None
        display = parsed.display
        for job in self.jobs:
            if job.name.lower() == display.lower() and job.state in ACTIVE:
                return job
        for old in [j for j in self.jobs if j.name.lower() == display.lower()]:
            self.jobs.remove(old)  # a finished try of the same name: the new one replaces it
            self.jobRemoved.emit(old)
        custom = parsed.has_custom_host
        job = PullJob(display, expected_size, allow_host=custom, insecure=custom and insecure)
        job.parts = dict(parts)
        self.jobs.append(job)
        self._save()
        self.jobAdded.emit(job)
        self._next()
        return job

    def cancel(self, job: PullJob) -> None:
        if job.state not in ACTIVE:
            return
        if job.task is not None and not job.task.done:
            job.task.cancel()  # the worker reports CANCELLED; _on_failed finishes the job
        else:
            self._finish(job, JobState.CANCELLED, OllamaError(ErrorKind.CANCELLED))

    def retry(self, job: PullJob) -> None:
        if job.state in (JobState.FAILED, JobState.CANCELLED):
            job.state, job.error, job.attempt = JobState.QUEUED, None, 0
            self._save()
            self.jobChanged.emit(job)
            self._next()

    def remove(self, job: PullJob) -> None:
        if job.state in ACTIVE:
            self.cancel(job)
        if job in self.jobs:
            self.jobs.remove(job)
            self._save()
            self.jobRemoved.emit(job)

    def learn_parts(self, name: str, parts: tuple[tuple[str, str], ...]) -> None:
        """The registry named the parts of ``name`` (digest, kind): tell its active job."""
        for job in self.jobs:
            if job.name.lower() == name.lower() and job.state in ACTIVE and not job.parts:
                job.parts = dict(parts)
                self.jobChanged.emit(job)

    def active_job(self) -> PullJob | None:
        for j in self.jobs:
            if j.state in (JobState.RUNNING, JobState.RETRYING):
                return j
        return None

    def shutdown(self) -> None:
        """Stop the running pull but keep it queued for the next start."""
        self._stopping = True
        self._save()
        for j in self.jobs:
            if j.task is not None and not j.task.done:
                j.task.cancel_token.cancel()

    # -- scheduling --------------------------------------------------------------------
    def _next(self) -> None:
        if self._stopping or self.active_job() is not None:
            return
        job = next((j for j in self.jobs if j.state is JobState.QUEUED), None)
        if job is None:
            return
        free = self.free_disk() if self.free_disk is not None else None
        if free is not None and job.expected_size:
            if free[0] < job.expected_size * DISK_MARGIN:
                self._finish(
                    job, JobState.FAILED, DiskFullError(int(job.expected_size * DISK_MARGIN), *free)
                )
                self._next()
                return
            free = None  # checked
        self._start(job, free)

    def _start(self, job: PullJob, unchecked_free: tuple[int, str] | None = None) -> None:
        """``unchecked_free``: the models folder's free space when the download size is
        still unknown; the worker asks the registry for it before pulling."""
        job.state, job.error, job.attempt = JobState.RUNNING, None, job.attempt + 1
        job.space_unchecked = False
        job.meter.reset()
        api, stall, retries, base = self.api(), self.stall_s, self.retries, self.retry_base_s
        name, insecure, allow_host = job.name, job.insecure, job.allow_host
        registry = ""  # asked (for the size and the parts) only when the size is unknown
        if self.registry_url is not None and not job.expected_size:
            default = self.registry_url()
            registry = registry_base(
                parse_model_name(name, allow_host=True), default, insecure=insecure
            )

        def op(token: CancelToken, report: Report) -> PullProgress:
            if registry or unchecked_free is not None:
                plan_pull(registry, name, allow_host, unchecked_free, report)
                token.check()
            pull = Pull(api, name, stall, allow_host=allow_host, insecure=insecure)
            return pull.with_retries(token, report, retries, base)

        job.task = self.runner.run(
            f"pull {name}",
            op,
            on_success=lambda result: self._on_succeeded(job, result),
            on_failure=lambda err: self._on_failed(job, err),
            on_progress=lambda event: self._on_progress(job, event),
        )
        self.jobChanged.emit(job)

    def _on_progress(self, job: PullJob, event: PullEvent) -> None:
        if isinstance(event, PullAdvanced):
            p = event.progress
            job.state, job.progress = JobState.RUNNING, p
            job.completed, job.total = p.completed, max(p.total, job.total)
            job.meter.feed(time.monotonic(), p.completed)
        elif isinstance(event, PullRetrying):
            job.state, job.attempt = JobState.RETRYING, event.attempt
            job.retry_in, job.error = event.delay, event.error
            job.meter.reset()
        elif isinstance(event, PullPlanned):
            job.expected_size, job.parts = event.size, dict(event.parts)
            self._save()
        elif isinstance(event, PullSpaceUnchecked):
            job.space_unchecked = True
        self.jobChanged.emit(job)

    def _on_succeeded(self, job: PullJob, result: PullProgress) -> None:
        # a real pull ends on `success` with its last line short of 100 %: done is whole
        job.total = max(job.total, result.total, job.expected_size or 0)
        job.completed, job.progress = job.total, result
        self._finish(job, JobState.DONE, None)
        self.modelsChanged.emit()

    def _on_failed(self, job: PullJob, error: OllamaError) -> None:
        state = JobState.CANCELLED if error.kind is ErrorKind.CANCELLED else JobState.FAILED
        self._finish(job, state, error)

    def _finish(self, job: PullJob, state: JobState, error: OllamaError | None) -> None:
        if self._stopping and state is JobState.CANCELLED:
            state, error = JobState.QUEUED, None  # stopped by quitting: resume next start
        job.state, job.error, job.task = state, error, None
        self._save()
        self.jobChanged.emit(job)
        self.jobFinished.emit(job)
        self._next()

    # -- persistence -------------------------------------------------------------------
    def _save(self) -> None:
        data = [j.to_json() for j in self.jobs if j.state is not JobState.DONE]
        with contextlib.suppress(OSError):
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.state_file.with_suffix(".tmp")
            tmp.write_text(json.dumps({"jobs": data}, indent=1), encoding="utf-8")
            os.replace(tmp, self.state_file)

    def _load(self) -> None:
        try:
            raw = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        for d in raw.get("jobs", []) if isinstance(raw, dict) else []:
            if not isinstance(d, dict) or not isinstance(d.get("name"), str):
                continue
            try:
                state = JobState(d.get("state", "queued"))
                parse_model_name(d["name"], allow_host=d.get("allow_host") is True)
            except (ValueError, InvalidNameError):
                continue
            size = d.get("expected_size")
            job = PullJob(d["name"], size if isinstance(size, int) else None, state)
            job.allow_host = d.get("allow_host") is True
            job.insecure = job.allow_host and d.get("insecure") is True
            parts = d.get("parts")
            if isinstance(parts, list):
                job.parts = {
                    str(p[0]): str(p[1]) for p in parts if isinstance(p, list) and len(p) == 2
                }
            err = d.get("error")
            if isinstance(err, dict):
                with contextlib.suppress(ValueError):
                    job.error = OllamaError(ErrorKind(err.get("kind")), str(err.get("detail", "")))
            self.jobs.append(job)
