"""A new user's first session, end to end, through the real UI built by ``build_app``:
nothing installed -> the first-run wizard installs Ollama from a local release server and
starts it -> the user downloads a model in the Models tab -> chats with it in the Chat tab
(the speed reaches the Models tab) -> quits (the app's server stops) -> a second launch
finds the chat in its history.

Only this test's servers are involved: the release server is local, the model registry is a
dead address, OLLAMA_HOST points at a port where nothing listens, PATH has no `ollama`, and
the app's own server uses a free port. The `ollama` that gets installed is the stand-in from
tests/release_server, which serves the fake Ollama API as a real child process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, build_app
from desktop.core.paths import resolve_paths
from desktop.services.models.pull_queue import JobState
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.models import ModelsTab
from desktop.ui.server import ServerTab
from desktop.ui.server.wizard import FirstRunWizard
from tests.release_server import ReleaseServer
from tests.server.conftest import free_port

MODEL = "qwen2.5:0.5b"
QUESTION = "What is a local model?"


@pytest.fixture
def release_server() -> Iterator[ReleaseServer]:
    with ReleaseServer() as rs:
        yield rs


@pytest.fixture
def config_dir(
    tmp_path: Path, release_server: ReleaseServer, dead_url: str, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A fresh user's folder; the only pre-set values point the app at this test's servers
    instead of GitHub, the Ollama registry and port 11434 (nothing a user would see)."""
    monkeypatch.delenv("OLLAMA_DESK_NO_WIZARD", raising=False)  # the wizard is the point
    monkeypatch.delenv("OLLAMA_DESK_NO_AUTOSTART", raising=False)
    monkeypatch.setenv("OLLAMA_HOST", dead_url)  # the default address: nothing answers
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no docker, no system ollama
    monkeypatch.setenv("OLLAMA_FAKE_TOKEN_DELAY", "0.01")  # the installed stand-in streams
    home = tmp_path / "first-run-home"
    settings = SettingsStore(resolve_paths(home).ensure().settings_file)
    settings.set("server_release_api_url", release_server.api_base)
    settings.set("server_download_base_url", release_server.download_base)
    settings.set("server_port", free_port())
    settings.set("registry_url", dead_url)  # never the internet
    return home


def _open(qtbot: QtBot, config_dir: Path) -> DeskApp:
    """Launch as ``python -m desktop`` does: build, show the window, start the monitor."""
    desk = build_app(host=None, config_dir=str(config_dir), lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    desk.monitor.start()
    return desk


def _pid_gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_first_run_journey(qtbot: QtBot, config_dir: Path) -> None:
    desk = _open(qtbot, config_dir)
    window = desk.window
    server = window.server_tab
    chat = window.chat_tab
    models = window.models_tab
    assert isinstance(server, ServerTab) and isinstance(chat, ChatTab)
    assert isinstance(models, ModelsTab)
    pid = 0
    try:
        # 1. nothing answers: the Start-here card offers everything in one click (that path
        # is tests/e2e/test_start_here.py); this user says Not now and sets up by hand with
        # the Server tab's assistant, which offers to install Ollama -----------------------
        start = desk.start
        assert start is not None
        qtbot.waitUntil(start.view.isVisible, timeout=10000)
        assert server.wizard is None  # not popped up over the card
        qtbot.mouseClick(start.view.later, Qt.MouseButton.LeftButton)
        window.tabs.setCurrentWidget(server)
        qtbot.mouseClick(server.view.wizard_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: isinstance(server.wizard, FirstRunWizard) and server.wizard.isVisible(),
            timeout=10000,
        )
        wizard = server.wizard
        assert isinstance(wizard, FirstRunWizard)
        qtbot.waitUntil(lambda: wizard.step == "offer_install", timeout=10000)
        assert wizard.title.text() == "Ollama is not installed"
        assert window.connection_status.label.text() == "Ollama not found on this computer"
        qtbot.mouseClick(wizard.primary, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: wizard.step in ("done", "failed_install", "failed_start"), timeout=20000
        )
        managed = server.setup.managed
        assert wizard.step == "done", (wizard.body.text(), managed.log_text())
        assert wizard.title.text() == "Ollama 0.33.0 is running"
        state = managed.state
        assert state.status is ServerStatus.CONNECTED and state.pid > 0
        pid = state.pid
        assert psutil.pid_exists(pid)
        assert desk.ollama.host.base_url == state.url
        qtbot.mouseClick(wizard.primary, Qt.MouseButton.LeftButton)  # Finish
        assert not wizard.isVisible()
        qtbot.waitUntil(
            lambda: (
                desk.monitor.state.status is ServerStatus.CONNECTED
                and desk.monitor.state.version == "0.33.0"
            ),
            timeout=10000,
        )
        status_text = window.connection_status.label.text()
        assert status_text.startswith("Connected to Ollama 0.33.0"), status_text

        # 2. Models tab: type a name, download it -----------------------------------------
        window.tabs.setCurrentWidget(models)
        lib = models.library
        qtbot.keyClicks(lib.pull_name, MODEL)
        assert lib.pull_typed.isEnabled() and not lib.name_problem.text()
        progress: list[tuple[JobState, int, int]] = []
        models.model_library.pulls.jobChanged.connect(
            lambda j: progress.append((j.state, j.completed, j.total))
        )
        with qtbot.waitSignal(models.model_library.pulls.jobFinished, timeout=20000) as sig:
            qtbot.keyClick(lib.pull_name, Qt.Key.Key_Return)
        job = sig.args[0]
        assert job.name == MODEL and job.state is JobState.DONE, job.error
        assert models.tabs.currentWidget() is models.downloads
        assert models.downloads.table.rowCount() == 1
        assert models.downloads.table.item(0, 0).text() == MODEL
        assert models.downloads.table.item(0, 3).text() == "Done"
        assert any(s is JobState.RUNNING and 0 < done < total for s, done, total in progress)
        assert models.downloads.note.text() == f"{MODEL} is downloaded and ready."
        assert window.statusBar().currentMessage() == f"{MODEL} is downloaded and ready."
        inst = models.installed_presenter.model
        qtbot.waitUntil(lambda: MODEL in [m.name for m in inst.rows], timeout=10000)
        # the "not running" error from before the wizard started the server is gone
        assert models.installed.message.text() == ""

        # 3. Chat tab: the model is in the picker; ask; the answer streams in ---------------
        window.tabs.setCurrentWidget(chat)
        view = chat.view
        qtbot.waitUntil(lambda: view.model.findData(MODEL) >= 0, timeout=10000)
        view.model.setCurrentIndex(view.model.findData(MODEL))  # the user picks it
        assert chat.picker.current_model() == MODEL
        assert MODEL in view.model.currentText()
        shown: list[str] = []  # what the answer bubble shows at each paint while streaming
        chat.session.delta.connect(lambda _c, _t: shown.append(view.messages[-1].text()))
        qtbot.keyClicks(view.composer, QUESTION)
        with qtbot.waitSignal(chat.generationFinished, timeout=20000) as done:
            qtbot.keyClick(view.composer, Qt.Key.Key_Return)
        assert done.args[0] == MODEL
        assert view.composer.toPlainText() == ""
        user, answer = view.messages
        assert user.body.toPlainText() == QUESTION
        assert answer.text().strip()
        footer = answer.footer.text()
        assert len(shown) >= 2 and shown[0] != shown[-1], shown  # it streamed in
        assert all(b.startswith(a) for a, b in zip(shown, shown[1:], strict=False))
        assert shown[-1] == answer.text()
        assert "tok/s" in footer, footer
        tps = done.args[1].tokens_per_second
        assert tps and tps > 0
        assert f"{tps:.1f} tok/s" in footer, footer
        qtbot.waitUntil(lambda: view.conversations.count() == 1, timeout=5000)
        assert view.conversations.item(0).text() == QUESTION

        # ... and the Models tab shows the measured speed for that model
        window.tabs.setCurrentWidget(models)
        assert models.model_library.measured_speed(MODEL) == pytest.approx(tps)
        lm = models.library_presenter.model
        row = next(i for i, t in enumerate(lm.rows) if t.full_name == MODEL)
        speed_cell = lm.data(lm.index(row, 7))
        assert f"measured {tps:.1f}" in speed_cell, speed_cell
    finally:
        # 4. quit: the app's own server stops with it -------------------------------------
        window.close()
        desk.shutdown()
    assert pid and _pid_gone(pid), "the managed `ollama serve` outlived the app"

    # a second launch starts the installed Ollama by itself and finds the chat in history
    desk2 = _open(qtbot, config_dir)
    pid2 = 0
    try:
        chat2, server2 = desk2.window.chat_tab, desk2.window.server_tab
        assert isinstance(chat2, ChatTab) and isinstance(server2, ServerTab)
        managed2 = server2.setup.managed
        qtbot.waitUntil(lambda: managed2.state.status is ServerStatus.CONNECTED, timeout=15000)
        pid2 = managed2.state.pid
        assert pid2 and pid2 != pid
        qtbot.waitUntil(lambda: desk2.monitor.state.status is ServerStatus.CONNECTED, timeout=10000)
        assert server2.wizard is None  # set up once, not asked again
        lst = chat2.view.conversations
        qtbot.waitUntil(lambda: lst.count() == 1, timeout=5000)
        assert lst.item(0).text() == QUESTION
        item_rect = lst.visualItemRect(lst.item(0))
        with qtbot.waitSignal(chat2.messages.conversationShown, timeout=5000):
            qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
        texts = [m.text() for m in chat2.view.messages]
        assert texts[0] == QUESTION and texts[1] == answer.text()
        assert "tok/s" in chat2.view.messages[1].footer.text()
    finally:
        desk2.window.close()
        desk2.shutdown()
    assert _pid_gone(pid2)
