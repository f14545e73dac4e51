"""Settings stored as JSON in the config dir; values checked against the schema.

A settings.json that cannot be used, whole or in part, is never lost: the file as it was is
kept beside it as settings.broken-<UTC time>.json (a new name every time, never overwriting an
earlier copy), the app goes on with the defaults for what was bad, and `load_notice` says what
happened so the window can tell the user once.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core import settings as schema


class LoadProblem(Enum):
    UNREADABLE = "unreadable"  # not JSON, not an object, not readable: all defaults
    INVALID_VALUES = "invalid_values"  # some values rejected: their defaults apply


@dataclass(frozen=True)
class SettingsNotice:
    """What went wrong while loading settings.json (the UI words it)."""

    problem: LoadProblem
    path: Path
    detail: str  # the reason a whole file was unreadable ("" otherwise)
    rejected: tuple[schema.RejectedValue, ...]
    kept_copy: Path | None  # where the file as it was is kept (None: it could not be copied)


class SettingsStore(QObject):
    """Typed get/set of the settings declared in desktop/core/settings.py.

    changed(key, value) is emitted after a value changes and has been saved.
    """

    changed = Signal(str, object)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._values: dict[str, Any] = {}
        self._unknown: dict[str, Any] = {}  # keys this version does not know: written back
        self.load_notice: SettingsNotice | None = None
        self._load()

    @property
    def load_error(self) -> str:
        """One line on what was wrong with settings.json at start ("" when nothing)."""
        n = self.load_notice
        if n is None:
            return ""
        return n.detail or "; ".join(r.reason for r in n.rejected)

    def take_load_notice(self) -> SettingsNotice | None:
        """The notice, once: whoever shows it takes it."""
        notice, self.load_notice = self.load_notice, None
        return notice

    def _load(self) -> None:
        found = schema.read_settings_file(self.path)
        self._values.update(found.values)
        self._unknown.update(found.unknown)
        if not found.unreadable and not found.rejected:
            return
        copy = self._keep_copy()
        if found.unreadable:
            notice = SettingsNotice(LoadProblem.UNREADABLE, self.path, found.unreadable, (), copy)
        else:
            notice = SettingsNotice(
                LoadProblem.INVALID_VALUES, self.path, "", tuple(found.rejected), copy
            )
        self.load_notice = notice
        if copy is not None:  # the bad file is safe: write what is valid, announce it once
            with contextlib.suppress(OSError):
                self.save()

    def _keep_copy(self) -> Path | None:
        """Copy settings.json to a new timestamped name; never replaces an earlier copy."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S-%fZ")  # sorts by time
        for n in range(1, 1000):
            suffix = "" if n == 1 else f"-{n}"
            target = self.path.with_name(f"{self.path.stem}.broken-{stamp}{suffix}.json")
            try:
                with open(target, "xb") as f:  # "x": fails when the name is taken
                    f.write(data)
            except FileExistsError:
                continue
            except OSError:
                return None
            with contextlib.suppress(OSError):
                target.chmod(0o600)
            return target
        return None

    def get(self, key: str) -> Any:
        """The value of any setting, untyped; prefer the typed readers below."""
        s = schema.spec(key)
        return self._values.get(key, s.default)

    # typed readers: the declared type is checked here, once, instead of a cast at each use
    def text(self, key: str) -> str:
        return str(self._typed(key, str))

    def integer(self, key: str) -> int:
        return int(self._typed(key, int))

    def number(self, key: str) -> float:
        return float(self._typed(key, (float, int)))

    def flag(self, key: str) -> bool:
        return bool(self._typed(key, bool))

    def _typed(self, key: str, kind: type | tuple[type, ...]) -> Any:
        declared = schema.spec(key).type
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if declared not in kinds:
            raise TypeError(f"setting {key!r} is declared {declared.__name__}")
        return self.get(key)

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
                json.dump({**self._unknown, **self._values}, f, indent=2, sort_keys=True)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
