"""Real documents with real text, built by the tests themselves: PDFs written with pypdf
(text in content streams with a standard font, as any PDF writer does), DOCX written with
python-docx (headings, paragraphs, a table), and hostile variants of both."""

from __future__ import annotations

import io
import zipfile
import zlib

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)

TOPICS = [
    (
        "memory bandwidth",
        "On a CPU every generated token reads all the weights once, so "
        "memory bandwidth sets the speed more than the number of cores.",
    ),
    (
        "quantization",
        "A Q4_K_M model keeps about four and a half bits per weight; it is "
        "a quarter of the size of the float16 original and loses little quality.",
    ),
    (
        "context window",
        "The context window is measured in tokens; when a conversation "
        "outgrows it, Ollama drops the oldest messages and keeps the system prompt.",
    ),
    (
        "thermal limits",
        "A thin laptop slows its processor when it gets hot, so a long "
        "answer can start fast and end slower.",
    ),
    (
        "privacy",
        "A local model sends nothing to a server: the questions, the answers and "
        "the attached files stay on this computer.",
    ),
]


def page_text(n: int) -> str:
    topic, sentence = TOPICS[n % len(TOPICS)]
    return f"Page {n + 1}: {topic}. {sentence} Reference number {1000 + n * 7}."


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(text: str, width: int = 80) -> list[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        if len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return [*lines, line] if line else lines


def make_pdf(pages: list[str], *, password: str | None = None, compress: bool = True) -> bytes:
    """A PDF with one page per text (Helvetica, wrapped lines)."""
    writer = PdfWriter()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    font_ref = writer._add_object(font)
    for text in pages:
        page = writer.add_blank_page(612, 792)
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
        for line in _lines(text):
            ops.append(f"({_escape(line)}) Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("latin-1"))
        if compress:
            stream = stream.flate_encode()
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref})}
        )
    if password is not None:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def report_pdf(n_pages: int, repeat: int = 6) -> bytes:
    """``n_pages`` pages; ``repeat`` sentences each (6: ~900 characters, 20: ~3,000 as a
    page of a printed report)."""
    return make_pdf(
        [
            page_text(i) + " " + " ".join(TOPICS[(i + k) % 5][1] for k in range(repeat))
            for i in range(n_pages)
        ]
    )


def make_docx(sections: list[tuple[str, list[str]]], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Running models locally", level=0)
    for heading, paragraphs in sections:
        document.add_heading(heading, level=1)
        for p in paragraphs:
            document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_docx() -> bytes:
    return make_docx(
        [(topic.capitalize(), [sentence, f"More about {topic}."]) for topic, sentence in TOPICS],
        table=[["Model", "Size"], ["gemma3:270m", "292 MB"], ["qwen3:0.6b", "523 MB"]],
    )


# -- hostile files -----------------------------------------------------------------------
def pdf_flate_bomb(unpacked: int = 200 * 1024 * 1024) -> bytes:
    """A one-page PDF whose content stream inflates to ``unpacked`` bytes of zeros
    (a few hundred KB on disk)."""
    base = make_pdf(["bomb"], compress=False)
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    packed = b"".join(compressor.compress(chunk) for _ in range(unpacked // len(chunk)))
    packed += compressor.flush()
    writer = PdfWriter(clone_from=io.BytesIO(base))
    stream = StreamObject()
    stream._data = packed
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_many_pages(count: int = 1_000_000) -> bytes:
    """A page tree that claims ``count`` pages (one page object referenced over and over)."""
    base = make_pdf(["one"], compress=False)
    writer = PdfWriter(clone_from=io.BytesIO(base))
    page_ref = writer.pages[0].indirect_reference
    pages = writer.root_object["/Pages"]
    kids = ArrayObject([page_ref] * min(count, 2_000_000))
    pages[NameObject("/Kids")] = kids
    pages[NameObject("/Count")] = NumberObject(count)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from raw object bodies (object n is objects[n-1]; 1 is the catalog), with a
    correct cross-reference table: what a hand-made hostile file looks like."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _page(contents: bytes) -> list[bytes]:
    return [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(contents) + contents + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]


def pdf_deep_nesting(depth: int = 100_000) -> bytes:
    """A one-page PDF whose page dictionary holds an array nested ``depth`` deep, and a
    content stream with arrays nested as deep (parsers that recurse blow up)."""
    body = b"[" * depth + b"]" * depth
    content = b"BT /F1 11 Tf 72 720 Td " + body + b" TJ (deep) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Deep " + body + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        *_page(content),
    ]
    return raw_pdf(objects)


def pdf_page_tree_bomb(fanout: int = 1000) -> bytes:
    """A page tree of ``fanout`` x ``fanout`` leaves that all point at one page: a million
    pages in a few kilobytes of tree."""
    kids = b" ".join([b"7 0 R"] * fanout)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join([b"6 0 R"] * fanout)
        + b"] /Count %d >>" % (fanout * fanout),
        *_page(b"BT /F1 11 Tf 72 720 Td (one page) Tj ET"),
        b"<< /Type /Pages /Parent 2 0 R /Kids [" + kids + b"] /Count %d >>" % fanout,
        b"<< /Type /Page /Parent 6 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
    ]
    return raw_pdf(objects)


def docx_zip_bomb(unpacked: int = 500 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml declares (and inflates to) ``unpacked`` bytes."""
    good = report_docx()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with dst.open(info.filename, "w", force_zip64=True) as f:
                    chunk = b" " * (1024 * 1024)
                    for _ in range(unpacked // len(chunk)):
                        f.write(chunk)
            else:
                dst.writestr(info, src.read(info.filename))
    return out.getvalue()


def png_header_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid 1-bit PNG of ``width`` x ``height`` white pixels: ~110 KB on disk, 3.6 GB
    as a decoded 32-bit image."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(row * 100) for _ in range(height // 100))
    packed += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", packed) + chunk(b"IEND", b"")
    )
