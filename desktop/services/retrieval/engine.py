"""The retrieval engine: the passages of some documents that matter for a question, within a
token budget. Blocking; run it in a worker (the chat task's, or the 'retrieval' lane).

Each document is searched with bm25 (index.py). With an embedding model, bm25's best
candidates (every passage of a short document) are also ranked by the cosine of their
vector with the question's, and the two rankings are fused (reciprocal rank fusion), the
vectors' ranking at VECTOR_WEIGHT: measured on the benchmark (benchmarks/test_retrieval.py)
with all-MiniLM-L6-v2, an English-only model anyone can install from the catalog, an equal
weight lifted English questions (recall@5 0.91 -> 0.95) but sank Japanese ones
(1.00 -> 0.50); at 0.3 English keeps its gain and Japanese stays at 0.93. Vectors are made
once per passage and kept with the index; while the user waits only a bounded number are
made, so the first question on a 300-page document costs seconds, not minutes. Several
documents are ranked each on its own and their rankings fused, so each gets its best
passages in. Anything the embedding model
cannot do (gone, failing, too slow) leaves bm25 alone; an index that cannot be written
(disk full, a read-only folder) is kept in memory for this question.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.retrieval.choice import Retrieval, UsedPassage, choose, merged
from desktop.core.retrieval.passages import Chunk, SourceDoc, split_document
from desktop.core.retrieval.ranking import Bm25, by_similarity, fuse
from desktop.core.retrieval.terms import index_terms, query_terms
from desktop.services.retrieval.index import IndexStore, content_key

CANDIDATES = 50  # passages each ranking contributes
EMBED_ALL_UP_TO = 64  # a document this short has every passage embedded at once
EMBED_PER_QUESTION = 64  # else at most this many new vectors while the user waits
EMBED_SECONDS = 15.0  # and for at most this long (~1.6 passages/s on a busy 2-core CPU)
VECTOR_WEIGHT = 0.3  # the vectors' share in the fusion, bm25's being 1 (see above)


class Embedder(Protocol):
    """Makes vectors with one embedding model (``model``: its name)."""

    model: str

    def __call__(self, texts: Sequence[str]) -> list[list[float]]: ...


@dataclass(frozen=True)
class Attached:
    """A document of the question: its name, the hash of its stored payload, its text."""

    name: str
    blob: str
    doc: SourceDoc


class _MemoryIndex:
    """An index kept in memory when the file cannot be written."""

    def __init__(self, doc: SourceDoc) -> None:
        self.chunks = split_document(doc)
        self._bm25 = Bm25([index_terms(c.text) for c in self.chunks])
        self._vectors: dict[str, dict[int, list[float]]] = {}

    def search(self, terms: list[str], limit: int = CANDIDATES) -> list[tuple[int, float]]:
        return self._bm25.search(terms, limit) if terms else []

    def vectors(self, model: str) -> dict[int, list[float]]:
        return dict(self._vectors.get(model, {}))

    def add_vectors(self, model: str, vectors: dict[int, list[float]]) -> None:
        self._vectors.setdefault(model, {}).update(vectors)


class _Index(Protocol):
    chunks: list[Chunk]

    def search(self, terms: list[str], limit: int = ...) -> list[tuple[int, float]]: ...
    def vectors(self, model: str) -> dict[int, list[float]]: ...
    def add_vectors(self, model: str, vectors: dict[int, list[float]]) -> None: ...


def open_index(store: IndexStore | None, doc: SourceDoc, cancelled: Callable[[], bool]) -> _Index:
    if store is not None:
        try:
            return store.open(doc, cancelled)
        except (OSError, sqlite3.Error):
            pass  # disk full, read-only: this question is answered from memory
    return _MemoryIndex(doc)


def _vector_ranking(
    index: _Index,
    lexical: list[int],
    qvec: list[float],
    embedder: Embedder,
    clock: Callable[[], float],
    check: Callable[[], None],
) -> list[int]:
    vectors = index.vectors(embedder.model)
    chunks = index.chunks
    short = len(chunks) <= EMBED_ALL_UP_TO
    pool = [c.seq for c in chunks] if short else lexical
    wanted = [seq for seq in pool if seq not in vectors][:EMBED_PER_QUESTION]
    deadline = clock() + EMBED_SECONDS
    for start in range(0, len(wanted), 16):
        check()
        if clock() > deadline:
            break
        seqs = wanted[start : start + 16]
        made = embedder([chunks[s].text for s in seqs])
        new = dict(zip(seqs, made, strict=True))
        index.add_vectors(embedder.model, new)
        vectors.update(new)
    ranked = {seq: vectors[seq] for seq in pool if seq in vectors}
    return [seq for seq, _ in by_similarity(qvec, ranked, CANDIDATES)]


def rank(
    indexes: Sequence[_Index],
    question: str,
    embedder: Embedder | None = None,
    cancel: Callable[[], bool] = lambda: False,
    clock: Callable[[], float] = time.monotonic,
) -> tuple[list[Chunk], str]:
    """Every document's passages that match, best first (documents fused), and the method
    used ("bm25" or "hybrid")."""

    def check() -> None:
        if cancel():
            raise OllamaError(ErrorKind.CANCELLED)

    terms = query_terms(question)
    lexical = [[seq for seq, _ in ix.search(terms, CANDIDATES)] for ix in indexes]
    per_doc = lexical
    method = "bm25"
    if embedder is not None and question.strip():
        try:
            qvec = embedder([question])[0]
            per_doc = [
                fuse(
                    [lex, _vector_ranking(ix, lex, qvec, embedder, clock, check)],
                    weights=[1.0, VECTOR_WEIGHT],
                )
                for ix, lex in zip(indexes, lexical, strict=True)
            ]
            method = "hybrid"
        except OllamaError as e:
            if e.kind is ErrorKind.CANCELLED:
                raise
            per_doc = lexical  # the embedding model failed: bm25 alone this time
        except sqlite3.Error:
            per_doc = lexical  # the vectors kept cannot be read or written: likewise
    ids = fuse([[d * 1_000_000 + seq for seq in r] for d, r in enumerate(per_doc)])
    out = [replace(indexes[i // 1_000_000].chunks[i % 1_000_000], doc=i // 1_000_000) for i in ids]
    return out, method


def retrieve(
    store: IndexStore | None,
    docs: Sequence[Attached],
    question: str,
    budget: int,
    embedder: Embedder | None = None,
    cancel: Callable[[], bool] = lambda: False,
    full_tokens: int = 0,
) -> Retrieval:
    """The passages of ``docs`` that matter for ``question`` and fit ``budget`` tokens."""
    indexes = [open_index(store, a.doc, cancel) for a in docs]
    if cancel():
        raise OllamaError(ErrorKind.CANCELLED)
    try:
        ranked, method = rank(indexes, question, embedder, cancel)
    except sqlite3.Error:  # a file damaged after it was checked: from memory this time
        if store is not None:
            store.forget(content_key(a.doc) for a in docs)
        indexes = [_MemoryIndex(a.doc) for a in docs]
        ranked, method = rank(indexes, question, embedder, cancel)
    if not ranked:  # nothing matches a word of the question: the start of each document
        ranked = [replace(c, doc=d) for d, ix in enumerate(indexes) for c in ix.chunks[:20]]
    chosen = choose(ranked, budget)
    order = {(c.doc, c.seq): n for n, c in enumerate(chosen, 1)}
    used = tuple(
        UsedPassage(docs[c.doc].name, docs[c.doc].blob, place, order[(c.doc, c.seq)])
        for c, place in merged(chosen, [a.doc for a in docs])
    )
    model = embedder.model if embedder is not None and method == "hybrid" else ""
    return Retrieval(used, method, model, budget, full_tokens)
