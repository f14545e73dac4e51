"""Generation speed on this machine, from its own measurements. Arithmetic only, no I/O.

A token costs its fixed work plus the larger of its compute and its memory traffic (a soft
maximum: the two overlap, but not perfectly)::

    seconds = fixed / speed + (  (matmul / speed) ** 4 + (bytes / bandwidth) ** 4  ) ** (1/4)

``fixed`` and ``matmul`` are in Q8_0-weight units (core/models/token_work: the tensor types'
relative costs and the fixed per-token work), ``bytes`` the weights and KV cache read.
``speed`` (units per second) and ``bandwidth`` (what the cores read while generating) are
this machine's. Where one runs out first depends on the machine: with few fast cores and
fast memory the arithmetic does, and Q8_0 runs as fast as Q4_K_M; where each core streams
memory slowly (a busy VM, a laptop on battery) the bytes decide, and Q8_0 is slower by its
size.

One benchmark gives one equation for the two. The forecast spans every balance between
them (``BALANCE``) whose bandwidth is plausible for the memory read test (core/read_test:
all generating threads reading at once; 0.5-1.2x its figure) and takes as its point the
machine that reads at 3/4 of that figure while generating. (Resting on a one-thread copy
test, it called a 2-core EPYC memory-bound, which it is not: 4B at 4 bits was forecast at
6.8 tok/s and ran at 10.7-11.5; see tests/fixtures/real-speed/sizes.) A model
doing much the same per byte as the benchmarked one is forecast tightly; one whose compute
per byte differs (another type mix, size or share of fixed work) gets a wider range. With
models of different sizes the bandwidth, the speed and the weight of the fixed work are
fitted to all of them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desktop.core.models.token_work import Work, mix_distance

BLEND_POWER = 4.0
# generating read bandwidth / the read test's figure (core/read_test.py): low, point, high
BANDWIDTH_SHARE = (0.5, 0.75, 1.0)
BANDWIDTH_PRIOR = (0.5, 1.2)  # what a benchmark may show it to be, against the read figure
# compute time / memory time of a benchmarked model: one benchmark cannot tell them apart;
# the forecast spans every balance whose bandwidth the read test makes plausible, and takes
# as its point the one that reads at BANDWIDTH_SHARE[1] of the read figure
BALANCE = (0.35, 0.5, 0.71, 1.0, 1.41, 2.0, 2.83, 4.0)
NO_READ_BANDWIDTH = 40e9  # bytes/s assumed when the read test has not run
# Without any benchmark: Q8_0-weight units per second per core (a 2-thread AVX2 EPYC does
# about 23e9 on 2 cores; older or low-power cores a third of that per core).
UNCALIBRATED_PER_CORE = (4e9, 8e9, 16e9)
TYPICAL_CORES = 4  # when the core count is not known
NOISE = 0.04  # run-to-run spread added on each side of a calibrated range
MIX_UNCERTAINTY = 0.10  # how far the type-cost priors may be off between unlike mixes (measured)
SIZE_UNCERTAINTY = 0.03  # per factor e between the compute of two models
SIZE_UNCERTAINTY_MAX = 0.08
FIXED_UNCERTAINTY = 0.3  # how far the fixed-work prior may be off, times its share difference
MAX_MARGIN = 0.5
FIXED_SCALES = (0.5, 0.7, 1.0, 1.4, 2.0)  # tried when models of different sizes were measured
FIXED_PRIOR_WEIGHT = 0.02  # how much the fit prefers the prior fixed work (log-squared)


@dataclass(frozen=True)
class SpeedSample:
    """One benchmarked model: the work of its tokens (mid-answer) and the measured rate."""

    model: str
    work: Work
    tokens_per_s: float  # median of the runs
    runs: int = 1
    spread: float = 0.0  # (max - min) / median of the runs


@dataclass(frozen=True)
class MachineModel:
    """One hypothesis about this machine."""

    speed: float  # Q8_0-weight units per second, every generating thread together
    bandwidth: float  # bytes per second while generating
    fixed_scale: float = 1.0  # the fixed work runs on one core: the threads' count (fitted)

    def seconds(self, w: Work) -> float:
        compute = w.matmul / self.speed
        memory = w.bytes / self.bandwidth
        p = BLEND_POWER
        blended: float = (compute**p + memory**p) ** (1 / p)
        return w.fixed * self.fixed_scale / self.speed + blended

    def tokens_per_s(self, w: Work) -> float:
        return 1.0 / self.seconds(w)

    def memory_bound(self, w: Work) -> bool:
        return w.bytes / self.bandwidth > w.matmul / self.speed


@dataclass(frozen=True)
class Calibration:
    """What this machine's benchmarks (or, uncalibrated, its core count and read test) say
    about generation speed."""

    point: MachineModel  # the best single guess
    hypotheses: tuple[MachineModel, ...]  # every machine the measurements allow
    margin: float  # run noise and fit residuals, on each side of a range
    basis: tuple[str, ...] = ()  # benchmarked models
    runs: int = 0
    references: tuple[Work, ...] = ()  # the benchmarked models' tokens
    fitted: bool = False  # models of different sizes pinned bandwidth and fixed work
    calibrated: bool = True  # False: no benchmark, a wide prior

    def margin_for(self, w: Work) -> float:
        """Relative widening on each side for a model doing ``w``: the farther its work is
        from every benchmarked model's, the less the priors are checked by a measurement."""
        if not self.references:
            return self.margin
        near = min(_distance(w, r) for r in self.references)
        return min(MAX_MARGIN, self.margin + near + w.guess)

    def speed_range(self, empty: Work, full: Work) -> tuple[float, float]:
        """(low, high) tokens/s for a model whose tokens do ``empty`` (no context yet) to
        ``full`` (the context full) work."""
        speeds = [h.tokens_per_s(w) for h in self.hypotheses for w in (empty, full)]
        m = self.margin_for(empty)
        return min(speeds) * (1 - m), max(speeds) * (1 + m)

    def estimate(self, w: Work) -> float:
        return self.point.tokens_per_s(w)

    def efficiency(self, read_bandwidth: float) -> float:
        """The generating read bandwidth this calibration assumes, against the read figure."""
        return self.point.bandwidth / read_bandwidth if read_bandwidth > 0 else 0.0


def _distance(w: Work, ref: Work) -> float:
    mix = MIX_UNCERTAINTY * mix_distance(w, ref)
    size = SIZE_UNCERTAINTY * abs(math.log(max(w.matmul, 1.0) / max(ref.matmul, 1.0)))
    fixed = FIXED_UNCERTAINTY * abs(w.fixed / w.units - ref.fixed / ref.units)
    return mix + min(SIZE_UNCERTAINTY_MAX, size) + fixed


def solve_speed(w: Work, tokens_per_s: float, bandwidth: float, fixed_scale: float = 1.0) -> float:
    """The compute speed at which a token of ``w`` takes 1/tokens_per_s at ``bandwidth``
    (0 when the memory traffic alone takes longer: the bandwidth must be higher)."""
    target = 1.0 / tokens_per_s
    if w.bytes / bandwidth >= target * 0.999:
        return 0.0
    lo, hi = math.log(1e3), math.log(1e18)
    for _ in range(80):  # seconds() falls as speed rises: bisect on its logarithm
        mid = (lo + hi) / 2
        if MachineModel(math.exp(mid), bandwidth, fixed_scale).seconds(w) > target:
            lo = mid
        else:
            hi = mid
    return math.exp((lo + hi) / 2)


def _valid(s: SpeedSample) -> bool:
    w = s.work
    figures = (s.tokens_per_s, w.matmul, w.fixed, w.bytes)
    return all(math.isfinite(x) and x > 0 for x in figures) and s.tokens_per_s < 1e6


def fit(
    samples: list[SpeedSample], read_bandwidth: float | None = None, threads: int = 1
) -> Calibration | None:
    """This machine from its benchmarked models (None without a usable one). ``threads``:
    how many threads Ollama generates with (its default: the physical cores)."""
    good = [s for s in samples if _valid(s)]
    if not good:
        return None
    read = _read_figure(read_bandwidth)
    names = tuple(sorted({s.model for s in good}))
    runs = sum(s.runs for s in good)
    noise = NOISE + max(s.spread for s in good) / 2
    refs = tuple(s.work for s in good)
    units = [s.work.units for s in good]
    n = max(1, threads)
    if len(names) >= 2 and max(units) / min(units) >= 1.5:
        cal = _fit_several(good, read, noise, names, runs, refs, n)
        if cal is not None:
            return cal
    hyps = _balanced_hypotheses(good, read, n)
    target = read * BANDWIDTH_SHARE[1]
    point = min(hyps, key=lambda h: abs(math.log(h[1].bandwidth / target)))[1]
    models = tuple(h for _b, h in hyps)
    return Calibration(point, models, min(MAX_MARGIN, noise), names, runs, refs)


def balanced(w: Work, tokens_per_s: float, balance: float, threads: int = 1) -> MachineModel:
    """The machine on which a token of ``w`` takes 1/tokens_per_s and its compute takes
    ``balance`` times its memory traffic (closed form: seconds = fixed x threads / speed +
    memory x (1 + balance^4)^(1/4), with speed = matmul / (balance x memory))."""
    t = 1.0 / tokens_per_s
    root = (1 + balance**BLEND_POWER) ** (1 / BLEND_POWER)
    memory = t / (w.fixed * threads * balance / w.matmul + root)
    return MachineModel(w.matmul / (balance * memory), w.bytes / memory, threads)


def _balanced_hypotheses(
    good: list[SpeedSample], read: float, threads: int
) -> list[tuple[float, MachineModel]]:
    """One benchmarked model cannot say whether this machine ran out of arithmetic or of
    memory: each balance between the two, kept where its bandwidth is plausible for the
    read test (every one, when none is: the measurement wins over the prior)."""
    lo, hi = BANDWIDTH_PRIOR
    out: list[tuple[float, MachineModel]] = []
    for b in BALANCE:
        each = [balanced(s.work, s.tokens_per_s, b, threads) for s in good]
        model = MachineModel(
            _geomean([m.speed for m in each]), _geomean([m.bandwidth for m in each]), threads
        )
        out.append((b, model))
    plausible = [(b, m) for b, m in out if lo * read <= m.bandwidth <= hi * read]
    return plausible or out


def _fit_several(
    good: list[SpeedSample],
    read: float,
    noise: float,
    names: tuple[str, ...],
    runs: int,
    refs: tuple[Work, ...],
    threads: int,
) -> Calibration | None:
    """Models of different sizes: search bandwidth and the fixed work's weight too."""
    lo, hi = BANDWIDTH_PRIOR
    # the read test's range, widened when a measurement reads faster than it allows
    need = max(s.work.bytes * s.tokens_per_s for s in good) * 1.05
    low, high = read * lo, max(read * hi, need * 1.6)
    scored: list[tuple[float, MachineModel]] = []
    for i in range(15):
        bw = low * (high / low) ** (i / 14)
        for f in (x * threads for x in FIXED_SCALES):
            speeds = [solve_speed(s.work, s.tokens_per_s, bw, f) for s in good]
            if not all(speeds):
                continue
            model = MachineModel(_geomean(speeds), bw, f)
            err = sum(math.log(model.tokens_per_s(s.work) / s.tokens_per_s) ** 2 for s in good)
            scored.append((err + FIXED_PRIOR_WEIGHT * math.log(f / threads) ** 2, model))
    if not scored:
        return None
    best_err, best = min(scored, key=lambda e: e[0])
    tolerance = best_err + len(good) * NOISE**2
    hyps = tuple(m for e, m in scored if e <= tolerance)
    residual = max(abs(best.tokens_per_s(s.work) / s.tokens_per_s - 1) for s in good)
    margin = min(MAX_MARGIN, noise + residual)
    return Calibration(best, hyps, margin, names, runs, refs, fitted=True)


def uncalibrated(read_bandwidth: float | None, cores: int) -> Calibration:
    """No benchmark yet: a wide range from the core count and the read test."""
    read = _read_figure(read_bandwidth)
    n = cores if cores > 0 else TYPICAL_CORES
    lo, mid, hi = (x * n for x in UNCALIBRATED_PER_CORE)
    b_lo, b_mid, b_hi = (read * s for s in BANDWIDTH_SHARE)
    hyps = (MachineModel(lo, b_lo, n), MachineModel(hi, b_hi, n))
    return Calibration(MachineModel(mid, b_mid, n), hyps, 0.0, calibrated=False)


def _read_figure(read_bandwidth: float | None) -> float:
    """The read test's figure, or what is assumed before it has run."""
    return read_bandwidth if read_bandwidth and read_bandwidth > 0 else NO_READ_BANDWIDTH


def _geomean(xs: list[float]) -> float:
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


# the fields a JSON report shows about a calibration
def describe(cal: Calibration) -> dict[str, object]:
    return {
        "speed_units_per_s": cal.point.speed,
        "bandwidth_bytes_per_s": cal.point.bandwidth,
        "fixed_scale": cal.point.fixed_scale,
        "hypotheses": len(cal.hypotheses),
        "margin": cal.margin,
    }
