"""Reading attached documents: text with its places, and a clear refusal for the rest."""

from __future__ import annotations

import pytest

from desktop.core.attachments.extract import extract_bytes
from desktop.core.attachments.model import (
    AttachmentError,
    AttachmentErrorKind,
    DocFormat,
    Document,
    PlaceKind,
    document_format,
    estimate_tokens,
    image_format,
)
from tests.attachments import documents as d

K = AttachmentErrorKind


def refused(name: str, data: bytes) -> AttachmentErrorKind:
    with pytest.raises(AttachmentError) as info:
        extract_bytes(name, data)
    return info.value.kind


def test_pdf_pages_are_passages_with_their_numbers() -> None:
    doc = extract_bytes("report.pdf", d.report_pdf(4))
    assert doc.format is DocFormat.PDF and doc.pages == 4
    assert [(p.kind, p.start) for p in doc.passages] == [(PlaceKind.PAGE, n) for n in range(1, 5)]
    assert "Reference number 1014" in doc.passages[2].text  # page 3's own fact
    assert "memory bandwidth sets the speed" in doc.passages[0].text


def test_pdf_with_empty_user_password_is_read_and_a_locked_one_refused() -> None:
    assert "open secret" in extract_bytes("a.pdf", d.make_pdf(["open secret"], password="")).text()
    assert refused("b.pdf", d.make_pdf(["secret"], password="hunter2")) is K.ENCRYPTED


def test_docx_sections_follow_headings_and_tables_keep_their_rows() -> None:
    doc = extract_bytes("notes.docx", d.report_docx())
    labels = [p.label for p in doc.passages]
    assert "Quantization" in labels and "Privacy" in labels
    quant = doc.passages[labels.index("Quantization")]
    assert quant.kind is PlaceKind.SECTION and "four and a half bits" in quant.text
    assert "gemma3:270m | 292 MB" in doc.passages[-1].text


def test_html_is_text_never_markup() -> None:
    html = (
        b"<html><head><title>T</title><style>p{color:red}</style>"
        b"<script>alert('x')</script></head><body><h1>Title</h1><p>Hello &amp; "
        b"<b>world</b><img src=http://example.invalid/x.png onerror=alert(1)></p></body></html>"
    )
    text = extract_bytes("page.html", html).text()
    assert text == "Title\n\nHello & world"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain text\nsecond line\n", "plain text\nsecond line\n"),
        ("日本語のテキスト".encode("cp932"), "日本語のテキスト"),  # Shift_JIS from Windows
        ("\ufeffwith a mark".encode(), "with a mark"),
        ("utf16 text".encode("utf-16"), "utf16 text"),
        (b"windows\r\nlines\r\n", "windows\nlines\n"),
    ],
)
def test_text_encodings(data: bytes, expected: str) -> None:
    assert extract_bytes("a.txt", data).text() == expected


def test_long_code_is_kept_as_line_ranges() -> None:
    code = "\n".join(f"x{i} = {i}" for i in range(1, 451)) + "\n"
    doc = extract_bytes("big.py", code.encode())
    assert [(p.start, p.end) for p in doc.passages] == [(1, 200), (201, 400), (401, 450)]
    assert doc.passages[1].text.splitlines()[0] == "x201 = 201"
    assert doc.text() == code.rstrip("\n")


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(200), K.BINARY),
        ("a.txt", bytes(range(1, 32)) * 40, K.BINARY),
        ("a.pdf", b"%PDF-1.7\nnot really", K.DAMAGED),
        ("a.pdf", d.make_pdf([""]), K.NO_TEXT),
        ("a.docx", b"PK\x03\x04 broken", K.DAMAGED),
        ("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), K.ENCRYPTED),
        ("a.exe", b"MZ", K.UNSUPPORTED),
        ("a.txt", b"x" * (10 * 1024 * 1024 + 1), K.TOO_BIG),
    ],
)
def test_refusals(name: str, data: bytes, kind: AttachmentErrorKind) -> None:
    assert refused(name, data) is kind


def test_bombs_are_refused_as_too_complex() -> None:
    assert refused("bomb.pdf", d.pdf_flate_bomb()) is K.TOO_COMPLEX
    assert refused("tree.pdf", d.pdf_page_tree_bomb()) is K.TOO_COMPLEX
    assert refused("deep.pdf", d.pdf_deep_nesting()) is K.TOO_COMPLEX
    assert refused("bomb.docx", d.docx_zip_bomb()) is K.TOO_COMPLEX


def test_stored_form_round_trips() -> None:
    doc = extract_bytes("report.pdf", d.report_pdf(3))
    assert Document.from_bytes(doc.to_bytes()) == doc
    with pytest.raises(ValueError):
        Document.from_bytes(b"[]")


def test_kinds_by_name_and_token_estimates() -> None:
    assert document_format("Main.JAVA") is DocFormat.CODE
    assert document_format("Makefile") is DocFormat.CODE
    assert document_format("photo.jpg") is None and image_format("photo.JPG") is not None
    assert estimate_tokens("a" * 400) == 100
    assert estimate_tokens("日本語") == 3
