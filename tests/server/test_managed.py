"""The managed `ollama serve`: the stand-in runs as a real child process."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from pytestqt.qtbot import QtBot

from desktop.core.setup.serve_log import CrashReason
from desktop.core.setup.server_env import ServerOptions
from desktop.services.api_client import OllamaApi
from desktop.services.server.managed import ManagedServer, ManagedState
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import TaskRunner
from tests.fake_ollama import FakeOllama
from tests.server.conftest import free_port


@pytest.fixture
def managed(qtbot: QtBot) -> Iterator[ManagedServer]:
    runner = TaskRunner()
    server = ManagedServer(runner, stop_timeout_ms=3000)
    yield server
    server.shutdown()
    runner.shutdown()


def _wait_for(
    qtbot: QtBot, server: ManagedServer, *statuses: ServerStatus, timeout: int = 20000
) -> ManagedState:
    qtbot.waitUntil(lambda: server.state.status in statuses, timeout=timeout)
    return server.state


def test_start_runs_the_server_with_the_settings_then_stops(
    qtbot: QtBot, standin: Path, managed: ManagedServer
) -> None:
    port = free_port()
    managed.start(standin, ServerOptions(port=port, context_length=2048))
    st = _wait_for(qtbot, managed, ServerStatus.CONNECTED, ServerStatus.CRASHED)
    assert st.status is ServerStatus.CONNECTED, managed.log_text()
    assert st.version == "0.33.0" and st.url == f"http://127.0.0.1:{port}"
    assert OllamaApi(st.url).version() == "0.33.0"  # really answering
    proc = psutil.Process(st.pid)
    assert proc.cmdline()[-1] == "serve"
    text = managed.log_text()
    assert f"Listening on 127.0.0.1:{port} (version 0.33.0)" in text
    assert f"OLLAMA_HOST:127.0.0.1:{port}" in text and "OLLAMA_NOPRUNE:1" in text
    assert "OLLAMA_CONTEXT_LENGTH:2048" in text
    with qtbot.waitSignal(
        managed.stateChanged,
        timeout=10000,
        check_params_cb=lambda s: s.status is ServerStatus.NOT_RUNNING,
    ):
        managed.stop()
    assert "shutting down" in managed.log_text()  # graceful: the server saw SIGTERM
    assert not psutil.pid_exists(st.pid) or psutil.Process(st.pid).status() == "zombie"


def test_log_lines_arrive_coalesced(qtbot: QtBot, standin: Path, managed: ManagedServer) -> None:
    got: list[str] = []
    managed.logAppended.connect(got.extend)
    managed.start(standin, ServerOptions(port=free_port()))
    _wait_for(qtbot, managed, ServerStatus.CONNECTED)
    qtbot.waitUntil(lambda: any("Listening on" in ln for ln in got))


def test_adopts_a_server_that_already_answers(
    qtbot: QtBot, standin: Path, managed: ManagedServer
) -> None:
    with FakeOllama(version="0.30.1") as other:
        managed.start(standin, ServerOptions(port=other.port))
        st = _wait_for(qtbot, managed, ServerStatus.CONNECTED, ServerStatus.STARTING)
        assert st.status is ServerStatus.CONNECTED and st.adopted and st.version == "0.30.1"
        assert not managed.is_owned  # no second server was started
        managed.stop()  # not ours: only forgotten
        assert other.paths_requested().count("/api/version") >= 1
        assert OllamaApi(other.url).version() == "0.30.1"


@pytest.mark.parametrize(
    ("crash", "reason"),
    [("libs", CrashReason.MISSING_LIBRARIES), ("oom", CrashReason.OUT_OF_MEMORY)],
)
def test_crash_at_start_gives_the_reason(
    qtbot: QtBot,
    standin: Path,
    managed: ManagedServer,
    monkeypatch: pytest.MonkeyPatch,
    crash: str,
    reason: CrashReason,
) -> None:
    monkeypatch.setenv("OLLAMA_FAKE_CRASH", crash)
    managed.start(standin, ServerOptions(port=free_port()))
    st = _wait_for(qtbot, managed, ServerStatus.CRASHED, ServerStatus.CONNECTED)
    assert st.status is ServerStatus.CRASHED
    assert st.diagnosis is not None and st.diagnosis.reason is reason
    assert st.diagnosis.evidence  # the line shown to the user


@pytest.fixture
def squatter() -> Iterator[int]:
    """Something that is not Ollama holds a port: accepts and hangs up at once."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            conn.close()

    t = threading.Thread(target=loop, daemon=True)
    t.start()
    yield int(sock.getsockname()[1])
    stop.set()
    sock.close()


def test_port_already_taken(
    qtbot: QtBot, standin: Path, managed: ManagedServer, squatter: int
) -> None:
    managed.start(standin, ServerOptions(port=squatter))
    st = _wait_for(qtbot, managed, ServerStatus.CRASHED, ServerStatus.CONNECTED)
    assert st.diagnosis is not None and st.diagnosis.reason is CrashReason.PORT_IN_USE
    assert st.diagnosis.address == f"127.0.0.1:{squatter}"
    assert st.exit_code == 1


def test_stop_kills_a_server_that_ignores_sigterm(
    qtbot: QtBot, standin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_FAKE_IGNORE_TERM", "1")
    runner = TaskRunner()
    server = ManagedServer(runner, stop_timeout_ms=300)
    try:
        server.start(standin, ServerOptions(port=free_port()))
        _wait_for(qtbot, server, ServerStatus.CONNECTED)
        server.stop()
        _wait_for(qtbot, server, ServerStatus.NOT_RUNNING, timeout=10000)
        assert "killing" in server.log_text()
    finally:
        server.shutdown()
        runner.shutdown()


def test_restart_applies_new_settings_and_crash_restart(
    qtbot: QtBot, standin: Path, managed: ManagedServer
) -> None:
    port = free_port()
    managed.start(standin, ServerOptions(port=port))
    first = _wait_for(qtbot, managed, ServerStatus.CONNECTED)
    managed.restart(options=ServerOptions(port=port, kv_cache_type="q4_0"))
    qtbot.waitUntil(
        lambda: managed.state.status is ServerStatus.CONNECTED and managed.state.pid != first.pid,
        timeout=20000,
    )
    assert "OLLAMA_KV_CACHE_TYPE:q4_0" in managed.log_text()
    psutil.Process(managed.state.pid).kill()  # it dies without being asked
    st = _wait_for(qtbot, managed, ServerStatus.CRASHED)
    assert st.diagnosis is not None and st.diagnosis.reason is CrashReason.OUT_OF_MEMORY
    managed.restart()  # the one-click restart
    _wait_for(qtbot, managed, ServerStatus.CONNECTED)


def test_log_memory_is_bounded(managed: ManagedServer) -> None:
    managed._append([f"line {i}" for i in range(20_000)])
    assert len(managed.log) == 5000 and managed.log[-1] == "line 19999"
