"""Pull progress, aggregated over layers (a pull reports each blob separately)."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.api_types import ProgressEvent


@dataclass(frozen=True)
class PullProgress:
    status: str
    completed: int
    total: int
    layers: int
    done: bool

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
    done: bool = False

    def feed(self, event: ProgressEvent) -> PullProgress:
        self.status = event.status
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
        return PullProgress(self.status, completed, total, len(self._layers), self.done)
