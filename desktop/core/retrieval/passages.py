"""A document cut into passages of a few hundred tokens that keep their place.

A document is a name and its pieces as read (core/attachments: a PDF page, a DOCX section,
a range of lines), each a ``Passage`` with its place. A passage never spans two pieces, so
it has one place ("report.pdf, page 3"); a range of lines gets the lines it covers. Inside
a piece the text is cut between words (Japanese has no spaces: after 。！？ or 、, and a
clause longer than a passage between characters), preferably at the end of a paragraph,
else of a sentence, with a small overlap so a sentence cut in two is whole in one of them.
Each passage is a slice of the piece's own text: nothing is rewritten, nothing left out.

Linear in the text: one regular expression of two disjoint character classes (it cannot
backtrack), prefix sums, and no search that goes back further than one passage.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop.core.attachments.model import Document, Passage, PlaceKind, estimate_tokens

TARGET_TOKENS = 220  # a passage: what a small model reads well, several fit any window
OVERLAP_TOKENS = 30  # repeated at the start of the next passage when a cut is mid-paragraph
MAX_ATOM_TOKENS = 48  # a run with no space (a clause, a URL, base64) is cut to this
_ENDS = "。！？、"
_ATOM = re.compile(r"[^\s。！？、]+[。！？、]*|[。！？、]+")
_SENTENCE_END = frozenset(".!?:;。！？")
_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class SourceDoc:
    """A document to search: its name and its pieces (each a Passage with its place)."""

    name: str
    pieces: tuple[Passage, ...]

    @classmethod
    def from_document(cls, name: str, document: Document) -> SourceDoc:
        return cls(name, document.passages)

    @classmethod
    def from_labels(cls, name: str, pieces: Iterable[tuple[str, str]]) -> SourceDoc:
        """From (place label, text) pairs, e.g. ("page 1", "..."): the label is kept as
        it is given (a WHOLE passage with a label)."""
        return cls(
            name,
            tuple(Passage(PlaceKind.WHOLE, n, n, t, label) for n, (label, t) in enumerate(pieces)),
        )


@dataclass(frozen=True)
class Chunk:
    """One passage of document ``doc`` (its index in the request), ``seq``-th in it.
    ``place`` is a Passage with the chunk's own text and place (for a range of lines, the
    lines it covers); ``span`` its characters in the piece it was cut from."""

    doc: int
    seq: int
    piece: int
    place: Passage
    span: tuple[int, int]
    tokens: int

    @property
    def text(self) -> str:
        return self.place.text


def place_label(p: Passage) -> str:
    """The place in English, as the model reads it ("page 3", "lines 10-42")."""
    if p.kind is PlaceKind.PAGE:
        return f"page {p.start}"
    if p.kind is PlaceKind.SECTION:
        return f"section “{p.label}”" if p.label else f"section {p.start + 1}"
    if p.kind is PlaceKind.LINES:
        return f"lines {p.start}-{p.end}"
    return p.label


def _atoms(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the runs between spaces (a Japanese clause is one run); a
    run over MAX_ATOM_TOKENS is cut into equal slices."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _ATOM.finditer(text):
        s, e = m.span()
        word = m.group()
        if len(word) <= MAX_ATOM_TOKENS or estimate_tokens(word) <= MAX_ATOM_TOKENS:
            starts.append(s)
            ends.append(e)
            continue
        step = MAX_ATOM_TOKENS * 4 if word.isascii() else MAX_ATOM_TOKENS
        for a in range(s, e, step):
            starts.append(a)
            ends.append(min(e, a + step))
    return starts, ends


def _breaks(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """How good a cut after each run is: 2 at a paragraph's end (a blank line, or a new
    line that opens a heading or a list item), 1 at a sentence's end or a line's, else 0."""
    n = len(starts)
    out = [0] * n
    for i in range(n):
        last = text[ends[i] - 1]
        if i + 1 == n:
            out[i] = 2
            continue
        gap_lines = text.count("\n", ends[i], starts[i + 1])
        if gap_lines >= 2 or gap_lines == 1 and text[starts[i + 1]] in "#-*•":
            out[i] = 2
        elif gap_lines == 1 or last in _SENTENCE_END:
            out[i] = 1
    return out


def _cuts(
    tokens: Sequence[int], breaks: Sequence[int], target: int, overlap: int
) -> list[tuple[int, int]]:
    """Runs [first, last] of each passage: as many runs as fit ``target``, cut at the best
    break in the passage's second half; the next starts ``overlap`` tokens back unless the
    cut ended a paragraph."""
    n = len(tokens)
    prefix = [0] * (n + 1)
    for i, t in enumerate(tokens):
        prefix[i + 1] = prefix[i] + t
    last_para = [-1] * n  # index of the last run at or before i that ends a paragraph
    last_sentence = [-1] * n
    for i in range(n):
        last_para[i] = i if breaks[i] == 2 else (last_para[i - 1] if i else -1)
        last_sentence[i] = i if breaks[i] >= 1 else (last_sentence[i - 1] if i else -1)
    out: list[tuple[int, int]] = []
    start = 0
    i = 0
    while i < n:
        if prefix[i + 1] - prefix[start] <= target or i == start:
            i += 1
            continue
        # runs start..i-1 fit, run i does not: cut at the best break in the second half
        cut = i - 1
        for best in (last_para[i - 1], last_sentence[i - 1]):
            if best >= start and prefix[best + 1] - prefix[start] >= target // 2:
                cut = best
                break
        out.append((start, cut))
        nxt = cut + 1
        if breaks[cut] < 2:  # mid-paragraph: repeat the end of this passage...
            while nxt - 1 > start and prefix[cut + 1] - prefix[nxt - 1] <= overlap:
                nxt -= 1
            # ...from the start of a sentence or line when there is one in it
            clean = next((j for j in range(nxt, cut + 1) if breaks[j - 1] >= 1), None)
            if clean is not None:
                nxt = clean
            elif breaks[cut] >= 1:
                nxt = cut + 1  # no clean start: a cut at a sentence's end needs no overlap
        start = nxt
        i = max(i, start)
    if start < n:
        out.append((start, n - 1))
    return out


def _line_place(piece: Passage, newlines: list[int], s: int, e: int, text: str) -> Passage:
    first = piece.start + bisect.bisect_left(newlines, s)
    last = piece.start + bisect.bisect_left(newlines, max(s, e - 1))
    return Passage(PlaceKind.LINES, first, last, text)


def split_piece(
    piece: Passage, target: int = TARGET_TOKENS, overlap: int = OVERLAP_TOKENS
) -> list[tuple[Passage, tuple[int, int], int]]:
    """One piece cut into passages: (place with text, character span, tokens)."""
    text = piece.text
    starts, ends = _atoms(text)
    if not starts:
        return []
    tokens = [estimate_tokens(text[s:e]) + 1 for s, e in zip(starts, ends, strict=True)]
    cuts = _cuts(tokens, _breaks(text, starts, ends), target, overlap)
    lines = piece.kind in (PlaceKind.LINES, PlaceKind.WHOLE) and not piece.label
    newlines = [m.start() for m in _NEWLINE.finditer(text)] if lines else []
    out = []
    for first, last in cuts:
        s, e = starts[first], ends[last]
        body = text[s:e]
        if lines:
            place = _line_place(piece, newlines, s, e, body)
        else:
            place = Passage(piece.kind, piece.start, piece.end, body, piece.label)
        out.append((place, (s, e), sum(tokens[first : last + 1])))
    return out


def split_document(
    doc: SourceDoc, index: int = 0, target: int = TARGET_TOKENS, overlap: int = OVERLAP_TOKENS
) -> list[Chunk]:
    """Every passage of ``doc`` in order (``index``: the document's number in a request)."""
    out: list[Chunk] = []
    for n, piece in enumerate(doc.pieces):
        for place, span, tokens in split_piece(piece, target, overlap):
            out.append(Chunk(index, len(out), n, place, span, tokens))
    return out
