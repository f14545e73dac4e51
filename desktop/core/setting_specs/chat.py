"""Settings of the chat feature."""

from __future__ import annotations

from desktop.core.setting_types import Setting

SETTINGS: tuple[Setting, ...] = ()
