"""The fake server's pull from a real registry (Debian's docker-registry on loopback), the
way Ollama pulls: the schema-2 manifest, then every layer blob and the config blob, each
checked against its sha256 digest, resumed from what an earlier attempt kept (HTTP Range),
with Ollama's progress lines. The model it installs is built from what was pulled: the GGUF
header of the model layer (model_info), the template and params layers, and the config blob
(family, parameter size, quantization).

Used when ``FakeOllama.upstream`` is set (the stand-in reads OLLAMA_FAKE_REGISTRY): the
upstream plays registry.ollama.ai for names without a host."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx

from .gguf import GGUFError, make_gguf, read_metadata
from .models import FakeModel, Layer

if TYPE_CHECKING:
    from .server import FakeOllama

MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.oci.image.manifest.v1+json"
)
CHUNK = 256 * 1024


def pull_lines(fake: FakeOllama, key: str) -> Iterator[dict[str, Any]]:
    """NDJSON objects for POST /api/pull of ``key`` (``model:tag``) from ``fake.upstream``."""
    model, _, tag = key.partition(":")
    repo = model if "/" in model else f"library/{model}"
    base = fake.upstream.rstrip("/")
    url = f"{base}/v2/{repo}/manifests/{tag}"
    yield {"status": "pulling manifest"}
    with httpx.Client(timeout=30, trust_env=False, follow_redirects=True) as client:
        try:
            r = client.get(url, headers={"Accept": MANIFEST_TYPES})
        except httpx.HTTPError as e:
            yield {"error": f'pull model manifest: Get "{url}": dial tcp: {e}'}
            return
        if r.status_code == 404:
            yield {"error": "pull model manifest: file does not exist"}
            return
        if r.status_code != 200:
            yield {"error": f"pull model manifest: {r.status_code} {r.text[:200]}"}
            return
        manifest = r.json()
        layers = [*manifest["layers"], manifest["config"]]
        contents: dict[str, bytes] = {}
        for layer in layers:
            digest, size = str(layer["digest"]), int(layer["size"])
            data = yield from _blob(fake, client, f"{base}/v2/{repo}/blobs/{digest}", digest, size)
            if data is None:
                return
            contents[str(layer.get("mediaType", ""))] = data
    yield {"status": "verifying sha256 digest"}
    yield {"status": "writing manifest"}
    fake.install(_model(fake, key, manifest, contents))
    yield {"status": "success"}


def _blob(
    fake: FakeOllama, client: httpx.Client, url: str, digest: str, size: int
) -> Iterator[dict[str, Any]]:
    """Yield progress lines; return the blob's bytes (None after an error line)."""
    line = {"status": f"pulling {digest.split(':')[1][:12]}", "digest": digest, "total": size}
    with fake.lock:
        have = fake.blob_data.get(digest)
    if have is not None and len(have) == size:
        yield {**line, "completed": size}
        return bytes(have)
    buf = bytearray(have or b"")
    headers = {"Range": f"bytes={len(buf)}-"} if buf else {}
    try:
        with client.stream("GET", url, headers=headers) as r:
            if r.status_code not in (200, 206):
                yield {"error": f"pull model blob {digest}: HTTP {r.status_code}"}
                return None
            if r.status_code == 200:
                buf.clear()  # the registry ignored the range: start over
            for chunk in r.iter_bytes(CHUNK):
                buf.extend(chunk)
                with fake.lock:
                    fake.blob_data[digest] = buf
                    fake.state.partials[digest] = len(buf)
                fake.pause_between_chunks()
                if len(buf) < size:  # like the real server: no line at 100 %
                    yield {**line, "completed": len(buf)}
    except httpx.HTTPError as e:
        yield {"error": f"pull model blob {digest}: {e}"}
        return None
    if "sha256:" + hashlib.sha256(buf).hexdigest() != digest:
        with fake.lock:
            fake.blob_data.pop(digest, None)
            fake.state.partials.pop(digest, None)
        yield {"error": f"digest mismatch, file must be downloaded again: {digest}"}
        return None
    with fake.lock:
        fake.state.partials.pop(digest, None)
        fake.state.blobs[digest] = size
    return bytes(buf)


def _model(
    fake: FakeOllama, key: str, manifest: dict[str, Any], contents: dict[str, bytes]
) -> FakeModel:
    def part(kind: str) -> bytes:
        return contents.get(f"application/vnd.ollama.image.{kind}", b"")

    config_type = str(manifest["config"].get("mediaType", ""))
    config = json.loads(contents.get(config_type) or b"{}")
    try:
        info = read_metadata(part("model"))
    except GGUFError:
        info = {}
    known = fake.state.registry.get(key)  # answers and capabilities of the fake's own copy
    family = str(config.get("model_family") or info.get("general.architecture") or "")
    layers = [
        Layer(str(m.get("mediaType", "")).rsplit(".", 1)[-1], m["digest"], int(m["size"]))
        for m in [*manifest["layers"], manifest["config"]]
    ]
    params = part("params")
    return FakeModel(
        name=key,
        layers=layers,
        details={
            "parent_model": "",
            "format": str(config.get("model_format") or "gguf"),
            "family": family,
            "families": list(config.get("model_families") or [family]),
            "parameter_size": str(config.get("model_type") or ""),
            "quantization_level": str(config.get("file_type") or ""),
        },
        model_info={k: v for k, v in info.items() if not isinstance(v, list)},
        capabilities=list(known.capabilities) if known else ["completion"],
        template=part("template").decode() or "{{ .Prompt }}",
        parameters="\n".join(f"{k} {v}" for k, v in (json.loads(params) if params else {}).items()),
        manifest_digest=hashlib.sha256(json.dumps(manifest).encode()).hexdigest(),
    )


def ollama_layout(model: FakeModel, weights: int) -> tuple[list[tuple[str, bytes]], bytes]:
    """(layers, config blob) as `ollama push` stores ``model``: a GGUF model layer with its
    metadata and ``weights`` bytes of payload, template and params layers, and a config blob
    naming format, family, parameter size and quantization (for tests/models/registry_server
    push_model)."""
    meta = {k: v for k, v in model.model_info.items() if isinstance(v, int | float | str | bool)}
    d = model.details
    config = {
        "model_format": d.get("format", "gguf"),
        "model_family": d.get("family", ""),
        "model_families": d.get("families", []),
        "model_type": d.get("parameter_size", ""),
        "file_type": d.get("quantization_level", ""),
        "architecture": "amd64",
        "os": "linux",
    }
    layers = [
        ("model", make_gguf(meta, payload=weights)),
        ("template", model.template.encode()),
        ("params", json.dumps({"temperature": 0.7}).encode()),
    ]
    return layers, json.dumps(config, separators=(",", ":")).encode()
