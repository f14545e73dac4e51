"""Property tests for retrieval's parsers of file text and stored rows: any text cuts into
passages that are slices of it and cover every non-space character, in passages of
bounded size, with work linear in the text; terms of any text; any stored choice reads
back as a choice or as nothing."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.attachments.model import Passage, PlaceKind
from desktop.core.retrieval.choice import Retrieval
from desktop.core.retrieval.passages import (
    MAX_ATOM_TOKENS,
    TARGET_TOKENS,
    SourceDoc,
    split_document,
)
from desktop.core.retrieval.terms import fts_query, index_terms, query_terms

# text with Latin words, Japanese, punctuation that ends sentences, newlines and odd spaces
ALPHABET = st.sampled_from(
    list("abc xyz.!?\n\t") + list("東京タワー。、！？です") + ["\u3000", "\u00a0", "é", "ｶ", "\x00"]
)
TEXT = st.text(alphabet=ALPHABET, max_size=3000) | st.text(max_size=500)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(TEXT, max_size=4), kind=st.sampled_from(list(PlaceKind)))
def test_passages_cover_the_text_in_bounded_slices(pieces: list[str], kind: PlaceKind) -> None:
    doc = SourceDoc("f", tuple(Passage(kind, n + 1, n + 1, t) for n, t in enumerate(pieces)))
    chunks = split_document(doc)
    for c in chunks:
        source = pieces[c.piece]
        assert source[c.span[0] : c.span[1]] == c.text and c.text.strip()
        assert c.tokens <= TARGET_TOKENS + MAX_ATOM_TOKENS + 1
        if kind in (PlaceKind.LINES, PlaceKind.WHOLE):
            assert c.place.kind is PlaceKind.LINES and c.place.start <= c.place.end
    for n, text in enumerate(pieces):
        inside = [False] * len(text)
        for c in chunks:
            if c.piece == n:
                for i in range(*c.span):
                    inside[i] = True
        # \s as Python's regex sees it (the cutter's idea of a space)
        assert all(
            inside[i] or text[i].isspace() or text[i] in "\x1c\x1d\x1e\x1f"
            for i in range(len(text))
        )
    assert [c.seq for c in chunks] == list(range(len(chunks)))


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_terms_of_any_text(text: str) -> None:
    terms = index_terms(text)
    assert all(t and not any(ch.isspace() for ch in t) for t in terms)
    q = query_terms(text)
    assert len(q) <= 64 and len(set(q)) == len(q)
    if q:
        assert fts_query(q).count('"') == 2 * len(q)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=400)
    | st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.sampled_from("pdbrmefkset"), inner, max_size=5)
        ),
    ).map(json.dumps)
)
def test_any_stored_choice_reads_back_or_is_nothing(text: str) -> None:
    got = Retrieval.from_text(text)
    assert got is None or isinstance(got, Retrieval)
