"""Attached files are data, whatever they hold: the readers (PDF, DOCX, text, HTML, images)
raise nothing but AttachmentError and finish within a bound, on damaged, truncated and
hostile variants of real documents and on any bytes at all."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop.core.attachments.extract import extract_bytes
from desktop.core.attachments.model import AttachmentError, Document
from desktop.services.attachments.images import prepare_image
from tests.attachments import documents as d

CASE_SECONDS = 10.0  # generous: the shared CI machine; a bomb would take minutes or die
PDF = d.report_pdf(3)
PDF_PLAIN = d.make_pdf([d.page_text(0), d.page_text(1)], compress=False)
DOCX = d.report_docx()
NAMES = st.sampled_from(
    ["a.pdf", "a.docx", "a.txt", "a.md", "a.csv", "a.json", "a.html", "a.py", "Makefile"]
)
HOSTILE = st.sampled_from(
    [
        b"[" * 3000,
        b"<<" * 3000,
        b"/Count 999999999",
        b"/Length 99999999999",
        b"stream\n",
        b"endobj",
        b"/FlateDecode",
        b"/Filter [/FlateDecode /FlateDecode /ASCIIHexDecode]",
        b"1 0 R",
        b"/Kids [3 0 R 3 0 R 3 0 R 3 0 R]",
        b"/Encrypt 9 0 R",
        b"\x00" * 64,
        b"%%EOF",
        b"xref\n0 99999999\n",
    ]
)


def mutate(base: bytes) -> st.SearchStrategy[bytes]:
    """``base`` cut, with bytes flipped or hostile tokens put in."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        data = bytearray(base)
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, max(0, len(data) - 1)))
            action = draw(st.sampled_from(["flip", "insert", "cut", "drop"]))
            if action == "flip" and data:
                data[at] ^= draw(st.integers(1, 255))
            elif action == "insert":
                data[at:at] = draw(HOSTILE | st.binary(min_size=1, max_size=16))
            elif action == "cut":
                del data[at:]
            else:
                del data[at : at + draw(st.integers(1, 64))]
        return bytes(data)

    return build()


def bounded(name: str, data: bytes) -> Document | None:
    started = time.monotonic()
    try:
        return extract_bytes(name, data)
    except AttachmentError:
        return None
    finally:
        assert time.monotonic() - started < CASE_SECONDS


SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]


@settings(max_examples=500, deadline=None, suppress_health_check=SLOW)
@given(data=mutate(PDF) | mutate(PDF_PLAIN))
def test_damaged_pdfs(data: bytes) -> None:
    doc = bounded("x.pdf", data)
    if doc is not None:
        assert doc.passages and all(p.text for p in doc.passages)


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(data=mutate(DOCX))
def test_damaged_docx_archives(data: bytes) -> None:
    bounded("x.docx", data)


XML = st.sampled_from(
    [
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;'
        b'&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><x>&c;&c;</x>',
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b"<w:document>" * 5000,
        b"<<<>>>",
        b"",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(
    part=st.sampled_from(
        ["word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"]
    ),
    xml=XML | st.binary(max_size=200),
)
def test_docx_with_hostile_parts(part: str, xml: bytes) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, xml if info.filename == part else src.read(info.filename))
    doc = bounded("x.docx", out.getvalue())
    if doc is not None:
        assert "root:" not in doc.text()  # no entity ever reads a file


@settings(max_examples=1000, deadline=None, suppress_health_check=SLOW)
@given(name=NAMES, data=st.binary(max_size=600))
def test_any_bytes_under_any_name(name: str, data: bytes) -> None:
    bounded(name, data)


TAGS = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&amp;",
        "&#x110000;",
        "&#0;",
        "<a href='javascript:x'>",
        "<",
        ">",
        "</",
        "<br/>",
        "<td>",
        "&",
    ]
)


@settings(max_examples=1000, deadline=None)
@given(parts=st.lists(TAGS | st.text(max_size=12), max_size=40))
def test_any_html(parts: list[str]) -> None:
    doc = bounded("x.html", "".join(parts).encode("utf-8", "surrogatepass"))
    if doc is not None:
        assert "<script>" not in doc.text() or "<script>" in "".join(parts)


def _image(fmt: str) -> bytes:
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt)  # type: ignore[call-overload]
    return bytes(data.data())


@pytest.fixture(scope="module")
def images(qapp: object) -> dict[str, bytes]:
    return {"png": _image("PNG"), "jpeg": _image("JPEG")}


# libpng and libjpeg say what they find damaged (Qt warnings): expected here
@pytest.mark.qt_log_level_fail("CRITICAL")
@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[*SLOW, HealthCheck.function_scoped_fixture],
)
@given(which=st.sampled_from(["png", "jpeg"]), seed=st.data())
def test_damaged_images(
    qtbot: QtBot, images: dict[str, bytes], which: str, seed: st.DataObject
) -> None:
    data = seed.draw(mutate(images[which]))
    started = time.monotonic()
    try:
        a = prepare_image("x." + which, data, len(data))
        assert a.data and a.ref.thumb
    except AttachmentError:
        pass
    assert time.monotonic() - started < CASE_SECONDS
