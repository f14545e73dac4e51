"""Settings: declared once, typed, persisted atomically, bad files never lose defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core import settings as schema
from desktop.core.paths import resolve_paths
from desktop.services.settings_store import LoadProblem, SettingsStore


def test_every_setting_declared_once_with_description() -> None:
    keys = [s.key for s in schema.all_settings()]
    assert len(keys) == len(set(keys))
    for s in schema.all_settings():
        assert s.description and isinstance(s.default, s.type)
        assert s.coerce(s.default) == s.default


def test_roundtrip_and_signal(qtbot: QtBot, tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    assert store.get("poll_interval_s") == 5.0
    with qtbot.waitSignal(store.changed) as blocker:
        store.set("poll_interval_s", "7.5")
    assert blocker.args == ["poll_interval_s", 7.5]
    assert SettingsStore(tmp_path / "settings.json").get("poll_interval_s") == 7.5


def test_rejects_bad_values(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    for key, value in (
        ("poll_interval_s", "fast"),
        ("poll_interval_s", 0.01),
        ("language", "klingon"),
        ("request_timeout_s", True),
    ):
        with pytest.raises(ValueError):
            store.set(key, value)
    with pytest.raises(KeyError):
        store.get("no_such_setting")


def _broken_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.broken-*.json"))


def test_every_corrupt_file_is_kept_and_the_reset_announced_once(tmp_path: Path) -> None:
    """Issue 10.3: a second corrupt settings.json no longer replaces the first copy."""
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    store = SettingsStore(path)
    assert store.get("poll_interval_s") == 5.0 and store.load_error
    notice = store.take_load_notice()
    assert notice is not None and notice.problem is LoadProblem.UNREADABLE
    assert notice.kept_copy is not None and notice.kept_copy.read_text() == "{not json"
    assert store.take_load_notice() is None  # once
    assert SettingsStore(path).load_notice is None  # the next start is quiet: file is valid
    path.write_text("[1, 2")  # broken again, within the same second
    again = SettingsStore(path).take_load_notice()
    assert again is not None and again.kept_copy != notice.kept_copy
    assert [p.read_text() for p in _broken_copies(tmp_path)] == ["{not json", "[1, 2"]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ('{"chat_temperature": NaN}', "not a finite number"),
        ('{"chat_temperature": "NaN"}', "not a finite number"),
        ('{"chat_temperature": Infinity}', "not a finite number"),
        ('{"chat_temperature": -1e999}', "not a finite number"),
        ('{"chat_temperature": 7}', "above"),
        ('{"chat_num_ctx": 1.5}', "not a whole number"),
        ('{"chat_seed": 1e300}', "too large"),
        ('{"chat_seed": "99999999999999999999"}', "too large"),
        (
            '{"chat_seed": 1' + "0" * 400 + "}",
            "too large",
        ),
        (
            '{"chat_temperature": 1' + "0" * 400 + "}",
            "not a finite number",
        ),
        ('{"chat_think": "maybe"}', "not a boolean"),
        ('{"chat_model": {"a": 1}}', "expected text"),
        ('{"chat_model": null}', "expected text"),
        ('{"poll_interval_s": true}', "not a number"),
    ],
)
def test_bad_values_fall_back_per_key_and_say_which(tmp_path: Path, raw: str, reason: str) -> None:
    """Issue 10.14: each key checked against its declared type and range."""
    path = tmp_path / "settings.json"
    key = raw.split('"')[1]
    path.write_text(raw[:-1] + ', "language": "ja", "from_a_newer_version": [1]}')
    store = SettingsStore(path)
    assert store.get(key) == schema.spec(key).default
    assert store.get("language") == "ja"  # the good key next to it survives
    notice = store.take_load_notice()
    assert notice is not None and notice.problem is LoadProblem.INVALID_VALUES
    assert [r.key for r in notice.rejected] == [key] and reason in notice.rejected[0].reason
    original = raw[:-1] + ', "language": "ja", "from_a_newer_version": [1]}'
    assert notice.kept_copy is not None and notice.kept_copy.read_text() == original
    saved = json.loads(path.read_text())  # rewritten without the bad value, nothing else lost
    assert key not in saved and saved["language"] == "ja" and saved["from_a_newer_version"] == [1]
    assert SettingsStore(path).load_notice is None


def test_the_window_shows_the_reset_without_blocking(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.app import build_app

    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text('{"chat_temperature": "NaN"}')
    desk = build_app(host="http://127.0.0.1:9", config_dir=str(home))
    qtbot.addWidget(desk.window)
    desk.window.show()
    bars = desk.window.notices.bars()
    assert len(bars) == 1 and "chat_temperature" in bars[0].label.text()
    assert "settings.broken-" in bars[0].label.text()
    assert bars[0].label.textFormat() == Qt.TextFormat.PlainText
    assert QApplication.activeModalWidget() is None
    bars[0].dismiss.click()
    assert desk.window.notices.bars() == [] and not desk.window.notices.isVisible()
    desk.shutdown()


def test_config_dir_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OLLAMA_DESK_HOME")
    p = resolve_paths(tmp_path / "x")
    assert p.settings_file == (tmp_path / "x" / "config" / "settings.json").resolve()
    monkeypatch.setenv("OLLAMA_DESK_HOME", str(tmp_path / "env"))
    assert resolve_paths().data_dir == (tmp_path / "env" / "data").resolve()


def test_typed_readers_check_the_declared_type(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    store.set("pull_retries", 7)
    assert store.integer("pull_retries") == 7
    assert store.number("pull_retries") == 7.0  # a whole number reads as a number too
    assert isinstance(store.number("chat_temperature"), float)
    assert isinstance(store.flag("registry_lookup"), bool)
    assert store.text("host") == ""
    with pytest.raises(TypeError, match="declared"):
        store.integer("host")  # a programming error, caught by the tests, not the user
    with pytest.raises(TypeError):
        store.flag("pull_retries")
