"""An attachment as a message knows it (name, size, tokens, where its stored payload is)
and with its payload (the document's passages as JSON, or the image as sent)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from desktop.core.attachments.model import Document


class AttachmentKind(Enum):
    DOCUMENT = "document"
    IMAGE = "image"


@dataclass(frozen=True)
class AttachmentRef:
    """One attached file of a message, without its payload (cheap to load with a page).

    ``size`` is the file's size on disk; ``tokens`` an estimate until ``counted``; ``blob``
    the SHA-256 of the stored payload (the same file attached twice is stored once);
    ``thumb`` a small PNG for an image. ``info`` holds what one kind has: pages,
    truncated (a limit left text out), width and height (as sent)."""

    kind: AttachmentKind
    name: str
    format: str
    size: int
    blob: str
    chars: int = 0
    tokens: int = 0
    counted: bool = False
    thumb: bytes = b""
    info: dict[str, Any] = field(default_factory=dict, hash=False)

    @property
    def is_image(self) -> bool:
        return self.kind is AttachmentKind.IMAGE

    @property
    def truncated(self) -> bool:
        return bool(self.info.get("truncated"))

    @property
    def pages(self) -> int:
        value = self.info.get("pages", 0)
        return value if isinstance(value, int) else 0

    @property
    def dimensions(self) -> tuple[int, int]:
        w, h = self.info.get("width", 0), self.info.get("height", 0)
        return (w, h) if isinstance(w, int) and isinstance(h, int) else (0, 0)

    def info_json(self) -> str:
        return json.dumps(self.info, separators=(",", ":"))

    def with_(self, **changes: Any) -> AttachmentRef:
        return replace(self, **changes)


def info_from(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Attachment:
    """An attachment with its payload: what is stored, and what is sent."""

    ref: AttachmentRef
    data: bytes

    def document(self) -> Document:
        """The stored document (ValueError when the payload is not one)."""
        return Document.from_bytes(self.data)
