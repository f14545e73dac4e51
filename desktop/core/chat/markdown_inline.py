"""Inline markdown (emphasis, code, links, URLs) by a hand-written scanner, in linear time.

Why not regular expressions: model output is hostile input, and a link pattern with nested
quantifiers backtracked catastrophically (a 16 KB line of ``[a](`` froze the window for
minutes). Here every "where is the next X" question is answered by a forward search whose
answer is cached while the scan moves on (``_Next``), so each character is looked at a
bounded number of times whatever the input. The only regular expression is a single
character class used to jump to the next special character; it cannot backtrack.

Passes: tokens (special characters) -> code spans (backtick runs of equal length) -> links
and images -> emphasis (delimiter runs paired with per-character stacks) -> spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# one character class: linear by construction
_SPECIAL = re.compile(r"[`*_~\[\]<:]")
_URL_STOP = frozenset(" \t\r\n\f\v<>()[]`")
_URL_TRIM = ".,;:!?'\""
SAFE_SCHEMES = ("http://", "https://", "mailto:")
MAX_DEPTH = 2  # link text is parsed once more; nothing nests deeper


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    href: str = ""


def safe_href(url: str) -> str:
    """The URL if its scheme is one a user may open, else "" (no javascript:, file:, data:)."""
    u = url.strip()
    return u if u.lower().startswith(SAFE_SCHEMES) else ""


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


class _Next:
    """text.find(needle, q) for non-decreasing q, each character scanned about once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._cache: dict[str, tuple[int, int]] = {}

    def find(self, needle: str, q: int) -> int:
        hit = self._cache.get(needle)
        if hit is not None:
            start, found = hit
            if start <= q and (found == -1 or q <= found):
                return found
        found = self.text.find(needle, q)
        self._cache[needle] = (q, found)
        return found


# token kinds
_CODE, _DELIM, _OPEN, _CLOSE, _URL, _AUTO = range(6)


def _tokens(text: str) -> list[tuple[int, int, int]]:
    """(kind, start, end) of each special run, left to right."""
    out: list[tuple[int, int, int]] = []
    n = len(text)
    pos = 0
    while True:
        m = _SPECIAL.search(text, pos)
        if m is None:
            return out
        i = m.start()
        c = text[i]
        if c in "`*_~":
            j = i + 1
            while j < n and text[j] == c:
                j += 1
            out.append((_CODE if c == "`" else _DELIM, i, j))
            pos = j
        elif c == "[":
            out.append((_OPEN, i, i + 1))
            pos = i + 1
        elif c == "]":
            out.append((_CLOSE, i, i + 1))
            pos = i + 1
        elif c == "<":
            end = _autolink_end(text, i)
            if end:
                out.append((_AUTO, i, end))
                pos = end
            else:
                pos = i + 1
        else:  # ":" of a bare http(s):// URL?
            start = _url_start(text, i)
            if start < 0:
                pos = i + 1
                continue
            j = i + 3
            while j < n and text[j] not in _URL_STOP:
                j += 1
            end = j
            while end > i + 3 and text[end - 1] in _URL_TRIM:
                end -= 1
            if end > i + 3:
                # the scheme letters hold no special character: no token is overtaken
                out.append((_URL, start, end))
            pos = max(end, i + 3)


def _url_start(text: str, colon: int) -> int:
    if text[colon + 1 : colon + 3] != "//":
        return -1
    for scheme in ("https", "http"):
        start = colon - len(scheme)
        if start >= 0 and text[start:colon].lower() == scheme:
            if start == 0 or not _is_word(text[start - 1]):
                return start
            return -1
    return -1


def _autolink_end(text: str, i: int) -> int:
    """End (exclusive) of ``<https://...>`` at i, or 0. Stops at the first space or '<'."""
    if not (text.startswith("<http://", i) or text.startswith("<https://", i)):
        return 0
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if c == ">":
            return j + 1 if j > i + 8 else 0
        if c == "<" or c.isspace():
            return 0
        j += 1
    return 0


@dataclass
class _Run:
    char: str
    start: int
    end: int  # the run occupies [start, end); pairing eats from the inner edges
    can_open: bool
    can_close: bool


def parse_inline(
    text: str, *, bold: bool = False, italic: bool = False, strike: bool = False, _depth: int = 0
) -> tuple[Span, ...]:
    """Spans of one line of prose. Time linear in ``len(text)``."""
    if not text:
        return ()
    tokens = _tokens(text)
    if not tokens:
        return (Span(text, bold, italic, False, strike),)
    n = len(text)
    items: list[tuple[int, int, str, object]] = []  # (start, end, kind, data); disjoint

    # -- code spans: a backtick run closes at the next run of the same length -----------
    nxt: dict[int, int] = {}
    next_same = [-1] * len(tokens)
    for k in range(len(tokens) - 1, -1, -1):
        kind, s, e = tokens[k]
        if kind == _CODE:
            next_same[k] = nxt.get(e - s, -1)
            nxt[e - s] = k
    rest: list[tuple[int, int, int]] = []
    k = 0
    while k < len(tokens):
        kind, s, e = tokens[k]
        if kind == _CODE:
            close = next_same[k]
            if close >= 0:
                cs, ce = tokens[close][1], tokens[close][2]
                items.append((s, ce, "code", text[e:cs]))
                k = close + 1
                continue
            k += 1  # an unmatched run is plain text
            continue
        rest.append(tokens[k])
        k += 1
    code_ends = [(s, e) for s, e, kind, _ in items]  # sorted, disjoint

    # -- links and images: [text](url "title") with no '[' inside the text -------------
    finder = _Next(text)
    kept: list[tuple[int, int, int]] = []
    next_close = [-1] * len(rest)
    next_open = [len(rest)] * len(rest)
    last_close, last_open = -1, len(rest)
    for k in range(len(rest) - 1, -1, -1):
        next_close[k], next_open[k] = last_close, last_open
        if rest[k][0] == _CLOSE:
            last_close = k
        elif rest[k][0] == _OPEN:
            last_open = k
    skip_to = -1
    for k, tok in enumerate(rest):
        if tok[1] < skip_to:
            continue
        if tok[0] == _OPEN and _depth < MAX_DEPTH:
            close = next_close[k]
            if close >= 0 and next_open[k] > close:
                link = _link_at(text, finder, tok[1], rest[close][1], code_ends)
                if link is not None:
                    items.append(link)
                    skip_to = link[1]
                    continue
        kept.append(tok)

    # -- emphasis: pair delimiter runs with a stack per character ----------------------
    runs: list[_Run] = []
    for kind, s, e in kept:
        if kind in (_URL, _AUTO):
            items.append((s, e, "url", text[s + 1 : e - 1] if kind == _AUTO else text[s:e]))
        elif kind == _DELIM:
            runs.append(_run(text, s, e, n))
    stacks: dict[str, list[_Run]] = {"*": [], "_": [], "~": []}
    for run in runs:
        if run.char == "~" and run.end - run.start != 2:
            continue
        stack = stacks[run.char]
        while run.can_close and stack and run.end > run.start:
            opener = stack[-1]
            use = 2 if min(opener.end - opener.start, run.end - run.start) >= 2 else 1
            if run.char == "~":
                use = 2
            style = "strike" if run.char == "~" else ("bold" if use == 2 else "italic")
            items.append((opener.end - use, opener.end, "on", style))
            items.append((run.start, run.start + use, "off", style))
            opener.end -= use
            run.start += use
            if opener.end == opener.start:
                stack.pop()
            for other, st in stacks.items():  # openers inside the pair can never close
                if other != run.char:
                    while st and st[-1].start > opener.start:
                        st.pop()
        if run.can_open and run.end > run.start:
            stack.append(run)
    return _assemble(text, items, bold, italic, strike, _depth)


def _run(text: str, s: int, e: int, n: int) -> _Run:
    c = text[s]
    before = text[s - 1] if s > 0 else " "
    after = text[e] if e < n else " "
    can_open = not after.isspace()
    can_close = not before.isspace()
    if c == "_" or e - s == 1:  # snake_case_name and 2*3*4 stay as they are
        can_open = can_open and not _is_word(before)
        can_close = can_close and not _is_word(after)
    return _Run(c, s, e, can_open, can_close)


def _link_at(
    text: str, finder: _Next, start: int, close: int, code: list[tuple[int, int]]
) -> tuple[int, int, str, object] | None:
    if close + 1 >= len(text) or text[close + 1] != "(" or close == start + 1:
        return None
    paren = finder.find(")", close + 2)
    if paren < 0:
        return None
    j = close + 2
    while j < paren and not text[j].isspace():
        j += 1
    url = text[close + 2 : j]
    if not url:
        return None
    while j < paren and text[j].isspace():
        j += 1
    if j < paren:  # an optional "title" and nothing else
        if text[j] != '"':
            return None
        q = finder.find('"', j + 1)
        if q < 0 or q >= paren or text[q + 1 : paren].strip():
            return None
    if _inside(code, start) or _inside(code, paren):
        return None
    image = start > 0 and text[start - 1] == "!"
    label = text[start + 1 : close]
    return (start - 1 if image else start, paren + 1, "image" if image else "link", (label, url))


def _inside(code: list[tuple[int, int]], p: int) -> bool:
    """Is position p strictly inside one of the (sorted, disjoint) code spans?"""
    lo, hi = 0, len(code)
    while lo < hi:  # the first span ending after p
        mid = (lo + hi) // 2
        if code[mid][1] <= p:
            lo = mid + 1
        else:
            hi = mid
    return lo < len(code) and code[lo][0] < p


def _assemble(
    text: str,
    items: list[tuple[int, int, str, object]],
    bold: bool,
    italic: bool,
    strike: bool,
    depth: int,
) -> tuple[Span, ...]:
    items.sort(key=lambda it: (it[0], it[1]))
    counts = {"bold": int(bold), "italic": int(italic), "strike": int(strike)}
    out: list[Span] = []
    pos = 0

    def flags() -> tuple[bool, bool, bool]:
        return counts["bold"] > 0, counts["italic"] > 0, counts["strike"] > 0

    for s, e, kind, data in items:
        if s < pos:  # cannot happen for disjoint items; never emit text twice
            continue
        b, i, st = flags()
        if s > pos:
            out.append(Span(text[pos:s], b, i, False, st))
        if kind == "on":
            counts[str(data)] += 1
        elif kind == "off":
            counts[str(data)] = max(0, counts[str(data)] - 1)
        elif kind == "code":
            out.append(Span(str(data), b, i, True, st))
        elif kind == "url":
            url = str(data)
            out.append(Span(url, b, i, False, st, safe_href(url)))
        else:
            assert isinstance(data, tuple)
            label, href = str(data[0]), safe_href(str(data[1]))
            if kind == "image":
                out.append(Span(f"[{label or 'image'}]", b, True, False, st, href))
            else:
                for sp in parse_inline(label, bold=b, italic=i, strike=st, _depth=depth + 1):
                    out.append(Span(sp.text, sp.bold, sp.italic, sp.code, sp.strike, href))
        pos = e
    if pos < len(text):
        b, i, st = flags()
        out.append(Span(text[pos:], b, i, False, st))
    return tuple(sp for sp in out if sp.text)
