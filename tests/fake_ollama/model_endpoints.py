"""Model management endpoints of the fake Ollama server: tags, ps, show, delete, copy, pull,
blobs and create. Pull and create change the installed models; delete removes them."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from . import registry_pull
from .gguf import GGUFError, read_metadata
from .models import FakeModel, Layer
from .names import _DIGEST, _normalise_name, _now_rfc3339
from .other_registry import pull_from_registry
from .turns import NO_TEMPLATE
from .wire import _HandlerBase


def _parameters_text(params: dict[str, Any]) -> str:
    """/api/show's ``parameters``: one line per value, the key padded to 31 columns, strings
    quoted (as the real server prints them: show.json, import-template/show_*.json)."""
    lines = []
    for key, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            shown = json.dumps(v) if isinstance(v, str) else str(v)
            lines.append(f"{key:<31}{shown}")
    return "\n".join(lines)


class _ModelEndpoints(_HandlerBase):
    """Model management routes of _Handler (server.py)."""

    def _tags(self, head: bool) -> None:
        with self.server_fake.lock:
            models = [m.tags_entry() for m in self.server_fake.state.installed.values()]
        self._json(200, {"models": models}, head=head)

    def _ps(self, body: dict[str, Any]) -> None:
        now = datetime.now(UTC)
        out = []
        with self.server_fake.lock:
            running = self.server_fake.state.running
            for key, (m, expires, ctx) in list(running.items()):
                if expires <= now:
                    del running[key]
                    continue
                entry = {
                    "name": m.name,
                    "model": m.name,
                    "size": int(m.size * 1.13),
                    "digest": m.manifest_digest,
                    "details": m.details_without_lengths(),
                    "expires_at": expires.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    "size_vram": 0,
                    "context_length": ctx,
                }
                out.append((expires, entry))
        out.sort(key=lambda e: e[0], reverse=True)
        self._json(200, {"models": [e for _, e in out]})

    def _show(self, body: dict[str, Any]) -> None:
        name, model = self._find(body)
        if model is None:
            return self._not_found(name)
        self._json(200, model.show_entry())

    def _delete(self, body: dict[str, Any]) -> None:
        name, model = self._find(body)
        if model is None:
            return self._not_found(name)
        fake = self.server_fake
        with fake.lock:
            del fake.state.installed[model.name.lower()]
            fake.state.running.pop(model.name.lower(), None)
            used = {lay.digest for m in fake.state.installed.values() for lay in m.layers}
            for layer in model.layers:
                if layer.digest not in used:
                    fake.state.blobs.pop(layer.digest, None)
        self._empty()

    def _copy(self, body: dict[str, Any]) -> None:
        src, model = self._find({"model": body.get("source", "")})
        dest = _normalise_name(str(body.get("destination") or ""))
        if not dest:
            return self._error(400, "invalid model name")
        if model is None:
            return self._not_found(src)
        self.server_fake.install(model.renamed(dest))
        self._empty()

    def _pull(self, body: dict[str, Any]) -> None:
        fake = self.server_fake
        key = _normalise_name(str(body.get("model") or body.get("name") or ""))
        if key is None:
            return self._error(400, "invalid model name")
        model = fake.state.registry.get(key.lower()) or fake.state.registry.get(key)
        if body.get("stream") is False:
            return self._error(400, "non-streaming pull is not used by this fake")
        parts = key.split("/")
        if len(parts) == 3 and parts[0].lower() != "registry.ollama.ai":  # another registry
            return self._stream(
                pull_from_registry(
                    key,
                    body.get("insecure") is True,
                    fake.store_blob,
                    fake.install,
                    fake.blob_redirects_required,
                )
            )

        if fake.upstream and not fake.offline:
            return self._stream(registry_pull.pull_lines(fake, key))

        def lines() -> Any:
            yield {"status": "pulling manifest"}
            if fake.offline:
                host = "registry.ollama.ai"
                yield {
                    "error": f'pull model manifest: Get "https://{host}/v2/library/'
                    f'{key.split(":")[0]}/manifests/{key.split(":")[1]}": dial tcp:'
                    f" lookup {host} on 127.0.0.53:53: no such host"
                }
                return
            if model is None:
                yield {"error": "pull model manifest: file does not exist"}
                return
            for layer in model.layers:
                yield from self._pull_layer(layer)
            yield {"status": "verifying sha256 digest"}
            yield {"status": "writing manifest"}
            fake.install(model.renamed(key))
            yield {"status": "success"}

        self._stream(lines())

    def _pull_layer(self, layer: Layer) -> Any:
        fake = self.server_fake
        short = layer.digest.split(":")[1][:12]
        line = {"status": f"pulling {short}", "digest": layer.digest, "total": layer.size}
        with fake.lock:
            present = layer.digest in fake.state.blobs
            done = fake.state.partials.get(layer.digest, 0)
        if present:
            yield {**line, "completed": layer.size}
            return
        # Like the real server: progress lines while bytes arrive, none at 100 %, and
        # small layers finish before any line is printed.
        while done < layer.size:
            self._sleep(fake.pull_step_delay)
            done = min(layer.size, done + fake.pull_step_bytes)
            with fake.lock:
                fake.state.partials[layer.digest] = done
            if done < layer.size:
                yield {**line, "completed": done}
        with fake.lock:
            fake.state.partials.pop(layer.digest, None)
            fake.state.blobs[layer.digest] = layer.size

    def _blob(self, method: str, digest: str, raw: bytes) -> None:
        fake = self.server_fake
        if not _DIGEST.match(digest):
            return self._json(400, {"error": "invalid digest format"}, head=method == "HEAD")
        digest = "sha256:" + digest[7:].lower()
        with fake.lock:
            present = digest in fake.state.blobs
        if method == "HEAD":
            if present:
                return self._empty(200)
            return self._json(404, {"error": f"blob {digest} not found"}, head=True)
        actual = "sha256:" + hashlib.sha256(raw).hexdigest()
        if actual != digest:
            return self._error(400, f'digest mismatch, expected "{digest}", got "{actual}"')
        if present:
            return self._empty(200)
        with fake.lock:
            fake.state.blobs[digest] = raw
        self._empty(201)

    def _create(self, body: dict[str, Any]) -> None:
        fake = self.server_fake
        key = _normalise_name(str(body.get("model") or body.get("name") or ""))
        if key is None:
            return self._error(400, "invalid model name")
        files = body.get("files") or {}
        if not files and not body.get("from"):
            return self._error(400, "neither 'from' or 'files' was specified")
        blobs: list[tuple[str, bytes | int]] = []
        for fname, digest in files.items():
            if not isinstance(digest, str) or not _DIGEST.match(digest):
                return self._error(400, "invalid digest")
            with fake.lock:
                data = fake.state.blobs.get("sha256:" + digest[7:].lower())
            if data is None or fname.startswith(("/", "..")):
                return self._error(400, f"blob {digest} not found")
            blobs.append((digest, data))

        template = body.get("template")
        params = body.get("parameters")
        if template is not None and not isinstance(template, str):
            return self._error(400, "invalid template")
        if params is not None and not isinstance(params, dict):
            return self._error(400, "invalid parameters")

        def lines() -> Any:
            yield {"status": "parsing GGUF"}
            meta: dict[str, Any] = {}
            for _digest, data in blobs:
                if isinstance(data, bytes):
                    try:
                        meta = read_metadata(data)
                    except GGUFError as e:
                        yield {"error": str(e)}
                        return
            yield {"status": "verifying conversion"}
            for digest, _ in blobs:
                yield {"status": f"using existing layer {digest}"}
            # the template: the request's (stored as a layer, as the real one does), else
            # the file's own (Ollama 0.33 uses it), else nothing: /api/show says {{ .Prompt }}
            own = meta.get("tokenizer.chat_template")
            stored = template or (own if isinstance(own, str) and own else "")
            extra = [x for x in (template, json.dumps(params) if params else None) if x]
            for text in extra:
                digest = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
                yield {"status": f"creating new layer {digest}"}
            yield {"status": "writing manifest"}
            arch = str(meta.get("general.architecture", ""))
            count = int(meta.get("general.parameter_count", 0) or 0)
            model = FakeModel(
                name=key,
                layers=[Layer("model", d, len(b) if isinstance(b, bytes) else b) for d, b in blobs],
                details={
                    "parent_model": "",
                    "format": "gguf",
                    "family": arch,
                    "families": [arch] if arch else None,
                    "parameter_size": f"{count / 1e9:.1f}B" if count else "",
                    "quantization_level": "Q4_K_M"
                    if meta.get("general.file_type") == 15
                    else "unknown",
                },
                model_info={k: v for k, v in meta.items() if not k.startswith("gguf.")},
                modified_at=_now_rfc3339(),
                template=stored or NO_TEMPLATE,
                parameters=_parameters_text(params or {}),
                raw_turns=bool(blobs) and not stored,  # a GGUF given nothing
            )
            model.details = {k: v for k, v in model.details.items() if v is not None}
            fake.install(model)
            yield {"status": "success"}

        self._stream(lines())
