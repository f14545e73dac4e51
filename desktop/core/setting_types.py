"""The Setting type (kept apart so per-area spec modules can import it without cycles)."""

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
