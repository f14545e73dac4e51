"""Clear, translated sentences for every failure a user can meet."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import ErrorKind, OllamaError


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def error_message(error: OllamaError, host: str = "") -> str:
    """One or two sentences saying what happened and what to do."""
    k = error.kind
    d = error.detail
    if k is ErrorKind.CONNECTION_REFUSED:
        return _tr("Ollama is not running at {host}. Start it from the Server tab.").format(
            host=host or _tr("the configured address"))
    if k is ErrorKind.TIMEOUT:
        return _tr("Ollama did not answer in time. It may be busy loading a model; try again.")
    if k is ErrorKind.CONNECTION_LOST:
        return _tr("The connection to Ollama was lost. Was the server stopped or restarted?")
    if k is ErrorKind.INVALID_NAME:
        return _tr("That is not a valid model name ({detail}). Use letters, digits, '.', '-' "
                   "and '_', like llama3.2:3b.").format(detail=d)
    if k is ErrorKind.INVALID_DIGEST:
        return _tr("Invalid blob digest: {detail}").format(detail=d)
    if k is ErrorKind.NOT_FOUND:
        return _tr("Model not found: {detail}. Download it from the Models tab.").format(detail=d)
    if k is ErrorKind.BAD_REQUEST:
        return _tr("Ollama refused the request: {detail}").format(detail=d)
    if k is ErrorKind.FORBIDDEN:
        return _tr("Ollama refused the connection (403). Check the host address.")
    if k is ErrorKind.BUSY:
        return _tr("Ollama is busy with too many requests. Try again in a moment.")
    if k is ErrorKind.SERVER_ERROR:
        return _tr("Ollama reported an internal error: {detail}").format(detail=d)
    if k is ErrorKind.STREAM_ERROR:
        return _tr("Ollama stopped with an error: {detail}").format(detail=d)
    if k is ErrorKind.INCOMPLETE_STREAM:
        return _tr("The answer from Ollama ended before it was complete.")
    if k is ErrorKind.MALFORMED:
        return _tr("Ollama sent something this app cannot read: {detail}").format(detail=d)
    if k is ErrorKind.CANCELLED:
        return _tr("Stopped.")
    if k is ErrorKind.LOCAL_IO:
        return _tr("Could not read or write a file: {detail}").format(detail=d)
    return _tr("Unexpected error: {detail}").format(detail=d)
