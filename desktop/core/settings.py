"""Every setting, declared once: key, type, default, description.

Each area of the app declares its settings in its own module under
desktop/core/setting_specs/ (chat.py, models.py, server.py); this module joins them.
Descriptions are English source text; the UI shows them through tr() in the "Settings"
context. Storage is in desktop/services/settings_store.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.setting_specs import bench, chat, models, server
from desktop.core.setting_types import Setting

CORE: tuple[Setting, ...] = (
    Setting("host", str, "", "Ollama server address (empty: OLLAMA_HOST or 127.0.0.1:11434)."),
    Setting(
        "poll_interval_s",
        float,
        5.0,
        "How often to check that the server answers.",
        minimum=1.0,
        maximum=300.0,
    ),
    Setting(
        "request_timeout_s", float, 10.0, "Timeout for short API calls.", minimum=1.0, maximum=600.0
    ),
    Setting(
        "language", str, "", "Interface language (empty: the system's).", choices=("", "en", "ja")
    ),
    Setting(
        "appearance",
        str,
        "",
        "Light or dark look (empty: follow the system).",
        choices=("", "light", "dark"),
    ),
)

SCHEMA: tuple[Setting, ...] = (
    CORE + server.SETTINGS + models.SETTINGS + chat.SETTINGS + bench.SETTINGS
)

_BY_KEY: dict[str, Setting] = {}
for _s in SCHEMA:
    if _s.key in _BY_KEY:
        raise ValueError(f"setting {_s.key!r} declared twice")
    _BY_KEY[_s.key] = _s


def spec(key: str) -> Setting:
    return _BY_KEY[key]


def all_settings() -> tuple[Setting, ...]:
    return SCHEMA


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in SCHEMA}


@dataclass(frozen=True)
class RejectedValue:
    """A value in settings.json that its setting does not accept; its default applies."""

    key: str
    reason: str  # English, from Setting.coerce ("chat_temperature: not a finite number: nan")


@dataclass
class SettingsFile:
    """What a settings.json holds, checked key by key against the schema."""

    values: dict[str, Any] = field(default_factory=dict)  # valid, as their declared types
    unknown: dict[str, Any] = field(default_factory=dict)  # keys of a newer version: kept
    rejected: list[RejectedValue] = field(default_factory=list)
    unreadable: str = ""  # why the whole file could not be used ("" when it could)
    exists: bool = True


def check_values(raw: object) -> SettingsFile:
    """Split a decoded settings.json into valid values, unknown keys and rejected values."""
    out = SettingsFile()
    if not isinstance(raw, dict):
        out.unreadable = f"not a JSON object but {type(raw).__name__}"
        return out
    for key, value in raw.items():
        if key not in _BY_KEY:
            out.unknown[str(key)] = value
            continue
        try:
            out.values[key] = _BY_KEY[key].coerce(value)
        except ValueError as e:
            out.rejected.append(RejectedValue(key, str(e)))
    return out


def read_settings_file(path: Path) -> SettingsFile:
    """Read and check settings.json. Never raises: a missing file is empty, a file that is
    not readable JSON is ``unreadable`` (with the reason), bad values are ``rejected``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return SettingsFile(exists=False)
    except OSError as e:
        return SettingsFile(unreadable=e.strerror or str(e))
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return SettingsFile(unreadable="not UTF-8 text")
    except ValueError as e:  # JSONDecodeError
        return SettingsFile(unreadable=f"not valid JSON ({e})")
    except RecursionError:
        return SettingsFile(unreadable="nested too deeply")
    return check_values(raw)


def coerce_values(raw: object) -> dict[str, Any]:
    """The valid entries of a loaded settings.json, each as its declared type; unknown keys
    and bad values are dropped (their defaults apply)."""
    return check_values(raw).values
