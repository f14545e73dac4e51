"""The benchmark counts the CPU time and memory of the server it measures, not another
Ollama's on the same computer (a second native server, or a container's processes)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services.bench.server_procs import ollama_cpu_seconds, server_processes
from tests.release_server import write_standin
from tests.server.conftest import free_port


def _serve(exe: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "OLLAMA_HOST": f"127.0.0.1:{port}"}
    return subprocess.Popen(
        [str(exe), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def test_only_the_measured_servers_processes_count(qtbot: QtBot, tmp_path: Path) -> None:
    exe = write_standin(tmp_path / "bin" / "ollama", "0.33.0")
    a_port, b_port = free_port(), free_port()
    a, b = _serve(exe, a_port), _serve(exe, b_port)
    try:
        # each answers for its own port once it listens (before, every native server counts)
        qtbot.waitUntil(lambda: [p.pid for p in server_processes(a_port)] == [a.pid], timeout=20000)
        qtbot.waitUntil(lambda: [p.pid for p in server_processes(b_port)] == [b.pid], timeout=20000)
        assert set(ollama_cpu_seconds(a_port)) == {a.pid}
        # without a port (or when its listener cannot be seen): every native server here
        assert {a.pid, b.pid} <= set(ollama_cpu_seconds())
    finally:
        for p in (a, b):
            p.terminate()
            p.wait(timeout=10)
