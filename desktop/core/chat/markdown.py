"""Markdown as a stream of typed blocks, never as HTML, in time linear in the text.

Safety rule: model output is never handed to an HTML parser. It is cut into blocks (one per
source line) of spans with flags; the UI writes them with text formats. So nothing in an
answer can load a resource, run a script or restyle the app; images become links the user
may open after confirming. Links keep only http, https and mailto targets.

Speed rule: no regular expression here (see markdown_inline for the one character class);
every line is classified by hand-written checks that look at each character a bounded number
of times. A line longer than LONG_LINE is not parsed at all: it is shown as plain text in a
block of its own, so a 5 MB line costs what copying it costs.

Streaming rule: a line is parsed once, when its newline arrives (``feed`` returns the new
blocks); the unfinished last line is the ``tail``, kept as a list of pieces so that a huge
line that grows token by token is never copied per token.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.core.chat.markdown_inline import SAFE_SCHEMES, Span, parse_inline, safe_href

__all__ = [
    "SAFE_SCHEMES",
    "Block",
    "BlockKind",
    "TAIL_FORMAT_CHARS",
    "MarkdownStream",
    "Span",
    "parse",
    "parse_inline",
    "safe_href",
    "tail_block",
]

LONG_LINE = 4000  # characters; longer lines are plain text in their own scrolling block
# Rows of one table shown as a table; the rest of it is plain text in a scrolling block of
# its own (as a long line is): a table view is laid out whole, and 20,000 rows of cells
# would cost seconds and hundreds of MB however they are cut (issue 24.2)
TABLE_ROWS = 500
_LANG_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+#.-")


class BlockKind(Enum):
    PARAGRAPH = "p"
    HEADING = "h"
    BULLET = "ul"
    NUMBERED = "ol"
    QUOTE = "quote"
    CODE_START = "code_start"  # the fence line: language label and copy button
    CODE = "code"  # one line of a code block
    TABLE = "table"  # one `| a | b |` row; cells in ``cells``
    TABLE_RULE = "table_rule"  # `|---|:--:|`: the row above was the header
    TABLE_REST = "table_rest"  # a row past TABLE_ROWS: plain text in ``text``
    RULE = "hr"
    BLANK = "blank"
    LONG = "long"  # a line too long to format: plain text in ``text``


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...] = ()
    level: int = 0
    marker: str = ""
    lang: str = ""
    code_index: int = -1
    text: str = ""
    cells: tuple[tuple[Span, ...], ...] = ()

    @property
    def plain(self) -> str:
        if self.kind in (BlockKind.CODE, BlockKind.LONG, BlockKind.TABLE_REST):
            return self.text
        if self.kind is BlockKind.TABLE:
            return "\t".join("".join(s.text for s in c) for c in self.cells)
        return "".join(s.text for s in self.spans)


def _indent(line: str) -> int:
    i = 0
    while i < len(line) and line[i] in " \t":
        i += 1
    return i


def _fence(line: str) -> tuple[str, str] | None:
    """(fence, language) if the line opens a code block: up to 3 spaces, ``` or ~~~."""
    i = _indent(line)
    if i > 3 or i >= len(line) or line[i] not in "`~":
        return None
    c, j = line[i], i
    while j < len(line) and line[j] == c:
        j += 1
    if j - i < 3:
        return None
    k = _indent(line[j:]) + j
    e = k
    while e < len(line) and line[e] in _LANG_CHARS:
        e += 1
    return line[i:j], line[k:e]


def _late_fence(line: str) -> tuple[int, str, str] | None:
    """ "like this: ```py" - a fence at the end of a sentence: (where, fence, language)."""
    s = line.rstrip()
    e = len(s)
    while e > 0 and s[e - 1] in _LANG_CHARS and s[e - 1] not in "`~":
        e -= 1
    lang = s[e:]
    if e == 0 or s[e - 1] not in "`~":
        return None
    c, f = s[e - 1], e - 1
    while f > 0 and s[f - 1] == c:
        f -= 1
    if e - f < 3 or f == 0 or not s[f - 1].isspace():
        return None
    return f - 1, s[f:e], lang


def _heading(line: str) -> tuple[int, str] | None:
    i = _indent(line)
    if i > 3:
        return None
    j = i
    while j < len(line) and line[j] == "#" and j - i < 7:
        j += 1
    level = j - i
    if not 1 <= level <= 6 or j >= len(line) or not line[j].isspace():
        return None
    text = line[j:].strip()
    end = len(text)
    while end > 0 and text[end - 1] == "#":
        end -= 1
    if end < len(text) and (end == 0 or text[end - 1].isspace()):
        text = text[:end].rstrip()
    return level, text


def _is_rule(line: str) -> bool:
    s = line.strip()
    if _indent(line) > 3 or not s or s[0] not in "-*_":
        return False
    marks = 0
    for ch in s:
        if ch == s[0]:
            marks += 1
        elif not ch.isspace():
            return False
    return marks >= 3


def _bullet(line: str) -> tuple[int, str] | None:
    i = _indent(line)
    if i + 1 < len(line) and line[i] in "-*+" and line[i + 1].isspace():
        return i, line[i + 1 :].strip()
    return None


def _numbered(line: str) -> tuple[int, str, str] | None:
    i = _indent(line)
    j = i
    while j < len(line) and line[j].isdigit() and j - i < 10:
        j += 1
    if not 1 <= j - i <= 9 or j + 1 >= len(line) or line[j] not in ".)":
        return None
    if not line[j + 1].isspace():
        return None
    return i, line[i : j + 1], line[j + 1 :].strip()


def _table_cells(s: str) -> list[str]:
    """Cells of a `| a | b |` row; `\\|` is a pipe inside a cell."""
    cells, cur, i = [], [], 1
    while i < len(s) - 1:
        ch = s[i]
        if ch == "\\" and s[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if ch == "|":
            cells.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    cells.append("".join(cur).strip())
    return cells


def _is_table_line(line: str) -> bool:
    """A line block_for reads as a table row or rule (nothing else starts and ends with
    a pipe: headings, lists and quotes start otherwise)."""
    if len(line) > LONG_LINE:
        return False
    s = line.strip()
    return len(s) >= 2 and s[0] == "|" and s[-1] == "|"


def _is_table_rule(cells: list[str]) -> bool:
    return all(c and set(c) <= set("-: ") and "-" in c for c in cells)


def block_for(line: str) -> Block:
    """The block for one finished line outside code (no fence handling)."""
    if len(line) > LONG_LINE:
        return Block(BlockKind.LONG, text=line)
    if h := _heading(line):
        return Block(BlockKind.HEADING, parse_inline(h[1]), level=h[0])
    if _is_rule(line):
        return Block(BlockKind.RULE)
    if b := _bullet(line):
        return Block(BlockKind.BULLET, parse_inline(b[1]), level=b[0] // 2)
    if nb := _numbered(line):
        return Block(BlockKind.NUMBERED, parse_inline(nb[2]), level=nb[0] // 2, marker=nb[1])
    i = _indent(line)
    if i <= 3 and i < len(line) and line[i] == ">":
        rest = line[i + 1 :]
        return Block(BlockKind.QUOTE, parse_inline(rest[1:] if rest[:1] == " " else rest))
    if _is_table_line(line):
        s = line.strip()
        cells = _table_cells(s)
        if _is_table_rule(cells):
            return Block(BlockKind.TABLE_RULE, text=s)
        return Block(BlockKind.TABLE, text=s, cells=tuple(parse_inline(c) for c in cells))
    return Block(BlockKind.PARAGRAPH, parse_inline(line))


# The unfinished last line is shown formatted (as if it ended here) while it is at most
# this long; a longer one is shown as it comes, and formatted when it ends.
TAIL_FORMAT_CHARS = 1000
_PREVIEW_KINDS = frozenset(
    (
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.BULLET,
        BlockKind.NUMBERED,
        BlockKind.QUOTE,
        BlockKind.RULE,
    )
)


def tail_block(tail: str) -> Block | None:
    """How to show the unfinished last line (outside code) while it streams: the block it
    would be if it ended now, so **bold** is bold as soon as it is closed and never shows
    its marks; an unclosed mark stays text until it closes. None: show it as plain text
    (too long, or a fence or table row, which only their finished line decides)."""
    if len(tail) > TAIL_FORMAT_CHARS:
        return None
    start = tail.lstrip()[:3]
    if start in ("```", "~~~") or start[:1] == "|":  # a fence, a table row: only once ended
        return None
    block = block_for(tail)
    return block if block.kind in _PREVIEW_KINDS else None


class MarkdownStream:
    """Feed text as it streams; get each finished line's block once."""

    def __init__(self) -> None:
        self._tail: list[str] = []
        self.tail_len = 0
        self._fence: str | None = None  # the opening fence while inside a code block
        self._code: list[list[str]] = []
        self._last_blank = True
        self._table_rows = 0  # lines of the table going on (rows and its rule)

    @property
    def tail(self) -> str:
        """The unfinished last line (joined on demand: O(its length))."""
        if len(self._tail) > 1:
            self._tail = ["".join(self._tail)]
        return self._tail[0] if self._tail else ""

    @property
    def in_code(self) -> bool:
        return self._fence is not None

    def code_text(self, index: int) -> str:
        return "\n".join(self._code[index]) if 0 <= index < len(self._code) else ""

    def feed(self, text: str) -> list[Block]:
        nl = text.find("\n")
        if nl < 0:
            if text:
                self._tail.append(text)
                self.tail_len += len(text)
            return []
        self._tail.append(text)
        lines = "".join(self._tail).split("\n")
        last = lines.pop()
        self._tail = [last] if last else []
        self.tail_len = len(last)
        out: list[Block] = []
        for line in lines:
            out += self._line(line)
        return out

    def finish(self) -> list[Block]:
        """The tail as a finished line (end of the answer)."""
        line = self.tail
        self._tail, self.tail_len = [], 0
        return self._line(line) if line else []

    def _line(self, line: str) -> list[Block]:
        if line.endswith("\r"):
            line = line[:-1]
        if self._fence is not None:
            stripped = line.strip()
            if stripped.startswith(self._fence) and not stripped.lstrip(self._fence[0]):
                self._fence = None
                self._last_blank = False
                return []
            self._code[-1].append(line)
            if len(line) > LONG_LINE:
                return [Block(BlockKind.LONG, text=line, code_index=len(self._code) - 1)]
            return [Block(BlockKind.CODE, text=line, code_index=len(self._code) - 1)]
        if len(line) <= LONG_LINE and (fence := _fence(line)):
            self._table_rows = 0
            return [self._open_fence(*fence)]
        if not line.strip():
            self._table_rows = 0
            if self._last_blank:
                return []
            self._last_blank = True
            return [Block(BlockKind.BLANK)]
        self._last_blank = False
        if self._table_rows >= TABLE_ROWS and _is_table_line(line):
            return [Block(BlockKind.TABLE_REST, text=line)]  # cheap: the cells are not parsed
        late = _late_fence(line) if len(line) <= LONG_LINE else None
        if late is not None:
            # small models often open a fence at the end of a sentence: "like this: ```py"
            self._table_rows = 0
            return [block_for(line[: late[0]]), self._open_fence(late[1], late[2])]
        block = block_for(line)
        is_row = block.kind in (BlockKind.TABLE, BlockKind.TABLE_RULE)
        self._table_rows = self._table_rows + 1 if is_row else 0
        return [block]

    def _open_fence(self, fence: str, lang: str) -> Block:
        self._fence = fence
        self._code.append([])
        self._last_blank = False
        return Block(BlockKind.CODE_START, lang=lang, code_index=len(self._code) - 1)


def parse(text: str) -> tuple[list[Block], MarkdownStream]:
    """A whole message at once (history); the stream keeps the code texts for Copy."""
    stream = MarkdownStream()
    blocks = stream.feed(text)
    blocks += stream.finish()
    return blocks, stream
