"""Pulls of names that carry another registry's host (`127.0.0.1:5555/library/gemma3:270m`),
done for real against that registry, as Ollama does: HTTPS unless the request says
`insecure`, the manifest then every blob (progress lines per part), digests verified."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from .models import FakeModel, Layer

MANIFEST_ACCEPT = "application/vnd.docker.distribution.manifest.v2+json"
NO_LOCATION = "http: no Location header in response"  # Go's http.ErrNoLocation
CHUNK = 256 * 1024


def pull_from_registry(
    key: str,
    insecure: bool,
    store: Callable[[str, bytes], None],
    install: Callable[[FakeModel], None],
    redirects_required: bool = False,
) -> Iterator[dict[str, Any]]:
    """NDJSON lines of a pull of ``key`` (`host/namespace/model:tag`). With
    ``redirects_required`` a registry that serves a blob itself (no redirect) fails the
    pull as the real server does (pull_registry_direct_blobs.ndjson, ollama#7244)."""
    name, _, tag = key.rpartition(":")
    host, namespace, model = name.split("/")
    scheme = "http" if insecure else "https"
    base = f"{scheme}://{host}"
    manifest_url = f"{base}/v2/{namespace}/{model}/manifests/{tag}"
    yield {"status": "pulling manifest"}
    try:
        with httpx.Client(timeout=10, trust_env=False, follow_redirects=True) as client:
            r = client.get(manifest_url, headers={"Accept": MANIFEST_ACCEPT})
            if r.status_code == 404:
                yield {"error": "pull model manifest: file does not exist"}
                return
            r.raise_for_status()
            manifest = r.json()
            parts = [*manifest["layers"], manifest["config"]]
            if redirects_required and serves_blobs_itself(
                client, f"{base}/v2/{namespace}/{model}/blobs/{parts[0]['digest']}"
            ):
                yield {"error": NO_LOCATION}
                return
            layers = []
            for part in parts:
                data = yield from _blob(client, base, namespace, model, part)
                if data is None:
                    return
                store(part["digest"], data)
                kind = part["mediaType"].rsplit(".", 1)[-1]
                layers.append(
                    Layer(
                        kind if part is not manifest["config"] else "config",
                        part["digest"],
                        len(data),
                    )
                )
                if part is manifest["config"]:
                    config = json.loads(data)
    except httpx.HTTPError as e:
        reason = str(e)
        if not insecure and ("SSL" in reason or "ssl" in reason):
            reason = "http: server gave HTTP response to HTTPS client"
        yield {"error": f'pull model manifest: Get "{manifest_url}": {reason}'}
        return
    yield {"status": "verifying sha256 digest"}
    yield {"status": "writing manifest"}
    install(
        FakeModel(
            name=key,
            layers=layers,
            details={
                "parent_model": "",
                "format": config.get("model_format", "gguf"),
                "family": config.get("model_family", ""),
                "families": config.get("model_families") or [],
                "parameter_size": config.get("model_type", ""),
                "quantization_level": config.get("file_type", ""),
            },
            model_info={"general.architecture": config.get("model_family", "")},
        )
    )
    yield {"status": "success"}


def _blob(
    client: httpx.Client, base: str, namespace: str, model: str, part: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """Download one part with progress lines; returns its bytes (None after an error line)."""
    digest, total = part["digest"], part["size"]
    line = {"status": f"pulling {digest.split(':')[1][:12]}", "digest": digest, "total": total}
    data = bytearray()
    with client.stream("GET", f"{base}/v2/{namespace}/{model}/blobs/{digest}") as r:
        if r.status_code >= 400:
            yield {"error": f"pull model manifest: blob {digest}: HTTP {r.status_code}"}
            return None
        for chunk in r.iter_bytes(CHUNK):
            data += chunk
            yield {**line, "completed": len(data)}
    if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
        yield {"error": f"digest mismatch, file must be downloaded again: {digest}"}
        return None
    return bytes(data)


def serves_blobs_itself(client: httpx.Client, url: str) -> bool:
    """Whether the registry answers a blob GET with the blob (200/206) instead of a
    redirect: the real Ollama needs the redirect's Location."""
    with client.stream("GET", url, follow_redirects=False, headers={"Range": "bytes=0-0"}) as r:
        return r.status_code in (200, 206)
