"""One forecast for one tag: memory and speed on this machine, plus where the figures came
from. Used by the library view, the installed table and `ollama-desk forecast`."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.core.api_types import LocalModel, ModelShow
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

NON_WEIGHT_BYTES = 4096  # template, params, license, config: a few KB next to the weights


@dataclass(frozen=True)
class TagForecast:
    name: str
    size: int  # download size
    quantization: str
    size_source: str  # "registry", "catalog" or "installed"
    memory: MemoryForecast
    speed: SpeedForecast | None  # None for embedding models or without a bandwidth figure

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["memory"]["fit"] = self.memory.fit.value
        out["memory"]["needed"] = self.memory.needed
        return out


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
) -> TagForecast:
    """Forecast a catalog tag; ``size``/``weights``/``quantization`` override the catalog's
    figures when the registry gave exact ones."""
    total = size if size is not None else tag.size
    w = weights if weights is not None else max(1, total - NON_WEIGHT_BYTES)
    return forecast_weights(
        tag.full_name,
        w,
        tag.arch,
        machine,
        bandwidth,
        context,
        size=total,
        quantization=quantization or tag.quantization,
        size_source=size_source,
        read_fraction=tag.weights_read_fraction,
        embedding=embedding,
    )


def forecast_weights(
    name: str,
    weights: int,
    arch: Architecture | None,
    machine: MachineMemory,
    bandwidth: float | None,
    context: int,
    *,
    size: int,
    quantization: str,
    size_source: str,
    read_fraction: float = 1.0,
    embedding: bool = False,
) -> TagForecast:
    mem = forecast_memory(weights, arch, context, machine)
    speed = None
    if bandwidth and bandwidth > 0 and not embedding:
        kv_full = kv_cache_bytes(arch, mem.context) if arch is not None else mem.kv_cache
        speed = forecast_speed(max(1, int(weights * read_fraction)), kv_full, bandwidth)
    return TagForecast(name, size, quantization, size_source, mem, speed)


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
) -> TagForecast:
    """Forecast an installed model from what the server says about it (architecture from
    /api/show, size on disk from /api/tags): works for imported and hand-pulled models
    the catalog does not know."""
    arch = Architecture.from_model_info(show.model_info)
    quant = model.details.quantization_level or show.details.quantization_level
    return forecast_weights(
        model.name,
        max(1, model.size - NON_WEIGHT_BYTES),
        arch,
        machine,
        bandwidth,
        context,
        size=model.size,
        quantization=quant,
        size_source="installed",
        read_fraction=active_weights_fraction(show.model_info),
        embedding="embedding" in show.capabilities,
    )


# -- bandwidth cache (a small JSON file in the data folder) --------------------------------
BANDWIDTH_FILE = "bandwidth.json"


@dataclass(frozen=True)
class BandwidthRecord:
    bandwidth: float  # bytes per second
    fingerprint: str
    measured_at: float  # unix time


def load_bandwidth(data_dir: Path, fingerprint: str) -> BandwidthRecord | None:
    """The cached figure, or None when missing, unreadable or from other hardware."""
    try:
        d = json.loads((data_dir / BANDWIDTH_FILE).read_text(encoding="utf-8"))
        rec = BandwidthRecord(float(d["bandwidth"]), str(d["fingerprint"]), float(d["measured_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if rec.fingerprint != fingerprint or rec.bandwidth <= 0:
        return None
    return rec


def save_bandwidth(data_dir: Path, bandwidth: float, fingerprint: str) -> BandwidthRecord:
    rec = BandwidthRecord(bandwidth, fingerprint, time.time())
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (BANDWIDTH_FILE + ".tmp")
    tmp.write_text(json.dumps(asdict(rec)), encoding="utf-8")
    tmp.replace(data_dir / BANDWIDTH_FILE)
    return rec
