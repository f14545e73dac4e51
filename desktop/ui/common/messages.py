"""Clear, translated sentences for every failure a user can meet."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.hosts import HostError, HostErrorKind

_CTX = "Errors"
_MESSAGES: dict[ErrorKind, object] = {
    ErrorKind.CONNECTION_REFUSED: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama is not running at {host}. The status bar below offers what can be done: "
        "try again, start or install Ollama, or choose another server.",
    ),
    ErrorKind.TIMEOUT: QT_TRANSLATE_NOOP(
        "Errors", "Ollama did not answer in time. It may be busy loading a model; try again."
    ),
    ErrorKind.CONNECTION_LOST: QT_TRANSLATE_NOOP(
        "Errors", "The connection to Ollama was lost. Was the server stopped or restarted?"
    ),
    ErrorKind.INVALID_NAME: QT_TRANSLATE_NOOP(
        "Errors",
        "That is not a valid model name ({detail}). Use letters, digits, '.', '-' "
        "and '_', like llama3.2:3b.",
    ),
    ErrorKind.INVALID_DIGEST: QT_TRANSLATE_NOOP("Errors", "Invalid blob digest: {detail}"),
    ErrorKind.NOT_FOUND: QT_TRANSLATE_NOOP(
        "Errors", "Model not found: {detail}. Download it from the Models tab."
    ),
    ErrorKind.BAD_REQUEST: QT_TRANSLATE_NOOP("Errors", "Ollama refused the request: {detail}"),
    ErrorKind.FORBIDDEN: QT_TRANSLATE_NOOP(
        "Errors", "Ollama refused the connection (403). Check the host address."
    ),
    ErrorKind.BUSY: QT_TRANSLATE_NOOP(
        "Errors", "Ollama is busy with too many requests. Try again in a moment."
    ),
    ErrorKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Errors", "Ollama reported an internal error: {detail}"
    ),
    ErrorKind.STREAM_ERROR: QT_TRANSLATE_NOOP("Errors", "Ollama stopped with an error: {detail}"),
    ErrorKind.INCOMPLETE_STREAM: QT_TRANSLATE_NOOP(
        "Errors", "The answer from Ollama ended before it was complete."
    ),
    ErrorKind.MALFORMED: QT_TRANSLATE_NOOP(
        "Errors", "Ollama sent something this app cannot read: {detail}"
    ),
    # issue 24.3 (the same sentence as wp-errors' messages.py, which supersedes this file)
    ErrorKind.BROKEN_ANSWER: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama's answer arrived broken (its HTTP framing is not valid), so the app stopped "
        "reading it. The server did not stop. Try again; if it keeps happening, something "
        "between this app and Ollama (a proxy) may be changing the answer.",
    ),
    ErrorKind.CANCELLED: QT_TRANSLATE_NOOP("Errors", "Stopped."),
    ErrorKind.LOCAL_IO: QT_TRANSLATE_NOOP("Errors", "Could not read or write a file: {detail}"),
    ErrorKind.UNEXPECTED: QT_TRANSLATE_NOOP("Errors", "Unexpected error: {detail}"),
}
_DEFAULT_HOST = QT_TRANSLATE_NOOP("Errors", "the configured address")


def error_message(error: OllamaError, host: str = "") -> str:
    """One or two sentences saying what happened and what to do, in the UI language."""
    template = QCoreApplication.translate(_CTX, str(_MESSAGES[error.kind]))
    return template.format(
        host=host or QCoreApplication.translate(_CTX, str(_DEFAULT_HOST)), detail=error.detail
    )


_HOST_PROBLEMS: dict[HostErrorKind, object] = {
    HostErrorKind.SCHEME: QT_TRANSLATE_NOOP(
        "Errors", "The server address {value} cannot be used: only http:// and https:// work."
    ),
    HostErrorKind.USERINFO: QT_TRANSLATE_NOOP(
        "Errors",
        "The server address {value} cannot be used: Ollama takes no user name or password "
        "in the address.",
    ),
    HostErrorKind.CHARACTERS: QT_TRANSLATE_NOOP(
        "Errors",
        "The server address {value} cannot be used: it contains spaces or characters that "
        "are not allowed in a computer name.",
    ),
    HostErrorKind.PATH: QT_TRANSLATE_NOOP(
        "Errors",
        "The server address {value} cannot be used: it contains characters that are not "
        "allowed in an address (such as ? or #).",
    ),
}
_HOST_SOURCES: dict[str, object] = {
    "--host": QT_TRANSLATE_NOOP("Errors", "(given with --host)"),
    "setting": QT_TRANSLATE_NOOP("Errors", "(the saved server address)"),
    "OLLAMA_HOST": QT_TRANSLATE_NOOP("Errors", "(from the OLLAMA_HOST variable)"),
}


def host_error_message(error: HostError) -> str:
    """Why an address was refused, with the value shown escaped (it may hold anything)."""
    text = QCoreApplication.translate(_CTX, str(_HOST_PROBLEMS[error.kind]))
    text = text.format(value=repr(error.value))  # repr: control and bidi characters escaped
    source = _HOST_SOURCES.get(error.source)
    return text + (" " + QCoreApplication.translate(_CTX, str(source)) if source else "")
