"""The plan the Start-here card shows before the click tells the truth: with a server that
answers, installing and starting Ollama are not steps still to do."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.app import build_app
from desktop.services.onboarding.steps import StepId
from tests.fake_ollama import FakeOllama


def test_a_connected_server_is_not_offered_as_install_and_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with FakeOllama(installed=[]) as fake:
        desk = build_app(host=fake.url, config_dir=str(tmp_path / "home"), lang="en")
        qtbot.addWidget(desk.window)
        desk.window.show()
        desk.monitor.start()
        assert desk.start is not None
        card = desk.start.view
        qtbot.waitUntil(lambda: card.steps[StepId.INSTALL].mark.text() == "✓", timeout=10000)
        assert card.steps[StepId.START].mark.text() == "✓"
        assert card.steps[StepId.INSTALL].note.text() == "already there"
        assert card.steps[StepId.PULL].mark.text() == "○"  # still to do
        desk.shutdown()
