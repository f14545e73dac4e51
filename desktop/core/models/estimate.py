"""One forecast for one tag: memory and speed on this machine, plus where the figures came
from. Used by the library view, the installed table, the benchmark (what a benchmarked
token did) and `ollama-desk forecast`. Arithmetic only."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from desktop.core.api_types import LocalModel, ModelShow
from desktop.core.models.calibration import Calibration, uncalibrated
from desktop.core.models.catalog import CatalogTag
from desktop.core.models.forecast import (
    Architecture,
    MachineMemory,
    MemoryForecast,
    SpeedForecast,
    forecast_memory,
    forecast_speed,
    kv_cache_bytes,
)
from desktop.core.models.model_load import (
    estimated_load,
    load_from_shapes,
    load_from_table,
    shapes_from_model_info,
)
from desktop.core.models.tensor_mix import TokenLoad
from desktop.core.models.token_work import Work, token_work

NON_WEIGHT_BYTES = 4096  # template, params, license, config: a few KB next to the weights
TYPICAL_POSITION = 512  # tokens into a conversation where the single speed figure is taken


@dataclass(frozen=True)
class TagForecast:
    name: str
    size: int  # download size
    quantization: str
    size_source: str  # "registry", "catalog" or "installed"
    memory: MemoryForecast
    speed: SpeedForecast | None  # None for embedding models
    load_source: str = ""  # where the tensor types came from: "tensors", "rule", "estimate"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["memory"]["fit"] = self.memory.fit.value
        out["memory"]["needed"] = self.memory.needed
        return out


@lru_cache(maxsize=1024)
def tag_load(tag: CatalogTag, quantization: str, weights: int) -> TokenLoad:
    """What a token of a catalog tag does: llama.cpp's rule on its shapes, else an estimate.
    The same on every machine, so kept: the library forecasts every tag on each change."""
    if tag.shapes is not None:
        load = load_from_shapes(tag.shapes, quantization)
        if load is not None:
            return load
    return estimated_load(
        weights,
        quantization,
        parameters=int(tag.parameter_count * tag.weights_read_fraction),
        layers=tag.arch.block_count if tag.arch is not None else 0,
        read_fraction=tag.weights_read_fraction,
    )


def show_load(show: ModelShow, size: int, quantization: str) -> TokenLoad:
    """What a token of an installed model does: its own tensor table, else the rule on its
    shapes, else an estimate from its size."""
    info = show.model_info
    arch = show.architecture

    def num(key: str) -> int:
        v = info.get(f"{arch}.{key}")
        return int(v) if isinstance(v, int) and not isinstance(v, bool) else 0

    experts, used = num("expert_count"), num("expert_used_count")
    load = load_from_table(list(show.tensors), experts, used)
    if load is not None:
        return load
    shapes = shapes_from_model_info(info)
    if shapes is not None:
        load = load_from_shapes(shapes, quantization)
        if load is not None:
            return load
    params = info.get("general.parameter_count")
    fraction = active_weights_fraction(info)
    return estimated_load(
        max(1, size - NON_WEIGHT_BYTES),
        quantization,
        parameters=int(params * fraction) if isinstance(params, int) else 0,
        layers=num("block_count"),
        read_fraction=fraction,
    )


def work_at(load: TokenLoad, arch: Architecture | None, position: int, simd: str = "x86") -> Work:
    """The work of one token ``position`` tokens into a conversation."""
    kv = kv_cache_bytes(arch, max(0, position)) if arch is not None else 0
    return token_work(load, kv, simd)


def forecast_tag(
    tag: CatalogTag,
    machine: MachineMemory,
    bandwidth: float | None,
    context: int,
    *,
    size: int | None = None,
    weights: int | None = None,
    quantization: str | None = None,
    size_source: str = "catalog",
    embedding: bool = False,
    calibration: Calibration | None = None,
) -> TagForecast:
    """Forecast a catalog tag; ``size``/``weights``/``quantization`` override the catalog's
    figures when the registry gave exact ones. With ``calibration`` (this machine's benchmark
    runs) the speed is calibrated; without, it is a wide estimate from the core count and
    ``bandwidth``."""
    total = size if size is not None else tag.size
    w = weights if weights is not None else max(1, total - NON_WEIGHT_BYTES)
    quant = quantization or tag.quantization
    load = None if embedding else tag_load(tag, quant, w)
    return forecast_load(
        tag.full_name,
        load,
        w,
        tag.arch,
        machine,
        bandwidth,
        context,
        size=total,
        quantization=quant,
        size_source=size_source,
        calibration=calibration,
    )


def forecast_load(
    name: str,
    load: TokenLoad | None,
    weights: int,
    arch: Architecture | None,
    machine: MachineMemory,
    bandwidth: float | None,
    context: int,
    *,
    size: int,
    quantization: str,
    size_source: str,
    calibration: Calibration | None = None,
) -> TagForecast:
    """Memory for ``weights`` bytes at ``context`` tokens; speed for tokens doing ``load``
    (None: no speed figure, as for an embedding model). Without a calibration or a copy-test
    figure there is no speed figure yet (the first minute of a first start)."""
    mem = forecast_memory(weights, arch, context, machine)
    speed = None
    if load is not None and (calibration is not None or bandwidth):
        cal = calibration or uncalibrated(bandwidth, machine.cores)
        typical = min(mem.context, TYPICAL_POSITION)
        empty = work_at(load, arch, 0, machine.simd)
        if arch is not None:
            full = work_at(load, arch, mem.context, machine.simd)
            mid = work_at(load, arch, typical, machine.simd)
        else:  # unknown architecture: the memory forecast's guess of the KV cache
            full = token_work(load, mem.kv_cache, machine.simd)
            mid = token_work(load, mem.kv_cache * typical / max(1, mem.context), machine.simd)
        speed = forecast_speed(empty, full, mid, cal, bandwidth or 0.0)
    source = load.source if load is not None else ""
    return TagForecast(name, size, quantization, size_source, mem, speed, source)


def active_weights_fraction(info: dict[str, object]) -> float:
    """Share of the weights one token reads, from /api/show model_info. Dense models: 1.
    Mixture of experts: the idle experts' feed-forward weights (3 matrices of
    embedding x expert_feed_forward_length per expert and layer) are not read. Without the
    figures to compute that, 1.0: a slower forecast rather than a flattering one."""
    arch = str(info.get("general.architecture") or "")

    def num(key: str) -> int:
        v = info.get(key)
        return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0

    experts, used = num(f"{arch}.expert_count"), num(f"{arch}.expert_used_count")
    emb, ff = num(f"{arch}.embedding_length"), num(f"{arch}.expert_feed_forward_length")
    blocks, total = num(f"{arch}.block_count"), num("general.parameter_count")
    if not (experts > used > 0 and emb and ff and blocks and total):
        return 1.0
    idle = blocks * (experts - used) * 3 * emb * ff
    return min(1.0, max(used / experts, (total - idle) / total))


def forecast_installed(
    model: LocalModel,
    show: ModelShow,
    machine: MachineMemory,
    bandwidth: float | None,
    context: int,
    calibration: Calibration | None = None,
) -> TagForecast:
    """Forecast an installed model from what the server says about it (tensor table and
    architecture from /api/show, size on disk from /api/tags): works for imported and
    hand-pulled models the catalog does not know."""
    arch = Architecture.from_model_info(show.model_info)
    quant = model.details.quantization_level or show.details.quantization_level
    embedding = "embedding" in show.capabilities
    load = None if embedding else show_load(show, model.size, quant)
    return forecast_load(
        model.name,
        load,
        max(1, model.size - NON_WEIGHT_BYTES),
        arch,
        machine,
        bandwidth,
        context,
        size=model.size,
        quantization=quant,
        size_source="installed",
        calibration=calibration,
    )
