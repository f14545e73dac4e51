"""The curated model library shipped in resources/catalog/catalog.json (format in its
README). Ollama has no catalog API, so this is the offline starting point; a tag's exact
size and quantization are refreshed from the registry when it answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.models.forecast import Architecture
from desktop.core.models.quant import normalise_quant
from desktop.core.names import InvalidNameError, parse_model_name
from desktop.core.resources import resource_path

FORMAT = 1
KNOWN_CAPABILITIES = ("completion", "tools", "thinking", "vision", "embedding", "insert")


class CatalogError(ValueError):
    """The catalog file is missing, not JSON, or breaks the schema (says where)."""


@dataclass(frozen=True)
class CatalogTag:
    model: str
    tag: str
    size: int  # download bytes (approximate: as listed on ollama.com)
    parameter_size: str
    parameter_count: int
    quantization: str
    context_length: int
    arch: Architecture | None
    active_parameter_count: int | None = None
    capabilities: tuple[str, ...] = ()  # when the tag does less than its model (else empty)

    @property
    def full_name(self) -> str:
        return f"{self.model}:{self.tag}"

    @property
    def weights_read_fraction(self) -> float:
        """Share of the weights one token reads (mixture-of-experts read only some)."""
        if self.active_parameter_count and self.parameter_count:
            return min(1.0, self.active_parameter_count / self.parameter_count)
        return 1.0


@dataclass(frozen=True)
class CatalogModel:
    name: str
    family: str
    description: str
    capabilities: tuple[str, ...]
    tags: tuple[CatalogTag, ...]


@dataclass(frozen=True)
class Catalog:
    compiled: str
    note: str
    models: tuple[CatalogModel, ...]

    def find(self, name: str) -> CatalogTag | None:
        """The tag for `model:tag` (case-insensitive; `:latest` is not guessed)."""
        model, _, tag = name.strip().lower().partition(":")
        for m in self.models:
            if m.name.lower() == model:
                for t in m.tags:
                    if t.tag.lower() == tag:
                        return t
        return None

    def model(self, name: str) -> CatalogModel | None:
        for m in self.models:
            if m.name.lower() == name.lower():
                return m
        return None

    @property
    def families(self) -> list[str]:
        return sorted({m.family for m in self.models})


def _need(d: dict[str, Any], key: str, typ: type | tuple[type, ...], where: str) -> Any:
    v = d.get(key)
    if not isinstance(v, typ) or isinstance(v, bool):
        raise CatalogError(f"{where}: '{key}' missing or not {typ}")
    return v


def _arch(d: Any, ctx: int, where: str) -> Architecture | None:
    if d is None:
        return None
    if not isinstance(d, dict):
        raise CatalogError(f"{where}: arch is not an object")
    kv = d.get("head_count_kv")
    heads: int | tuple[int, ...]
    if isinstance(kv, list) and all(isinstance(x, int) for x in kv):
        heads = tuple(kv)
    elif isinstance(kv, int) and kv > 0:
        heads = kv
    else:
        raise CatalogError(f"{where}: arch.head_count_kv must be a number or a list")
    arch = Architecture(
        block_count=_need(d, "block_count", int, where),
        head_count_kv=heads,
        key_length=_need(d, "key_length", int, where),
        value_length=_need(d, "value_length", int, where),
        context_length=ctx,
        sliding_window=int(d.get("sliding_window") or 0),
        sliding_window_layers=int(d.get("sliding_window_layers") or 0),
    )
    try:
        arch.kv_heads_per_layer()
    except ValueError as e:
        raise CatalogError(f"{where}: {e}") from None
    if arch.sliding_window_layers > arch.block_count:
        raise CatalogError(f"{where}: more windowed layers than layers")
    return arch


def load_catalog_data(data: Any) -> Catalog:
    """Validate a parsed catalog and build it; raise CatalogError naming the bad entry."""
    if not isinstance(data, dict):
        raise CatalogError("top level is not an object")
    if data.get("format") != FORMAT:
        raise CatalogError(f"format {data.get('format')!r}, expected {FORMAT}")
    compiled = _need(data, "compiled", str, "catalog")
    models_raw = _need(data, "models", list, "catalog")
    seen: set[str] = set()
    models = []
    for i, m in enumerate(models_raw):
        where = f"models[{i}]"
        if not isinstance(m, dict):
            raise CatalogError(f"{where}: not an object")
        name = _need(m, "name", str, where)
        where = f"model {name}"
        caps = tuple(_need(m, "capabilities", list, where))
        bad = [c for c in caps if c not in KNOWN_CAPABILITIES]
        if bad:
            raise CatalogError(f"{where}: unknown capabilities {bad}")
        tags = []
        for t in _need(m, "tags", list, where):
            if not isinstance(t, dict):
                raise CatalogError(f"{where}: a tag is not an object")
            tag = _need(t, "tag", str, where)
            tw = f"{name}:{tag}"
            try:
                parse_model_name(tw)
            except InvalidNameError as e:
                raise CatalogError(f"{tw}: {e.reason}") from None
            if tw.lower() in seen:
                raise CatalogError(f"{tw}: listed twice")
            seen.add(tw.lower())
            quant = _need(t, "quantization", str, tw)
            if not normalise_quant(quant):
                raise CatalogError(f"{tw}: unknown quantization {quant!r}")
            ctx = _need(t, "context_length", int, tw)
            size = _need(t, "size", int, tw)
            if size <= 0 or ctx <= 0:
                raise CatalogError(f"{tw}: size and context_length must be positive")
            active = t.get("active_parameter_count")
            raw_caps = t.get("capabilities") or []
            if not isinstance(raw_caps, list):
                raise CatalogError(f"{tw}: capabilities must be a list")
            tag_caps = tuple(raw_caps)
            if any(c not in caps for c in tag_caps):
                raise CatalogError(f"{tw}: capabilities beyond its model's")
            tags.append(
                CatalogTag(
                    model=name,
                    tag=tag,
                    size=size,
                    parameter_size=_need(t, "parameter_size", str, tw),
                    parameter_count=_need(t, "parameter_count", int, tw),
                    quantization=normalise_quant(quant),
                    context_length=ctx,
                    arch=_arch(t.get("arch"), ctx, tw),
                    active_parameter_count=active if isinstance(active, int) else None,
                    capabilities=tag_caps,
                )
            )
        if not tags:
            raise CatalogError(f"{where}: no tags")
        models.append(
            CatalogModel(
                name,
                _need(m, "family", str, where),
                _need(m, "description", str, where),
                caps,
                tuple(tags),
            )
        )
    return Catalog(compiled, str(data.get("note") or ""), tuple(models))


def default_catalog_path() -> Path:
    return resource_path("catalog", "catalog.json")


def load_catalog(path: Path | None = None) -> Catalog:
    p = path or default_catalog_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise CatalogError(f"{p}: {e}") from None
    except ValueError as e:
        raise CatalogError(f"{p}: not JSON: {e}") from None
    return load_catalog_data(data)
