"""Property tests for the markdown renderer: model output is hostile input.

No generated text may raise, leak an unsafe link, render differently when streamed in other
chunks, or take super-linear time (doubling the input at most about doubles the time).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.chat.markdown import (
    LONG_LINE,
    Block,
    BlockKind,
    MarkdownStream,
    parse,
    parse_inline,
)

# characters that mean something to markdown, plus text, CJK, bidi and zero-width ones
ALPHABET = st.sampled_from(
    list("`*_~[]()<>!:|#->+.=\\\"' \t\nabcxyz019/")
    + ["http://", "https://", "日本", "\u202e", "\u200b"]
)
TEXT = st.lists(ALPHABET, max_size=400).map("".join)
PER_CASE_S = 0.25  # a 2 KB input parses in about a millisecond; this is only a hang guard


def _parse_timed(text: str) -> tuple[float, tuple[list[Block], MarkdownStream]]:
    """The fastest of up to three parses: a hang is slow every time, while a garbage
    collection or a busy CI machine stalls only one of them."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        result = parse(text)
        best = min(best, time.perf_counter() - t0)
        if best < PER_CASE_S:
            break
    return best, result


def _check(text: str) -> None:
    elapsed, (blocks, stream) = _parse_timed(text)
    assert elapsed < PER_CASE_S, f"{elapsed:.3f} s for {len(text)} chars"
    for b in blocks:
        for span in (*b.spans, *(s for cell in b.cells for s in cell)):
            assert span.href == "" or span.href.lower().startswith(
                ("http://", "https://", "mailto:")
            )
            assert span.text
        if b.kind is BlockKind.CODE:
            assert "\n" not in b.text
    assert not stream.tail


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_parses_safely(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=20))
def test_streaming_in_any_chunks_gives_the_same_blocks(text: str, sizes: list[int]) -> None:
    whole, _ = parse(text)
    stream = MarkdownStream()
    got, i, k = [], 0, 0
    while i < len(text):
        n = sizes[k % len(sizes)]
        got += stream.feed(text[i : i + n])
        i, k = i + n, k + 1
    got += stream.finish()
    assert got == whole


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_line_keeps_its_visible_text(text: str) -> None:
    line = text.replace("\n", " ").replace("\r", " ")
    spans = parse_inline(line)
    shown = "".join(s.text for s in spans)
    # markup characters may be eaten, never invented: everything shown came from the input
    assert len(shown) <= len(line) + 8 * line.count("![")
    if not any(c in line for c in "`*_~[]<:"):
        assert shown == line


# -- timing: no super-linear growth ------------------------------------------------------
ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "open links [a](": lambda n: "[a](" * (n // 4),
    "links without close": lambda n: "[a](x" * (n // 5) + ")",
    "stars": lambda n: "*" * n,
    "star words": lambda n: "*a " * (n // 3),
    "backticks": lambda n: "`" * n,
    "backtick runs": lambda n: "".join("`" * (i % 7 + 1) + "a" for i in range(n // 5)),
    "underscores": lambda n: "_a" * (n // 2),
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "nested links": lambda n: "[[a](" * (n // 5),
    "autolinks": lambda n: "<http://a" * (n // 9),
    "mixed": lambda n: "**a _b* `c [d](e ~~f " * (n // 20),
}


def _best(fn: Callable[[], object], runs: int = 3) -> float:
    """Best CPU time of this thread (not wall time: a busy CI machine must not look like
    a slope)."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.thread_time()
        fn()
        best = min(best, time.thread_time() - t0)
    return best


def _grows_linearly(make: Callable[[int], str], n: int, parse_fn: Callable[[str], object]) -> None:
    small, big = make(n), make(2 * n)
    for _attempt in range(3):  # a shared CI machine: retry noise, never a real slope
        t1 = _best(lambda: parse_fn(small))
        t2 = _best(lambda: parse_fn(big))
        if t2 <= 3.0 * t1 + 0.002:  # quadratic would be 4x
            return
    pytest.fail(f"doubling the input took {t2 / t1:.1f}x the time ({t1 * 1e3:.1f} ms)")


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_one_line_doubling_at_most_doubles_time(name: str) -> None:
    _grows_linearly(ADVERSARIAL[name], 8000, parse_inline)


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_many_lines_doubling_at_most_doubles_time(name: str) -> None:
    def lines(n: int) -> str:
        return "\n".join(ADVERSARIAL[name](3000) for _ in range(n // 3000))

    _grows_linearly(lines, 12000, lambda s: parse(s))


@pytest.mark.parametrize("rows", [200, 4000])  # all formatted; and mostly past TABLE_ROWS
def test_table_rows_doubling_at_most_doubles_time(rows: int) -> None:
    def table(n: int) -> str:
        return "| a | b |\n|---|--:|\n" + "| x **y** `z` | [l](https://a.b) \\| q |\n" * n

    _grows_linearly(table, rows, lambda s: parse(s))


def test_huge_lines_are_plain_and_cheap() -> None:
    for text in ("x" * 5_000_000, "[a](" * 1_250_000):
        t0 = time.perf_counter()
        blocks, _ = parse(text)
        assert time.perf_counter() - t0 < 0.5
        assert [b.kind for b in blocks] == [BlockKind.LONG]
        assert len(blocks[0].text) == len(text) > LONG_LINE


def test_a_huge_line_streamed_token_by_token_is_never_copied_per_token() -> None:
    stream = MarkdownStream()
    token = "[a](" * 4
    t0 = time.perf_counter()
    for _ in range(60_000):  # ~1 MB in 16-character tokens
        assert stream.feed(token) == []
    blocks = stream.feed("\n")
    assert time.perf_counter() - t0 < 1.0
    assert blocks[0].kind is BlockKind.LONG and len(blocks[0].text) == 960_000
