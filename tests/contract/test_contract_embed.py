"""Contract: /api/embed and how an embedding model describes itself, against the fake
server always and against a real Ollama when OLLAMA_TEST_HOST is set (with the embedding
model OLLAMA_TEST_EMBED_MODEL installed there, default all-minilm:l6-v2; the test skips
when it is not). Recorded answers: tests/fixtures/ollama-0.33.0-rc2/embed/."""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.hosts import parse_ollama_host
from desktop.services.api_client import OllamaApi
from desktop.services.retrieval.embedding import EmbeddingModels, embed
from tests.fake_ollama import FakeOllama, all_minilm


@dataclass(frozen=True)
class EmbedServer:
    url: str
    model: str  # an embedding model
    chat_model: str  # a model that cannot embed


@pytest.fixture(params=["fake", "real"])
def server(request: pytest.FixtureRequest) -> Iterator[EmbedServer]:
    if request.param == "fake":
        with FakeOllama() as fake:
            fake.install(all_minilm())
            yield EmbedServer(fake.url, "all-minilm:l6-v2", fake.installed_names()[0])
        return
    host = os.environ.get("OLLAMA_TEST_HOST")
    if not host:
        pytest.skip("OLLAMA_TEST_HOST not set: no real Ollama server to check against")
    url = parse_ollama_host(host).base_url
    model = os.environ.get("OLLAMA_TEST_EMBED_MODEL", "all-minilm:l6-v2")
    names = {m["name"] for m in httpx.get(url + "/api/tags", timeout=10).json()["models"]}
    if model not in names:
        pytest.skip(f"{model} is not installed on {host}")
    yield EmbedServer(url, model, os.environ.get("OLLAMA_TEST_MODEL", "gemma3:270m"))


@pytest.fixture
def api(server: EmbedServer) -> Iterator[OllamaApi]:
    client = OllamaApi(server.url, timeout=60)
    yield client
    client.close()


def post(server: EmbedServer, body: dict[str, object]) -> httpx.Response:
    return httpx.post(server.url + "/api/embed", json=body, timeout=600)


def test_embed_shape(server: EmbedServer) -> None:
    r = post(server, {"model": server.model, "input": ["first passage", "second passage"]})
    assert r.status_code == 200
    d = r.json()
    assert d["model"] == server.model
    assert isinstance(d["total_duration"], int) and isinstance(d["load_duration"], int)
    assert isinstance(d["prompt_eval_count"], int) and d["prompt_eval_count"] > 0
    a, b = d["embeddings"]
    assert len(a) == len(b) > 0 and a != b
    assert all(isinstance(x, float) for x in a)
    assert math.isclose(math.sqrt(sum(x * x for x in a)), 1.0, rel_tol=1e-3)  # normalised
    single = post(server, {"model": server.model, "input": "first passage"}).json()
    assert len(single["embeddings"]) == 1 and len(single["embeddings"][0]) == len(a)


def test_embed_edges(server: EmbedServer) -> None:
    empty = post(server, {"model": server.model, "input": []})
    assert empty.status_code == 200 and empty.json() == {"model": server.model, "embeddings": []}
    long_text = "word " * 900
    cut = post(server, {"model": server.model, "input": long_text})
    assert cut.status_code == 200 and len(cut.json()["embeddings"]) == 1  # cut to the window
    refused = post(server, {"model": server.model, "input": long_text, "truncate": False})
    assert refused.status_code == 400
    assert refused.json() == {"error": "the input length exceeds the context length"}


def test_embed_errors_as_the_app_reads_them(server: EmbedServer, api: OllamaApi) -> None:
    with pytest.raises(OllamaError) as missing:
        embed(api, "no-such-model:1b", ["x"])
    assert missing.value.kind is ErrorKind.NOT_FOUND and missing.value.status == 404
    with pytest.raises(OllamaError) as chat_model:
        embed(api, server.chat_model, ["x"])
    assert chat_model.value.status == 501  # "This server does not support embeddings..."
    assert "does not support embeddings" in chat_model.value.detail


def test_an_embedding_model_is_known_by_show_not_tags(server: EmbedServer, api: OllamaApi) -> None:
    assert "embedding" in api.show(server.model).capabilities
    assert server.model in EmbeddingModels().installed(api)
    assert server.chat_model not in EmbeddingModels().installed(api)
    r = httpx.post(
        server.url + "/api/chat",
        json={"model": server.model, "messages": [{"role": "user", "content": "hi"}]},
        timeout=60,
    )
    assert r.status_code == 400 and r.json()["error"] == f'"{server.model}" does not support chat'
