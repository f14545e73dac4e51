"""The Server tab and its first-run wizard (built in desktop/app.py `_build_server`)."""

from __future__ import annotations

from desktop.ui.server.server_tab import ServerTab

__all__ = ["ServerTab"]
