"""Issue 20's "gets stuck" paths, end to end through the real UI built by ``build_app``, as
a person sees them:

1. offline, "Get … and start chatting" fails: the card names the cause in a sentence and
   offers what works offline as buttons; the user imports a GGUF that has no chat template:
   the dialog picks Gemma's, the card turns to "ready: chat with it", the chat's model list
   has the model without Refresh, and the model answers in Gemma turns;
2. a registry error: the same, named as the registry's fault, and the routes lead to the
   Models tab's other-registry field and the Server tab's server list;
3. the second launch after a one-click install (release server, stand-in `ollama`): the
   Chat tab lists the model at once, without Refresh.

Only this test's servers are involved: PATH is an empty folder (no docker, no ollama; the
machine may have both), the model registry is a dead address, the fake server is the one
the app is pointed at or the stand-in the card installs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.app import DeskApp, build_app
from desktop.core.machine import hardware_fingerprint
from desktop.core.models.estimate import save_bandwidth
from desktop.core.paths import resolve_paths
from desktop.services.onboarding import StepId
from desktop.services.server.status import ServerStatus
from desktop.services.settings_store import SettingsStore
from desktop.ui.chat import ChatTab
from desktop.ui.models import ModelsTab
from desktop.ui.models.import_dialog import ImportDialog
from desktop.ui.server import ServerTab
from desktop.ui.start import StartHerePresenter
from tests.fake_ollama import FakeOllama, make_gguf
from tests.release_server import ReleaseServer
from tests.server.conftest import free_port

SLOW_BANDWIDTH = 6e9  # the cached figure a previous launch left: qwen2.5:0.5b is offered
OFFERED = "qwen2.5:0.5b"
IMPORTED = "gemma-3-270m-it:latest"
QUESTION = "Where do I start?"


@pytest.fixture
def empty_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No docker and no ollama on PATH, whatever this machine has."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")  # the card, not the wizard


def new_home(tmp_path: Path, registry: str, name: str = "home") -> tuple[Path, SettingsStore]:
    home = tmp_path / name
    paths = resolve_paths(home).ensure()
    settings = SettingsStore(paths.settings_file)
    settings.set("registry_url", registry)  # never the internet
    settings.set("server_port", free_port())
    save_bandwidth(paths.data_dir, SLOW_BANDWIDTH, hardware_fingerprint())
    return home, settings


def launch(qtbot: QtBot, home: Path, host: str | None) -> DeskApp:
    """As ``python -m desktop`` does: build, show the window, start the monitor."""
    desk = build_app(host=host, config_dir=str(home), lang="en")
    qtbot.addWidget(desk.window)
    desk.window.show()
    desk.monitor.start()
    return desk


def parts(desk: DeskApp) -> tuple[StartHerePresenter, ChatTab, ModelsTab, ServerTab]:
    w = desk.window
    assert isinstance(desk.start, StartHerePresenter) and isinstance(w.chat_tab, ChatTab)
    assert isinstance(w.models_tab, ModelsTab) and isinstance(w.server_tab, ServerTab)
    return desk.start, w.chat_tab, w.models_tab, w.server_tab


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def fail_the_download(qtbot: QtBot, desk: DeskApp, start: StartHerePresenter) -> None:
    card = start.view
    qtbot.waitUntil(lambda: card.isVisible() and card.go.isEnabled(), timeout=15000)
    # the status bar says the server answers (a person sees that before clicking)
    qtbot.waitUntil(lambda: desk.monitor.state.status is ServerStatus.CONNECTED, timeout=5000)
    assert card.go.text() == f"Get {OFFERED} and start chatting"
    with qtbot.waitSignal(start.onboarding.failed, timeout=15000) as failed:
        click(qtbot, card.go)
    assert failed.args[0].step is StepId.PULL


@pytest.fixture
def offline(empty_path: None, dead_url: str) -> Iterator[FakeOllama]:
    with FakeOllama(installed=[]) as fake:
        fake.offline = True  # pulls fail as with no route to the registry
        yield fake


def test_offline_failure_then_a_gguf_import_ends_in_a_chat(
    qtbot: QtBot, offline: FakeOllama, dead_url: str, tmp_path: Path
) -> None:
    home, _settings = new_home(tmp_path, dead_url)
    desk = launch(qtbot, home, offline.url)
    start, chat, models, _server = parts(desk)
    card, window = start.view, desk.window
    try:
        # 1. the download fails: the cause in a sentence, the offline ways as buttons ----
        fail_the_download(qtbot, desk, start)
        assert card.error.text() == (
            "The model could not be downloaded. This computer seems to be offline: Ollama "
            "could not find the model library (registry.ollama.ai) on the network. Retry once "
            "it is online, or use one of the ways below that work without the internet."
        )
        assert card.routes.isVisible()
        assert card.routes_intro.text() == "Other ways to get a model (they work offline, too):"
        assert card.route_import.isVisible() and card.route_import.text() == "Import a GGUF file…"
        assert card.route_registry.isVisible() and card.route_server.isVisible()
        assert card.retry.isVisible()
        assert chat.view.model.itemText(0) == "No models installed"

        # 2. Import a GGUF file…: the Models tab's import; the file has no chat template --
        click(qtbot, card.route_import)
        dialog = models.installed_presenter.import_dialog
        assert isinstance(dialog, ImportDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert window.tabs.currentWidget() is models
        path = tmp_path / "gemma-3-270m-it.gguf"
        path.write_bytes(
            make_gguf({"general.architecture": "gemma3", "general.name": "Gemma 3 270m"})
        )
        with qtbot.waitSignal(dialog.load_file(path).finished, timeout=10000):
            pass
        assert dialog.template.currentText() == "Gemma 3 (gemma3-instruct)"
        assert "no chat template" in dialog.template_why.text()
        assert dialog.name.text() == IMPORTED
        picker_fills: list[int] = []
        chat.picker.modelsShown.connect(lambda: picker_fills.append(1))
        with qtbot.waitSignal(start.onboarding.adopted, timeout=10000):
            click(qtbot, dialog.import_button)
        assert dialog.status.text() == (
            f"{IMPORTED} is ready to chat, with the Gemma 3 (gemma3-instruct) chat template."
        )

        # 3. nobody pressed Refresh: the card is "ready", the chat lists the model --------
        assert picker_fills and chat.view.model.findData(IMPORTED) >= 0
        assert not card.error.isVisibleTo(card) and not card.routes.isVisibleTo(card)
        assert card.ready.text() == (
            f"{IMPORTED} is installed now: ready to chat. (You can still get {OFFERED} later "
            "in the Models tab.)"
        )
        assert card.go.text() == f"Chat with {IMPORTED}"
        assert card.steps[StepId.PULL].note.text() == "already there"

        # 4. Chat with it: the Chat tab on that model; it answers in Gemma's turns --------
        click(qtbot, dialog.chat_button)
        assert window.tabs.currentWidget() is chat
        qtbot.waitUntil(lambda: not card.isVisible(), timeout=5000)
        assert chat.picker.current_model() == IMPORTED
        assert chat.view.composer.isVisible()
        qtbot.keyClicks(chat.view.composer, QUESTION)
        with qtbot.waitSignal(chat.generationFinished, timeout=20000) as done:
            qtbot.keyClick(chat.view.composer, Qt.Key.Key_Return)
        assert done.args[0] == IMPORTED
        answer = chat.view.messages[-1].text()
        assert answer.strip() and "<|im_end|>" not in answer and "<|im_start|>" not in answer
        model, prompt = offline.prompts[-1]
        assert model == IMPORTED
        assert prompt == f"<start_of_turn>user\n{QUESTION}<end_of_turn>\n<start_of_turn>model\n"
    finally:
        window.close()
        desk.shutdown()


def test_a_registry_error_is_named_and_the_routes_lead_somewhere(
    qtbot: QtBot, empty_path: None, dead_url: str, tmp_path: Path
) -> None:
    with FakeOllama(installed=[]) as fake:
        fake.add_fault(
            "/api/pull", error_after=1, error="pull model manifest: 503: down for maintenance\n"
        )
        home, _settings = new_home(tmp_path, dead_url)
        desk = launch(qtbot, home, fake.url)
        start, _chat, models, server = parts(desk)
        card, window = start.view, desk.window
        try:
            fail_the_download(qtbot, desk, start)
            text = card.error.text()
            assert text == (
                "The model could not be downloaded. The model library (registry.ollama.ai) did "
                "not answer: it may be down, or a firewall or proxy blocks it. Retry later, or "
                "use one of the ways below."
            )
            assert "{" not in text and "503" not in text  # the raw words are folded away
            click(qtbot, card.details_button)
            assert "503: down for maintenance" in card.details.text()
            assert card.routes.isVisible()
            # another registry: the Library's name field, with an example of a full name
            click(qtbot, card.route_registry)
            assert window.tabs.currentWidget() is models
            assert models.tabs.currentWidget() is models.library
            field = models.library.pull_name
            assert field.hasFocus()
            assert "registry.example.com/library/gemma3:270m" in field.placeholderText()
            # another server: the Server tab's list, the address field ready for typing
            window.tabs.setCurrentWidget(desk.window.chat_tab)
            click(qtbot, card.route_server)
            assert window.tabs.currentWidget() is server
            assert server.view.pages.currentIndex() == 0 and server.view.profile_edit.hasFocus()
        finally:
            window.close()
            desk.shutdown()


# -- 3. the second launch after a one-click install -------------------------------------


@pytest.fixture
def release_server() -> Iterator[ReleaseServer]:
    with ReleaseServer() as rs:
        yield rs


def test_second_launch_after_a_one_click_install_lists_the_model_at_once(
    qtbot: QtBot,
    empty_path: None,
    release_server: ReleaseServer,
    dead_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OLLAMA_DESK_NO_AUTOSTART", raising=False)
    monkeypatch.setenv("OLLAMA_HOST", dead_url)  # the default address: nothing answers
    home, settings = new_home(tmp_path, dead_url)  # the stand-in's own registry serves it
    settings.set("server_release_api_url", release_server.api_base)
    settings.set("server_download_base_url", release_server.download_base)
    # the server keeps its models here across restarts (the stand-in only when told where)
    settings.set("server_models_dir", str(tmp_path / "models"))
    desk = launch(qtbot, home, None)
    start, chat, _models, _server = parts(desk)
    try:
        with qtbot.waitSignal(start.onboarding.finished, timeout=90000) as finished:
            qtbot.waitUntil(lambda: start.view.go.isEnabled(), timeout=15000)
            click(qtbot, start.view.go)  # install Ollama, start it, pull, open the chat
        assert finished.args == [OFFERED], start.view.error.text()
        assert chat.picker.current_model() == OFFERED
    finally:
        desk.window.close()
        desk.shutdown()

    again = launch(qtbot, home, None)
    start2, chat2, models2, _server2 = parts(again)
    combo = chat2.view.model
    refreshes: list[bool] = []
    chat2.view.refresh_models.clicked.connect(lambda: refreshes.append(True))
    try:
        managed = again.server.managed
        qtbot.waitUntil(lambda: managed.state.status is ServerStatus.CONNECTED, timeout=20000)
        # nobody presses Refresh: the list follows the server coming up
        qtbot.waitUntil(lambda: combo.findData(OFFERED) >= 0, timeout=10000)
        assert combo.currentData() == OFFERED and chat2.picker.current_model() == OFFERED
        assert combo.findText("No models installed") < 0
        assert OFFERED in [m.name for m in models2.installed_presenter.model.rows]
        assert not start2.view.isVisible() and chat2.view.composer.isVisible()
        assert refreshes == []
    finally:
        again.window.close()
        again.shutdown()
