"""The Server tab."""

from desktop.ui.server.server_tab import ServerTab

__all__ = ["ServerTab"]
