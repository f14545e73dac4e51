"""A check that the readers are really there (``--self-test``; the frozen build leaves
unused parts out): a one-page PDF and a DOCX written and read back, a JPEG and a WebP
image encoded and decoded by the bundled Qt plugins."""

from __future__ import annotations

import io

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

from desktop.core.attachments.extract import extract_bytes
from desktop.core.attachments.model import AttachmentError
from desktop.services.attachments.images import prepare_image

WORDS = "Ollama Desk reads this"


def _pdf() -> bytes:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 20 100 Td ({WORDS}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(WORDS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _image(fmt: str) -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)  # type: ignore[call-overload]
    return bytes(data.data())


def reader_check() -> dict[str, bool]:
    """Which readers work in this build: {"pdf", "docx", "jpeg", "webp"} -> bool."""
    out: dict[str, bool] = {}
    for name, make in (("pdf", _pdf), ("docx", _docx)):
        try:
            out[name] = WORDS in extract_bytes(f"check.{name}", make()).text()
        except (AttachmentError, ImportError):
            out[name] = False
    for fmt in ("jpeg", "webp"):
        try:
            data = _image(fmt.upper())
            out[fmt] = bool(data) and prepare_image(
                f"check.{fmt}", data, len(data)
            ).ref.dimensions == (40, 30)
        except AttachmentError:
            out[fmt] = False
    return out
