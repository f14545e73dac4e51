"""What one tab asks of another reaches it (the app wires them; tabs never call each other)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.core.api_types import GenerationStats
from tests.fake_ollama import FakeOllama


@pytest.fixture(autouse=True)
def _no_wizard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")
    monkeypatch.setenv("OLLAMA_DESK_NO_AUTOSTART", "1")


def test_chat_asks_models_to_pull_a_missing_model(qtbot: QtBot, fake_ollama: FakeOllama) -> None:
    desk = build_app(host=fake_ollama.url)
    qtbot.addWidget(desk.window)
    chat, models = desk.window.chat_tab, desk.window.models_tab
    chat.pullRequested.emit("qwen3:0.6b")
    assert desk.window.tabs.currentWidget() is models
    qtbot.waitUntil(lambda: "qwen3:0.6b" in fake_ollama.installed_names(), timeout=15000)
    desk.shutdown()


def test_finished_answer_speed_is_recorded_for_the_forecast(
    qtbot: QtBot, fake_ollama: FakeOllama
) -> None:
    desk = build_app(host=fake_ollama.url)
    qtbot.addWidget(desk.window)
    stats = GenerationStats(eval_count=120, eval_duration=2_000_000_000)
    desk.window.chat_tab.generationFinished.emit("gemma3-270m:latest", stats)
    speeds = desk.window.models_tab.model_library.speeds
    assert speeds.measured("gemma3-270m:latest") == pytest.approx(60.0)
    desk.shutdown()


def test_no_server_points_the_installed_page_at_a_setup_that_works(
    qtbot: QtBot, dead_url: str
) -> None:
    desk = build_app(host=dead_url)
    qtbot.addWidget(desk.window)
    models = desk.window.models_tab
    page = models.installed
    qtbot.waitUntil(lambda: "No Ollama server answers" in page.message.text(), timeout=10000)
    assert "Start it from the Server tab" not in page.message.text()  # Start may be disabled
    assert page.setup_server.isVisibleTo(page)
    page.setup_server.click()
    assert desk.window.tabs.currentWidget() is desk.window.server_tab
    desk.shutdown()
