"""What an attached file becomes: its text as passages with their places (a PDF page, a
DOCX section, a range of lines), so that a later step can choose which passages to send
("report.pdf, page 3"); the limits every reader obeys; the one error they raise."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePath
from typing import Any

MAX_FILE_BYTES = 10 * 1024 * 1024  # what Ollama's own desktop app accepts
MAX_CHARS = 10_000_000  # text kept from one file (a 10 MiB text file fits whole)
MAX_PAGES = 2_000  # PDF pages read; more are left out and said so
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024  # a DOCX's declared unpacked size
MAX_SECONDS = 60.0  # reading one file; after that it is refused as too complex
LINES_PER_PASSAGE = 200  # a text file is kept as passages of this many lines


class AttachmentErrorKind(Enum):
    TOO_BIG = "too_big"  # over MAX_FILE_BYTES
    NOT_A_FILE = "not_a_file"  # a folder, a device (/dev/zero), a pipe
    UNREADABLE = "unreadable"  # missing, no permission, an I/O error
    CHANGED = "changed"  # the file changed while it was read
    UNSUPPORTED = "unsupported"  # a kind of file the app does not read
    BINARY = "binary"  # not text in any encoding the app reads
    ENCRYPTED = "encrypted"  # a password-protected PDF or DOCX
    DAMAGED = "damaged"  # not a valid PDF/DOCX/image of its kind
    TOO_COMPLEX = "too_complex"  # over a limit meant for bombs (pages, unpacked bytes, time)
    NO_TEXT = "no_text"  # a PDF of scanned pages: no text to read
    TOO_MANY_PIXELS = "too_many_pixels"  # an image too large to decode safely
    NO_VISION = "no_vision"  # an image for a model that cannot see
    CANCELLED = "cancelled"


class AttachmentError(Exception):
    """The one error the readers raise. ``detail`` is the library's own words (for a
    Details fold), never the sentence a user reads."""

    def __init__(self, kind: AttachmentErrorKind, detail: str = "") -> None:
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail


class PlaceKind(Enum):
    WHOLE = "whole"  # the whole text (a short file)
    LINES = "lines"  # lines start..end of a text file
    PAGE = "page"  # PDF page start (1-based)
    SECTION = "section"  # a DOCX part under the heading ``label``


@dataclass(frozen=True)
class Passage:
    """A piece of a document's text and where it comes from."""

    kind: PlaceKind
    start: int
    end: int
    text: str
    label: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "k": self.kind.value,
            "s": self.start,
            "e": self.end,
            "t": self.text,
            "l": self.label,
        }

    @classmethod
    def from_json(cls, d: Any) -> Passage:
        if not isinstance(d, dict):
            raise ValueError("passage is not an object")
        return cls(
            PlaceKind(d.get("k", "whole")),
            int(d.get("s", 0)),
            int(d.get("e", 0)),
            str(d.get("t", "")),
            str(d.get("l", "")),
        )


class DocFormat(Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    CODE = "code"
    CSV = "csv"
    JSON = "json"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class ImageFormat(Enum):
    PNG = "png"
    JPEG = "jpeg"
    WEBP = "webp"


_TEXT_EXT = {"txt": DocFormat.TEXT, "log": DocFormat.TEXT, "rtf": DocFormat.TEXT}
_TEXT_EXT.update({e: DocFormat.MARKDOWN for e in ("md", "markdown", "rst")})
_TEXT_EXT.update({e: DocFormat.CSV for e in ("csv", "tsv")})
_TEXT_EXT.update({"json": DocFormat.JSON, "jsonl": DocFormat.JSON, "ndjson": DocFormat.JSON})
_TEXT_EXT.update({"html": DocFormat.HTML, "htm": DocFormat.HTML, "xhtml": DocFormat.HTML})
_TEXT_EXT.update({"pdf": DocFormat.PDF, "docx": DocFormat.DOCX})
# code and configuration (Ollama's app list, plus a few common ones)
_CODE = [
    "py",
    "js",
    "jsx",
    "ts",
    "tsx",
    "mjs",
    "cjs",
    "java",
    "c",
    "cc",
    "cpp",
    "cxx",
    "h",
    "hpp",
    "cs",
    "php",
    "rb",
    "go",
    "rs",
    "swift",
    "kt",
    "kts",
    "scala",
    "sh",
    "bash",
    "zsh",
    "ps1",
    "bat",
    "cmd",
    "sql",
    "r",
    "lua",
    "pl",
    "m",
    "mm",
    "dart",
    "vue",
    "svelte",
    "css",
    "scss",
    "less",
    "xml",
    "yaml",
    "yml",
    "toml",
    "ini",
    "cfg",
    "conf",
    "env",
    "properties",
    "gradle",
    "cmake",
    "make",
    "mk",
    "dockerfile",
    "tex",
]
_TEXT_EXT.update({e: DocFormat.CODE for e in _CODE})
_NAMES = {"makefile": DocFormat.CODE, "dockerfile": DocFormat.CODE, "readme": DocFormat.TEXT}
_IMAGE_EXT = {"png": ImageFormat.PNG, "jpg": ImageFormat.JPEG, "jpeg": ImageFormat.JPEG}
_IMAGE_EXT["webp"] = ImageFormat.WEBP

DOCUMENT_SUFFIXES = tuple(sorted(_TEXT_EXT))
IMAGE_SUFFIXES = tuple(sorted(_IMAGE_EXT))


def _suffix(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def document_format(name: str) -> DocFormat | None:
    """The reader for a file name, or None when it is not a document the app reads."""
    ext = _suffix(name)
    if ext:
        return _TEXT_EXT.get(ext)
    return _NAMES.get(PurePath(name).name.lower())


def image_format(name: str) -> ImageFormat | None:
    return _IMAGE_EXT.get(_suffix(name))


def estimate_tokens(text: str) -> int:
    """A rough token count before the server has counted: about 4 characters per token
    for ASCII text, about one token per character for Japanese and other scripts."""
    if not text:
        return 0
    ascii_chars = len(text.encode("ascii", "ignore"))
    return (ascii_chars + 3) // 4 + (len(text) - ascii_chars)


@dataclass(frozen=True)
class Document:
    """A document's text as read: passages in order, and whether limits left some out."""

    format: DocFormat
    passages: tuple[Passage, ...]
    truncated: bool = False
    pages: int = 0  # a PDF's page count (all of them, read or not)

    @property
    def chars(self) -> int:
        return sum(len(p.text) for p in self.passages)

    def text(self) -> str:
        """The whole text (line ranges joined as the lines they were)."""
        lines = all(p.kind is PlaceKind.LINES for p in self.passages)
        return ("\n" if lines else "\n\n").join(p.text for p in self.passages)

    def to_bytes(self) -> bytes:
        """The stored form (UTF-8 JSON): what the history keeps of a document."""
        doc = {
            "v": 1,
            "f": self.format.value,
            "p": [p.to_json() for p in self.passages],
            "tr": self.truncated,
            "n": self.pages,
        }
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> Document:
        """The stored form back; ValueError when it is not one."""
        d = json.loads(data.decode("utf-8"))
        if not isinstance(d, dict) or not isinstance(d.get("p"), list):
            raise ValueError("not a stored document")
        return cls(
            DocFormat(d.get("f", "text")),
            tuple(Passage.from_json(p) for p in d["p"]),
            bool(d.get("tr", False)),
            int(d.get("n", 0)),
        )


def line_passages(text: str, per_passage: int = LINES_PER_PASSAGE) -> tuple[Passage, ...]:
    """A text cut into passages of ``per_passage`` lines (one WHOLE passage when short)."""
    if not text:
        return ()
    # "\n" only: line numbers as an editor counts them (splitlines also cuts at \f, U+2028...)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if len(lines) <= per_passage:
        return (Passage(PlaceKind.WHOLE, 1, max(1, len(lines)), text),)
    out = []
    for i in range(0, len(lines), per_passage):
        chunk = lines[i : i + per_passage]
        out.append(Passage(PlaceKind.LINES, i + 1, i + len(chunk), "\n".join(chunk)))
    return tuple(out)
