"""One forecast for one tag: memory and speed on this machine, plus where the figures came
from. Used by the library view, the installed table and `ollama-desk forecast`."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from desktop.core.api_types import LocalModel, ModelShow
from desktop.core.models.calibration import Calibration
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
TYPICAL_POSITION = 512  # tokens into a conversation where the single speed figure is taken
BANDWIDTH_STALE_S = 7 * 86400  # a copy figure older than a week is re-measured


@dataclass(frozen=True)
class TagForecast:
    name: str
    size: int  # download size
    quantization: str
    size_source: str  # "registry", "catalog" or "installed"
    memory: MemoryForecast
    speed: SpeedForecast | None  # None for embedding models or without any speed figure

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
    calibration: Calibration | None = None,
) -> TagForecast:
    """Forecast a catalog tag; ``size``/``weights``/``quantization`` override the catalog's
    figures when the registry gave exact ones. With ``calibration`` (this machine's benchmark
    runs) the speed is calibrated; without, it is an estimate from ``bandwidth``."""
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
        calibration=calibration,
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
    calibration: Calibration | None = None,
) -> TagForecast:
    mem = forecast_memory(weights, arch, context, machine)
    speed = None
    if ((bandwidth and bandwidth > 0) or calibration is not None) and not embedding:
        kv_full = kv_cache_bytes(arch, mem.context) if arch is not None else mem.kv_cache
        typical = min(mem.context, TYPICAL_POSITION)
        kv_typ = (
            kv_cache_bytes(arch, typical)
            if arch is not None
            else kv_full * typical // max(1, mem.context)
        )
        speed = forecast_speed(
            max(1, int(weights * read_fraction)), kv_full, bandwidth, calibration, kv_typ
        )
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
    calibration: Calibration | None = None,
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
        calibration=calibration,
    )


def bytes_per_token(
    weights: int, arch: Architecture | None, position: int, read_fraction: float = 1.0
) -> int:
    """Bytes one generated token reads at ``position`` tokens into the context: the active
    weights plus the KV cache so far (what a benchmark run is fitted against)."""
    kv = kv_cache_bytes(arch, max(0, position)) if arch is not None else 0
    return max(1, int(weights * read_fraction)) + kv


# -- bandwidth cache (a small JSON file in the data folder) --------------------------------
BANDWIDTH_FILE = "bandwidth.json"


@dataclass(frozen=True)
class BandwidthRecord:
    bandwidth: float  # bytes per second: median of the repeats
    fingerprint: str
    measured_at: float  # unix time
    samples: tuple[float, ...] = ()  # every repeat, bytes per second
    busy: bool = False  # other programs used the CPU while it ran: the figure may be low

    def age_s(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.measured_at

    def stale(self, now: float | None = None) -> bool:
        return self.age_s(now) > BANDWIDTH_STALE_S


def load_bandwidth(data_dir: Path, fingerprint: str) -> BandwidthRecord | None:
    """The cached figure, or None when missing, unreadable or from other hardware."""
    try:
        d = json.loads((data_dir / BANDWIDTH_FILE).read_text(encoding="utf-8"))
        rec = BandwidthRecord(
            float(d["bandwidth"]),
            str(d["fingerprint"]),
            float(d["measured_at"]),
            tuple(float(x) for x in d.get("samples") or ()),
            bool(d.get("busy", False)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if rec.fingerprint != fingerprint or rec.bandwidth <= 0:
        return None
    return rec


def save_bandwidth(
    data_dir: Path,
    bandwidth: float,
    fingerprint: str,
    *,
    samples: tuple[float, ...] = (),
    busy: bool = False,
    now: float | None = None,
) -> BandwidthRecord:
    rec = BandwidthRecord(
        bandwidth, fingerprint, time.time() if now is None else now, tuple(samples), busy
    )
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / (BANDWIDTH_FILE + ".tmp")
    tmp.write_text(json.dumps(asdict(rec)), encoding="utf-8")
    tmp.replace(data_dir / BANDWIDTH_FILE)
    return rec


def keep_or_replace(old: BandwidthRecord | None, new: BandwidthRecord) -> BandwidthRecord:
    """A reading taken while the machine was busy does not replace a quiet one."""
    if old is not None and new.busy and not old.busy:
        return old
    return new
