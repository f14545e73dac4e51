"""Pull progress: aggregated over layers (a pull reports each blob separately), the typed
events a pull worker reports, and the stage a pull is in, in terms a person can follow."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from desktop.core.api_types import ProgressEvent
from desktop.core.errors import OllamaError


@dataclass(frozen=True)
class PullProgress:
    status: str
    completed: int
    total: int
    layers: int
    done: bool
    digest: str = ""  # the layer the last line was about ("" on a plain status line)
    part: int = 0  # 1-based position of that layer in the order the pull reached it
    part_total: int = 0  # that layer's size

    @property
    def fraction(self) -> float | None:
        if self.done:
            return 1.0
        if self.total <= 0:
            return None
        return min(1.0, self.completed / self.total)


@dataclass
class PullAggregator:
    """Sum `total`/`completed` per distinct digest. `success` alone marks the end: a real
    pull can finish with its last progress line short of 100 %."""

    _layers: dict[str, tuple[int, int]] = field(default_factory=dict)
    status: str = ""
    digest: str = ""
    done: bool = False

    def feed(self, event: ProgressEvent) -> PullProgress:
        self.status = event.status
        self.digest = event.digest
        if event.digest:
            prev_done = self._layers.get(event.digest, (0, 0))[0]
            # progress never goes backwards within one pull attempt
            self._layers[event.digest] = (max(prev_done, event.completed), event.total)
        if event.status == "success":
            self.done = True
        return self.snapshot()

    def snapshot(self) -> PullProgress:
        completed = sum(c for c, _ in self._layers.values())
        total = sum(t for _, t in self._layers.values())
        part = list(self._layers).index(self.digest) + 1 if self.digest in self._layers else 0
        size = self._layers[self.digest][1] if part else 0
        return PullProgress(
            self.status, completed, total, len(self._layers), self.done, self.digest, part, size
        )


# --- what a pull worker reports (one typed event per kind, no tuples) ---------------------


@dataclass(frozen=True)
class PullAdvanced:
    """Bytes arrived (or the server moved to its next status line)."""

    progress: PullProgress


@dataclass(frozen=True)
class PullRetrying:
    """The attempt failed with a retryable error; attempt ``attempt`` starts in ``delay`` s."""

    attempt: int
    delay: float
    error: OllamaError


@dataclass(frozen=True)
class PullPlanned:
    """The registry said what the pull is made of: its size and each part's kind."""

    size: int
    parts: tuple[tuple[str, str], ...]  # (digest, kind), layers then the config


@dataclass(frozen=True)
class PullSpaceUnchecked:
    """The size is unknown (no registry answer), so free disk space could not be checked."""


PullEvent = PullAdvanced | PullRetrying | PullPlanned | PullSpaceUnchecked


# --- the stage a pull is in ------------------------------------------------------------------


class PullStage(Enum):
    STARTING = "starting"
    MANIFEST = "manifest"  # asking the registry what the model is made of
    DOWNLOADING = "downloading"  # one part (see PullStep.kind)
    VERIFYING = "verifying"
    WRITING = "writing"
    CLEANING = "cleaning"
    DONE = "done"
    OTHER = "other"  # a status line this app does not know: shown as the server said it


# media type suffix (application/vnd.ollama.image.<kind>) -> the kind shown to people
PART_KINDS = ("model", "projector", "adapter", "template", "system", "params", "license")
BIG_PART = 16 << 20  # without a manifest, a part this big is taken to be the weights


@dataclass(frozen=True)
class PullStep:
    stage: PullStage
    kind: str = ""  # one of PART_KINDS, "config", or "" when unknown
    part: int = 0  # 1-based; 0 when not downloading
    parts: int = 0  # 0 when the number of parts is unknown
    status: str = ""  # the server's own words (for OTHER)


def part_kind(media_type: str) -> str:
    """`application/vnd.ollama.image.model` -> `model`; the config blob -> `config`."""
    tail = media_type.rsplit(".", 1)[-1]
    if tail in PART_KINDS:
        return tail
    return "config" if "container.image" in media_type or tail == "json" else ""


def pull_step(progress: PullProgress | None, parts: Mapping[str, str] | None = None) -> PullStep:
    """Where a pull stands. ``parts`` (digest -> kind, from the manifest) names each part
    and gives their number; without it the biggest part is taken to be the weights."""
    if progress is None:
        return PullStep(PullStage.STARTING)
    if progress.done:
        return PullStep(PullStage.DONE)
    status = progress.status
    if progress.digest:
        known = dict(parts or {})
        if progress.digest in known:
            part = list(known).index(progress.digest) + 1
            return PullStep(PullStage.DOWNLOADING, known[progress.digest], part, len(known))
        # no manifest (or another one than the server pulls): number the parts as they come
        kind = "model" if progress.part_total >= BIG_PART else ""
        return PullStep(PullStage.DOWNLOADING, kind, progress.part, 0)
    if status == "pulling manifest":
        return PullStep(PullStage.MANIFEST)
    if status.startswith("verifying"):
        return PullStep(PullStage.VERIFYING)
    if status.startswith("writing"):
        return PullStep(PullStage.WRITING)
    if "unused layers" in status:
        return PullStep(PullStage.CLEANING)
    if status == "success":
        return PullStep(PullStage.DONE)
    return PullStep(PullStage.OTHER, status=status)
