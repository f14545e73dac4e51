"""Clear, translated sentences for every failure a user can meet.

A sentence says what happened and what to do. The server's own words are never the
message: for the kinds this app cannot say more about, a short, one-line quote of them may
follow the sentence ("Ollama said: ..."); everything the server sent, as it came, is for
a "Details" view (``error_details``; desktop/ui/common/bounded_text.py shows it).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core.errors import ErrorKind, OllamaError, url_host
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
    ErrorKind.INVALID_DIGEST: QT_TRANSLATE_NOOP(
        "Errors",
        "A downloaded file did not match its checksum, so it was not used. Try the download again.",
    ),
    ErrorKind.NOT_FOUND: QT_TRANSLATE_NOOP(
        "Errors", "Ollama does not have this model. Download it from the Models tab."
    ),
    ErrorKind.BAD_REQUEST: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama refused the request. Check the chat's settings (or the model's), then try again.",
    ),
    ErrorKind.FORBIDDEN: QT_TRANSLATE_NOOP(
        "Errors", "Ollama refused the connection (403). Check the host address."
    ),
    ErrorKind.BUSY: QT_TRANSLATE_NOOP(
        "Errors", "Ollama is busy with too many requests. Try again in a moment."
    ),
    ErrorKind.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama ran into an error of its own. Try again; if it happens again, "
        "restarting Ollama often helps.",
    ),
    ErrorKind.STREAM_ERROR: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama stopped with an error. Try again; if it happens again, restarting "
        "Ollama often helps.",
    ),
    ErrorKind.INCOMPLETE_STREAM: QT_TRANSLATE_NOOP(
        "Errors", "The answer from Ollama ended before it was complete."
    ),
    ErrorKind.MALFORMED: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama's answer arrived broken (a part of it is not valid data), so the app stopped "
        "reading it. Try again; if it keeps happening, something between this app and "
        "Ollama (a proxy) may be changing the answer.",
    ),
    ErrorKind.BROKEN_ANSWER: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama's answer arrived broken (its HTTP framing is not valid), so the app stopped "
        "reading it. The server did not stop. Try again; if it keeps happening, something "
        "between this app and Ollama (a proxy) may be changing the answer.",
    ),
    # issue 24.3 (the same sentence as wp-errors' messages.py, which supersedes this file)
    ErrorKind.BROKEN_ANSWER: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama's answer arrived broken (its HTTP framing is not valid), so the app stopped "
        "reading it. The server did not stop. Try again; if it keeps happening, something "
        "between this app and Ollama (a proxy) may be changing the answer.",
    ),
    ErrorKind.CANCELLED: QT_TRANSLATE_NOOP("Errors", "Stopped."),
    ErrorKind.LOCAL_IO: QT_TRANSLATE_NOOP(
        "Errors",
        "A file could not be read or written. Check that the disk is not full and that the "
        "file is yours to use, then try again.",
    ),
    ErrorKind.UNEXPECTED: QT_TRANSLATE_NOOP(
        "Errors", "Something unexpected went wrong. Try again; the Details say what happened."
    ),
    ErrorKind.NO_VISION: QT_TRANSLATE_NOOP(
        "Errors",
        "This model cannot read images. Remove the images, or choose a model that can see "
        "them (one with \u201cvision\u201d among its abilities).",
    ),
    ErrorKind.DISK_FULL: QT_TRANSLATE_NOOP(
        "Errors",
        "The disk where Ollama keeps its models is full. Free some space (for example by "
        "deleting models you no longer use), then try again.",
    ),
    ErrorKind.OUT_OF_MEMORY: QT_TRANSLATE_NOOP(
        "Errors",
        "This model needs more memory than this computer has free. Close other programs, "
        "or choose a smaller model (the Models tab shows what fits).",
    ),
    ErrorKind.RUNNER_STOPPED: QT_TRANSLATE_NOOP(
        "Errors",
        "The model stopped unexpectedly while it was working. This often means the "
        "computer ran out of memory: close other programs or choose a smaller model, then "
        "try again.",
    ),
    ErrorKind.REGISTRY_INCOMPATIBLE: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama cannot download from this registry: the registry sends the model's files "
        "itself, and Ollama only accepts registries that redirect it to them (a known "
        "Ollama limitation). Download from registry.ollama.ai or a registry set up to "
        "redirect, or get the model's GGUF file and use \u201cImport GGUF file\u2026\u201d in "
        "the Models tab.",
    ),
    ErrorKind.REGISTRY_UNREACHABLE: QT_TRANSLATE_NOOP(
        "Errors",
        "Ollama could not reach the registry {registry}: there is no network, or the "
        "registry is down. What was downloaded is kept; Retry continues from there. Without a "
        "network, a GGUF file can be added with \u201cImport GGUF file\u2026\u201d in the "
        "Models tab.",
    ),
    ErrorKind.REGISTRY_PLAIN_HTTP: QT_TRANSLATE_NOOP(
        "Errors",
        "This registry uses plain HTTP, and Ollama asked it for HTTPS. Tick \u201cIt uses "
        "plain HTTP\u201d and download again.",
    ),
}
_DEFAULT_HOST = QT_TRANSLATE_NOOP("Errors", "the configured address")
_SOME_REGISTRY = QT_TRANSLATE_NOOP("Errors", "of the model")
_NO_VISION_MODEL = QT_TRANSLATE_NOOP(
    "Errors",
    "The model {model} cannot read images. Remove the images, or choose a model that can "
    "see them (one with \u201cvision\u201d among its abilities).",
)
# a short quote of the server's words follows the sentence for these kinds only: for the
# others the sentence says all there is, and the words are in the Details
_QUOTED = frozenset(
    (
        ErrorKind.BAD_REQUEST,
        ErrorKind.SERVER_ERROR,
        ErrorKind.STREAM_ERROR,
        ErrorKind.NOT_FOUND,
        ErrorKind.LOCAL_IO,
    )
)
_SAID = QT_TRANSLATE_NOOP("Errors", "Ollama said: \u201c{reason}\u201d")
_SYSTEM_SAID = QT_TRANSLATE_NOOP("Errors", "The system said: \u201c{reason}\u201d")
QUOTE_CHARS = 160  # a quote is one short line; the Details have the rest
QUOTE_RUN = 60  # a longer run without a space is not words


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CTX, str(text))


def error_message(error: OllamaError, host: str = "", model: str = "") -> str:
    """One or two sentences saying what happened and what to do, in the UI language (with
    a one-line quote of the server's words where the sentence cannot be precise)."""
    if error.kind is ErrorKind.NO_VISION and model:
        return _tr(_NO_VISION_MODEL).format(model=model)
    template = _tr(_MESSAGES[error.kind])
    text = template.format(
        host=host or _tr(_DEFAULT_HOST),
        detail=error.detail,
        registry=url_host(error.detail) or _tr(_SOME_REGISTRY),
    )
    if error.kind in _QUOTED and (reason := quotable(error.detail)):
        said = _SYSTEM_SAID if error.kind is ErrorKind.LOCAL_IO else _SAID
        text += " " + _tr(said).format(reason=reason)
    return text


def error_details(error: OllamaError) -> str:
    """Everything known about a failure, as it came: for a "Details" view, never a label."""
    if error.kind is ErrorKind.CANCELLED:
        return ""
    head = f"{error.kind.value}" + (f" (HTTP {error.status})" if error.status else "")
    raw = error.raw
    return f"{head}\n{raw}" if raw else head


def quotable(text: str) -> str:
    """The server's words as a short quote, or "" when they are not words a person can
    read (a JSON document, a stack of braces, control characters): those stay in the
    Details. One line, at most QUOTE_CHARS characters."""
    head = text[: QUOTE_CHARS * 4].strip()
    if not head or head[0] in "{[<" or head.count("{") > 1:
        return ""
    line = " ".join(head.split())  # newlines, tabs, runs of spaces: one space
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E for c in line):
        return ""
    if max(map(len, line[:QUOTE_CHARS].split(" "))) > QUOTE_RUN:
        return ""  # a digest, a path, a dump: no words to read, the Details have it
    if len(line) > QUOTE_CHARS:
        cut = line.rfind(" ", QUOTE_CHARS // 2, QUOTE_CHARS)
        line = line[: cut if cut > 0 else QUOTE_CHARS].rstrip() + "\u2026"
    return line


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
    text = _tr(_HOST_PROBLEMS[error.kind])
    text = text.format(value=repr(error.value))  # repr: control and bidi characters escaped
    source = _HOST_SOURCES.get(error.source)
    return text + (" " + _tr(source) if source else "")
