"""Download speed and time left from progress samples, and retry backoff, for every
download the app makes (model pulls, Ollama releases). No I/O."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

WINDOW_S = 5.0


@dataclass
class SpeedMeter:
    """Bytes per second over the last few seconds (a sliding window, so a pause shows)."""

    window: float = WINDOW_S
    _samples: deque[tuple[float, int]] = field(default_factory=deque)

    def reset(self) -> None:
        self._samples.clear()

    def feed(self, t: float, completed: int) -> None:
        if self._samples and completed < self._samples[-1][1]:
            self._samples.clear()  # a new attempt restarted the count
        self._samples.append((t, completed))
        while len(self._samples) > 2 and t - self._samples[0][0] > self.window:
            self._samples.popleft()

    @property
    def rate(self) -> float | None:
        if len(self._samples) < 2:
            return None
        (t0, c0), (t1, c1) = self._samples[0], self._samples[-1]
        if t1 - t0 <= 0:
            return None
        return max(0.0, (c1 - c0) / (t1 - t0))

    def eta(self, total: int) -> float | None:
        """Seconds left for ``total`` bytes, None while the rate is unknown or zero."""
        rate = self.rate
        if not rate or not self._samples:
            return None
        return max(0.0, (total - self._samples[-1][1]) / rate)


def backoff_delay(attempt: int, base: float = 1.0, cap: float = 30.0) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...): doubling, capped."""
    return float(min(cap, base * (2 ** max(0, attempt - 1))))
