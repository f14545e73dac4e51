"""One list of installed models for every view (issue 20, "gets stuck"): the chat's model
picker, the Models tab and the Benchmark tab follow InstalledModels, which asks the server
again on every event that can change it. A model that arrives while no view asks (another
client pulled it, the server came back with it) is listed without anyone pressing Refresh.
All over real HTTP to the fake server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.hosts import parse_ollama_host
from desktop.services.bench.service import BenchService
from desktop.services.chat.history import ChatHistory
from desktop.services.models.installed import InstalledModels, can_chat
from desktop.services.ollama_service import OllamaService
from desktop.services.settings_store import SettingsStore
from desktop.services.tasks import TaskRunner
from desktop.ui.bench.bench_tab import BenchTab
from desktop.ui.chat import ChatTab
from tests.chat.conftest import make_services, open_history
from tests.fake_ollama import FakeOllama, all_minilm, default_registry, gemma3_270m


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def ollama(fake_ollama: FakeOllama, runner: TaskRunner) -> Iterator[OllamaService]:
    s = OllamaService(runner, parse_ollama_host(fake_ollama.url))
    yield s
    s.api.close()


G = "gemma3-270m:latest"  # the fake's installed model, as the recording named it


def names(source: InstalledModels) -> list[str]:
    return sorted(m.name for m in source.rows)


def test_the_list_follows_every_event_that_changes_it(
    qtbot: QtBot, fake_ollama: FakeOllama, ollama: OllamaService
) -> None:
    source = InstalledModels(ollama)
    with qtbot.waitSignal(source.changed, timeout=5000):
        source.ensure()
    assert names(source) == [G] and source.known
    # another client (the `ollama` command, another app) pulls a model: nobody here knows
    fake_ollama.install(default_registry()["qwen2.5:0.5b"])
    # ...until the server is heard again (the app's server restarted, reconnected)
    source.server_answering(False)
    with qtbot.waitSignal(source.changed, timeout=5000):
        source.server_answering(True)
    assert names(source) == [G, "qwen2.5:0.5b"]
    # a delete through the app
    with qtbot.waitSignal(source.changed, timeout=5000):
        ollama.delete("qwen2.5:0.5b")
    assert names(source) == [G]
    # a copy
    with qtbot.waitSignal(source.changed, timeout=5000):
        ollama.copy(G, "mine:1")
    assert names(source) == [G, "mine:1"]  # sorted: "gemma3-270m" < "mine"


def test_an_event_during_a_request_asks_again_and_the_last_answer_wins(
    qtbot: QtBot, fake_ollama: FakeOllama, ollama: OllamaService
) -> None:
    fake_ollama.add_fault("/api/tags", stall=0.4)  # the first answer is slow
    source = InstalledModels(ollama)
    answers: list[list[str]] = []
    source.changed.connect(lambda rows: answers.append(sorted(m.name for m in rows)))
    source.refresh()
    qtbot.waitUntil(lambda: bool(fake_ollama.paths_requested()), timeout=3000)
    fake_ollama.install(default_registry()["qwen3:0.6b"])  # arrives while the list is asked
    source.refresh()  # the event: no second request in parallel...
    assert fake_ollama.paths_requested().count("/api/tags") == 1
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5000)  # ...but one after
    assert answers[-1] == [G, "qwen3:0.6b"]
    assert names(source) == [G, "qwen3:0.6b"]


def test_an_answer_about_a_server_no_longer_used_is_dropped(
    qtbot: QtBot, fake_ollama: FakeOllama, ollama: OllamaService
) -> None:
    with FakeOllama(installed=[]) as other:
        fake_ollama.add_fault("/api/tags", stall=0.4)
        source = InstalledModels(ollama)
        seen: list[list[str]] = []
        source.changed.connect(lambda rows: seen.append([m.name for m in rows]))
        source.refresh()
        qtbot.waitUntil(lambda: bool(fake_ollama.paths_requested()), timeout=3000)
        ollama.set_host(parse_ollama_host(other.url))  # the user chose another server
        assert source.rows == [] and not source.known
        qtbot.waitUntil(lambda: source.known, timeout=5000)
        qtbot.wait(500)  # the slow answer from the old server has arrived by now
        assert seen == [[]]  # only the new server's (empty) list was ever shown


def test_embedding_only_models_are_not_models_to_chat_with(fake_ollama: FakeOllama) -> None:
    m = gemma3_270m()
    m.capabilities = ["embedding"]
    fake_ollama.install(m.renamed("embed:1"))
    from desktop.services.api_client import OllamaApi

    api = OllamaApi(fake_ollama.url)
    try:
        rows = {r.name: r for r in api.list_models()}
    finally:
        api.close()
    assert can_chat(rows[G]) and not can_chat(rows["embed:1"])


def test_an_embedding_model_the_tags_call_completion_is_no_chat_model_anywhere(
    qtbot: QtBot, fake_ollama: FakeOllama, ollama: OllamaService
) -> None:
    """A real 0.33 lists all-minilm with "completion" in /api/tags (only /api/show says
    "embedding"): the one list learns it, so the Start-here card (chat_models) and the
    chat's picker agree that it is not a model to chat with."""
    fake_ollama.install(all_minilm())
    source = InstalledModels(ollama)
    seen: list[list[str]] = []
    source.changed.connect(lambda _rows: seen.append([m.name for m in source.chat_models()]))
    source.refresh()
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5000)  # listed, then learned
    assert "all-minilm:l6-v2" in seen[0]  # /api/tags alone cannot tell
    assert [m.name for m in source.chat_models()] == [G]
    assert "all-minilm:l6-v2" in [m.name for m in source.rows]  # still installed, listed


def test_chat_picker_and_benchmark_list_a_model_that_arrived_without_refresh(
    qtbot: QtBot,
    fake_ollama: FakeOllama,
    ollama: OllamaService,
    runner: TaskRunner,
    tmp_path: Path,
) -> None:
    """The second-launch bug: the Chat tab said "No models installed" while the Models tab
    listed the model, until Refresh. Every view follows the one list; when the server
    answers again, all of them show what it has."""
    fake_ollama.stop()  # the app starts before its server is up
    settings = SettingsStore(tmp_path / "settings.json")
    history = ChatHistory(runner, tmp_path / "chats.sqlite3")
    open_history(qtbot, history)
    source = InstalledModels(ollama)
    services = make_services(ollama, settings, history)
    services.installed = source
    chat = ChatTab(ollama, settings, services)
    qtbot.addWidget(chat)
    bench = BenchTab(BenchService(runner, ollama, settings, tmp_path), ollama, installed=source)
    qtbot.addWidget(bench)
    combo = chat.view.model
    qtbot.waitUntil(lambda: combo.itemText(0) == "No models installed", timeout=5000)
    port = int(ollama.host.base_url.rsplit(":", 1)[1])
    fake_ollama.start(port)  # the app's server is up now (autostart)
    with qtbot.waitSignal(chat.picker.modelsShown, timeout=5000):
        source.server_answering(True)  # as app.py wires the server's state
    assert combo.findData(G) >= 0
    assert chat.picker.current_model() == G
    assert [bench.view.models.item(i).text() for i in range(bench.view.models.count())] == [
        f"{G}  (241.4 MiB)"
    ]
    history.close()
