"""The worker side of a model download (runs on a task thread, never touches Qt): ask the
registry what the model is made of, check the disk, then pull through the shared API client
with retries. Everything it has to say goes out as a typed PullEvent."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.core.api_types import ProgressEvent
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.pull import (
    PullAdvanced,
    PullEvent,
    PullPlanned,
    PullProgress,
    PullRetrying,
    PullSpaceUnchecked,
)
from desktop.core.transfer import backoff_delay
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.models.registry_lookup import fetch_registry_info

Report = Callable[[PullEvent], None]
RETRYABLE = {
    ErrorKind.CONNECTION_LOST,
    ErrorKind.TIMEOUT,
    ErrorKind.INCOMPLETE_STREAM,
    ErrorKind.CONNECTION_REFUSED,
    ErrorKind.MALFORMED,
    ErrorKind.BROKEN_ANSWER,  # a broken answer is not the registry's last word
    ErrorKind.BUSY,
}
REPORT_INTERVAL = 0.1  # seconds between progress signals (the UI repaints at most this often)
DISK_MARGIN = 1.02  # keep 2 % spare room beyond the download
LOOKUP_TIMEOUT_S = 5.0  # registry lookup before a pull


class DiskFullError(OllamaError):
    def __init__(self, needed: int, free: int, folder: str) -> None:
        super().__init__(ErrorKind.LOCAL_IO, f"needs {needed} bytes, {free} free in {folder}")
        self.needed, self.free, self.folder = needed, free, folder


def plan_pull(
    registry: str,
    name: str,
    allow_host: bool,
    free: tuple[int, str] | None,
    report: Report,
) -> None:
    """Worker thread, before a pull: ask the registry what the model is made of (for the
    part names and the size), and raise DiskFullError when ``free`` (the free space, given
    when the size was unknown) cannot hold it. An unreachable registry does not stop the
    pull; when the space could not be checked the job says so."""
    info = None
    if registry:
        with contextlib.suppress(OllamaError):
            info = fetch_registry_info(
                registry, name, timeout=LOOKUP_TIMEOUT_S, allow_host=allow_host
            )
    if info is not None and info.download_size:
        report(PullPlanned(info.download_size, info.parts))
    if free is None:
        return
    if info is None or not info.download_size:
        report(PullSpaceUnchecked())
        return
    if free[0] < info.download_size * DISK_MARGIN:
        raise DiskFullError(int(info.download_size * DISK_MARGIN), *free)


class _Watch:
    """Per attempt: throttle progress reports and raise TIMEOUT when the stream keeps
    talking but the byte count stops growing for ``stall_s`` seconds."""

    def __init__(self, report: Report, stall_s: float) -> None:
        self.report, self.stall_s = report, stall_s
        self.best = -1
        self.digest = ""
        self.last_gain = self.last_report = time.monotonic()
        self.last_report -= REPORT_INTERVAL

    def __call__(self, event: ProgressEvent, progress: PullProgress) -> None:
        now = time.monotonic()
        if progress.completed > self.best or not event.digest:
            self.best = max(self.best, progress.completed)
            self.last_gain = now
        elif now - self.last_gain > self.stall_s:
            raise OllamaError(ErrorKind.TIMEOUT, f"no progress for {self.stall_s:.0f} s")
        new_part = event.digest != self.digest  # a new part or stage is always told
        self.digest = event.digest
        if now - self.last_report >= REPORT_INTERVAL or new_part or not event.digest:
            self.last_report = now
            self.report(PullAdvanced(progress))


@dataclass(frozen=True)
class Pull:
    """Worker thread: one pull through the shared client, retried with back-off."""

    api: OllamaApi
    name: str
    stall_s: float
    allow_host: bool = False
    insecure: bool = False

    def with_retries(
        self, token: CancelToken, report: Report, retries: int, retry_base_s: float
    ) -> PullProgress:
        """Retry retryable failures until ``retries`` retries are used up. A silent
        stream times out after ``stall_s`` (the read timeout)."""
        pause = threading.Event()  # never set: an interruptible sleep
        attempt = 1
        while True:
            try:
                result = self.api.pull(
                    self.name,
                    _Watch(report, self.stall_s),
                    token,
                    allow_host=self.allow_host,
                    insecure=self.insecure,
                    stall_timeout=self.stall_s,
                )
                report(PullAdvanced(result))
                return result
            except OllamaError as e:
                if e.kind not in RETRYABLE or attempt > retries or token.cancelled:
                    raise
                delay = backoff_delay(attempt, retry_base_s)
                attempt += 1
                report(PullRetrying(attempt, delay, e))
                deadline = time.monotonic() + delay
                while time.monotonic() < deadline:
                    token.check()
                    pause.wait(min(0.05, max(0.0, deadline - time.monotonic())))
