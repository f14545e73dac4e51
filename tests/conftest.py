"""Shared fixtures: an isolated app home, the fake Ollama server, Qt offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("OLLAMA_HOST", None)

import shutil  # noqa: E402
import ssl  # noqa: E402
import subprocess  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from tests.fake_ollama import FakeOllama  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own app folder; nothing touches the real user's settings."""
    home = tmp_path / "desk-home"
    monkeypatch.setenv("OLLAMA_DESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _no_docker_engine_of_this_machine(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The machine's Docker engine (CI starts one) and any Ollama container on it stay out
    of every test but tests/docker_engine: the docker CLI finds no engine."""
    if "docker_engine" not in request.node.nodeid:
        monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/ollama-desk-tests/docker.sock")


@pytest.fixture
def fake_ollama() -> Iterator[FakeOllama]:
    """A running fake Ollama server on a free loopback port."""
    with FakeOllama() as fake:
        yield fake


@dataclass(frozen=True)
class TlsPair:
    """A self-signed certificate for 127.0.0.1: the server's context and a client context
    that trusts it (and nothing else)."""

    server: ssl.SSLContext
    client: ssl.SSLContext


@pytest.fixture(scope="session")
def tls_pair(tmp_path_factory: pytest.TempPathFactory) -> TlsPair:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    return TlsPair(server, ssl.create_default_context(cafile=str(cert)))


@pytest.fixture
def dead_url() -> str:
    """An address where nothing listens (a port we bound and released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
