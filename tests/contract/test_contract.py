"""Contract tests: the same assertions against the fake server (always) and against a real
Ollama server when OLLAMA_TEST_HOST is set (with OLLAMA_TEST_MODEL installed there, a small
model without the thinking capability, e.g. gemma3:270m).

    OLLAMA_TEST_HOST=127.0.0.1:11434 OLLAMA_TEST_MODEL=gemma3:270m scripts/test.sh tests/contract
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.hosts import parse_ollama_host
from desktop.services.api_client import OllamaApi
from tests.fake_ollama import FakeOllama

USER = [{"role": "user", "content": "Say hello in five words."}]


@dataclass
class Server:
    url: str
    model: str
    kind: str


@pytest.fixture(params=["fake", "real"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    if request.param == "fake":
        with FakeOllama() as fake:
            yield Server(fake.url, "gemma3-270m", "fake")
        return
    host = os.environ.get("OLLAMA_TEST_HOST")
    if not host:
        pytest.skip("OLLAMA_TEST_HOST not set: no real Ollama server to check against")
    yield Server(
        parse_ollama_host(host).base_url, os.environ.get("OLLAMA_TEST_MODEL", "gemma3:270m"), "real"
    )


@pytest.fixture
def api(server: Server) -> Iterator[OllamaApi]:
    client = OllamaApi(server.url, timeout=30, stream_timeout=300)
    yield client
    client.close()


def test_health_and_version(server: Server, api: OllamaApi) -> None:
    r = httpx.get(server.url + "/", timeout=10)
    assert r.status_code == 200 and r.text == "Ollama is running"
    version = api.version()
    assert version and version[0].isdigit()


def test_tags_describe_the_test_model(server: Server, api: OllamaApi) -> None:
    models = {m.name.removesuffix(":latest"): m for m in api.list_models()}
    m = models[server.model.removesuffix(":latest")]
    assert m.size > 0 and len(m.digest) == 64
    assert m.details.format == "gguf" and m.details.family
    assert m.details.parameter_size and m.details.quantization_level
    assert m.modified_at is not None


def test_show_has_architecture_numbers(server: Server, api: OllamaApi) -> None:
    s = api.show(server.model)
    assert s.architecture
    assert isinstance(s.arch_value("block_count"), int)
    assert s.arch_value("attention.head_count_kv") is not None
    assert "completion" in s.capabilities


def test_chat_streams_and_counts(server: Server, api: OllamaApi) -> None:
    pieces: list[str] = []
    result = api.chat(
        server.model,
        USER,
        lambda c: pieces.append(c.content),
        options={"num_predict": 12, "seed": 7, "temperature": 0},
    )
    assert result.content == "".join(pieces) and result.content
    assert result.stats.done_reason in ("stop", "length")
    assert 0 < result.stats.eval_count <= 12
    assert result.stats.eval_duration > 0 and result.stats.prompt_eval_count > 0
    assert result.stats.total_duration >= result.stats.eval_duration


def test_preload_ps_unload(server: Server, api: OllamaApi) -> None:
    assert api.preload(server.model).done_reason == "load"
    running = {r.name.removesuffix(":latest") for r in api.running_models()}
    assert server.model.removesuffix(":latest") in running
    api.unload(server.model)
    running = {r.name.removesuffix(":latest") for r in api.running_models()}
    assert server.model.removesuffix(":latest") not in running


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda a, m: a.show("nosuch-model-xyz:1b"), ErrorKind.NOT_FOUND),
        (lambda a, m: a.chat("nosuch-model-xyz:1b", USER), ErrorKind.NOT_FOUND),
        (lambda a, m: a.delete("nosuch-model-xyz:1b"), ErrorKind.NOT_FOUND),
        (lambda a, m: a.chat(m, USER, think=True), ErrorKind.BAD_REQUEST),
        (lambda a, m: a.chat(m, USER, options={"num_ctx": "big"}), ErrorKind.SERVER_ERROR),
    ],
)
def test_refusals(server: Server, api: OllamaApi, call: object, kind: ErrorKind) -> None:
    with pytest.raises(OllamaError) as e:
        call(api, server.model)  # type: ignore[operator]
    assert e.value.kind is kind
    assert e.value.detail


def test_invalid_name_is_400_before_streaming(server: Server) -> None:
    r = httpx.post(server.url + "/api/pull", json={"model": "bad name!"}, timeout=10)
    assert r.status_code == 400 and r.json() == {"error": "invalid model name"}


def test_unknown_pull_fails_after_200(server: Server) -> None:
    with httpx.stream(
        "POST", server.url + "/api/pull", json={"model": "nosuch-model-xyz:1b"}, timeout=60
    ) as r:
        assert r.status_code == 200
        lines = [line for line in r.iter_lines() if line]
    assert '"pulling manifest"' in lines[0]
    assert '"error"' in lines[-1]


def test_blobs(server: Server) -> None:
    data = b"ollama-desk contract test blob"
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    assert httpx.head(server.url + "/api/blobs/sha256:nothex", timeout=10).status_code == 400
    bad = httpx.post(server.url + "/api/blobs/sha256:" + "ab" * 32, content=data, timeout=10)
    assert bad.status_code == 400 and "digest mismatch" in bad.json()["error"]
    first = httpx.post(server.url + f"/api/blobs/{digest}", content=data, timeout=10)
    assert first.status_code in (200, 201)
    assert httpx.head(server.url + f"/api/blobs/{digest}", timeout=10).status_code == 200


def test_copy_then_delete(server: Server, api: OllamaApi) -> None:
    api.copy(server.model, "ollama-desk-contract:copy")
    assert "ollama-desk-contract:copy" in {m.name for m in api.list_models()}
    api.delete("ollama-desk-contract:copy")
    assert "ollama-desk-contract:copy" not in {m.name for m in api.list_models()}


def test_official_client_reads_the_same_answers(server: Server) -> None:
    """The official client (validated against real servers) accepts what this server sends."""
    ollama = pytest.importorskip("ollama")
    client = ollama.Client(host=server.url)
    names = [m.model for m in client.list().models]
    assert any(n and n.startswith(server.model.split(":")[0]) for n in names)
    shown = client.show(server.model)
    assert shown.modelinfo and shown.details is not None
    parts = list(
        client.chat(model=server.model, messages=USER, stream=True, options={"num_predict": 5})
    )
    assert parts[-1].done and parts[-1].eval_count
    assert client.ps().models is not None
