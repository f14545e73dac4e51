"""Settings of the model manager."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = ()
