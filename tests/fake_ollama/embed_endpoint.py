"""/api/embed of the fake Ollama server, shaped as a real 0.33.0-rc2 answered
(tests/fixtures/ollama-0.33.0-rc2/embed/): one vector per input, the durations, the input
tokens counted; an embedding model's window cuts a long input (``truncate`` false makes it
a 400); a model that cannot embed is a 501; an unknown one a 404 worded as embed words it.

TEST DOUBLE: the vectors are NOT a language model's. Each is a hashed bag of the input's
terms (core/retrieval/terms.py: words, CJK character pairs) in 64 dimensions, L2-normalised:
deterministic, different for different texts and closer for texts sharing words, which is
what protocol and ranking-plumbing tests need. Retrieval quality is measured against a real
embedding model (benchmarks/test_retrieval.py with OLLAMA_TEST_HOST).
"""

from __future__ import annotations

import hashlib
import math
import time
from typing import Any

from desktop.core.retrieval.terms import index_terms

from .models import FakeModel, synthetic
from .wire import _HandlerBase

DIMENSIONS = 64


def fake_vector(text: str) -> list[float]:
    """The test double's embedding of ``text`` (see the module's docstring)."""
    v = [0.0] * DIMENSIONS
    for term in index_terms(text):
        digest = hashlib.blake2b(term.encode("utf-8"), digest_size=4).digest()
        bucket = int.from_bytes(digest[:2], "little") % DIMENSIONS
        v[bucket] += 1.0 if digest[2] & 1 else -1.0
    norm = math.sqrt(sum(x * x for x in v))
    return [round(x / norm, 8) for x in v] if norm else v


def all_minilm() -> FakeModel:
    """An embedding model as the real server describes all-minilm (a BERT of 22.57M
    parameters, F16): /api/show lists ``["embedding"]``, /api/tags ``["completion"]``."""
    m = synthetic(
        "all-minilm:l6-v2",
        family="bert",
        arch="bert",
        parameter_size="22.57M",
        parameter_count=22_565_376,
        quant="F16",
        weights=45_949_364,
        block_count=6,
        head_count=12,
        head_count_kv=12,
        embedding_length=384,
        context_length=512,
        capabilities=("embedding",),
    )
    m.tags_capabilities = ["completion"]  # what the real /api/tags says of it
    return m


class _EmbedEndpoint(_HandlerBase):
    """The /api/embed route of _Handler (server.py)."""

    def _embed(self, body: dict[str, Any]) -> None:
        started = time.monotonic_ns()
        name, model = self._find(body)
        if not name:
            return self._error(400, "model is required")
        if model is None:
            return self._error(404, f'model "{name}" not found, try pulling it first')
        if "embedding" not in model.capabilities:
            return self._error(
                501, "This server does not support embeddings. Start it with `--embeddings`"
            )
        raw = body.get("input")
        inputs = [raw] if isinstance(raw, str) else raw
        if not isinstance(inputs, list) or not all(isinstance(x, str) for x in inputs):
            return self._error(400, "invalid input type")
        if not inputs:
            return self._json(200, {"model": model.name, "embeddings": []})
        window = int(
            model.model_info.get(f"{model.model_info['general.architecture']}.context_length", 512)
        )
        counted = 0
        for text in inputs:
            tokens = len(index_terms(text)) + 2  # [CLS] ... [SEP]
            if tokens > window and body.get("truncate") is False:
                return self._error(400, "the input length exceeds the context length")
            counted += min(tokens, window)
        vectors = [fake_vector(t) for t in inputs]
        self._json(
            200,
            {
                "model": model.name,
                "embeddings": vectors,
                "total_duration": time.monotonic_ns() - started,
                "load_duration": 1_000_000,
                "prompt_eval_count": counted,
            },
        )
