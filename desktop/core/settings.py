"""Every setting, declared once: key, type, default, description.

Each area of the app declares its settings in its own module under
desktop/core/setting_specs/ (chat.py, models.py, server.py); this module joins them.
Descriptions are English source text; the UI shows them through tr() in the "Settings"
context. Storage is in desktop/services/settings_store.py.
"""

from __future__ import annotations

import contextlib
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


def coerce_values(raw: object) -> dict[str, Any]:
    """The valid entries of a loaded settings.json, each as its declared type; unknown keys
    and bad values are dropped (their defaults apply)."""
    out: dict[str, Any] = {}
    if isinstance(raw, dict):
        for key, value in raw.items():
            with contextlib.suppress(KeyError, ValueError):
                out[key] = spec(key).coerce(value)
    return out
