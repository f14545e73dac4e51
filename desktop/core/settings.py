"""Every setting, declared once: key, type, default, description.

Features add their settings here (one block per area). Descriptions are English source text;
the UI passes them through tr() in the "Settings" context. Storage is in
desktop/services/settings_store.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    description: str
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None

    def coerce(self, value: Any) -> Any:
        """Return ``value`` as this setting's type, or raise ValueError."""
        if self.type is bool:
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(value, str) and value.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{self.key}: not a boolean: {value!r}")
        if self.type in (int, float) and isinstance(value, bool):
            raise ValueError(f"{self.key}: not a number: {value!r}")
        try:
            out = self.type(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.key}: expected {self.type.__name__}: {value!r}") from None
        if self.choices and out not in self.choices:
            raise ValueError(f"{self.key}: {out!r} not one of {self.choices}")
        if self.minimum is not None and out < self.minimum:
            raise ValueError(f"{self.key}: {out!r} below {self.minimum}")
        if self.maximum is not None and out > self.maximum:
            raise ValueError(f"{self.key}: {out!r} above {self.maximum}")
        return out


SCHEMA: tuple[Setting, ...] = (
    # --- connection -------------------------------------------------------------------
    Setting("host", str, "", "Ollama server address (empty: OLLAMA_HOST or 127.0.0.1:11434)."),
    Setting("poll_interval_s", float, 5.0, "How often to check that the server answers.",
            minimum=1.0, maximum=300.0),
    Setting("request_timeout_s", float, 10.0, "Timeout for short API calls.",
            minimum=1.0, maximum=600.0),
    Setting("language", str, "", "Interface language (empty: the system's).",
            choices=("", "en", "ja")),
)

_BY_KEY = {s.key: s for s in SCHEMA}


def register(*settings: Setting) -> None:
    """Let a feature module declare its settings (each key once)."""
    global SCHEMA
    for s in settings:
        if s.key in _BY_KEY:
            raise ValueError(f"setting {s.key!r} declared twice")
        _BY_KEY[s.key] = s
    SCHEMA = SCHEMA + settings


def spec(key: str) -> Setting:
    return _BY_KEY[key]


def all_settings() -> tuple[Setting, ...]:
    return tuple(_BY_KEY.values())


def defaults() -> dict[str, Any]:
    return {s.key: s.default for s in _BY_KEY.values()}
