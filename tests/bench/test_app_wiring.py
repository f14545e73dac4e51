"""The Benchmark tab as the app builds it: a tab of the window, asking the chat whether an
answer streams (the refusal itself: test_bench_tab), asking the Models tab for the tiny
calibration model."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import build_app
from tests.fake_ollama import FakeOllama


@pytest.fixture(autouse=True)
def _no_wizard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OLLAMA_DESK_NO_WIZARD", "1")
    monkeypatch.setenv("OLLAMA_DESK_NO_AUTOSTART", "1")


def test_benchmark_tab_is_wired_to_chat_and_models(qtbot: QtBot, fake_ollama: FakeOllama):
    desk = build_app(host=fake_ollama.url, lang="en")
    qtbot.addWidget(desk.window)
    bench = desk.bench
    assert bench is not None
    tabs = desk.window.tabs
    assert tabs.tabText(tabs.indexOf(bench)) == "Benchmark"
    assert bench.service.streaming() is False  # asks the chat (a rename there fails here)
    bench.pullRequested.emit("gemma3:270m")
    assert tabs.currentWidget() is desk.window.models_tab
    qtbot.waitUntil(lambda: "gemma3:270m" in fake_ollama.installed_names(), timeout=15000)
    desk.shutdown()
