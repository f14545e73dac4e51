"""The steps from nothing to chatting, and the narrow ports the other features provide.

Onboarding knows no other feature: app.py hands it one callable per step (``Ports``),
adapted from the server, models and chat features. Each port is given a ``StepCall`` to
report on and returns how to cancel it (or None when it finished at once). A port decides
itself whether its step is needed: "install Ollama" reports ``succeeded(skipped=True)`` when
a server answers or an install is known, "start" when a server already answers. So a Retry
can simply run every step again: what is done is skipped in a moment, and the download
resumes where it stopped (Ollama keeps the parts it has).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from desktop.core.errors import ErrorKind, OllamaError


class StepId(Enum):
    INSTALL = "install"  # install Ollama for this user (verified download) if none is found
    START = "start"  # start the app's own `ollama serve` unless a server answers
    PULL = "pull"  # download the chosen model
    OPEN = "open"  # a new chat with that model, ready to type


STEPS = (StepId.INSTALL, StepId.START, StepId.PULL, StepId.OPEN)


class StepState(Enum):
    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"  # done now, or found already done (skipped)
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class StepProgress:
    """Progress of a running step; ``total`` 0 when unknown (a busy indicator)."""

    step: StepId
    done: int = 0
    total: int = 0
    status: str = ""  # a short status line from the feature doing the work (plain text)


@dataclass(frozen=True)
class StepFailure:
    """Why a step failed: the error kind for code, and the owning feature's sentence."""

    step: StepId
    error: OllamaError
    text: str


class StepCall:
    """What one attempt of one step reports through. Reports after the attempt ended
    (cancelled, superseded by a retry) are ignored, so a late answer cannot move the
    machine."""

    def __init__(
        self,
        step: StepId,
        on_progress: Callable[[StepProgress], None],
        on_done: Callable[[StepId, bool], None],
        on_failed: Callable[[StepFailure], None],
    ) -> None:
        self.step = step
        self._on_progress = on_progress
        self._on_done = on_done
        self._on_failed = on_failed
        self.open = True

    def progress(self, done: int = 0, total: int = 0, status: str = "") -> None:
        if self.open:
            self._on_progress(StepProgress(self.step, done, total, status))

    def succeeded(self, skipped: bool = False) -> None:
        if self.open:
            self.open = False
            self._on_done(self.step, skipped)

    def failed(self, error: OllamaError, text: str = "") -> None:
        if self.open:
            self.open = False
            self._on_failed(StepFailure(self.step, error, text or error.detail))

    def close(self) -> None:
        self.open = False


Cancel = Callable[[], None]
StepPort = Callable[[StepCall], Cancel | None]
ModelPort = Callable[[str, StepCall], Cancel | None]


@dataclass(frozen=True)
class Ports:
    """The four things onboarding asks of the rest of the app (built in app.py)."""

    install_if_missing: StepPort
    start_server: StepPort
    pull: ModelPort
    open_chat: ModelPort


class Problem(Enum):
    """What went wrong with a download, in the terms a person can act on."""

    NO_NETWORK = "no_network"  # no network: the registry's name could not even be looked up
    REGISTRY_UNREACHABLE = "registry_unreachable"  # the network works; the registry does not
    DISK_FULL = "disk_full"  # not enough free space for the model
    INTERRUPTED = "interrupted"  # the transfer broke off; the parts downloaded are kept
    UNKNOWN_MODEL = "unknown_model"  # the registry has no such model or tag
    OTHER = "other"

    @property
    def offline_routes(self) -> bool:
        """Whether to offer what works without the registry (import a file, another
        registry, another server)."""
        return self in (
            Problem.NO_NETWORK,
            Problem.REGISTRY_UNREACHABLE,
            Problem.DISK_FULL,
            Problem.UNKNOWN_MODEL,
            Problem.OTHER,
        )


# Ollama's own words (Go's net package), recorded from a real 0.33.0-rc2: see
# tests/fixtures/ollama-0.33.0-rc2/pull_offline.ndjson and pull_registry_*.ndjson
_NO_NETWORK = (
    "no such host",  # DNS: offline, or a registry name that does not exist
    "temporary failure in name resolution",
    "server misbehaving",
    "network is unreachable",
    "no route to host",
)
_UNREACHABLE = (
    "connection refused",
    "i/o timeout",
    "tls handshake timeout",
    "connection reset",
    "tls:",
    "x509:",
    "certificate",
    "no location header",  # ollama#7244: a registry that serves blobs without a redirect
)
_NO_SPACE = ("no space left on device", "not enough space", "disk full")
_UNKNOWN = ("file does not exist", "manifest unknown", "not found")
_REGISTRY_STATUS = re.compile(r"pull model manifest: (5\d\d)\b")  # "...: 503: down"
_HOST = re.compile(r'(?:"https?://|lookup )([A-Za-z0-9.\-:\[\]]{1,253})')


def download_problem(error: OllamaError) -> Problem:
    """Classify a failed pull from the error kind and Ollama's own words. LOCAL_IO in a
    pull is the app's own free-space check (DiskFullError)."""
    detail = error.detail.lower()
    if error.kind is ErrorKind.LOCAL_IO or any(s in detail for s in _NO_SPACE):
        return Problem.DISK_FULL
    if any(s in detail for s in _NO_NETWORK):
        return Problem.NO_NETWORK
    if error.kind is ErrorKind.STREAM_ERROR and (
        any(s in detail for s in _UNREACHABLE) or _REGISTRY_STATUS.search(detail)
    ):
        return Problem.REGISTRY_UNREACHABLE
    if error.kind is ErrorKind.NOT_FOUND or any(s in detail for s in _UNKNOWN):
        return Problem.UNKNOWN_MODEL
    if error.kind in (
        ErrorKind.CONNECTION_LOST,
        ErrorKind.INCOMPLETE_STREAM,
        ErrorKind.BROKEN_ANSWER,
        ErrorKind.TIMEOUT,
        ErrorKind.CONNECTION_REFUSED,
    ):
        return Problem.INTERRUPTED
    return Problem.OTHER


def registry_host(error: OllamaError) -> str:
    """The registry a failed pull tried ("registry.ollama.ai"), from Ollama's words ("")."""
    found = _HOST.search(error.detail)
    return found.group(1).rstrip(":") if found else ""
