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
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.api_types import ProgressEvent
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.pull import PullProgress
from desktop.core.transfer import SpeedMeter, backoff_delay
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.models.registry_lookup import fetch_registry_info
from desktop.services.tasks import Task, TaskRunner

RETRYABLE = {
    ErrorKind.CONNECTION_LOST,
    ErrorKind.TIMEOUT,
    ErrorKind.INCOMPLETE_STREAM,
    ErrorKind.CONNECTION_REFUSED,
    ErrorKind.MALFORMED,
    ErrorKind.BUSY,
}
REPORT_INTERVAL = 0.1  # seconds between progress signals (the UI repaints at most this often)
DISK_MARGIN = 1.02  # keep 2 % spare room beyond the download
LOOKUP_TIMEOUT_S = 5.0  # registry size lookup before a pull of unknown size


class JobState(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    RETRYING = "retrying"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = (JobState.QUEUED, JobState.RUNNING, JobState.RETRYING)


@dataclass
class PullJob:
    name: str
    expected_size: int | None = None
    state: JobState = JobState.QUEUED
    status: str = ""  # the server's last status line
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
        if self.expected_size is not None:
            out["expected_size"] = self.expected_size
        if self.error is not None:
            out["error"] = {"kind": self.error.kind.value, "detail": self.error.detail}
        return out


class DiskFullError(OllamaError):
    def __init__(self, needed: int, free: int, folder: str) -> None:
        super().__init__(ErrorKind.LOCAL_IO, f"needs {needed} bytes, {free} free in {folder}")
        self.needed, self.free, self.folder = needed, free, folder


class PullQueue(QObject):
    """jobAdded(PullJob), jobChanged(PullJob), jobRemoved(PullJob),
    jobFinished(PullJob) once a job is done, failed or cancelled (for notifications)."""

    jobAdded = Signal(object)
    jobChanged = Signal(object)
    jobRemoved = Signal(object)
    jobFinished = Signal(object)
    modelsChanged = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        base_url: Callable[[], str],
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
        self.base_url = base_url
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
    def enqueue(self, name: str, expected_size: int | None = None) -> PullJob:
        """Add a pull; raise OllamaError(INVALID_NAME) before anything is sent."""
        try:
            parsed = parse_model_name(name)
        except InvalidNameError as e:
            raise OllamaError(ErrorKind.INVALID_NAME, f"{name!r}: {e.reason}") from None
        display = parsed.display
        for job in self.jobs:
            if job.name.lower() == display.lower() and job.state in ACTIVE:
                return job
        self.jobs = [j for j in self.jobs if j.name.lower() != display.lower()]
        job = PullJob(display, expected_size)
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
        base_url, stall, retries = self.base_url(), self.stall_s, self.retries
        base = self.retry_base_s
        name = job.name
        registry = self.registry_url() if self.registry_url and unchecked_free else ""

        def op(token: CancelToken, report: Callable[[Any], None]) -> PullProgress:
            if unchecked_free is not None:
                _check_space(registry, name, unchecked_free, report)
                token.check()
            return _pull_with_retries(base_url, name, token, report, stall, retries, base)

        def wire(task: Task) -> None:
            job.task = task
            task.progressed.connect(lambda msg: self._on_progress(job, msg))
            task.succeeded.connect(lambda result: self._on_succeeded(job, result))
            task.failed.connect(lambda err: self._on_failed(job, err))

        self.runner.submit(f"pull {name}", op, wire)
        self.jobChanged.emit(job)

    def _on_progress(self, job: PullJob, msg: tuple[Any, ...]) -> None:
        kind = msg[0]
        if kind == "progress":
            progress: PullProgress = msg[1]
            job.state, job.status = JobState.RUNNING, progress.status
            job.completed, job.total = progress.completed, progress.total
            job.meter.feed(time.monotonic(), progress.completed)
        elif kind == "retry":
            job.state, job.attempt, job.retry_in, job.error = (
                JobState.RETRYING,
                msg[1],
                msg[2],
                msg[3],
            )
            job.meter.reset()
        elif kind == "size":
            job.expected_size = msg[1]
            self._save()
        elif kind == "unchecked":
            job.space_unchecked = True
        self.jobChanged.emit(job)

    def _on_succeeded(self, job: PullJob, result: PullProgress) -> None:
        job.completed = max(job.completed, result.completed)
        job.total = max(job.total, result.total)
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
                parse_model_name(d["name"])
            except (ValueError, InvalidNameError):
                continue
            size = d.get("expected_size")
            job = PullJob(d["name"], size if isinstance(size, int) else None, state)
            err = d.get("error")
            if isinstance(err, dict):
                with contextlib.suppress(ValueError):
                    job.error = OllamaError(ErrorKind(err.get("kind")), str(err.get("detail", "")))
            self.jobs.append(job)


def _check_space(
    registry: str, name: str, free: tuple[int, str], report: Callable[[Any], None]
) -> None:
    """Worker thread, before a pull of unknown size: ask the registry for the size and
    raise DiskFullError when it cannot fit. An unreachable registry (or none configured)
    does not stop the pull; the job is marked as not checked."""
    size = 0
    if registry:
        with contextlib.suppress(OllamaError):
            size = fetch_registry_info(registry, name, timeout=LOOKUP_TIMEOUT_S).download_size
    if not size:
        report(("unchecked",))
        return
    report(("size", size))
    if free[0] < size * DISK_MARGIN:
        raise DiskFullError(int(size * DISK_MARGIN), *free)


class _Watch:
    """Per attempt: throttle progress reports and raise TIMEOUT when the stream keeps
    talking but the byte count stops growing for ``stall_s`` seconds."""

    def __init__(self, report: Callable[[Any], None], stall_s: float) -> None:
        self.report, self.stall_s = report, stall_s
        self.best = -1
        self.last_gain = self.last_report = time.monotonic()
        self.last_report -= REPORT_INTERVAL

    def __call__(self, event: ProgressEvent, progress: PullProgress) -> None:
        now = time.monotonic()
        if progress.completed > self.best or not event.digest:
            self.best = max(self.best, progress.completed)
            self.last_gain = now
        elif now - self.last_gain > self.stall_s:
            raise OllamaError(ErrorKind.TIMEOUT, f"no progress for {self.stall_s:.0f} s")
        if now - self.last_report >= REPORT_INTERVAL or not event.digest:
            self.last_report = now
            self.report(("progress", progress))


def _pull_with_retries(
    base_url: str,
    name: str,
    token: CancelToken,
    report: Callable[[Any], None],
    stall_s: float,
    retries: int,
    retry_base_s: float,
) -> PullProgress:
    """Worker thread: pull, retrying retryable failures with back-off until ``retries``
    retries are used up. A silent stream times out after ``stall_s`` (the read timeout)."""
    pause = threading.Event()  # never set: an interruptible sleep
    attempt = 1
    while True:
        api = OllamaApi(base_url, stall_timeout=stall_s)
        try:
            result = api.pull(name, _Watch(report, stall_s), token)
            report(("progress", result))
            return result
        except OllamaError as e:
            if e.kind not in RETRYABLE or attempt > retries or token.cancelled:
                raise
            delay = backoff_delay(attempt, retry_base_s)
            attempt += 1
            report(("retry", attempt, delay, e))
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline:
                token.check()
                pause.wait(min(0.05, max(0.0, deadline - time.monotonic())))
        finally:
            api.close()
