"""Sentences for the chat history's error kinds (translated; the kinds come from services)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.chat.errors import HistoryError, HistoryErrorKind


def reason(error: HistoryError) -> str:
    """What is wrong, in a few words."""
    k = HistoryErrorKind
    return {
        k.DAMAGED: QCoreApplication.translate(
            "ChatHistoryText", "it is damaged or is not a chat history file"
        ),
        k.NEWER: QCoreApplication.translate(
            "ChatHistoryText", "it was written by a newer version of Ollama Desk"
        ),
        k.READ_ONLY: QCoreApplication.translate(
            "ChatHistoryText", "it or its folder cannot be written to"
        ),
        k.DISK_FULL: QCoreApplication.translate("ChatHistoryText", "the disk is full"),
        k.BUSY: QCoreApplication.translate("ChatHistoryText", "another program keeps it locked"),
        k.UNAVAILABLE: QCoreApplication.translate("ChatHistoryText", "it could not be opened"),
        k.IO: QCoreApplication.translate(
            "ChatHistoryText", "reading or writing it failed (the Details say how)"
        ),
    }[error.kind]


def open_problem(error: HistoryError) -> str:
    """At start: which file, what is wrong, and what the app does about it."""
    return QCoreApplication.translate(
        "ChatHistoryText",
        "The chat history {0} cannot be used: {1}. It was left exactly as it is. "
        "Until you choose below, new chats are not saved.",
    ).format(error.path, reason(error))


def not_saved(error: HistoryError) -> str:
    """A question could not be stored: nothing was sent, the text stays in the box."""
    return QCoreApplication.translate(
        "ChatHistoryText",
        "Not sent: your message could not be saved because {0}. Your text is kept.",
    ).format(reason(error))


def call_failed(error: HistoryError) -> str:
    return QCoreApplication.translate(
        "ChatHistoryText", "The chat history could not be updated: {0}."
    ).format(reason(error))


def answer_unsaved(error: HistoryError) -> str:
    return QCoreApplication.translate(
        "ChatHistoryText",
        "The answer could not be saved yet: {0}. It is kept in memory and saved as soon "
        "as that works again.",
    ).format(reason(error))
