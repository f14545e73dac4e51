"""The app's own `ollama serve` is not orphaned when the app is killed: the next run
recognises it (pid + start time + program) and stops it on Stop and on quit (issue 10.11)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psutil
import pytest
from pytestqt.qtbot import QtBot

from desktop.services.server.managed import ManagedServer
from desktop.services.server.own_process import RECORD_NAME
from desktop.services.server.status import ServerStatus
from desktop.services.tasks import TaskRunner
from tests.server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]

# a first run of the app: starts its server, then dies without any chance to clean up. Its
# server is not tied to its life (an app before issue 24.10, or a system with no tie), so
# it outlives it: the case the reclaim is for.
FIRST_RUN = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from desktop.core.setup.server_env import ServerOptions
    from desktop.services.server.child_tie import TieKind
    from desktop.services.server.managed import ManagedServer
    from desktop.services.server.status import ServerStatus
    from desktop.services.tasks import TaskRunner

    app = QCoreApplication([])
    managed = ManagedServer(TaskRunner(), data_dir=Path(sys.argv[1]), tie=TieKind.NONE)

    def check(state):
        if state.status is ServerStatus.CONNECTED:
            print(state.pid, flush=True)
            os.kill(os.getpid(), 9)  # killed: no shutdown, no aboutToQuit

    managed.stateChanged.connect(check)
    managed.start(Path(sys.argv[2]), ServerOptions(port=int(sys.argv[3])))
    QTimer.singleShot(30000, app.quit)
    app.exec()
    """
)


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.fixture
def orphan(tmp_path: Path, standin: Path) -> tuple[Path, int]:
    data = tmp_path / "data"
    out = subprocess.run(
        [sys.executable, "-c", FIRST_RUN, str(data), str(standin), str(free_port())],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=False,
    )
    assert out.returncode == -signal.SIGKILL, out.stderr
    pid = int(out.stdout.split()[0])
    assert psutil.pid_exists(pid) and not _gone(pid)  # orphaned, still serving
    return data, pid


def test_a_server_left_by_a_killed_app_is_managed_again_and_stopped_on_quit(
    qtbot: QtBot, orphan: tuple[Path, int]
) -> None:
    data, pid = orphan
    runner = TaskRunner()
    managed = ManagedServer(runner, data_dir=data)
    try:
        assert managed.reclaim()
        qtbot.waitUntil(lambda: managed.state.status is ServerStatus.CONNECTED, timeout=15000)
        assert managed.state.pid == pid and not managed.state.adopted and managed.is_owned
        managed.shutdown()  # quitting the app stops it, like one it started itself
        assert _gone(pid)
        assert not (data / RECORD_NAME).exists()
    finally:
        if not _gone(pid):
            os.kill(pid, signal.SIGKILL)
        runner.shutdown()


def test_stop_ends_the_reclaimed_server(qtbot: QtBot, orphan: tuple[Path, int]) -> None:
    data, pid = orphan
    runner = TaskRunner()
    managed = ManagedServer(runner, data_dir=data)
    try:
        assert managed.reclaim()
        qtbot.waitUntil(lambda: managed.state.status is ServerStatus.CONNECTED, timeout=15000)
        managed.stop()
        qtbot.waitUntil(lambda: managed.state.status is ServerStatus.NOT_RUNNING, timeout=15000)
        assert _gone(pid) and not managed.is_owned
    finally:
        if not _gone(pid):
            os.kill(pid, signal.SIGKILL)
        runner.shutdown()


def test_a_reused_pid_is_never_touched(tmp_path: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        data = tmp_path / "data"
        data.mkdir()
        record = {
            "pid": other.pid,
            "create_time": psutil.Process(other.pid).create_time() - 100,  # another start
            "exe": sys.executable,
            "url": "http://127.0.0.1:1",
            "binary": "/nowhere/ollama",
        }
        (data / RECORD_NAME).write_text(json.dumps(record))
        runner = TaskRunner()
        managed = ManagedServer(runner, data_dir=data)
        assert not managed.reclaim()
        managed.shutdown()
        runner.shutdown()
        assert other.poll() is None  # still running, untouched
        assert not (data / RECORD_NAME).exists()
    finally:
        other.kill()
        other.wait()
