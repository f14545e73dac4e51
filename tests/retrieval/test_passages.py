"""Passages: places kept, nothing lost, words never cut, Japanese cut at its sentences,
and linear work."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType

from desktop.core.attachments.model import Passage, PlaceKind, estimate_tokens, line_passages
from desktop.core.retrieval import passages
from desktop.core.retrieval.passages import (
    MAX_ATOM_TOKENS,
    TARGET_TOKENS,
    SourceDoc,
    place_label,
    split_document,
)

WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "mu",
]


def prose(n_words: int, seed: int = 0) -> str:
    out = []
    for i in range(n_words):
        w = WORDS[(i * 7 + seed) % len(WORDS)] + str(i)
        out.append(w + ("." if i % 13 == 12 else ""))
        if i % 90 == 89:
            out.append("\n\n")
    return " ".join(out)


def covered(text: str, spans: list[tuple[int, int]]) -> bool:
    """Every non-space character of ``text`` lies in some span."""
    marks = bytearray(len(text) + 1)
    for s, e in spans:
        marks[s] += 1
        marks[e] -= 1 if marks[e] else 0
    inside = [False] * len(text)
    for s, e in spans:
        for i in range(s, e):
            inside[i] = True
    return all(inside[i] or text[i].isspace() for i in range(len(text)))


def test_pages_keep_their_place_and_lose_nothing() -> None:
    pages = tuple(Passage(PlaceKind.PAGE, n, n, prose(600, n)) for n in range(1, 4))
    chunks = split_document(SourceDoc("report.pdf", pages))
    assert {c.place.start for c in chunks} == {1, 2, 3}
    for c in chunks:
        page = pages[c.piece]
        assert c.place.kind is PlaceKind.PAGE and c.place.start == page.start
        assert page.text[c.span[0] : c.span[1]] == c.text  # a slice of the page, unchanged
        assert c.tokens <= TARGET_TOKENS + MAX_ATOM_TOKENS + 1
    for n, page in enumerate(pages):
        spans = [c.span for c in chunks if c.piece == n]
        assert covered(page.text, spans)
    assert len(chunks) > 6  # 600 words a page do not fit one passage


def test_words_are_never_cut() -> None:
    text = prose(2000)
    chunks = split_document(SourceDoc.from_labels("a.txt", [("part 1", text)]))
    words = set(text.split())
    for c in chunks:
        assert all(w in words for w in c.text.split())
        assert c.place.label == "part 1"


def test_overlap_repeats_the_end_of_a_passage_cut_mid_paragraph() -> None:
    text = " ".join(f"w{i}" for i in range(3000))  # one paragraph, no sentence ends
    chunks = split_document(SourceDoc.from_labels("a.txt", [("x", text)]))
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert b.span[0] < a.span[1]  # the next one starts before this one ends
        assert a.span[0] < b.span[0]  # and still moves on


def test_a_cut_prefers_the_end_of_a_paragraph() -> None:
    para = " ".join(f"word{i}" for i in range(40)) + "."  # ~120 tokens
    text = "\n\n".join(para for _ in range(6))
    chunks = split_document(SourceDoc.from_labels("a.md", [("x", text)]))
    for c in chunks[:-1]:
        assert text[c.span[1] : c.span[1] + 2] == "\n\n"


def test_line_ranges_are_the_lines_a_passage_covers() -> None:
    lines = [f"line {i} " + "text " * 12 for i in range(1, 1001)]
    text = "\n".join(lines)
    chunks = split_document(SourceDoc("big.log", line_passages(text)))
    for c in chunks:
        assert c.place.kind is PlaceKind.LINES
        first, last = c.place.start, c.place.end
        assert c.text.startswith(f"line {first} ")
        assert f"line {last} " in c.text.splitlines()[-1]
    assert chunks[-1].place.end == 1000
    assert place_label(chunks[0].place) == f"lines 1-{chunks[0].place.end}"


def test_japanese_is_cut_after_its_sentences() -> None:
    sentence = "東京タワーは一九五八年に完成した電波塔で、高さは三百三十三メートルです。"
    text = sentence * 60  # no spaces at all
    chunks = split_document(SourceDoc.from_labels("塔.txt", [("1ページ", text)]))
    assert len(chunks) > 3
    for c in chunks[:-1]:
        assert c.text[-1] in "。、"  # cut after a sentence or a clause, not mid-word
        assert estimate_tokens(c.text) <= TARGET_TOKENS + MAX_ATOM_TOKENS + 2
    assert covered(text, [c.span for c in chunks])


def test_a_run_without_spaces_is_cut_into_bounded_pieces() -> None:
    blob = "QUJD" * 20_000  # base64, one "word" of 80,000 characters
    chunks = split_document(SourceDoc.from_labels("data.txt", [("x", blob)]))
    assert all(c.tokens <= TARGET_TOKENS + MAX_ATOM_TOKENS + 1 for c in chunks)
    assert covered(blob, [c.span for c in chunks])


def test_empty_and_blank_pieces_give_no_passage() -> None:
    doc = SourceDoc.from_labels("a.txt", [("1", ""), ("2", "  \n\n \t"), ("3", "one")])
    chunks = split_document(doc)
    assert [(c.piece, c.text) for c in chunks] == [(2, "one")]


def test_place_labels() -> None:
    assert place_label(Passage(PlaceKind.PAGE, 3, 3, "")) == "page 3"
    assert place_label(Passage(PlaceKind.SECTION, 0, 0, "", "Results")) == "section “Results”"
    assert place_label(Passage(PlaceKind.LINES, 10, 42, "")) == "lines 10-42"
    assert place_label(Passage(PlaceKind.WHOLE, 0, 0, "", "chapter 2")) == "chapter 2"


def lines_run(fn: Callable[[], object], module_file: str) -> int:
    """Python lines executed in ``module_file`` while ``fn`` runs: a measure of work that
    does not depend on the machine's speed or load."""
    count = 0

    def tracer(frame: FrameType, event: str, _arg: object) -> object:
        nonlocal count
        if frame.f_code.co_filename != module_file:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        fn()
    finally:
        sys.settrace(None)
    return count


def test_work_grows_linearly() -> None:
    def work(n: int) -> int:
        doc = SourceDoc.from_labels("a.txt", [("x", prose(n)), ("y", "東京は大きい。" * n)])
        return lines_run(lambda: split_document(doc), passages.__file__)

    small, big = work(2_000), work(16_000)
    assert big <= small * 8 * 1.1  # 8 times the text, 8 times the work
