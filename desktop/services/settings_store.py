"""Settings stored as JSON in the config dir; values checked against the schema."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core import settings as schema


class SettingsStore(QObject):
    """Typed get/set of the settings declared in desktop/core/settings.py.

    changed(key, value) is emitted after a value changes and has been saved.
    """

    changed = Signal(str, object)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._values: dict[str, Any] = {}
        self.load_error = ""
        self._load()

    def _load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as e:
            # keep the broken file for the user; start from defaults
            self.load_error = str(e)
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_suffix(".broken.json"))
            return
        self._values.update(schema.coerce_values(raw))

    def get(self, key: str) -> Any:
        s = schema.spec(key)
        return self._values.get(key, s.default)

    def set(self, key: str, value: Any) -> None:
        value = schema.spec(key).coerce(value)
        if self.get(key) == value and key in self._values:
            return
        self._values[key] = value
        self.save()
        self.changed.emit(key, value)

    def reset(self, key: str) -> None:
        if self._values.pop(key, None) is not None:
            self.save()
            self.changed.emit(key, self.get(key))

    def save(self) -> None:
        """Atomic write: a crash never leaves a half-written settings file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(self._values, f, indent=2, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
