"""The Setting type (kept apart so per-area spec modules can import it without cycles)."""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from typing import Any

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")
INT64_MAX = 2**63 - 1  # whole numbers go to Ollama (Go int64) or sqlite: wider never fits


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
        """Return ``value`` as this setting's type, or raise ValueError (never another
        error): the wrong type, NaN or an infinity, a fraction for a whole number, a value
        outside the declared range or choices."""
        if self.type is bool:
            return self._bool(value)
        if self.type in (int, float):
            out: Any = self._number(value)
        elif self.type is str:
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise ValueError(f"{self.key}: expected text: {_short(value)}")
            out = str(value)
        else:
            try:
                out = self.type(value)
            except (TypeError, ValueError, OverflowError):
                raise ValueError(f"{self.key}: expected {self.type.__name__}") from None
        if self.choices and out not in self.choices:
            raise ValueError(f"{self.key}: {_short(out)} not one of {self.choices}")
        if self.minimum is not None and out < self.minimum:
            raise ValueError(f"{self.key}: {_short(out)} below {self.minimum}")
        if self.maximum is not None and out > self.maximum:
            raise ValueError(f"{self.key}: {_short(out)} above {self.maximum}")
        return out

    def _bool(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE:
            return True
        if isinstance(value, str) and value.strip().lower() in _FALSE:
            return False
        raise ValueError(f"{self.key}: not a boolean: {_short(value)}")

    def _number(self, value: Any) -> int | float:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{self.key}: not a number: {_short(value)}")
        if self.type is int and isinstance(value, str):
            with contextlib.suppress(ValueError):  # "12" exactly; "1e3" is parsed below
                return self._int64(int(value.strip()), value)
        if self.type is int and isinstance(value, int):
            return self._int64(value, value)
        try:
            number = float(value)
        except (ValueError, OverflowError):  # "fast"; an integer beyond a double's range
            raise ValueError(f"{self.key}: not a finite number: {_short(value)}") from None
        if not math.isfinite(number):
            raise ValueError(f"{self.key}: not a finite number: {_short(value)}")
        if self.type is float:
            return number
        if not number.is_integer():
            raise ValueError(f"{self.key}: not a whole number: {_short(value)}")
        return self._int64(int(number), value)

    def _int64(self, number: int, value: Any) -> int:
        if not -INT64_MAX - 1 <= number <= INT64_MAX:
            raise ValueError(f"{self.key}: too large: {_short(value)}")
        return number


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
