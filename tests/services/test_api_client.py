"""Every API call against the fake server: success, and every failure a user can meet."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.api_client import OllamaApi
from desktop.services.batching import Batching
from desktop.services.cancel import CancelToken
from desktop.services.models.gguf_import import sha256_file
from tests.conftest import TlsPair
from tests.fake_ollama import FakeOllama, default_registry, tiny_llama_gguf

MODEL = "gemma3-270m"
USER = [{"role": "user", "content": "Why is the sky blue?"}]


@pytest.fixture
def api(fake_ollama: FakeOllama) -> OllamaApi:
    client = OllamaApi(fake_ollama.url, timeout=2.0, stall_timeout=1.0, stream_timeout=2.0)
    yield client
    client.close()


@pytest.fixture(params=["http", "https"])
def streams(
    request: pytest.FixtureRequest, fake_ollama: FakeOllama, tls_pair: TlsPair
) -> OllamaApi:
    """The client over plain http and over TLS (a remote server), which must behave alike."""
    if request.param == "https":
        fake_ollama.tls = tls_pair.server  # from its next connection on
    return OllamaApi(
        fake_ollama.url, timeout=2.0, stall_timeout=1.0, stream_timeout=2.0, tls=tls_pair.client
    )


def raises(kind: ErrorKind, fn: Callable[[], Any]) -> OllamaError:
    with pytest.raises(OllamaError) as info:
        fn()
    assert info.value.kind is kind, info.value
    return info.value


# -- calls and their success ------------------------------------------------------------
def test_version_tags_ps_show(api: OllamaApi) -> None:
    assert api.version() == "0.33.0-rc2"
    models = api.list_models()
    assert [m.name for m in models] == ["gemma3-270m:latest"]
    assert models[0].details.quantization_level == "Q4_K_M"
    assert api.running_models() == []
    show = api.show(MODEL)
    assert show.architecture == "gemma3" and "completion" in show.capabilities


def test_preload_then_unload(api: OllamaApi, fake_ollama: FakeOllama) -> None:
    assert api.preload(MODEL).done_reason == "load"
    assert [r.name for r in api.running_models()] == ["gemma3-270m:latest"]
    api.unload(MODEL)
    assert api.running_models() == []


def test_copy_and_delete_change_state(api: OllamaApi) -> None:
    api.copy(MODEL, "my-copy:v1")
    assert {m.name for m in api.list_models()} == {"gemma3-270m:latest", "my-copy:v1"}
    api.delete("my-copy:v1")
    assert [m.name for m in api.list_models()] == ["gemma3-270m:latest"]


def test_pull_reports_progress_and_installs(api: OllamaApi) -> None:
    seen: list[tuple[str, int, int]] = []
    final = api.pull("qwen2.5:0.5b", lambda ev, p: seen.append((ev.status, p.completed, p.total)))
    statuses = [s for s, _, _ in seen]
    assert statuses[0] == "pulling manifest"
    assert statuses[-3:] == ["verifying sha256 digest", "writing manifest", "success"]
    assert final.done and final.fraction == 1.0
    completed = [c for s, c, _ in seen if s.startswith("pulling ") and s != "pulling manifest"]
    assert completed == sorted(completed) and completed[-1] > 0
    assert "qwen2.5:0.5b" in {m.name for m in api.list_models()}


def test_create_from_gguf(api: OllamaApi, tmp_path: Path) -> None:
    f = tmp_path / "tiny.gguf"
    f.write_bytes(tiny_llama_gguf())
    digest = sha256_file(f)
    assert not api.blob_exists(digest)
    sent: list[int] = []
    api.upload_blob(f, digest, lambda done, total: sent.append(done))
    assert sent[-1] == f.stat().st_size
    assert api.blob_exists(digest)
    statuses: list[str] = []
    api.create("tiny:test", {"files": {"model.gguf": digest}}, lambda e: statuses.append(e.status))
    assert statuses[0] == "parsing GGUF" and statuses[-1] == "success"
    assert "tiny:test" in {m.name for m in api.list_models()}


def test_chat_stream_assembles_answer(streams: OllamaApi) -> None:
    chunks: list[str] = []
    result = streams.chat(MODEL, USER, lambda c: chunks.append(c.content), options={"seed": 1})
    assert result.content == "".join(chunks)
    assert result.content.startswith("Local models run")
    assert result.stats.eval_count == result.chunks - 1
    assert result.stats.tokens_per_second and result.stats.tokens_per_second > 0


def test_text_that_splitlines_would_cut_arrives_whole(
    streams: OllamaApi, fake_ollama: FakeOllama
) -> None:
    """Ollama writes non-ASCII text raw inside its JSON strings: a model's NEL (U+0085), a
    form feed or a line separator must not split the line it comes in (str.splitlines
    would, and the answer ended as malformed)."""
    m = default_registry()["qwen2.5:0.5b"]
    m.answer = "Caf\u00e9 \u0085next \u2028sep \u2029para \x1c\x1d\x1e \x0b\x0c <b>&amp; 日本語"
    fake_ollama.install(m)
    for batching in (None, Batching(0.01, lambda: None)):
        assert streams.chat("qwen2.5:0.5b", USER, batching=batching).content == m.answer
    got: list[str] = []
    streams.pull("qwen2.5:0.5b", lambda ev, _p: got.append(ev.status))
    assert got[-1] == "success"


# -- failures -------------------------------------------------------------------------------
def test_invalid_names_refused_before_sending(api: OllamaApi, fake_ollama: FakeOllama) -> None:
    for call in (
        lambda: api.pull("bad name!"),
        lambda: api.show("a/"),
        lambda: api.delete("x:"),
        lambda: api.copy(MODEL, "no spaces allowed"),
        lambda: api.chat("ba$d", USER),
        lambda: api.create("..", {"files": {}}),
        lambda: api.pull("evil.example/ns/m:t"),
    ):
        raises(ErrorKind.INVALID_NAME, call)
    assert fake_ollama.requests == []


def test_server_side_invalid_name_400(api: OllamaApi, fake_ollama: FakeOllama) -> None:
    fake_ollama.add_fault("/api/pull", status=400, error="invalid model name")
    err = raises(ErrorKind.INVALID_NAME, lambda: api.pull("qwen3:0.6b"))
    assert err.status == 400


def test_invalid_digest_refused(api: OllamaApi, fake_ollama: FakeOllama, tmp_path: Path) -> None:
    raises(ErrorKind.INVALID_DIGEST, lambda: api.blob_exists("sha256:../../x"))
    raises(ErrorKind.INVALID_DIGEST, lambda: api.upload_blob(tmp_path, "sha256:zz"))
    assert fake_ollama.requests == []


def test_blob_digest_mismatch(api: OllamaApi, tmp_path: Path) -> None:
    f = tmp_path / "x.gguf"
    f.write_bytes(b"GGUF-but-not-this-digest")
    err = raises(ErrorKind.BAD_REQUEST, lambda: api.upload_blob(f, "sha256:" + "ab" * 32))
    assert "digest mismatch" in err.detail


def test_bogus_gguf_error_line_after_200(api: OllamaApi, tmp_path: Path) -> None:
    f = tmp_path / "bogus.gguf"
    f.write_bytes(b"GGUF\x03\x00\x00")  # 7 bytes: truncated header
    digest = sha256_file(f)
    api.upload_blob(f, digest)
    err = raises(
        ErrorKind.STREAM_ERROR, lambda: api.create("bogus:1", {"files": {"model.gguf": digest}})
    )
    assert err.detail == "unexpected EOF"
    assert "bogus:1" not in {m.name for m in api.list_models()}


@pytest.mark.parametrize(
    ("call", "kind"),
    [
        (lambda a: a.show("nosuch:1b"), ErrorKind.NOT_FOUND),
        (lambda a: a.delete("nosuch:1b"), ErrorKind.NOT_FOUND),
        (lambda a: a.copy("nosuch:1b", "x:1"), ErrorKind.NOT_FOUND),
        (lambda a: a.chat("nosuch:1b", USER), ErrorKind.NOT_FOUND),
        (lambda a: a.preload("nosuch:1b"), ErrorKind.NOT_FOUND),
        (lambda a: a.chat(MODEL, USER, think=True), ErrorKind.BAD_REQUEST),
        (lambda a: a.chat(MODEL, USER, options={"num_ctx": "big"}), ErrorKind.SERVER_ERROR),
    ],
)
def test_server_refusals(api: OllamaApi, call: Callable[[OllamaApi], Any], kind: ErrorKind) -> None:
    err = raises(kind, lambda: call(api))
    assert err.detail  # the server's own words are kept for the message


def test_not_found_offers_pull() -> None:
    assert OllamaError(ErrorKind.NOT_FOUND, "model 'x' not found").is_model_missing
    assert not OllamaError(ErrorKind.BUSY).is_model_missing


def test_unknown_model_pull_error_line_after_200(api: OllamaApi) -> None:
    seen: list[str] = []
    err = raises(
        ErrorKind.STREAM_ERROR, lambda: api.pull("nosuch:1b", lambda e, p: seen.append(e.status))
    )
    assert err.detail == "pull model manifest: file does not exist"
    assert seen == ["pulling manifest"]


def test_offline_pull(api: OllamaApi, fake_ollama: FakeOllama) -> None:
    fake_ollama.offline = True
    err = raises(ErrorKind.REGISTRY_UNREACHABLE, lambda: api.pull("qwen3:0.6b"))
    assert "no such host" in err.detail


ALL_CALLS: dict[str, tuple[str, Callable[[OllamaApi], Any]]] = {
    "version": ("/api/version", lambda a: a.version()),
    "tags": ("/api/tags", lambda a: a.list_models()),
    "ps": ("/api/ps", lambda a: a.running_models()),
    "show": ("/api/show", lambda a: a.show(MODEL)),
    "pull": ("/api/pull", lambda a: a.pull("qwen3:0.6b")),
    "delete": ("/api/delete", lambda a: a.delete(MODEL)),
    "copy": ("/api/copy", lambda a: a.copy(MODEL, "b:1")),
    "chat": ("/api/chat", lambda a: a.chat(MODEL, USER)),
    "preload": ("/api/chat", lambda a: a.preload(MODEL)),
    "unload": ("/api/chat", lambda a: a.unload(MODEL)),
    "blob": ("/api/blobs/sha256:" + "ab" * 32, lambda a: a.blob_exists("sha256:" + "ab" * 32)),
}
STREAMING = ("pull", "chat")


@pytest.mark.parametrize("call", list(ALL_CALLS))
@pytest.mark.parametrize(
    ("status", "kind"),
    [(500, ErrorKind.SERVER_ERROR), (503, ErrorKind.BUSY), (403, ErrorKind.FORBIDDEN)],
)
def test_http_errors_on_every_call(
    api: OllamaApi, fake_ollama: FakeOllama, call: str, status: int, kind: ErrorKind
) -> None:
    path, fn = ALL_CALLS[call]
    fake_ollama.add_fault(path, status=status, error="injected")
    err = raises(kind, lambda: fn(api))
    assert err.status == status


@pytest.mark.parametrize("call", list(ALL_CALLS))
def test_connection_refused_on_every_call(dead_url: str, call: str) -> None:
    api = OllamaApi(dead_url, timeout=1.0)
    raises(ErrorKind.CONNECTION_REFUSED, lambda: ALL_CALLS[call][1](api))


@pytest.mark.parametrize("call", list(ALL_CALLS))
def test_timeout_on_every_call(api: OllamaApi, fake_ollama: FakeOllama, call: str) -> None:
    path, fn = ALL_CALLS[call]
    api.timeout = api.stall_timeout = api.stream_timeout = 0.3
    fake_ollama.add_fault(path, stall=3.0)
    raises(ErrorKind.TIMEOUT, lambda: fn(api))


@pytest.mark.parametrize("call", STREAMING)
def test_stream_failures(streams: OllamaApi, fake_ollama: FakeOllama, call: str) -> None:
    path, fn = ALL_CALLS[call]
    fake_ollama.add_fault(path, drop_after=2)
    raises(ErrorKind.CONNECTION_LOST, lambda: fn(streams))
    fake_ollama.add_fault(path, malformed_at=1)
    raises(ErrorKind.MALFORMED, lambda: fn(streams))
    fake_ollama.add_fault(path, error_after=2, error="model runner has unexpectedly stopped")
    assert "unexpectedly" in raises(ErrorKind.RUNNER_STOPPED, lambda: fn(streams)).detail
    fake_ollama.add_fault(path, end_after=2)
    raises(ErrorKind.INCOMPLETE_STREAM, lambda: fn(streams))
    fake_ollama.add_fault(path, stall=3.0, stall_after=1)
    streams.stall_timeout = streams.stream_timeout = 0.3
    raises(ErrorKind.TIMEOUT, lambda: fn(streams))


def test_create_stream_failures(
    streams: OllamaApi, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    f = tmp_path / "tiny.gguf"
    f.write_bytes(tiny_llama_gguf())
    digest = sha256_file(f)
    streams.upload_blob(f, digest)
    body = {"files": {"model.gguf": digest}}
    fake_ollama.add_fault("/api/create", drop_after=1)
    raises(ErrorKind.CONNECTION_LOST, lambda: streams.create("t:1", body))
    fake_ollama.add_fault("/api/create", end_after=2)
    raises(ErrorKind.INCOMPLETE_STREAM, lambda: streams.create("t:1", body))
    fake_ollama.add_fault("/api/create", status=500, error="boom")
    raises(ErrorKind.SERVER_ERROR, lambda: streams.create("t:1", body))


def test_server_killed_mid_stream(streams: OllamaApi, fake_ollama: FakeOllama) -> None:
    fake_ollama.token_delay = 0.02
    got: list[str] = []

    def on_chunk(c: Any) -> None:
        got.append(c.content)
        if len(got) == 3:
            threading.Thread(target=fake_ollama.stop).start()

    err = raises(ErrorKind.CONNECTION_LOST, lambda: streams.chat(MODEL, USER, on_chunk))
    assert len(got) >= 3 and err.kind is ErrorKind.CONNECTION_LOST


def test_cancel_is_prompt_even_when_server_is_silent(
    streams: OllamaApi, fake_ollama: FakeOllama
) -> None:
    fake_ollama.add_fault("/api/chat", stall=10.0, stall_after=2)
    streams.stream_timeout = 30.0
    token = CancelToken()
    got: list[str] = []
    timer = threading.Timer(0.2, token.cancel)
    timer.start()
    started = time.monotonic()
    raises(
        ErrorKind.CANCELLED,
        lambda: streams.chat(MODEL, USER, lambda c: got.append(c.content), token),
    )
    # a cancel that waited for the 30 s read timeout would be useless to a person
    assert time.monotonic() - started < 5.0
    assert len(got) == 2


def test_cancel_before_start_sends_nothing(api: OllamaApi, fake_ollama: FakeOllama) -> None:
    token = CancelToken()
    token.cancel()
    raises(ErrorKind.CANCELLED, lambda: api.pull("qwen3:0.6b", cancel=token))
    assert "/api/pull" not in fake_ollama.paths_requested()


def test_missing_local_file(api: OllamaApi, tmp_path: Path) -> None:
    raises(ErrorKind.LOCAL_IO, lambda: sha256_file(tmp_path / "nope.gguf"))
    raises(ErrorKind.LOCAL_IO, lambda: api.upload_blob(tmp_path / "nope", "sha256:" + "a" * 64))
