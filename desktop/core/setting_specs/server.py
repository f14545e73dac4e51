"""Settings of setup and the managed server."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = ()
