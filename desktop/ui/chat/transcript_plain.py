"""What a message body holds before it writes it: the streamed text not parsed yet, and
the part of a very long answer shown as plain text.

An answer is formatted for its first FORMAT_CHARS characters; from the first line end after
that, the rest is shown as it came in a plain scrolling block (transcript_segments.PlainRest).
A laid-out rich-text document costs ~50-70 bytes per character: a 30 MB answer cost 1.6 GB
(issue 24.9); a plain block lays out only what is in view, and costs its text.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

FORMAT_CHARS = 256 * 1024  # characters of an answer shown formatted
PLAIN_PIECE = 64 * 1024  # characters of the plain rest written per turn of the event loop


def format_split(text: str) -> int:
    """Where the plain rest of ``text`` begins: after the first line end at or after
    FORMAT_CHARS (len(text) when there is none)."""
    if len(text) <= FORMAT_CHARS:
        return len(text)
    nl = text.find("\n", FORMAT_CHARS)
    return len(text) if nl < 0 else nl + 1


@dataclass(frozen=True)
class PlainPart:
    """A part of the plain rest waiting to be written: ``source[start:end]``, sliced only
    when it is written (a stored 30 MB answer is never copied whole meanwhile)."""

    source: str
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.source[self.start : self.end]

    @staticmethod
    def pieces(source: str, start: int) -> list[PlainPart]:
        return [
            PlainPart(source, at, min(at + PLAIN_PIECE, len(source)))
            for at in range(start, len(source), PLAIN_PIECE)
        ]


class Backlog:
    """Streamed text not parsed yet, as the pieces it came in: taking from it copies only
    what is taken (joining it into one string at every batch was quadratic)."""

    def __init__(self) -> None:
        self._pieces: deque[str] = deque()
        self._at = 0  # where the first piece's untaken text begins
        self.chars = 0

    def __bool__(self) -> bool:
        return self.chars > 0

    def push(self, text: str) -> None:
        if text:
            self._pieces.append(text)
            self.chars += len(text)

    def take(self, n: int | None) -> str:
        """The next ``n`` characters (all of them with None)."""
        out: list[str] = []
        want = self.chars if n is None else min(n, self.chars)
        self.chars -= want
        while want > 0:
            first = self._pieces[0]
            piece = first[self._at : self._at + want]
            out.append(piece)
            want -= len(piece)
            self._at += len(piece)
            if self._at >= len(first):
                self._pieces.popleft()
                self._at = 0
        return out[0] if len(out) == 1 else "".join(out)
