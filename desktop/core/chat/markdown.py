"""Markdown as a stream of typed blocks, never as HTML.

Safety rule: model output is never handed to an HTML parser. It is cut into blocks (one per
source line) of spans with flags; the UI writes them with text formats. So nothing in an
answer can load a resource, run a script or restyle the app; images become links the user
may open after confirming. Links keep only http, https and mailto targets.

Streaming rule: a line is parsed once, when its newline arrives (``feed`` returns the new
blocks); the unfinished last line is the ``tail``. Cost per token is bounded by one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class BlockKind(Enum):
    PARAGRAPH = "p"
    HEADING = "h"
    BULLET = "ul"
    NUMBERED = "ol"
    QUOTE = "quote"
    CODE_START = "code_start"  # the fence line: language label and copy button
    CODE = "code"  # one line of a code block
    TABLE = "table"  # a `| a | b |` line, shown monospace so columns line up
    RULE = "hr"
    BLANK = "blank"


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str = ""


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...] = ()
    level: int = 0
    marker: str = ""
    lang: str = ""
    code_index: int = -1
    text: str = ""

    @property
    def plain(self) -> str:
        return (
            self.text
            if self.kind in (BlockKind.CODE, BlockKind.TABLE)
            else "".join(s.text for s in self.spans)
        )


SAFE_SCHEMES = ("http://", "https://", "mailto:")

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})\s*([\w+#.-]*)")
_LATE_FENCE = re.compile(r"\s(`{3,}|~{3,})([\w+#.-]*)\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d{1,9}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")
_INLINE = re.compile(
    r"(?P<code>`+)(?P<code_text>.+?)(?P=code)"
    r"|!\[(?P<img_alt>[^\]]*)\]\((?P<img_url>[^)\s]+)[^)]*\)"
    r"|\[(?P<link_text>[^\]]+)\]\((?P<link_url>[^)\s]+)[^)]*\)"
    r"|\*\*(?P<bold>.+?)\*\*"
    r"|__(?P<bold2>.+?)__"
    r"|~~(?P<strike>.+?)~~"
    r"|(?<![\w*])\*(?!\s)(?P<italic>.+?)(?<!\s)\*(?!\w)"
    r"|(?<!\w)_(?!\s)(?P<italic2>.+?)(?<!\s)_(?!\w)"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<bare>https?://[^\s<>()]*[^\s<>().,;:!?'\"])"
)


def safe_href(url: str) -> str:
    """The URL if its scheme is one a user may open, else "" (no javascript:, file:, data:)."""
    u = url.strip()
    return u if u.lower().startswith(SAFE_SCHEMES) else ""


def parse_inline(
    text: str, *, bold: bool = False, italic: bool = False, strike: bool = False
) -> tuple[Span, ...]:
    out: list[Span] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos : m.start()], bold, italic, False, strike))
        pos = m.end()
        g = m.groupdict()
        if g["code"] is not None:
            out.append(Span(g["code_text"], bold, italic, True, strike))
        elif g["img_url"] is not None:
            alt = g["img_alt"] or "image"
            out.append(Span(f"[{alt}]", bold, True, False, strike, safe_href(g["img_url"])))
        elif g["link_url"] is not None:
            href = safe_href(g["link_url"])
            for s in parse_inline(g["link_text"], bold=bold, italic=italic, strike=strike):
                out.append(Span(s.text, s.bold, s.italic, s.code, s.strike, href))
        elif g["bold"] is not None or g["bold2"] is not None:
            inner = g["bold"] if g["bold"] is not None else g["bold2"]
            out += parse_inline(inner, bold=True, italic=italic, strike=strike)
        elif g["strike"] is not None:
            out += parse_inline(g["strike"], bold=bold, italic=italic, strike=True)
        elif g["italic"] is not None or g["italic2"] is not None:
            inner = g["italic"] if g["italic"] is not None else g["italic2"]
            out += parse_inline(inner, bold=bold, italic=True, strike=strike)
        else:
            url = g["auto"] or g["bare"]
            out.append(Span(url, bold, italic, False, strike, safe_href(url)))
    if pos < len(text):
        out.append(Span(text[pos:], bold, italic, False, strike))
    return tuple(out)


class MarkdownStream:
    """Feed text as it streams; get each finished line's block once."""

    def __init__(self) -> None:
        self.tail = ""
        self._fence: str | None = None  # the opening fence while inside a code block
        self._code: list[list[str]] = []
        self._last_blank = True

    @property
    def in_code(self) -> bool:
        return self._fence is not None

    def code_text(self, index: int) -> str:
        return "\n".join(self._code[index]) if 0 <= index < len(self._code) else ""

    def feed(self, text: str) -> list[Block]:
        if "\n" not in text:
            self.tail += text
            return []
        lines = (self.tail + text).split("\n")
        self.tail = lines.pop()
        out: list[Block] = []
        for line in lines:
            out += self._line(line)
        return out

    def finish(self) -> list[Block]:
        """The tail as a finished line (end of the answer)."""
        if not self.tail:
            return []
        line, self.tail = self.tail, ""
        return self._line(line)

    def preview_tail(self) -> list[Block]:
        """Blocks the unfinished line would give, without consuming it."""
        if not self.tail:
            return []
        if self._fence is not None:
            return [Block(BlockKind.CODE, text=self.tail)]
        if _FENCE.match(self.tail):
            return [Block(BlockKind.CODE, text=self.tail)]
        return [_block_for(self.tail)]

    def _line(self, line: str) -> list[Block]:
        line = line.rstrip("\r")
        if self._fence is not None:
            stripped = line.strip()
            if stripped.startswith(self._fence) and not stripped.lstrip(self._fence[0]):
                self._fence = None
                self._last_blank = False
                return []
            self._code[-1].append(line)
            return [Block(BlockKind.CODE, text=line, code_index=len(self._code) - 1)]
        fence = _FENCE.match(line)
        if fence:
            return [self._open_fence(fence.group(1), fence.group(2))]
        if not line.strip():
            if self._last_blank:
                return []
            self._last_blank = True
            return [Block(BlockKind.BLANK)]
        self._last_blank = False
        late = _LATE_FENCE.search(line)
        if late and late.start() > 0:
            # small models often open a fence at the end of a sentence: "like this: ```py"
            return [
                _block_for(line[: late.start()]),
                self._open_fence(late.group(1), late.group(2)),
            ]
        return [_block_for(line)]

    def _open_fence(self, fence: str, lang: str) -> Block:
        self._fence = fence
        self._code.append([])
        self._last_blank = False
        return Block(BlockKind.CODE_START, lang=lang, code_index=len(self._code) - 1)


def _block_for(line: str) -> Block:
    if m := _HEADING.match(line):
        return Block(BlockKind.HEADING, parse_inline(m.group(2)), level=len(m.group(1)))
    if _RULE.match(line):
        return Block(BlockKind.RULE)
    if m := _BULLET.match(line):
        return Block(BlockKind.BULLET, parse_inline(m.group(2)), level=len(m.group(1)) // 2)
    if m := _NUMBERED.match(line):
        return Block(
            BlockKind.NUMBERED,
            parse_inline(m.group(3)),
            level=len(m.group(1)) // 2,
            marker=m.group(2),
        )
    if m := _QUOTE.match(line):
        return Block(BlockKind.QUOTE, parse_inline(m.group(1)))
    if _TABLE.match(line):
        return Block(BlockKind.TABLE, text=line.strip())
    return Block(BlockKind.PARAGRAPH, parse_inline(line))


def parse(text: str) -> tuple[list[Block], MarkdownStream]:
    """A whole message at once (history); the stream keeps the code texts for Copy."""
    stream = MarkdownStream()
    blocks = stream.feed(text)
    blocks += stream.finish()
    return blocks, stream
