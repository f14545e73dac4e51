"""Settings: declared once, typed, persisted atomically, bad files never lose defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core import settings as schema
from desktop.core.paths import resolve_paths
from desktop.services.settings_store import SettingsStore


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


def test_corrupt_file_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    store = SettingsStore(path)
    assert store.get("poll_interval_s") == 5.0 and store.load_error
    assert (tmp_path / "settings.broken.json").read_text() == "{not json"


def test_config_dir_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OLLAMA_DESK_HOME")
    p = resolve_paths(tmp_path / "x")
    assert p.settings_file == (tmp_path / "x" / "config" / "settings.json").resolve()
    monkeypatch.setenv("OLLAMA_DESK_HOME", str(tmp_path / "env"))
    assert resolve_paths().data_dir == (tmp_path / "env" / "data").resolve()
