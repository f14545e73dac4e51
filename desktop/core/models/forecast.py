"""Will a model fit this machine, and how fast will it answer? Arithmetic only, no I/O.

Memory = weights (the download size of the weights layers: they are mmapped and count
against RAM once loaded) + KV cache + a stated overhead margin (compute buffers, runner).

KV cache per token and layer = kv_heads x (key_length + value_length) x bytes per element,
the formula of Ollama's estimator (fs/ggml GraphSize). ``kv_heads`` may be a per-layer list.
Sliding-window layers (Gemma) only keep ``window`` tokens; the plain formula would
over-estimate them, so they are counted at min(context, window) and the forecast says so.

Speed: one token multiplies every (active) weight, reads it and the KV cache, and does some
fixed work besides (core/models/token_work); core/models/calibration.py turns this machine's
benchmark runs into a calibrated tokens/s range. Without any run the range comes from the
core count and the read test, is wide, and is marked uncalibrated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from desktop.core.models.calibration import Calibration
from desktop.core.models.token_work import Work

GIB = 1 << 30
MIB = 1 << 20

KV_BYTES_PER_ELEMENT = {"f16": 2.0, "q8_0": 1.0, "q4_0": 0.5}
OVERHEAD_FRACTION = 0.10  # of weights + KV
OVERHEAD_MIN = 300 * MIB  # runner process, compute buffers, tokenizer
RUNS_WELL_SHARE = 0.80  # needed <= 80 % of available memory: room left for the rest
CENTRED_SPREAD = 0.5  # a speed range is centred on its figure up to +-50 %


@dataclass(frozen=True)
class Architecture:
    """The numbers the KV forecast needs (from /api/show model_info, a GGUF or the catalog)."""

    block_count: int
    head_count_kv: int | tuple[int, ...]
    key_length: int
    value_length: int
    context_length: int = 0  # trained maximum; 0 when unknown
    sliding_window: int = 0  # tokens kept by sliding-window layers; 0: none
    sliding_window_layers: int = 0  # how many of block_count layers use the window

    def kv_heads_per_layer(self) -> list[int]:
        if isinstance(self.head_count_kv, int):
            return [self.head_count_kv] * self.block_count
        heads = list(self.head_count_kv)
        if len(heads) != self.block_count:
            raise ValueError(f"{len(heads)} kv-head entries for {self.block_count} layers")
        return heads

    @classmethod
    def from_model_info(cls, info: dict[str, object]) -> Architecture | None:
        """Build from GGUF keys (`general.architecture`, `<arch>.block_count`, ...)."""
        arch = str(info.get("general.architecture") or "")
        if not arch:
            return None

        def num(key: str) -> int:
            v = info.get(f"{arch}.{key}")
            return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0

        blocks = num("block_count")
        heads = num("attention.head_count")
        raw_kv = info.get(f"{arch}.attention.head_count_kv")
        kv: int | tuple[int, ...]
        if isinstance(raw_kv, list) and raw_kv:
            kv = tuple(int(x) for x in raw_kv)
        elif isinstance(raw_kv, int) and not isinstance(raw_kv, bool):
            kv = raw_kv
        else:
            kv = heads
        key_len, value_len = num("attention.key_length"), num("attention.value_length")
        if not key_len or not value_len:
            emb = num("embedding_length")
            if not emb or not heads:
                return None
            key_len = key_len or emb // heads
            value_len = value_len or emb // heads
        if not blocks:
            return None
        window = num("attention.sliding_window")
        swa_layers = 0
        if window:
            # Gemma 2 alternates 1:1; Gemma 3 uses 5 local layers per global one.
            swa_layers = blocks // 2 if arch == "gemma2" else blocks - blocks // 6
        return cls(blocks, kv, key_len, value_len, num("context_length"), window, swa_layers)


def kv_cache_bytes(
    arch: Architecture,
    context: int,
    *,
    cache_type: str = "f16",
    parallel: int = 1,
    sliding_window: bool = True,
) -> int:
    """KV cache bytes for ``context`` tokens (x parallel slots)."""
    bpe = KV_BYTES_PER_ELEMENT[cache_type]
    heads = arch.kv_heads_per_layer()
    per_token_layer = [h * (arch.key_length + arch.value_length) * bpe for h in heads]
    ctx = context * parallel
    if not (sliding_window and arch.sliding_window and arch.sliding_window_layers):
        return int(sum(per_token_layer) * ctx)
    # which layers are windowed: spread evenly; sums are what matter
    n_swa = arch.sliding_window_layers
    swa_sum = sum(sorted(per_token_layer)[:n_swa])  # conservative: smallest ones windowed
    full_sum = sum(per_token_layer) - swa_sum
    return int(full_sum * ctx + swa_sum * min(ctx, arch.sliding_window * parallel))


class Fit(Enum):
    RUNS_WELL = "runs_well"
    TIGHT = "tight"
    WONT_FIT = "wont_fit"


@dataclass(frozen=True)
class MachineMemory:
    """The machine a forecast is for: its memory, and the cores and SIMD family its
    uncalibrated speed is guessed from."""

    total: int
    available: int
    swap_total: int = 0
    swap_free: int = 0
    cores: int = 0  # physical cores (0: unknown)
    simd: str = "x86"  # "x86" or "arm": which kernels ggml runs (core/models/ggml_types)


@dataclass(frozen=True)
class MemoryForecast:
    weights: int
    kv_cache: int
    overhead: int
    context: int
    fit: Fit
    swap_risk: bool
    available: int
    total_ram: int
    kv_estimated: bool  # False when the architecture was unknown and KV is a guess
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def needed(self) -> int:
        return self.weights + self.kv_cache + self.overhead


def overhead_for(weights: int, kv: int) -> int:
    return max(OVERHEAD_MIN, int((weights + kv) * OVERHEAD_FRACTION))


def classify(needed: int, machine: MachineMemory) -> tuple[Fit, bool]:
    """(fit, swap risk). Runs well: within 80 % of available memory. Tight: fits in what
    is available, or only after other programs are pushed out (swap risk). Won't fit:
    more than 90 % of all RAM; it would page to disk on every token."""
    if needed <= machine.available * RUNS_WELL_SHARE:
        return Fit.RUNS_WELL, False
    if needed <= machine.available:
        return Fit.TIGHT, False
    if needed <= machine.total * 0.9:
        return Fit.TIGHT, True
    return Fit.WONT_FIT, machine.swap_total > 0


def forecast_memory(
    weights: int,
    arch: Architecture | None,
    context: int,
    machine: MachineMemory,
    *,
    cache_type: str = "f16",
    parallel: int = 1,
) -> MemoryForecast:
    """Memory needed to run a model with ``weights`` bytes at ``context`` tokens."""
    notes: list[str] = []
    ctx = context
    if arch is not None and arch.context_length and context > arch.context_length:
        ctx = arch.context_length
        notes.append("context capped at the model's trained maximum")
    if arch is not None:
        kv = kv_cache_bytes(arch, ctx, cache_type=cache_type, parallel=parallel)
        if arch.sliding_window and arch.sliding_window_layers:
            notes.append("sliding-window layers counted at their window")
        estimated = True
    else:
        # unknown architecture: ~0.1 MiB per token per billion bytes of weights
        kv = int(ctx * parallel * max(weights, 1) / 1e9 * 0.1 * MIB)
        notes.append("architecture unknown: KV cache is a rough guess")
        estimated = False
    overhead = overhead_for(weights, kv)
    fit, swap = classify(weights + kv + overhead, machine)
    return MemoryForecast(
        weights,
        kv,
        overhead,
        ctx,
        fit,
        swap,
        machine.available,
        machine.total,
        estimated,
        tuple(notes),
    )


@dataclass(frozen=True)
class SpeedForecast:
    low: float  # tokens per second
    high: float
    bandwidth: float  # bytes per second, read test (0 when not measured)
    bytes_per_token_low: int  # weights only (empty context)
    bytes_per_token_high: int  # weights + full KV cache
    calibrated: bool = False  # from this machine's benchmark runs, not priors alone
    estimate: float = 0.0  # best single figure, tokens per second
    basis: tuple[str, ...] = ()  # the benchmarked models a calibrated figure comes from
    memory_bound: bool = False  # the bytes, not the arithmetic, set the pace here


def forecast_speed(
    empty: Work, full: Work, typical: Work, calibration: Calibration, bandwidth: float = 0.0
) -> SpeedForecast:
    """tokens/s range for a model whose tokens do ``empty`` (no context) to ``full`` (the
    context full) work; the single ``estimate`` is taken at ``typical`` (a few hundred
    tokens into an answer). ``calibration`` is this machine's (or its uncalibrated prior)."""
    low, high = calibration.speed_range(empty, full)
    est = calibration.estimate(typical)
    # the range centred on the best figure: widened on its nearer side so that the figure
    # shown as "about" is its middle (a lopsided range told another story than its figure);
    # not when that would reach below half the figure ("0-22" says nothing)
    spread = max(1 - low / est, high / est - 1) if est > 0 else 1.0
    if spread <= CENTRED_SPREAD:
        low, high = est * (1 - spread), est * (1 + spread)
    return SpeedForecast(
        low,
        high,
        bandwidth,
        int(empty.bytes),
        int(full.bytes),
        calibration.calibrated,
        est,
        calibration.basis,
        calibration.point.memory_bound(typical),
    )


def parse_parameter_size(text: str) -> float | None:
    """`8.0B` -> 8.0e9, `494.03M` -> 4.9403e8, `7B` -> 7e9 (None when unreadable)."""
    t = text.strip().upper()
    scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}
    if not t or t[-1] not in scale:
        return None
    try:
        return float(t[:-1]) * scale[t[-1]]
    except ValueError:
        return None
