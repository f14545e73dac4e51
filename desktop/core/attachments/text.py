"""Text files: the encoding found without guessing wildly (UTF-8, UTF-16 with its mark,
Shift_JIS as Japanese Windows writes it), binary refused; HTML read as text by the
standard library's parser (tags stripped, scripts and styles left out, nothing rendered)."""

from __future__ import annotations

import codecs
from html.parser import HTMLParser

from desktop.core.attachments.model import (
    MAX_CHARS,
    AttachmentError,
    DocFormat,
    Document,
    line_passages,
)
from desktop.core.attachments.model import AttachmentErrorKind as K

SNIFF_BYTES = 8192
# control characters other than tab, newline, carriage return and form feed: text has few
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))


def decode_text(data: bytes) -> str:
    """The text of ``data``; AttachmentError(BINARY) when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise AttachmentError(K.BINARY, "NUL byte")
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if head and controls * 100 > len(head):  # over 1 %: an executable, an archive...
        raise AttachmentError(K.BINARY, f"{controls} control bytes in {len(head)}")
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AttachmentError(K.BINARY, "not UTF-8 or Shift_JIS text")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise AttachmentError(K.BINARY, str(e)) from None


def _cap(text: str) -> tuple[str, bool]:
    return (text[:MAX_CHARS], True) if len(text) > MAX_CHARS else (text, False)


def read_text(data: bytes, fmt: DocFormat) -> Document:
    """A text, code, Markdown, CSV or JSON file (as it is) or an HTML file (as its text)."""
    text = decode_text(data).replace("\r\n", "\n")
    if fmt is DocFormat.HTML:
        text = html_to_text(text)
    text, truncated = _cap(text)
    return Document(fmt, line_passages(text), truncated)


_SKIP = frozenset({"script", "style", "template", "noscript", "head", "svg", "math", "iframe"})
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "title",
        "caption",
        "details",
        "summary",
    ]
)
_CELL = frozenset({"td", "th"})


class _TextOnly(HTMLParser):
    """Collects the text a browser would show, as plain text: no tag is acted on, no
    script runs, no address is fetched (html.parser does none of that by design)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.size = 0
        self.skip = 0  # inside script/style/...: depth

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self._add("\n")
        elif tag in _CELL:
            self._add("\t")

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in _BLOCK:
            self._add("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self._add("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._add(data)

    def _add(self, text: str) -> None:
        if self.size <= MAX_CHARS:
            self.out.append(text)
            self.size += len(text)


def html_to_text(html: str) -> str:
    parser = _TextOnly()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError) as e:  # html.parser is lenient; stay safe
        raise AttachmentError(K.DAMAGED, str(e)) from None
    lines = (" ".join(line.split()) for line in "".join(parser.out).split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
