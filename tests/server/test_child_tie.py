"""Issue 24.10, with real processes: the app's own server does not outlive the app. A real
`ollama serve` stand-in under a real ManagedServer in a process of its own, or under the
real app: SIGKILL the app and the server goes too (the kernel's parent-death signal on
Linux, or the watchdog); SIGTERM the app and it quits as closing the window does, its
server stopped, its history saved, its folder free."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import psutil
import pytest
from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.core.paths import resolve_paths
from desktop.services.chat.store import ChatStore
from desktop.services.server import child_tie
from desktop.services.server.child_tie import TieKind
from desktop.services.settings_store import SettingsStore
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER
from tests.server.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

# An app that starts its own server, says its pid, and waits to be killed.
APP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, QTimer
    from desktop.core.setup.server_env import ServerOptions
    from desktop.services.server.child_tie import TieKind
    from desktop.services.server.managed import ManagedServer
    from desktop.services.server.status import ServerStatus
    from desktop.services.tasks import TaskRunner

    app = QCoreApplication([])
    tie = TieKind(sys.argv[4])
    managed = ManagedServer(TaskRunner(), data_dir=Path(sys.argv[1]), tie=tie)

    def check(state):
        if state.status is ServerStatus.CONNECTED:
            print(state.pid, flush=True)

    managed.stateChanged.connect(check)
    managed.start(Path(sys.argv[2]), ServerOptions(port=int(sys.argv[3])))
    QTimer.singleShot(60000, app.quit)
    app.exec()
    """
)


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            return ""
    return proc.stdout.readline().strip()


def gone(pid: int, within: float = 10.0) -> bool:
    """The process ends (or is a zombie) within ``within`` seconds."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.05)
    return False


def _described(pid: int) -> str:
    """What the process is now (for the failure message: which one stayed, and its parent)."""
    try:
        p = psutil.Process(pid)
        said = f"{p.status()} ppid {p.ppid()} {p.cmdline()} tie {child_tie.best_kind()}"
    except psutil.Error as e:
        return repr(e)
    proc = Path(f"/proc/{pid}")
    try:  # signals pending, blocked, caught (did SIGTERM arrive?) and where each thread waits
        status = (proc / "status").read_text().splitlines()
        said += " " + " ".join(line for line in status if line.startswith(("Sig", "Shd")))
        for task in sorted((proc / "task").iterdir()):
            said += f" [{task.name} {(task / 'wchan').read_text()}]"
    except OSError as e:
        said += f" ({e})"
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if Path(spy).exists():  # the stand-in is Python: where it waits
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [spy, "dump", "--pid", str(pid)], capture_output=True, text=True, timeout=20
            )
            said += "\n" + out.stdout[-4000:] + out.stderr[-1000:]
    return said


def kinds() -> list[TieKind]:
    found = [TieKind.WATCHDOG]
    if sys.platform.startswith("linux") and child_tie._setpriv():
        found.insert(0, TieKind.PARENT_DEATH)
    return found


@POSIX
@pytest.mark.parametrize("kind", kinds(), ids=lambda k: k.value)
def test_the_server_ends_when_its_app_is_killed(
    tmp_path: Path, standin: Path, kind: TieKind
) -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(tmp_path / "data"), str(standin), str(free_port())]
        + [kind.value],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = read_line(app, 60)
        assert line.isdigit(), line
        server = int(line)
        assert psutil.Process(server).ppid() == app.pid  # the app's own child
        app.send_signal(signal.SIGKILL)  # no clean-up of any kind
        app.wait(10)
        assert gone(server), "the server outlived its app"
    finally:
        if app.poll() is None:
            app.kill()


def test_this_system_ties_the_server_somehow() -> None:
    kind = child_tie.best_kind()
    assert kind is not TieKind.NONE
    if sys.platform.startswith("linux") and child_tie._setpriv():
        assert kind is TieKind.PARENT_DEATH
        program, args = child_tie.ChildTie(kind).command("/x/ollama", ["serve"])
        assert (Path(program).name, args[-2:]) == ("setpriv", ["/x/ollama", "serve"])


@pytest.fixture
def app_home(tmp_path: Path, standin: Path) -> tuple[Path, int]:
    """A settings folder whose app starts its own server (the stand-in) on a free port."""
    home = tmp_path / "home"
    paths = resolve_paths(home).ensure()
    settings = SettingsStore(paths.settings_file)
    port = free_port()
    settings.set("server_mode", "native")
    settings.set("server_binary", str(standin))
    settings.set("server_autostart", True)
    settings.set("server_port", port)
    settings.set("server_wizard_done", True)
    return home, port


def answering(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/version", timeout=1) as r:
            return bool(json.load(r).get("version"))
    except OSError:
        return False


def launch(home: Path, port: int) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OLLAMA_DESK_HOME": str(home),
        "OLLAMA_DESK_NO_WIZARD": "1",
    }
    env.pop("OLLAMA_DESK_NO_AUTOSTART", None)
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--host", f"http://127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def server_of(app: subprocess.Popen[str], port: int) -> int:
    """The pid of the app's own server, once it answers."""
    end = time.monotonic() + 60
    while time.monotonic() < end and app.poll() is None:
        if answering(port):
            for child in psutil.Process(app.pid).children():
                if child.pid != app.pid and "serve" in child.cmdline():
                    return child.pid
        time.sleep(0.1)
    raise AssertionError("the app's server never answered")


@POSIX
@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP", "SIGKILL"])
def test_the_real_app_and_its_server_on_a_signal(app_home: tuple[Path, int], how: str) -> None:
    """SIGTERM/SIGHUP (logout, kill, a closed session): the app quits cleanly (exit 0) and
    stops its server; the folder is free for the next launch. SIGKILL: the server goes
    with the app."""
    home, port = app_home
    app = launch(home, port)
    try:
        server = server_of(app, port)
        app.send_signal(getattr(signal, how))
        _, err = app.communicate(timeout=30)
        # a loaded CI machine: the server's own shutdown (SIGTERM from the kernel) may be slow
        assert gone(server, within=30.0), f"the server outlived its app: {_described(server)}"
        assert not answering(port)
        if how != "SIGKILL":
            assert app.returncode == 0, err
            record = resolve_paths(home).data_dir / "managed-server.json"
            assert not record.exists()  # stopped, so nothing left to reclaim
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)


CHAT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import tests.chat.conftest  # the PySide 6.12.0 refcount guard
    from desktop.__main__ import quit_on_request
    from desktop.app import build_app

    host, home, model = sys.argv[1:4]
    app = QApplication(sys.argv[:1])
    desk = build_app(host=host, config_dir=home, lang="en")
    quitting = quit_on_request(app, desk)  # what run_gui wires
    desk.window.show()
    tab = desk.window.chat_tab
    said = [False]

    def send():
        if model not in tab.picker.models:
            QTimer.singleShot(20, send)
            return
        tab.picker.select_model(model)
        tab.view.composer.setPlainText("Tell me about local models")
        tab.composer.send()

    def watch(_c, _t):
        if not said[0] and tab.session.content:
            said[0] = True
            print(f"STREAMING {tab.session.message_id}", flush=True)

    tab.session.delta.connect(watch)
    QTimer.singleShot(0, send)
    rc = app.exec()
    desk.shutdown()
    sys.exit(rc)
    """
)


@POSIX
def test_sigterm_mid_answer_saves_it_as_stopped(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    """Killed by SIGTERM the app lost the answer's last half second and marked it cut off
    by a crash; quitting as on closing the window keeps all of it, marked stopped."""
    fake_ollama.token_delay = 0.08
    home = tmp_path / "home"
    app = subprocess.Popen(
        [sys.executable, "-c", CHAT, fake_ollama.url, str(home), "gemma3-270m:latest"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = read_line(app, 30)
        assert line.startswith("STREAMING "), line
        msg_id = int(line.split()[1])
        qtbot.wait(300)
        app.send_signal(signal.SIGTERM)
        _, err = app.communicate(timeout=30)
        assert app.returncode == 0, err
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(10)
    store = ChatStore(resolve_paths(home).chats_db)
    try:
        assert store.recovered == 0  # not a crash
        answer = store.message(msg_id)
        assert answer.status is MessageStatus.STOPPED
        assert answer.content and DEFAULT_ANSWER.startswith(answer.content)
    finally:
        store.close()
