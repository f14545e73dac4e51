"""One entry point for reading an attached document: the bytes (bounded), then the reader
for its kind. Raises only AttachmentError."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.attachments.docx import read_docx
from desktop.core.attachments.model import (
    MAX_FILE_BYTES,
    AttachmentError,
    DocFormat,
    Document,
    document_format,
)
from desktop.core.attachments.model import AttachmentErrorKind as K
from desktop.core.attachments.pdf import read_pdf
from desktop.core.attachments.reading import FileBytes, read_file
from desktop.core.attachments.text import read_text

Progress = Callable[[float], None]
READ_SHARE = 0.2  # of the progress bar: reading the bytes; the rest is the text


def extract_bytes(
    name: str,
    data: bytes,
    on_progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Document:
    """The text of a document given its name (for its kind) and its bytes."""
    fmt = document_format(name)
    if fmt is None:
        raise AttachmentError(K.UNSUPPORTED, name)
    if len(data) > MAX_FILE_BYTES:
        raise AttachmentError(K.TOO_BIG, str(len(data)))
    try:
        if fmt is DocFormat.PDF:
            return read_pdf(data, on_progress, cancelled, clock)
        if fmt is DocFormat.DOCX:
            return read_docx(data, on_progress, cancelled)
        return read_text(data, fmt)
    except AttachmentError:
        raise
    except (RecursionError, MemoryError) as e:
        raise AttachmentError(K.TOO_COMPLEX, type(e).__name__) from None
    except Exception as e:  # noqa: BLE001 - a reader's bug must still be a sentence
        raise AttachmentError(K.DAMAGED, f"{type(e).__name__}: {e}"[:500]) from None


def extract_file(
    path: Path | str,
    on_progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[FileBytes, Document]:
    """Read ``path`` (bounded) and its text; AttachmentError otherwise."""
    if document_format(Path(path).name) is None:
        raise AttachmentError(K.UNSUPPORTED, Path(path).name)

    def reading(f: float) -> None:
        if on_progress is not None:
            on_progress(f * READ_SHARE)

    def parsing(f: float) -> None:
        if on_progress is not None:
            on_progress(READ_SHARE + f * (1 - READ_SHARE))

    raw = read_file(path, on_progress=reading, cancelled=cancelled)
    return raw, extract_bytes(raw.name, raw.data, parsing, cancelled)
