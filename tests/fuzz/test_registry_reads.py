"""The registry look-up over real HTTP on generated answers (issue 24.8): a manifest and a
config blob of any bytes, any declared size, any Content-Length (honest or not), chunked or
not. Only an OllamaError may come out, each case ends promptly, and information comes only
from the config blob its digest names."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import OllamaError
from desktop.services.models import registry_lookup
from desktop.services.models.registry_lookup import fetch_registry_info

CASE_SECONDS = 5.0
CONFIG = b'{"model_format":"gguf","model_type":"268.10M","file_type":"Q4_K_M"}'


class Answers:
    manifest = b""
    manifest_length: str | None = None
    blob = b""
    blob_length: str | None = None
    chunked = False


@pytest.fixture(scope="module")
def registry() -> Iterator[tuple[str, type[Answers]]]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:
            pass

        def do_GET(self) -> None:
            is_manifest = "/manifests/" in self.path
            body = Answers.manifest if is_manifest else Answers.blob
            length = Answers.manifest_length if is_manifest else Answers.blob_length
            self.send_response(200)
            self.close_connection = True
            try:
                if Answers.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(body), 4096):
                        piece = body[i : i + 4096]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.write(b"0\r\n\r\n")
                else:
                    if length is not None:
                        self.send_header("Content-Length", length)
                    self.end_headers()
                    self.wfile.write(body)
            except OSError:
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Answers
    server.shutdown()
    server.server_close()


def manifest(size: int, digest: str) -> bytes:
    return json.dumps(
        {
            "schemaVersion": 2,
            "config": {"mediaType": "x", "digest": digest, "size": size},
            "layers": [{"mediaType": "m", "digest": "sha256:" + "a" * 64, "size": 9}],
        }
    ).encode()


GOOD_DIGEST = "sha256:" + hashlib.sha256(CONFIG).hexdigest()
BODIES = st.one_of(
    st.binary(max_size=300),
    st.just(CONFIG),
    st.integers(0, 3 * registry_lookup.MAX_CONFIG).map(lambda n: b"{" + b" " * n + b"}"),
)
LENGTHS = st.one_of(
    st.none(), st.integers(0, 4000).map(str), st.sampled_from(["-1", "x", "9" * 30])
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    manifest_body=st.one_of(
        st.builds(manifest, st.integers(-5, 3 * registry_lookup.MAX_CONFIG), st.just(GOOD_DIGEST)),
        st.binary(max_size=200),
    ),
    manifest_length=LENGTHS,
    blob=BODIES,
    blob_length=LENGTHS,
    chunked=st.booleans(),
)
def test_any_registry_answer_is_information_or_an_ollama_error(
    registry: tuple[str, type[Answers]],
    manifest_body: bytes,
    manifest_length: str | None,
    blob: bytes,
    blob_length: str | None,
    chunked: bool,
) -> None:
    url, answers = registry
    answers.manifest, answers.manifest_length = manifest_body, manifest_length
    answers.blob, answers.blob_length, answers.chunked = blob, blob_length, chunked
    started = time.monotonic()
    try:
        info = fetch_registry_info(url, "gemma3:270m", timeout=1.0)
    except OllamaError:
        pass
    else:  # a result only from the one blob that matches its digest
        assert info.quantization == "Q4_K_M"
    assert time.monotonic() - started < CASE_SECONDS
