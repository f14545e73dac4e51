"""How attachments go into an /api/chat message, the way Ollama's own desktop app sends
them (app/ui/ui.go, buildChatRequest): the typed text, then each file as

    --- File: report.pdf ---
    --- Page 1 ---
    ...
    --- End of report.pdf ---

with a marker before each page or section (the place a retrieval step will cite), and
images as base64 in the message's ``images``. The labels are English: they are read by the
model, not by the user."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence

from desktop.core.attachments.model import Document, Passage, PlaceKind, estimate_tokens
from desktop.core.attachments.refs import Attachment, AttachmentRef


def place_marker(p: Passage, whole: bool) -> str:
    """The line before a passage: its page or section; line ranges only when part of the
    text is sent (a whole code file is sent as it is)."""
    if p.kind is PlaceKind.PAGE:
        return f"--- Page {p.start} ---"
    if p.kind is PlaceKind.SECTION:
        return f"--- Section: {p.label} ---" if p.label else ""
    if p.kind is PlaceKind.LINES and not whole:
        return f"--- Lines {p.start}-{p.end} ---"
    return ""


def file_block(name: str, document: Document, passages: Sequence[Passage] | None = None) -> str:
    """One file as sent; ``passages`` (a retrieval step's choice) defaults to all of it."""
    chosen = document.passages if passages is None else tuple(passages)
    whole = len(chosen) == len(document.passages)
    parts = [f"--- File: {name} ---"]
    for p in chosen:
        marker = place_marker(p, whole)
        if marker:
            parts.append(marker)
        parts.append(p.text)
    if document.truncated and whole:
        parts.append("[The rest of this file was too long and is left out.]")
    parts.append(f"--- End of {name} ---")
    return "\n".join(parts)


def excerpt_block(name: str, passages: Sequence[Passage]) -> str:
    """A file too long for the model's window, sent as the passages a retrieval step chose
    (core/retrieval), each after its place."""
    parts = [f"--- File: {name} (only the passages that match the question) ---"]
    for p in passages:
        marker = place_marker(p, whole=False)
        if not marker and p.label:
            marker = f"--- {p.label} ---"
        if marker:
            parts.append(marker)
        parts.append(p.text)
    if not passages:
        parts.append("[No passage of this file fits the model's context window.]")
    parts.append(f"--- End of {name} ---")
    return "\n".join(parts)


Excerpts = Mapping[tuple[str, str], Sequence[Passage]]  # (payload hash, name) -> passages


def user_content(
    text: str, attachments: Iterable[Attachment], excerpts: Excerpts | None = None
) -> tuple[str, list[str]]:
    """The ``content`` and ``images`` of a user message with its attachments; a document
    in ``excerpts`` is sent as those passages instead of whole."""
    blocks: list[str] = []
    images: list[str] = []
    for a in attachments:
        if a.ref.is_image:
            images.append(base64.b64encode(a.data).decode("ascii"))
            continue
        chosen = excerpts.get((a.ref.blob, a.ref.name)) if excerpts else None
        if chosen is not None:
            blocks.append(excerpt_block(a.ref.name, chosen))
            continue
        try:
            document = a.document()
        except ValueError:
            blocks.append(f"--- File: {a.ref.name} ---\n[unreadable]\n--- End of {a.ref.name} ---")
            continue
        blocks.append(file_block(a.ref.name, document))
    content = text + "".join("\n" + b for b in blocks)
    return content, images


# -- what they cost in the prompt (the context meter's estimate, before the server counts) --
IMAGE_TOKENS = 256  # an image as Gemma 3's vision encoder hands it to the model (Ollama)
PLACE_MARKER_TOKENS = 6  # "--- Page 12 ---" and its line break, in Gemma 3's tokens


def sent_tokens(ref: AttachmentRef) -> int:
    """Tokens one attachment adds to its message as file_block sends it: the document's
    text (``ref.tokens``), its "--- File: ---" and "--- End of ---" lines and a marker per
    page; an image as its encoder's tokens."""
    if ref.is_image:
        return IMAGE_TOKENS
    frame = estimate_tokens(f"--- File: {ref.name} ---\n--- End of {ref.name} ---\n")
    return ref.tokens + frame + PLACE_MARKER_TOKENS * ref.pages


def excerpt_tokens(name: str, passages: Sequence[Passage]) -> int:
    """Tokens of ``excerpt_block(name, passages)``, estimated as ``sent_tokens`` does."""
    frame = estimate_tokens(
        f"--- File: {name} (only the passages that match the question) ---\n--- End of {name} ---\n"
    )
    return frame + sum(estimate_tokens(p.text) + PLACE_MARKER_TOKENS for p in passages)


def attached_tokens(refs: Iterable[AttachmentRef], excerpts: Excerpts | None = None) -> int:
    """Tokens a message's attachments add to it as sent: each whole, or a document in
    ``excerpts`` as the passages chosen for it."""
    total = 0
    for r in refs:
        chosen = None if r.is_image or not excerpts else excerpts.get((r.blob, r.name))
        total += excerpt_tokens(r.name, chosen) if chosen is not None else sent_tokens(r)
    return total
