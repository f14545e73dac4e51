"""Registry manifests and config blobs (Docker v2 schema 2 shape), parsed and summed.

`qwen3:4b` -> GET {registry}/v2/library/qwen3/manifests/4b; the config blob's digest is in
the manifest. Download size = sum of layer sizes + config size (= /api/tags `size`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.core.models.quant import file_type_name
from desktop.core.names import ModelName, is_valid_digest

DEFAULT_REGISTRY = "https://registry.ollama.ai"
MANIFEST_ACCEPT = "application/vnd.docker.distribution.manifest.v2+json"
WEIGHT_TYPES = ("application/vnd.ollama.image.model", "application/vnd.ollama.image.projector")


class RegistryFormatError(ValueError):
    """The registry answered something that is not a manifest or config we understand."""


@dataclass(frozen=True)
class ManifestLayer:
    media_type: str
    digest: str
    size: int


@dataclass(frozen=True)
class Manifest:
    config: ManifestLayer
    layers: tuple[ManifestLayer, ...]

    @property
    def download_size(self) -> int:
        return sum(layer.size for layer in self.layers) + self.config.size

    @property
    def weights_size(self) -> int:
        return sum(layer.size for layer in self.layers if layer.media_type in WEIGHT_TYPES)


def _layer(d: Any, what: str) -> ManifestLayer:
    if not isinstance(d, dict):
        raise RegistryFormatError(f"{what}: not an object")
    digest, size = d.get("digest"), d.get("size")
    if not isinstance(digest, str) or not is_valid_digest(digest):
        raise RegistryFormatError(f"{what}: bad digest {digest!r}")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise RegistryFormatError(f"{what}: bad size {size!r}")
    return ManifestLayer(str(d.get("mediaType") or ""), digest, size)


def parse_manifest(raw: bytes | str | dict[str, Any]) -> Manifest:
    d = _loads(raw)
    if d.get("schemaVersion") != 2:
        raise RegistryFormatError(f"schemaVersion {d.get('schemaVersion')!r}")
    layers = d.get("layers")
    if not isinstance(layers, list) or not layers:
        raise RegistryFormatError("no layers")
    return Manifest(
        _layer(d.get("config"), "config"),
        tuple(_layer(x, f"layer {i}") for i, x in enumerate(layers)),
    )


@dataclass(frozen=True)
class ModelConfig:
    family: str
    parameter_size: str  # model_type, e.g. "8.0B"
    quantization: str  # file_type, e.g. "Q4_K_M"
    context_length: int | None = None
    capabilities: tuple[str, ...] = ()


def parse_config(raw: bytes | str | dict[str, Any]) -> ModelConfig:
    d = _loads(raw)
    ft = d.get("file_type")
    quant = file_type_name(ft) if isinstance(ft, str | int) and not isinstance(ft, bool) else ""
    ctx = d.get("context_length")
    return ModelConfig(
        family=str(d.get("model_family") or ""),
        parameter_size=str(d.get("model_type") or ""),
        quantization=quant,
        context_length=ctx if isinstance(ctx, int) and not isinstance(ctx, bool) else None,
        capabilities=tuple(str(c) for c in d.get("capabilities") or ()),
    )


def _loads(raw: bytes | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    try:
        d = json.loads(raw)
    except ValueError as e:
        raise RegistryFormatError(f"not JSON: {e}") from None
    if not isinstance(d, dict):
        raise RegistryFormatError("not a JSON object")
    return d


def manifest_path(name: ModelName) -> str:
    return f"/v2/{name.namespace}/{name.model}/manifests/{name.tag}"


def blob_path(name: ModelName, digest: str) -> str:
    return f"/v2/{name.namespace}/{name.model}/blobs/{digest}"
