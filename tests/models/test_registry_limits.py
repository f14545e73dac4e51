"""Issue 24.8: a registry is a peer on the internet; nothing it sends is read without a
bound. A config blob declared as 100 bytes and served as hundreds of megabytes, a huge
manifest, a redirect with a huge body, a blob that is not what its digest says, a registry
that trickles: each ends in a clear OllamaError, having read little and waited little."""

from __future__ import annotations

import hashlib
import json

import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.services.models.registry_lookup import MAX_CONFIG, fetch_registry_info
from tests.fake_ollama.models import FIXTURES
from tests.hostile_peer import hostile_peer

CONFIG = (FIXTURES / "registry_config_blob.json").read_bytes()
DIGEST = "sha256:" + hashlib.sha256(CONFIG).hexdigest()
HUGE = 100 << 20  # what a hostile peer offers; the app must read a small part of it
READ_AT_MOST = 24 << 20  # a stopped reader, plus what loopback socket buffers took


def manifest(config_size: int = len(CONFIG), digest: str = DIGEST) -> bytes:
    return json.dumps(
        {
            "schemaVersion": 2,
            "config": {"mediaType": "x", "digest": digest, "size": config_size},
            "layers": [
                {
                    "mediaType": "application/vnd.ollama.image.model",
                    "digest": "sha256:" + "a" * 64,
                    "size": 1000,
                }
            ],
        }
    ).encode()


M = "/v2/library/gemma3/manifests/270m"
B = f"/v2/library/gemma3/blobs/{DIGEST}"


def lookup_fails(url: str, kind: ErrorKind, timeout: float = 5.0) -> OllamaError:
    with pytest.raises(OllamaError) as info:
        fetch_registry_info(url, "gemma3:270m", timeout=timeout)
    assert info.value.kind is kind, info.value
    return info.value


def test_a_config_blob_larger_than_its_manifest_says_is_not_read() -> None:
    with hostile_peer(missing=b"{}") as (url, state):
        state.routes[M] = (200, {}, manifest(config_size=100), 0.0)
        state.routes[B] = (200, {}, HUGE, 0.0)
        lookup_fails(url, ErrorKind.MALFORMED)
        assert state.sent < READ_AT_MOST


def test_a_huge_manifest_is_not_read() -> None:
    with hostile_peer(missing=b"{}") as (url, state):
        state.routes[M] = (200, {}, HUGE, 0.0)
        lookup_fails(url, ErrorKind.MALFORMED)
        assert state.sent < READ_AT_MOST


def test_a_declared_huge_blob_is_refused_before_a_byte_is_read() -> None:
    with hostile_peer(missing=b"{}") as (url, state):
        state.routes[M] = (200, {}, manifest(), 0.0)
        state.routes[B] = (200, {"Content-Length": str(300 << 20)}, b"{}", 0.0)
        assert str(300 << 20) in lookup_fails(url, ErrorKind.MALFORMED).detail


def test_a_redirect_with_a_huge_body_is_followed_without_reading_it() -> None:
    """httpx reads the whole body of each redirect it follows; the look-up follows them
    itself."""
    with hostile_peer(missing=b"{}") as (url, state):
        state.routes[M] = (200, {}, manifest(), 0.0)
        state.routes[B] = (307, {"Location": "/cdn/config"}, HUGE, 0.0)
        state.routes["/cdn/config"] = (200, {}, CONFIG, 0.0)
        info = fetch_registry_info(url, "gemma3:270m")
        assert info.quantization == "Q4_K_M"
        assert state.sent < READ_AT_MOST


def test_a_config_blob_that_is_not_its_digest_is_refused() -> None:
    with hostile_peer(missing=b"{}") as (url, state):
        state.routes[M] = (200, {}, manifest(), 0.0)
        state.routes[B] = (200, {}, CONFIG.replace(b"Q4_K_M", b"Q8_0__"), 0.0)
        assert "digest" in lookup_fails(url, ErrorKind.MALFORMED).detail


def test_a_registry_that_trickles_is_given_up_on() -> None:
    """A byte every 20 ms (never a silent 0.3 s read timeout): the look-up ends at its
    deadline instead of when the registry likes (the manifest alone would take ~14 s)."""
    with hostile_peer(missing=b"{}") as (url, state):
        state.routes[M] = (200, {}, manifest(), 0.02)
        lookup_fails(url, ErrorKind.TIMEOUT, timeout=0.3)


def test_the_caps_leave_room_for_real_answers() -> None:
    assert len(CONFIG) * 100 < MAX_CONFIG
