"""Embeddings from Ollama's /api/embed, and which installed models make them.

An embedding model is one whose /api/show ``capabilities`` list ``embedding`` (Ollama
0.33: ``["embedding"]`` for a BERT model such as all-minilm). /api/tags is no guide: the
real server lists ``["completion"]`` there for the same model
(tests/fixtures/ollama-0.33.0-rc2/embed/tags_embedding.json). /api/embed answers
``{"model", "embeddings": [[...], ...], "total_duration", "load_duration",
"prompt_eval_count"}``, one vector per input, L2-normalised, inputs longer than the model's
window cut to it (``truncate`` defaults to true; false makes it a 400).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.api_client import OllamaApi, check_name
from desktop.services.cancel import CancelToken

BATCH = 16  # passages per request: one request's wait stays short, Stop is heard soon
MAX_VECTOR = 16_384  # dimensions accepted (the largest embedding models use 4,096)
# a batch on a busy CPU: 16 passages took 20-40 s next to a chat model on 2 cores
READ_TIMEOUT_S = 300.0
MAX_ANSWER = BATCH * MAX_VECTOR * 32  # 32 bytes a number is more than JSON needs


def parse_embeddings(data: object, expected: int) -> list[list[float]]:
    """The vectors of an /api/embed answer; MALFORMED unless it is ``expected`` lists of
    numbers of one length."""
    vectors = data.get("embeddings") if isinstance(data, dict) else None
    if not isinstance(vectors, list) or len(vectors) != expected:
        raise OllamaError(ErrorKind.MALFORMED, "embed: not one vector per input")
    out: list[list[float]] = []
    for v in vectors:
        if not isinstance(v, list) or not 0 < len(v) <= MAX_VECTOR:
            raise OllamaError(ErrorKind.MALFORMED, "embed: a vector is not a list")
        if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in v):
            raise OllamaError(ErrorKind.MALFORMED, "embed: a vector holds a non-number")
        out.append([float(x) for x in v])
    if out and any(len(v) != len(out[0]) for v in out):
        raise OllamaError(ErrorKind.MALFORMED, "embed: vectors of different lengths")
    return out


def embed(
    api: OllamaApi, model: str, texts: Sequence[str], cancel: CancelToken | None = None
) -> list[list[float]]:
    """One vector per text, ``BATCH`` texts a request; CANCELLED between requests."""
    out: list[list[float]] = []
    name = check_name(model)
    for start in range(0, len(texts), BATCH):
        if cancel is not None:
            cancel.check()
        batch = list(texts[start : start + BATCH])
        data = _post(api, {"model": name, "input": batch}, cancel or CancelToken())
        out.extend(parse_embeddings(data, len(batch)))
    return out


def _post(api: OllamaApi, body: dict[str, object], cancel: CancelToken) -> object:
    """POST /api/embed with a long read timeout; Stop shuts the socket at once."""
    return api.post_json("/api/embed", body, cancel, READ_TIMEOUT_S, MAX_ANSWER)


@dataclass
class EmbeddingModels:
    """Which installed models are embedding models, asked of /api/show once per model
    (and version: its digest). Thread-safe."""

    known: dict[tuple[str, str], bool] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def installed(self, api: OllamaApi) -> list[str]:
        """The names of the installed embedding models, sorted."""
        out = []
        for m in api.list_models():
            key = (m.name, m.digest)
            with self.lock:
                is_embedding = self.known.get(key)
            if is_embedding is None:
                try:
                    is_embedding = "embedding" in api.show(m.name).capabilities
                except OllamaError:
                    continue  # removed meanwhile, or a server that cannot say: not this time
                with self.lock:
                    self.known[key] = is_embedding
            if is_embedding:
                out.append(m.name)
        return sorted(out)
