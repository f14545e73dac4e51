"""The Chat tab."""

from desktop.ui.chat.chat_tab import ChatTab

__all__ = ["ChatTab"]
