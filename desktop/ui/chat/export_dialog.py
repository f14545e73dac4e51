"""Exporting a chat: the save dialog starts in the user's Documents folder with the chat's
title as the file's name; Markdown or JSON, as the chosen type or the name's ending says.
The File menu's Export…, the Export… button above the chat and the chat list's menu all
come here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.chat.export import file_name
from desktop.services.chat.conversations import ChatConversations

KINDS = ("md", "json")


def documents_folder() -> Path:
    """The user's Documents folder (the home folder where there is none)."""
    place = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(place) if place else Path.home()
    return folder if folder.is_dir() else Path.home()


class ChatExport(QObject):
    def __init__(
        self, parent_view: QWidget, conversations: ChatConversations, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = parent_view
        self.conversations = conversations

    def _filters(self) -> dict[str, str]:
        return {"md": self.tr("Markdown (*.md)"), "json": self.tr("JSON (*.json)")}

    def suggested_path(self, title: str, kind: str) -> Path:
        fallback = self.tr("chat")  # a chat without a usable title
        return documents_folder() / f"{file_name(title, fallback)}.{kind}"

    def ask(self, conv_id: int, title: str, kind: str | None = None) -> Path | None:
        """Ask where to save chat ``conv_id`` (as ``kind``, or as the user picks) and write
        it there (ChatConversations.exported says when). None when the user cancelled."""
        filters = self._filters()
        offered = [kind] if kind in KINDS else list(KINDS)
        first = offered[0]
        path, chosen = QFileDialog.getSaveFileName(
            self.view,
            self.tr("Export chat"),
            str(self.suggested_path(title, first)),
            ";;".join(filters[k] for k in offered),
        )
        if not path:
            return None
        target = Path(path)
        ending = target.suffix.lower().lstrip(".")
        if ending in offered:
            out_kind = ending
        else:  # no ending typed: the type picked in the dialog decides, and adds it
            out_kind = next((k for k in offered if filters[k] == chosen), first)
            target = target.with_name(f"{target.name}.{out_kind}")
        self.conversations.export(conv_id, target, out_kind)
        return target
