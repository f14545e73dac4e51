"""PDF text with pypdf (pure Python: nothing the file contains is run, no external
program is started), one passage per page, within limits set for bombs: pages read,
characters kept, bytes a stream may unpack to, parsing work per page, and time."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from typing import Any

from desktop.core.attachments.model import (
    MAX_CHARS,
    MAX_PAGES,
    MAX_SECONDS,
    AttachmentError,
    DocFormat,
    Document,
    Passage,
    PlaceKind,
)
from desktop.core.attachments.model import AttachmentErrorKind as K

# pypdf reports every oddity of a damaged file through logging: the app says what matters
logging.getLogger("pypdf").setLevel(logging.ERROR)

_UNPACKED = 8 * 1024 * 1024  # one stream, decoded (a page's text is kilobytes)
LIMITS: dict[str, Any] = {
    "maximum_declared_stream_length": _UNPACKED,
    "array_based_stream_maximum_output_length": _UNPACKED,
    "zlib_maximum_output_length": _UNPACKED,
    "lzw_maximum_output_length": _UNPACKED,
    "run_length_maximum_output_length": _UNPACKED,
    "brotli_maximum_output_length": _UNPACKED,
    "jbig2_maximum_output_length": _UNPACKED,
    "image_maximum_buffer_size": _UNPACKED,
    "stream_decoding_work_maximum_length": 3 * _UNPACKED,
    "stream_parsing_work_maximum_count": 1_000_000,
    "page_tree_maximum_entries": 20_000,
    "page_tree_maximum_page_entries": 50_000,
    "xform_maximum_invocations_per_extraction": 2_000,
    "jbig2dec_binary": None,  # never start a program to decode what a file holds
    "disable_legacy_handling": True,
}


def read_pdf(
    data: bytes,
    on_progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    clock: Callable[[], float] = time.monotonic,
    max_seconds: float = MAX_SECONDS,
) -> Document:
    """The text of each page (up to MAX_PAGES and MAX_CHARS); AttachmentError otherwise."""
    try:
        from pypdf import apply_configuration  # noqa: PLC0415 - loaded when first needed

        with apply_configuration(**LIMITS):
            return _read(data, on_progress, cancelled, clock, max_seconds)
    except AttachmentError:
        raise
    except RecursionError as e:  # objects nested deeper than Python's stack
        raise AttachmentError(K.TOO_COMPLEX, f"nesting: {e}") from None
    except MemoryError as e:
        raise AttachmentError(K.TOO_COMPLEX, f"memory: {e}") from None
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        raise _classify(e) from None


def _classify(e: Exception) -> AttachmentError:
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    detail = f"{type(e).__name__}: {e}"[:500]
    if isinstance(e, FileNotDecryptedError | DependencyError):
        return AttachmentError(K.ENCRYPTED, detail)
    cause: BaseException | None = e
    for _ in range(10):  # pypdf wraps a RecursionError (objects nested too deep)
        if cause is None:
            break
        if isinstance(cause, LimitReachedError | RecursionError | MemoryError):
            return AttachmentError(K.TOO_COMPLEX, detail)
        cause = cause.__cause__ or cause.__context__
    return AttachmentError(K.DAMAGED, detail)


def _read(
    data: bytes,
    on_progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
    clock: Callable[[], float],
    max_seconds: float,
) -> Document:
    from pypdf import PdfReader

    started = clock()
    reader = PdfReader(io.BytesIO(data), strict=False)
    # many PDFs are "encrypted" with an empty password only to restrict printing
    if reader.is_encrypted and not reader.decrypt(""):
        raise AttachmentError(K.ENCRYPTED, "a password is needed")
    total = len(reader.pages)
    count = min(total, MAX_PAGES)
    passages: list[Passage] = []
    chars, failures, first_failure = 0, 0, None
    truncated = total > count
    for index in range(count):
        if cancelled is not None and cancelled():
            raise AttachmentError(K.CANCELLED)
        if clock() - started > max_seconds:
            raise AttachmentError(K.TOO_COMPLEX, f"over {max_seconds:.0f} s at page {index + 1}")
        try:
            text = reader.pages[index].extract_text() or ""
        except (RecursionError, MemoryError):
            raise
        except Exception as e:  # noqa: BLE001 - one bad page: keep the others
            failures += 1
            first_failure = first_failure or e
            text = ""
        text = text.strip()
        if text:
            if chars + len(text) > MAX_CHARS:
                text, truncated = text[: MAX_CHARS - chars], True
            passages.append(Passage(PlaceKind.PAGE, index + 1, index + 1, text))
            chars += len(text)
        if on_progress is not None:
            on_progress((index + 1) / max(1, count))
        if chars >= MAX_CHARS:
            truncated = truncated or index + 1 < total
            break
    if not passages:
        if first_failure is not None:
            raise _classify(first_failure)
        raise AttachmentError(K.NO_TEXT, f"{total} pages without text")
    return Document(DocFormat.PDF, tuple(passages), truncated, total)
