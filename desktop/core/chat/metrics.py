"""Live and final speed figures for one answer, and short rolling series for charts."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from desktop.core.api_types import NS_PER_S, GenerationStats


@dataclass(frozen=True)
class LiveStats:
    tokens: int
    tokens_per_second: float | None  # tokens received / seconds since the first token
    ttft_s: float | None  # request sent -> first token (includes model load)
    elapsed_s: float


class LiveMeter:
    """Counts streamed chunks (Ollama sends one token per chunk) against a clock the caller
    supplies, so it is exact in tests and cheap (no clock reads of its own)."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.first: float | None = None
        self.last: float | None = None
        self.tokens = 0

    def add(self, count: int, now: float) -> None:
        if count <= 0:
            return
        if self.first is None:
            self.first = now
        self.last = now
        self.tokens += count

    def snapshot(self, now: float) -> LiveStats:
        rate: float | None = None
        if self.first is not None and self.tokens > 1 and now > self.first:
            # the first token opens the clock, so it is not counted as produced in it
            rate = (self.tokens - 1) / (now - self.first)
        ttft = None if self.first is None else self.first - self.started
        return LiveStats(self.tokens, rate, ttft, max(0.0, now - self.started))


# the figures only the server knows, and sends with an answer's last line
NOT_SENT = ("load_duration", "prompt_eval_count", "prompt_eval_duration")


def counted_stats(live: LiveStats) -> GenerationStats | None:
    """The figures of an answer that ended early (Stop, or an error mid-answer), as the app
    counted them: the server sends its own only with an answer's last line. Tokens, speed
    and time are known; model load and prompt reading are marked ``unavailable``."""
    if live.tokens <= 0:
        return None
    rate = live.tokens_per_second
    return GenerationStats(
        total_duration=int(live.elapsed_s * NS_PER_S),
        eval_count=live.tokens,
        eval_duration=int(live.tokens / rate * NS_PER_S) if rate else 0,
        unavailable=NOT_SENT,
    )


@dataclass(frozen=True)
class FinalStats:
    """What a finished answer's footer shows, from the server's nanosecond fields."""

    tokens: int
    tokens_per_second: float | None
    prompt_tokens: int
    prompt_tokens_per_second: float | None
    load_s: float | None
    total_s: float | None
    done_reason: str
    unknown: tuple[str, ...] = ()  # metrics not reported (GenerationStats.unavailable)

    @classmethod
    def from_stats(cls, s: GenerationStats) -> FinalStats:
        return cls(
            tokens=s.eval_count,
            tokens_per_second=s.tokens_per_second,
            prompt_tokens=s.prompt_eval_count,
            prompt_tokens_per_second=s.prompt_tokens_per_second,
            load_s=s.load_duration / NS_PER_S if s.load_duration > 0 else None,
            total_s=s.total_duration / NS_PER_S if s.total_duration > 0 else None,
            done_reason=s.done_reason,
            unknown=s.unavailable,
        )

    @property
    def load_known(self) -> bool:
        return "load_duration" not in self.unknown

    @property
    def prompt_known(self) -> bool:
        return not {"prompt_eval_count", "prompt_eval_duration"} & set(self.unknown)


class Series:
    """A fixed-length ring of samples (one a second) for a sparkline; None = no value."""

    def __init__(self, capacity: int = 300) -> None:
        self._values: deque[float | None] = deque(maxlen=capacity)
        self.capacity = capacity
        self.pushed = 0  # values pushed ever: a chart redraws only what is new since

    def push(self, value: float | None) -> None:
        self._values.append(value)
        self.pushed += 1

    def newest(self, n: int) -> list[float | None]:
        """The last ``n`` values (fewer if the series holds fewer), oldest first."""
        n = min(n, len(self._values))
        out = [self._values[-1 - i] for i in range(n)]
        out.reverse()
        return out

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[float | None]:
        return iter(self._values)

    def latest(self) -> float | None:
        return self._values[-1] if self._values else None

    def peak(self) -> float:
        return max((v for v in self._values if v is not None), default=0.0)


def swap_grew(start_bytes: int, now_bytes: int, threshold: int = 64 * 1024 * 1024) -> bool:
    """True when swap in use rose by more than ``threshold`` since the answer started: the
    model (with its context) probably does not fit in RAM."""
    return now_bytes - start_bytes > threshold
