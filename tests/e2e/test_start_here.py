"""Start here, end to end through the real UI built by ``build_app``: a fresh config folder,
no Ollama anywhere -> the Chat tab shows the Start-here card with a model recommended for
this machine -> ONE click installs Ollama for the user from the local release server (the
download breaks; Retry resumes it), starts it, pulls the model with progress, opens a new
chat with the message box focused -> the user types and a streamed answer arrives.

The `ollama` that gets installed is the executable stand-in of tests/release_server, which
serves the fake Ollama API as a real child process. It pulls the model from a real registry:
Debian's docker-registry on loopback, pushed with Ollama's layout (GGUF model layer,
template, params, config blob), standing in for registry.ollama.ai (OLLAMA_FAKE_REGISTRY;
without docker-registry installed, from the stand-in's in-memory registry). The
memory-bandwidth figure is the cached one a previous launch would have left
(memory-read.json), set slow here so that the recommendation is a model the registry has."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, build_app
from desktop.core.machine import hardware_fingerprint
from desktop.core.models.bandwidth_cache import save_bandwidth
from desktop.core.paths import resolve_paths
from desktop.services.onboarding import StepId, StepProgress, StepState
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.start import StartHerePresenter
from tests.fake_ollama.models import default_registry
from tests.fake_ollama.registry_pull import ollama_layout
from tests.models.registry_server import REGISTRY_BIN, distribution_registry, push_model
from tests.release_server import ReleaseServer
from tests.server.conftest import free_port

MODEL = "qwen3:0.6b"  # what a machine with this memory speed is offered
SLOW_BANDWIDTH = 6e9
ASSET = "ollama-linux-amd64.tar.zst"
QUESTION = "Where do I start?"
WEIGHTS = 3_000_000  # bytes of GGUF payload pushed as the model layer


@pytest.fixture
def release_server() -> Iterator[ReleaseServer]:
    with ReleaseServer() as rs:
        yield rs


@pytest.fixture
def registry(tmp_path: Path, dead_url: str) -> Iterator[str]:
    """The model registry's URL: docker-registry holding MODEL, or a dead address."""
    if REGISTRY_BIN is None:
        yield dead_url
        return
    (tmp_path / "registry").mkdir()
    with distribution_registry(tmp_path / "registry") as url:
        layers, config = ollama_layout(default_registry()[MODEL], WEIGHTS)
        repo, _, tag = MODEL.partition(":")
        push_model(url, f"library/{repo}", tag, layers, config)
        yield url


@pytest.fixture
def config_dir(
    tmp_path: Path,
    release_server: ReleaseServer,
    registry: str,
    dead_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """A fresh user's folder; the pre-set values only point the app at this test's servers."""
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")  # the card, not the wizard, is tested
    monkeypatch.delenv("OLLAMA_DESK_NO_AUTOSTART", raising=False)
    monkeypatch.setenv("OLLAMA_HOST", dead_url)
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # no system ollama
    monkeypatch.setenv("OLLAMA_FAKE_TOKEN_DELAY", "0.03")  # streams over ~1 s
    if registry != dead_url:
        monkeypatch.setenv("OLLAMA_FAKE_REGISTRY", registry)  # plays registry.ollama.ai
    home = tmp_path / "start-here-home"
    paths = resolve_paths(home).ensure()
    settings = SettingsStore(paths.settings_file)
    settings.set("server_release_api_url", release_server.api_base)
    settings.set("server_download_base_url", release_server.download_base)
    settings.set("server_port", free_port())
    settings.set("registry_url", registry)  # the app's size look-ups ask it too
    save_bandwidth(paths.data_dir, SLOW_BANDWIDTH, hardware_fingerprint())
    return home


def _pid_gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_one_click_from_nothing_to_a_streamed_answer(
    qtbot: QtBot, config_dir: Path, release_server: ReleaseServer, registry: str
) -> None:
    desk: DeskApp = build_app(host=None, config_dir=str(config_dir), lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    desk.window.activateWindow()
    desk.monitor.start()
    window, chat, start = desk.window, desk.window.chat_tab, desk.start
    assert isinstance(chat, ChatTab) and isinstance(start, StartHerePresenter)
    card = start.view
    pid = 0
    try:
        # 1. the Chat tab shows the card with the recommendation for this machine --------
        assert window.tabs.currentWidget() is chat
        qtbot.waitUntil(lambda: card.isVisible() and card.go.isEnabled(), timeout=15000)
        assert not chat.view.isVisible()  # the empty transcript is not shown
        assert card.options[0].radio.text() == f"Recommended: {MODEL}"
        assert card.options[0].radio.isChecked()
        assert " tok/s (" in card.options[0].figures.text()
        assert card.go.text() == f"Get {MODEL} and start chatting"

        # 2. one click; the Ollama download breaks for good: a sentence and Retry --------
        release_server.drop(ASSET, after_bytes=700_000, times=4)  # beyond its own retries
        ob = start.onboarding
        with qtbot.waitSignal(ob.failed, timeout=30000) as failed:
            qtbot.mouseClick(card.go, Qt.MouseButton.LeftButton)
        assert failed.args[0].step is StepId.INSTALL
        assert card.error.text().startswith("Ollama could not be installed. "), card.error.text()
        assert card.retry.isVisible() and card.retry.text() == "Retry"
        assert card.steps[StepId.INSTALL].mark.text() == "✗"
        kept = sum(p.stat().st_size for p in config_dir.rglob(ASSET + ".part"))
        assert kept > 0  # what was downloaded is kept

        # 3. Retry: the download resumes, Ollama starts, the model arrives, chat opens ----
        fractions: list[float] = []
        totals: list[int] = []

        def pulled(p: StepProgress) -> None:
            if p.step is StepId.PULL and p.total:
                fractions.append(p.done / p.total)
                totals.append(p.total)

        ob.progressed.connect(pulled)
        with qtbot.waitSignal(ob.finished, timeout=60000) as finished:
            qtbot.mouseClick(card.retry, Qt.MouseButton.LeftButton)
        assert finished.args == [MODEL], card.error.text()
        assert release_server.ranges_requested(ASSET)[-1] == f"bytes={kept}-"
        assert all(s is StepState.DONE for s in ob.states.values())
        assert ob.skipped == set()  # each step really ran
        assert any(0 < f < 1 for f in fractions), fractions  # the download showed progress
        if REGISTRY_BIN is not None:  # what arrived is what was pushed, GGUF header included
            assert WEIGHTS < totals[-1] < WEIGHTS + 10_000, totals
        pid = desk.server.managed.state.pid
        assert pid and psutil.pid_exists(pid)

        # 4. the card is gone; a new chat with that model waits for typing ---------------
        assert not card.isVisible()
        assert chat.view.isVisible() and window.tabs.currentWidget() is chat
        assert chat.picker.current_model() == MODEL
        assert chat.view.messages == []
        qtbot.waitUntil(chat.view.composer.hasFocus, timeout=5000)
        shown: list[str] = []
        chat.session.delta.connect(lambda _c, _t: shown.append(chat.view.messages[-1].text()))
        qtbot.keyClicks(chat.view.composer, QUESTION)
        with qtbot.waitSignal(chat.generationFinished, timeout=20000) as done:
            qtbot.keyClick(chat.view.composer, Qt.Key.Key_Return)
        assert done.args[0] == MODEL
        user, answer = chat.view.messages
        assert user.body.toPlainText() == QUESTION
        assert answer.text().strip()
        assert len(shown) >= 2 and shown[0] != shown[-1]  # it streamed in
        assert "tok/s" in answer.footer.text()
    finally:
        window.close()
        desk.shutdown()
    assert pid and _pid_gone(pid), "the managed `ollama serve` outlived the app"


def test_a_server_that_will_not_start_says_why_and_retry_starts_it(
    qtbot: QtBot, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_FAKE_CRASH", "libs")  # `ollama serve` dies like the real one
    desk: DeskApp = build_app(host=None, config_dir=str(config_dir), lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    desk.monitor.start()
    start = desk.start
    assert start is not None
    card, ob = start.view, start.onboarding
    try:
        qtbot.waitUntil(lambda: card.isVisible() and card.go.isEnabled(), timeout=15000)
        with qtbot.waitSignal(ob.failed, timeout=30000) as failed:
            qtbot.mouseClick(card.go, Qt.MouseButton.LeftButton)
        assert failed.args[0].step is StepId.START
        assert ob.states[StepId.INSTALL] is StepState.DONE  # installed, and kept
        assert card.error.text().startswith(
            "Ollama did not start. Ollama could not start: a system library is missing."
        ), card.error.text()
        assert card.steps[StepId.START].mark.text() == "✗"
        assert card.steps[StepId.PULL].mark.text() == "○"
        monkeypatch.delenv("OLLAMA_FAKE_CRASH")  # the user installed the missing library
        with qtbot.waitSignal(ob.finished, timeout=60000):
            qtbot.mouseClick(card.retry, Qt.MouseButton.LeftButton)
        assert StepId.INSTALL not in ob.skipped  # done in the first attempt, not found
        assert not card.isVisible()
        assert desk.window.chat_tab.picker.current_model() == MODEL  # type: ignore[attr-defined]
    finally:
        desk.window.close()
        desk.shutdown()
