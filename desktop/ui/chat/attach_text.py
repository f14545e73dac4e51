"""The sentences about attachments: why a file was not attached, what a chip says, and
what to do when a model cannot read images. Raw library words never stand alone: they go
to a tooltip ("Details") under the sentence."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from desktop.core.attachments.model import (
    MAX_FILE_BYTES,
    MAX_PAGES,
    AttachmentError,
    AttachmentErrorKind,
)
from desktop.core.attachments.refs import AttachmentRef
from desktop.core.attachments.vision import is_no_vision_error
from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.units import human_bytes

K = AttachmentErrorKind
_CTX = "Attachments"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def refusal(name: str, error: AttachmentError) -> str:
    """One sentence: which file, what is wrong, what to do."""
    texts = {
        K.TOO_BIG: QT_TRANSLATE_NOOP(
            "Attachments", "{0} is not attached: it is larger than {1}, the most a chat can take."
        ),
        K.NOT_A_FILE: QT_TRANSLATE_NOOP(
            "Attachments", "{0} is not attached: it is not a file (a folder or a device)."
        ),
        K.UNREADABLE: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: it could not be read. Check that it exists "
            "and that you may open it.",
        ),
        K.CHANGED: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: it changed while it was being read. Attach it "
            "again once it is saved.",
        ),
        K.UNSUPPORTED: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: this kind of file cannot be read. Text, "
            "code, Markdown, CSV, JSON, HTML, PDF and Word (.docx) files can, "
            "and PNG, JPEG and WebP images for models that see.",
        ),
        K.BINARY: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: it is not text (a program, an archive or another binary file).",
        ),
        K.ENCRYPTED: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: it is protected by a password. Save a copy "
            "without the password and attach that.",
        ),
        K.DAMAGED: QT_TRANSLATE_NOOP(
            "Attachments", "{0} is not attached: it is damaged or not what its name says."
        ),
        K.TOO_COMPLEX: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: it is built in a way that would take too "
            "much memory or time to read (it may be damaged or made to do so).",
        ),
        K.NO_TEXT: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: it has no text to read (scanned pages are "
            "pictures). Export it with text recognition first.",
        ),
        K.TOO_MANY_PIXELS: QT_TRANSLATE_NOOP(
            "Attachments",
            "{0} is not attached: the picture is too large to open safely "
            "({1}). Save a smaller copy and attach that.",
        ),
        K.NO_VISION: QT_TRANSLATE_NOOP(
            "Attachments", "{0} is not attached: the model cannot read images."
        ),
        K.CANCELLED: QT_TRANSLATE_NOOP("Attachments", "Reading {0} was cancelled."),
    }
    extra = human_bytes(MAX_FILE_BYTES) if error.kind is K.TOO_BIG else error.detail
    return _tr(str(texts[error.kind])).format(name, extra)


def chip_detail(ref: AttachmentRef) -> str:
    """Size and tokens (an estimate until the server counted), or an image's size."""
    locale = QLocale()
    parts = [human_bytes(ref.size)]
    if ref.is_image:
        w, h = ref.dimensions
        if w and h:
            parts.append(QCoreApplication.translate("Attachments", "{0} × {1} px").format(w, h))
    else:
        tokens = locale.toString(ref.tokens)
        parts.append(
            QCoreApplication.translate("Attachments", "{0} tokens").format(tokens)
            if ref.counted
            else QCoreApplication.translate("Attachments", "~{0} tokens").format(tokens)
        )
        if ref.truncated:
            parts.append(QCoreApplication.translate("Attachments", "only the first part"))
    return " · ".join(parts)


def chip_tooltip(ref: AttachmentRef) -> str:
    lines = [ref.name, chip_detail(ref)]
    if ref.pages:
        lines.append(
            QCoreApplication.translate("Attachments", "{0} pages").format(
                QLocale().toString(ref.pages)
            )
        )
        if ref.pages > MAX_PAGES:
            lines.append(
                QCoreApplication.translate(
                    "Attachments", "Only the first {0} pages are read."
                ).format(MAX_PAGES)
            )
    if ref.truncated:
        lines.append(
            QCoreApplication.translate(
                "Attachments", "The file was too long: only its first part is sent."
            )
        )
    if not ref.is_image and not ref.counted:
        lines.append(
            QCoreApplication.translate(
                "Attachments", "Tokens are estimated until the model has read the file."
            )
        )
    return "\n".join(lines)


def reading(percent: int) -> str:
    return (
        QCoreApplication.translate("Attachments", "reading… {0} %").format(percent)
        if percent
        else QCoreApplication.translate("Attachments", "waiting to be read…")
    )


def _suggest(suggestion: tuple[str, bool] | None, remove: bool) -> str:
    if suggestion is None:
        return QCoreApplication.translate(
            "Attachments", "Choose a model whose details list “vision”."
        )
    name, installed = suggestion
    if installed and remove:
        text = QCoreApplication.translate(
            "Attachments", "Choose a model that can, such as {0}, or remove the images."
        )
    elif installed:
        text = QCoreApplication.translate("Attachments", "Choose a model that can, such as {0}.")
    else:
        text = QCoreApplication.translate(
            "Attachments", "Download a model that can, such as {0}, in the Models tab."
        )
    return text.format(name)


def no_vision(model: str, suggestion: tuple[str, bool] | None) -> str:
    """The model cannot read the images of a question: say which, and name one that can."""
    head = QCoreApplication.translate("Attachments", "{0} cannot read images.").format(model)
    return f"{head} {_suggest(suggestion, True)}"


def image_refused(name: str, model: str, suggestion: tuple[str, bool] | None) -> str:
    """An image dropped or pasted for a model that cannot see."""
    head = QCoreApplication.translate(
        "Attachments", "{0} is not attached: {1} cannot read images."
    ).format(name, model)
    return f"{head} {_suggest(suggestion, False)}"


def images_off_tooltip(model: str, suggestion: tuple[str, bool] | None) -> str:
    """Why the Image button is off."""
    head = QCoreApplication.translate(
        "Attachments", "Images are off: {0} cannot read images."
    ).format(model)
    return f"{head} {_suggest(suggestion, False)}"


def images_on_tooltip(model: str) -> str:
    return QCoreApplication.translate(
        "Attachments", "Attach PNG, JPEG or WebP images: {0} can read them."
    ).format(model)


def still_reading(names: list[str]) -> str:
    return QCoreApplication.translate(
        "Attachments", "Wait until {0} is read, or remove it, then send."
    ).format(", ".join(names))


def no_vision_error(
    error: OllamaError, model: str, suggestion: tuple[str, bool] | None
) -> str | None:
    """The sentence for the server's refusal of images (its error text is JSON), or None
    for any other error. One small function, kept apart, for a generic unwrapping of JSON
    error texts to take over."""
    if error.kind is ErrorKind.NO_VISION or (
        error.kind in (ErrorKind.BAD_REQUEST, ErrorKind.STREAM_ERROR)
        and is_no_vision_error(error.detail)
    ):
        return no_vision(model, suggestion)
    return None
