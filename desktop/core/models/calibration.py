"""Generation speed from this machine's own measurements. Arithmetic only, no I/O.

Model: generating one token costs a fixed time (sampling over the vocabulary, dispatching
the compute graph, thread hand-offs) plus the time to stream the bytes it reads (the active
weights and the KV cache) at the rate this machine achieves while generating::

    seconds per token = fixed + bytes per token / throughput

The copy test alone cannot give ``throughput``: on the machines the fixtures come from,
Gemma 3 270M generated at 0.47-0.51x the single-threaded copy figure on one and about 1.0x on
another. So a benchmark run of any installed model (its bytes per token and tokens/s) pins the
throughput of this machine; a second model of a clearly different size pins the fixed cost
too. With one model, every fixed cost between 0 and a prior bound fits it exactly; the
forecast range spans them, so it is exact for the benchmarked model and widens with the
distance in size from it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

# Prior bound on the fixed per-token work: at most 3 ms, and at most 35 % of the fastest
# measured token (Gemma 3 270M on 2 cores: 11.5-12.4 ms per token, 262k-token vocabulary).
FIXED_MAX_S = 0.003
FIXED_MAX_SHARE = 0.35
# Without any measurement: throughput between these shares of the copy figure (the two
# recorded machines: 0.47-0.51, and 1.0-1.2 against copy readings of 12.7-17.3 GB/s), fixed
# cost between 0 and FIXED_MAX_S.
UNCALIBRATED_SHARE = (0.45, 1.3)
NOISE = 0.05  # run-to-run and model-to-model spread added on each side of a calibrated range
SIZE_SPREAD = 1.5  # two models this far apart in bytes per token pin the fixed cost
MAX_MARGIN = 0.5  # runs that disagree more than this still give a usable (wide) range


@dataclass(frozen=True)
class SpeedSample:
    """One benchmarked model: bytes read per generated token and the measured rate."""

    model: str
    bytes_per_token: float
    tokens_per_s: float  # median of the runs
    runs: int = 1
    spread: float = 0.0  # (max - min) / median of the runs


@dataclass(frozen=True)
class MachineModel:
    """One hypothesis: seconds per token = fixed_s + bytes / throughput."""

    fixed_s: float
    throughput: float  # bytes per second while generating

    def tokens_per_s(self, bytes_per_token: float) -> float:
        return 1.0 / (self.fixed_s + bytes_per_token / self.throughput)


@dataclass(frozen=True)
class Calibration:
    """What this machine's benchmarks say about generation speed."""

    point: MachineModel  # the best single guess
    hypotheses: tuple[MachineModel, ...]  # every model the measurements allow
    margin: float  # relative widening on each side of a range
    basis: tuple[str, ...] = field(default_factory=tuple)  # benchmarked models
    runs: int = 0
    fixed_cost_fitted: bool = False  # True when two model sizes pinned the fixed cost

    def speed_range(self, bytes_low: float, bytes_high: float) -> tuple[float, float]:
        """(low, high) tokens/s for a model reading bytes_low (empty context) to
        bytes_high (full context) per token."""
        speeds = [h.tokens_per_s(b) for h in self.hypotheses for b in (bytes_low, bytes_high)]
        return min(speeds) * (1 - self.margin), max(speeds) * (1 + self.margin)

    def estimate(self, bytes_per_token: float) -> float:
        return self.point.tokens_per_s(bytes_per_token)

    def efficiency(self, copy_bandwidth: float) -> float:
        """Achieved generating throughput as a share of the copy-test figure."""
        return self.point.throughput / copy_bandwidth if copy_bandwidth > 0 else 0.0


def _throughput(samples: list[SpeedSample], fixed: float) -> float:
    """Throughput that fits every sample best (median) for a given fixed cost."""
    rates = [s.bytes_per_token / (1.0 / s.tokens_per_s - fixed) for s in samples]
    return statistics.median(rates)


def _least_squares(samples: list[SpeedSample]) -> tuple[float, float]:
    """(fixed, seconds per byte) minimising relative error of the per-token time."""
    ts = [1.0 / s.tokens_per_s for s in samples]
    bs = [s.bytes_per_token for s in samples]
    ws = [1.0 / (t * t) for t in ts]
    sw = sum(ws)
    mb = sum(w * b for w, b in zip(ws, bs, strict=True)) / sw
    mt = sum(w * t for w, t in zip(ws, ts, strict=True)) / sw
    var = sum(w * (b - mb) ** 2 for w, b in zip(ws, bs, strict=True))
    cov = sum(w * (b - mb) * (t - mt) for w, b, t in zip(ws, bs, ts, strict=True))
    slope = cov / var if var > 0 else 0.0
    return mt - slope * mb, slope


def fit(samples: list[SpeedSample]) -> Calibration | None:
    """Fit this machine from its benchmarked models (None without a usable sample)."""
    good = [s for s in samples if s.tokens_per_s > 0 and s.bytes_per_token > 0]
    if not good:
        return None
    fastest = min(1.0 / s.tokens_per_s for s in good)
    fixed_max = min(FIXED_MAX_S, FIXED_MAX_SHARE * fastest)
    noise = NOISE + max(s.spread for s in good) / 2
    names = tuple(sorted({s.model for s in good}))
    runs = sum(s.runs for s in good)
    sizes = [s.bytes_per_token for s in good]
    if len(names) >= 2 and max(sizes) / min(sizes) >= SIZE_SPREAD:
        fixed, slope = _least_squares(good)
        if slope > 0:  # larger models slower, as they must be; else the runs disagree
            fixed = min(max(fixed, 0.0), fixed_max)
            point = MachineModel(fixed, _throughput(good, fixed))
            residuals = [
                abs(point.tokens_per_s(s.bytes_per_token) / s.tokens_per_s - 1) for s in good
            ]
            margin = min(MAX_MARGIN, noise + max(residuals))
            return Calibration(point, (point,), margin, names, runs, True)
    noise = min(MAX_MARGIN, noise)
    hyps = tuple(MachineModel(f, _throughput(good, f)) for f in (0.0, fixed_max))
    mid = fixed_max / 2
    return Calibration(MachineModel(mid, _throughput(good, mid)), hyps, noise, names, runs)


def uncalibrated_range(
    bytes_low: float, bytes_high: float, copy_bandwidth: float
) -> tuple[float, float]:
    """(low, high) tokens/s from the copy figure alone: wide, and says nothing exact."""
    lo_share, hi_share = UNCALIBRATED_SHARE
    low = 1.0 / (FIXED_MAX_S + bytes_high / (copy_bandwidth * lo_share))
    high = copy_bandwidth * hi_share / bytes_low
    return low, high
