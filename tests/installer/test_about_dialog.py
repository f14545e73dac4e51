"""Help > About shows the app version, the server version in use, and the licences."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop import app_version
from desktop.app import DeskApp, build_app
from desktop.services.server.status import ServerStatus
from desktop.ui.shell.about_dialog import load_components
from tests.fake_ollama import FakeOllama


@pytest.fixture
def desk(qtbot: QtBot, fake_ollama: FakeOllama) -> Iterator[DeskApp]:
    fake_ollama.version = "0.42.7"
    d = build_app(host=fake_ollama.url, lang="en")
    qtbot.addWidget(d.window)
    with qtbot.waitSignal(d.monitor.stateChanged, timeout=10000):
        d.monitor.start()
    yield d
    d.shutdown()


def test_help_menu_opens_about_with_app_and_server_versions(qtbot: QtBot, desk: DeskApp) -> None:
    menus = [a.text() for a in desk.window.menuBar().actions()]
    assert "&Help" in menus
    desk.window.about_action.trigger()
    about = desk.window.show_about()
    assert about.isVisible()
    assert app_version() in about.version_label.text()
    assert "0.42.7" in about.server_label.text()
    assert desk.monitor.state.host in about.server_label.text()


def test_server_line_follows_the_connection(
    qtbot: QtBot, desk: DeskApp, fake_ollama: FakeOllama
) -> None:
    about = desk.window.show_about()
    fake_ollama.stop()

    def disconnected() -> bool:
        desk.monitor.check_now()  # no-op while a check is in flight; never blocks
        return desk.monitor.state.status is not ServerStatus.CONNECTED

    qtbot.waitUntil(disconnected, timeout=20000)
    assert "not connected" in about.server_label.text()
    assert "0.42.7" not in about.server_label.text()


def test_licences_of_bundled_components_are_listed_with_their_texts(
    qtbot: QtBot, desk: DeskApp
) -> None:
    about = desk.window.show_about()
    items = [about.components.item(i).text() for i in range(about.components.count())]
    for name, lic in (
        ("PySide6", "LGPL-3.0"),
        ("httpx", "BSD-3-Clause"),
        ("psutil", "BSD-3-Clause"),
        ("platformdirs", "MIT"),
        ("zstandard", "BSD-3-Clause"),
        ("Python", "PSF-2.0"),
    ):
        assert any(i.startswith(name) and f"({lic})" in i for i in items), (name, items)
    about.components.setCurrentRow(next(i for i, t in enumerate(items) if t.startswith("PySide6")))
    text = about.license_view.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3" in text
    about.components.setCurrentRow(next(i for i, t in enumerate(items) if t.startswith("httpx")))
    assert "Redistribution and use in source and binary forms" in about.license_view.toPlainText()


def test_every_listed_licence_file_ships() -> None:
    from desktop.core.resources import resource_path

    components = load_components()
    assert len(components) >= 6
    for c in components:
        assert c.files, c.name
        for f in c.files:
            assert resource_path("licenses", f).stat().st_size > 200, f
