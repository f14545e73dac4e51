"""DOCX text with python-docx, one passage per section (the text under each heading, tables
as rows of cells, in document order). The archive is checked before python-docx opens it:
what its entries declare they unpack to is bounded (zipfile never unpacks more than an entry
declares), so a zip bomb is refused before any of it is inflated."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from desktop.core.attachments.model import (
    MAX_CHARS,
    MAX_UNZIPPED_BYTES,
    AttachmentError,
    DocFormat,
    Document,
    Passage,
    PlaceKind,
)
from desktop.core.attachments.model import AttachmentErrorKind as K

MAX_XML_BYTES = 25 * 1024 * 1024  # the XML parts python-docx parses, unpacked
MAX_ENTRIES = 5_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # what Word writes for a password-protected file


def check_archive(data: bytes) -> None:
    """Refuse a DOCX whose archive would unpack to too much (before anything is inflated)."""
    if data.startswith(OLE_MAGIC):
        raise AttachmentError(K.ENCRYPTED, "an OLE container: a protected or old .doc file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as e:
        raise AttachmentError(K.DAMAGED, str(e)) from None
    if len(infos) > MAX_ENTRIES:
        raise AttachmentError(K.TOO_COMPLEX, f"{len(infos)} entries")
    unpacked = sum(i.file_size for i in infos)
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    if unpacked > MAX_UNZIPPED_BYTES or xml > MAX_XML_BYTES:
        raise AttachmentError(K.TOO_COMPLEX, f"unpacks to {unpacked} bytes ({xml} of XML)")
    if any(i.flag_bits & 0x1 for i in infos):
        raise AttachmentError(K.ENCRYPTED, "encrypted zip entries")


def read_docx(
    data: bytes,
    on_progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Document:
    check_archive(data)
    try:
        return _read(data, on_progress, cancelled)
    except AttachmentError:
        raise
    except (RecursionError, MemoryError) as e:
        raise AttachmentError(K.TOO_COMPLEX, f"{type(e).__name__}: {e}") from None
    except Exception as e:  # noqa: BLE001 - python-docx and lxml raise many kinds
        raise AttachmentError(K.DAMAGED, f"{type(e).__name__}: {e}"[:500]) from None


def _heading(paragraph: object) -> bool:
    style = getattr(paragraph, "style", None)
    name = str(getattr(style, "name", "") or "").lower()
    return name.startswith("heading") or name == "title"


def _read(
    data: bytes,
    on_progress: Callable[[float], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Document:
    import docx  # noqa: PLC0415 - python-docx, loaded when first needed
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    blocks = list(document.iter_inner_content())
    sections: list[tuple[str, list[str]]] = [("", [])]
    chars, truncated = 0, False
    for n, block in enumerate(blocks, 1):
        if cancelled is not None and cancelled():
            raise AttachmentError(K.CANCELLED)
        if isinstance(block, Table):
            rows = [" | ".join(c.text.strip() for c in row.cells) for row in block.rows]
            text = "\n".join(r for r in rows if r.strip(" |"))
        else:
            text = block.text.strip()
            if text and _heading(block):
                sections.append((text, []))
        if text:
            if chars + len(text) > MAX_CHARS:
                text, truncated = text[: MAX_CHARS - chars], True
            sections[-1][1].append(text)
            chars += len(text)
        if on_progress is not None and n % 50 == 0:
            on_progress(n / len(blocks))
        if truncated:
            break
    passages = tuple(
        Passage(PlaceKind.SECTION, i, i, "\n\n".join(parts), label)
        for i, (label, parts) in enumerate(((lb, p) for lb, p in sections if p), 1)
    )
    if not passages:
        raise AttachmentError(K.NO_TEXT, "no paragraphs with text")
    return Document(DocFormat.DOCX, passages, truncated)
