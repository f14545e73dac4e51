"""Which passages go to the model, within a token budget, and the record of that choice
kept with the answer (so a reopened chat shows it, and an earlier question is sent again
with the same passages)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.attachments.model import Passage, PlaceKind
from desktop.core.retrieval.passages import Chunk, SourceDoc, place_label

MARKER_TOKENS = 8  # the "--- Page 3 ---" line before each passage, and its newlines
MAX_SKIPPED = 200  # passages looked at past the first that did not fit
MAX_STORED = 400  # passages read back from a stored choice (a hostile row stays small)


@dataclass(frozen=True)
class UsedPassage:
    """A passage sent to the model: its document (name, and the stored payload's hash),
    its place and text, and its rank (1: the best match)."""

    doc: str
    blob: str
    place: Passage
    rank: int

    @property
    def label(self) -> str:
        """ "report.pdf, page 3" in English (what the model reads)."""
        where = place_label(self.place)
        return f"{self.doc}, {where}" if where else self.doc

    def to_json(self) -> dict[str, Any]:
        return {"d": self.doc, "b": self.blob, "p": self.place.to_json(), "r": self.rank}

    @classmethod
    def from_json(cls, d: Any) -> UsedPassage:
        if not isinstance(d, dict):
            raise ValueError("not a passage")
        return cls(
            str(d.get("d", "")),
            str(d.get("b", "")),
            Passage.from_json(d.get("p")),
            int(d.get("r", 0)),
        )


@dataclass(frozen=True)
class Retrieval:
    """The passages chosen for one answer from the documents ``docs`` ((payload hash, name)
    pairs: every document that was too long to send whole, even one of which no passage
    fitted), how they were found ("bm25", or "hybrid" with ``model``), the budget they
    had, and the documents' size in full (tokens)."""

    passages: tuple[UsedPassage, ...]
    method: str = "bm25"
    model: str = ""
    budget: int = 0
    full_tokens: int = 0
    docs: tuple[tuple[str, str], ...] = ()

    def excerpts(self) -> dict[tuple[str, str], list[Passage]]:
        """The places and text to send, by (payload hash, name), in document order."""
        out: dict[tuple[str, str], list[Passage]] = {d: [] for d in self.docs}
        for p in self.passages:
            out.setdefault((p.blob, p.doc), []).append(p.place)
        return out

    def to_text(self) -> str:
        d = {
            "v": 1,
            "m": self.method,
            "e": self.model,
            "b": self.budget,
            "f": self.full_tokens,
            "p": [p.to_json() for p in self.passages],
            "d": [list(d) for d in self.docs],
        }
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> Retrieval | None:
        """The stored form back; None when it is not one (a damaged row shows nothing)."""
        try:
            d = json.loads(text)
            if not isinstance(d, dict) or not isinstance(d.get("p"), list):
                return None
            used = tuple(UsedPassage.from_json(p) for p in d["p"][:MAX_STORED])
            docs = d.get("d", [])
            pairs = tuple(
                (str(x[0]), str(x[1]))
                for x in (docs if isinstance(docs, list) else [])[:MAX_STORED]
                if isinstance(x, list) and len(x) == 2
            )
            return cls(
                used,
                str(d.get("m", "bm25")),
                str(d.get("e", "")),
                int(d.get("b", 0)),
                int(d.get("f", 0)),
                pairs,
            )
        except (ValueError, TypeError, RecursionError):
            return None

    def for_document(self, blob: str, name: str) -> list[UsedPassage]:
        return [p for p in self.passages if p.blob == blob and p.doc == name]


def choose(ranked: Sequence[Chunk], budget: int) -> list[Chunk]:
    """The best passages that fit ``budget`` tokens together (a passage too big for what is
    left is passed over for smaller ones after it), in rank order."""
    out: list[Chunk] = []
    left = budget
    skipped = 0
    for chunk in ranked:
        cost = chunk.tokens + MARKER_TOKENS
        if cost <= left:
            out.append(chunk)
            left -= cost
        else:
            skipped += 1
            if skipped > MAX_SKIPPED or left < MARKER_TOKENS * 4:
                break
    return out


def merged(chosen: Sequence[Chunk], docs: Sequence[SourceDoc]) -> list[tuple[Chunk, Passage]]:
    """The chosen passages in document order, neighbours of one piece that overlap or touch
    joined into one passage (their shared sentences are sent once). Each comes with the
    best-ranked chunk it holds."""
    rank = {(c.doc, c.seq): n for n, c in enumerate(chosen)}
    out: list[tuple[Chunk, Passage]] = []
    last: Chunk | None = None
    run_start = 0
    for c in sorted(chosen, key=lambda c: (c.doc, c.seq)):
        joins = (
            last is not None
            and last.doc == c.doc
            and last.piece == c.piece
            and c.span[0] <= last.span[1] + 1
        )
        if joins and out:
            best, place = out[-1]
            text = docs[c.doc].pieces[c.piece].text[run_start : c.span[1]]
            if place.kind is PlaceKind.LINES:
                joined = Passage(PlaceKind.LINES, place.start, c.place.end, text)
            else:
                joined = Passage(place.kind, place.start, place.end, text, place.label)
            keep = best if rank[(best.doc, best.seq)] <= rank[(c.doc, c.seq)] else c
            out[-1] = (keep, joined)
        else:
            out.append((c, c.place))
            run_start = c.span[0]
        last = c
    return out
