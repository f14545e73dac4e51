"""The fake server's answers have the shape of the recorded real ones: same keys, same
types, same order of events, same status codes."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.fake_ollama import FakeOllama, load_fixture

MODEL = "gemma3-270m"


def shape(value: Any) -> Any:
    """Keys and JSON types, recursively (lists by their first element)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def lines(resp: httpx.Response) -> list[dict[str, Any]]:
    return [json.loads(line) for line in resp.text.splitlines() if line.strip()]


@pytest.fixture
def client(fake_ollama: FakeOllama) -> httpx.Client:
    with httpx.Client(base_url=fake_ollama.url, timeout=10) as c:
        yield c


def test_version_tags_ps_show(client: httpx.Client) -> None:
    assert shape(client.get("/api/version").json()) == shape(load_fixture("version.json"))
    assert shape(client.get("/api/tags").json()) == shape(load_fixture("tags.json"))
    assert client.get("/api/tags").json() == load_fixture("tags.json")  # same model, same data
    assert shape(client.get("/api/ps").json()) == shape(load_fixture("ps_empty.json"))
    real_show = load_fixture("show.json")
    fake_show = client.post("/api/show", json={"model": MODEL}).json()
    # a real 0.33.0-rc2 sends the tensor table without verbose too (server/routes.go; the
    # recordings in tests/fixtures/real-speed/show were fetched without it)
    assert shape(fake_show).keys() == shape(real_show).keys()
    assert fake_show["tensors"] == real_show["tensors"]
    assert fake_show["model_info"] == real_show["model_info"]
    assert shape(fake_show["details"]) == shape(real_show["details"])


def test_preload_ps_unload(client: httpx.Client) -> None:
    pre = client.post("/api/chat", json={"model": MODEL, "messages": [], "stream": False})
    assert shape(pre.json()) == shape(load_fixture("preload.json"))
    assert pre.json()["done_reason"] == "load"
    assert shape(client.get("/api/ps").json()) == shape(load_fixture("ps_loaded.json"))
    un = client.post(
        "/api/chat", json={"model": MODEL, "messages": [], "keep_alive": 0, "stream": False}
    )
    assert un.json()["done_reason"] == "unload"
    assert client.get("/api/ps").json() == {"models": []}


def test_chat_stream_and_nostream(client: httpx.Client) -> None:
    real = load_fixture("chat_stream.ndjson")
    fake = lines(
        client.post(
            "/api/chat",
            json={
                "model": MODEL,
                "messages": [{"role": "user", "content": "hi"}],
                "options": {"num_predict": 20},
            },
        )
    )
    assert shape(fake[0]) == shape(real[0])
    assert shape(fake[-1]) == shape(real[-1])
    assert fake[-1]["done_reason"] == "length" and fake[-1]["eval_count"] == 20
    assert all(not o["done"] for o in fake[:-1])
    nost = client.post(
        "/api/chat",
        json={
            "model": MODEL,
            "stream": False,
            "messages": [{"role": "user", "content": "hi"}],
            "options": {"num_predict": 30},
        },
    ).json()
    assert shape(nost) == shape(load_fixture("chat_nostream.json"))


def test_generate_stream(client: httpx.Client) -> None:
    real = load_fixture("generate_stream.ndjson")
    fake = lines(
        client.post(
            "/api/generate", json={"model": MODEL, "prompt": "hi", "options": {"num_predict": 5}}
        )
    )
    assert shape(fake[0]) == shape(real[0])
    assert set(fake[-1]) == set(real[-1])
    nost = client.post(
        "/api/generate",
        json={"model": MODEL, "prompt": "hi", "stream": False, "options": {"num_predict": 5}},
    ).json()
    assert set(nost) == set(load_fixture("generate_nostream.json"))


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "fixture"),
    [
        (
            "POST",
            "/api/chat",
            {"model": "nosuch:1b", "messages": []},
            404,
            "chat_unknown_model.json",
        ),
        ("POST", "/api/show", {"model": "nosuch:1b"}, 404, "show_unknown_model.json"),
        ("DELETE", "/api/delete", {"model": "nosuch:1b"}, 404, "delete_unknown_model.json"),
        (
            "POST",
            "/api/generate",
            {"model": "nosuch:1b", "prompt": "x"},
            404,
            "generate_unknown.json",
        ),
        (
            "POST",
            "/api/chat",
            {"model": MODEL, "think": True, "messages": [{"role": "user", "content": "x"}]},
            400,
            "chat_think_unsupported.json",
        ),
        (
            "POST",
            "/api/chat",
            {
                "model": MODEL,
                "options": {"num_ctx": "big"},
                "messages": [{"role": "user", "content": "x"}],
            },
            500,
            "chat_bad_option_type.json",
        ),
        ("POST", "/api/pull", {"model": "bad name!"}, 400, "pull_invalid_name.json"),
    ],
)
def test_error_answers(
    client: httpx.Client, method: str, path: str, body: dict[str, Any], status: int, fixture: str
) -> None:
    resp = client.request(method, path, json=body)
    assert resp.status_code == status
    assert resp.json() == load_fixture(fixture)


def test_truncated_json_body(client: httpx.Client) -> None:
    resp = client.post("/api/chat", content=b'{"model": "gemma3-270m", "mess')
    assert resp.status_code == 400
    assert resp.json() == load_fixture("chat_bad_json.json")


@pytest.mark.parametrize("fixture", ["pull_unknown_model.ndjson", "pull_offline.ndjson"])
def test_pull_errors_after_200(client: httpx.Client, fake_ollama: FakeOllama, fixture: str) -> None:
    name = "nosuch:1b"
    if fixture == "pull_offline.ndjson":
        fake_ollama.offline, name = True, "qwen2.5:0.5b"
    resp = client.post("/api/pull", json={"model": name})
    assert resp.status_code == 200
    got, real = lines(resp), load_fixture(fixture)
    assert [shape(o) for o in got] == [shape(o) for o in real]
    assert got[0] == real[0]
    if fixture == "pull_offline.ndjson":
        assert got == real
    else:
        assert got[1] == real[1]


def test_pull_sequence_like_real(client: httpx.Client) -> None:
    # start like the recording did: blobs absent
    assert client.request("DELETE", "/api/delete", json={"model": MODEL}).status_code == 200
    got = lines(client.post("/api/pull", json={"model": "gemma3:270m"}))
    real = load_fixture("pull_stream.ndjson")
    assert got[0] == real[0] and got[-3:] == real[-3:]
    progress = [o for o in got if "digest" in o]
    assert {shape(o) == shape(real[1]) for o in progress} == {True}
    # like the real server: never a 100 % line for a fresh download
    assert all(o["completed"] < o["total"] for o in progress)
    again = lines(client.post("/api/pull", json={"model": "gemma3:270m"}))
    assert again == load_fixture("pull_already_present.ndjson")


def test_blobs_copy_delete_status_codes(client: httpx.Client) -> None:
    assert client.head("/api/blobs/sha256:bad").status_code == 400
    present = "sha256:" + load_fixture("registry_manifest.json")["layers"][0]["digest"][7:]
    assert client.head(f"/api/blobs/{present}").status_code == 200
    assert client.head("/api/blobs/sha256:" + "ab" * 32).status_code == 404
    mismatch = client.post("/api/blobs/sha256:" + "ab" * 32, content=b"hello")
    assert mismatch.status_code == 400
    assert shape(mismatch.json()) == shape(load_fixture("blob_upload_mismatch.json"))
    assert mismatch.json()["error"].startswith('digest mismatch, expected "sha256:abab')
    cp = client.post("/api/copy", json={"source": MODEL, "destination": "c:1"})
    assert (cp.status_code, cp.content) == (200, b"")
    de = client.request("DELETE", "/api/delete", json={"model": "c:1"})
    assert (de.status_code, de.content) == (200, b"")


def test_create_sequences(client: httpx.Client) -> None:
    from tests.fake_ollama import tiny_llama_gguf

    data = tiny_llama_gguf()
    import hashlib

    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    assert client.post(f"/api/blobs/{digest}", content=data).status_code == 201
    assert client.post(f"/api/blobs/{digest}", content=data).status_code == 200
    got = lines(client.post("/api/create", json={"model": "t:1", "files": {"model.gguf": digest}}))
    real = load_fixture("create_from_gguf.ndjson")
    assert [o["status"].split(" sha256:")[0] for o in got] == [
        o["status"].split(" sha256:")[0] for o in real
    ]
    bogus = b"GGUF\x03\x00\x00\x00\x00\x00\x00"
    bd = "sha256:" + hashlib.sha256(bogus).hexdigest()
    client.post(f"/api/blobs/{bd}", content=bogus)
    got = lines(client.post("/api/create", json={"model": "b:1", "files": {"m.gguf": bd}}))
    assert got == load_fixture("create_bogus_gguf.ndjson")
