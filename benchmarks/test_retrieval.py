"""Retrieval quality and cost (issue 21, item 4). `pytest benchmarks/test_retrieval.py -s`.

Questions over real documents (benchmarks/retrieval/, with their licences): each names its
document and a phrase copied from the passage that answers it. The document is cut into
pages (50 lines each, as a PDF page holds) and then into the app's passages; a question is
answered at rank r when the r-th passage returned contains the phrase. Reported: recall@5
(the answer among the five passages the app would send first) and MRR (over the first 10),
for bm25 as the app builds it (words and CJK character pairs, unicode61 + Porter), for
sqlite's trigram tokenizer on the raw text (the alternative the issue asked to weigh), and,
when OLLAMA_TEST_HOST reaches a server with an embedding model (OLLAMA_TEST_EMBED_MODEL,
default all-minilm:l6-v2), for the hybrid ranking both as the app runs it (bm25's 50 best
candidates embedded) and with every passage embedded. Also: the time to cut and index a
300-page document.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.hosts import parse_ollama_host
from desktop.core.retrieval.passages import Chunk, SourceDoc, split_document
from desktop.services.api_client import OllamaApi
from desktop.services.retrieval import engine
from desktop.services.retrieval.embedding import embed
from desktop.services.retrieval.engine import open_index, rank
from desktop.services.retrieval.index import IndexStore

HERE = Path(__file__).parent / "retrieval"
LINES_PER_PAGE = 50
# Budgets, below what was measured on the shared machine (bm25: recall@5 0.94, MRR 0.81 on
# 36 questions; one question is 2.8 points): a change of cutting or terms that loses two
# questions' answers from the top five fails.
RECALL_BUDGET = 0.88
MRR_BUDGET = 0.70
INDEX_300_PAGES_BUDGET_S = 10.0  # cut and indexed, on a shared 2-core machine


@dataclass(frozen=True)
class Question:
    doc: str
    q: str
    a: str


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def load_doc(name: str) -> SourceDoc:
    lines = (HERE / name).read_text(encoding="utf-8").split("\n")
    pages = [
        (f"page {n + 1}", "\n".join(lines[i : i + LINES_PER_PAGE]))
        for n, i in enumerate(range(0, len(lines), LINES_PER_PAGE))
    ]
    return SourceDoc.from_labels(name, pages)


def questions() -> list[Question]:
    data = json.loads((HERE / "questions.json").read_text(encoding="utf-8"))
    return [Question(**q) for q in data["questions"]]


Ranker = Callable[[Question], Sequence[Chunk]]


def score(ranker: Ranker, qs: Sequence[Question]) -> tuple[float, float, list[str]]:
    hits, rr, missed = 0, 0.0, []
    for q in qs:
        ranked = ranker(q)[:10]
        first = next((n for n, c in enumerate(ranked, 1) if norm(q.a) in norm(c.text)), None)
        hits += first is not None and first <= 5
        rr += 1.0 / first if first else 0.0
        if first is None or first > 5:
            missed.append(q.q)
    return hits / len(qs), rr / len(qs), missed


def report(name: str, qs: Sequence[Question], ranker: Ranker) -> tuple[float, float]:
    by_lang: dict[str, list[Question]] = {}
    for q in qs:
        by_lang.setdefault("ja" if q.doc.endswith(".ja.txt") else "en", []).append(q)
    recall, mrr, missed = score(ranker, qs)
    parts = [f"{name}: recall@5 {recall:.2f}, MRR {mrr:.2f} ({len(qs)} questions)"]
    for lang, group in sorted(by_lang.items()):
        r, m, _ = score(ranker, group)
        parts.append(f"{lang} {r:.2f}/{m:.2f} ({len(group)})")
    print(" · ".join(parts))
    for q in missed:
        print(f"    not in the top 5: {q}")
    return recall, mrr


@pytest.fixture(scope="module")
def docs() -> dict[str, SourceDoc]:
    return {q.doc: load_doc(q.doc) for q in questions()}


def test_bm25_recall(tmp_path: Path, docs: dict[str, SourceDoc]) -> None:
    store = IndexStore(tmp_path)
    indexes = {name: open_index(store, d, lambda: False) for name, d in docs.items()}
    recall, mrr = report("bm25 (app)", questions(), lambda q: rank([indexes[q.doc]], q.q)[0])
    assert recall >= RECALL_BUDGET and mrr >= MRR_BUDGET


def test_bm25_without_fts5_gives_the_same_recall(
    tmp_path: Path, docs: dict[str, SourceDoc]
) -> None:
    store = IndexStore(tmp_path, use_fts=False)
    indexes = {name: open_index(store, d, lambda: False) for name, d in docs.items()}
    recall, _ = report(
        "bm25 (Python, no FTS5)", questions(), lambda q: rank([indexes[q.doc]], q.q)[0]
    )
    assert recall >= RECALL_BUDGET - 0.06  # no Porter stemming here


_WORD = re.compile(r"\w+")


def trigram_ranker(docs: dict[str, SourceDoc]) -> Ranker:
    """sqlite's trigram tokenizer over the raw passages; a question's words of three or
    more characters as phrases (CJK runs as their three-character pieces)."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(doc UNINDEXED, body, tokenize='trigram')")
    except sqlite3.Error:
        pytest.skip("this sqlite has no FTS5 trigram tokenizer (3.34 or later)")
    chunks: dict[int, Chunk] = {}
    for name, d in docs.items():
        for c in split_document(d):
            rowid = len(chunks) + 1
            chunks[rowid] = c
            db.execute("INSERT INTO t(rowid, doc, body) VALUES (?,?,?)", (rowid, name, c.text))

    def ranker(q: Question) -> list[Chunk]:
        terms: list[str] = []
        for w in _WORD.findall(unicodedata.normalize("NFKC", q.q)):
            if w.isascii():
                if len(w) >= 3:
                    terms.append(w)
            else:
                terms.extend(w[i : i + 3] for i in range(max(1, len(w) - 2)) if len(w) >= 3)
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(terms))
        rows = db.execute(
            "SELECT rowid FROM t WHERE t MATCH ? AND doc = ? ORDER BY bm25(t) LIMIT 10",
            (match, q.doc),
        ).fetchall()
        return [chunks[r[0]] for r in rows]

    return ranker


def test_trigram_tokenizer_for_comparison(docs: dict[str, SourceDoc]) -> None:
    recall, _ = report("trigram (raw text)", questions(), trigram_ranker(docs))
    assert 0.0 <= recall <= 1.0  # a comparison only: the app uses the word/pair index


class RealEmbedder:
    def __init__(self, api: OllamaApi, model: str) -> None:
        self.api, self.model, self.texts, self.seconds = api, model, 0, 0.0

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        t = time.perf_counter()
        out = embed(self.api, self.model, texts)
        self.seconds += time.perf_counter() - t
        self.texts += len(texts)
        return out


@pytest.fixture(scope="module")
def embedder() -> RealEmbedder:
    host = os.environ.get("OLLAMA_TEST_HOST")
    if not host:
        pytest.skip("OLLAMA_TEST_HOST not set: no embedding model to measure the hybrid with")
    model = os.environ.get("OLLAMA_TEST_EMBED_MODEL", "all-minilm:l6-v2")
    api = OllamaApi(parse_ollama_host(host).base_url, timeout=60)
    if model not in {m.name for m in api.list_models()}:
        pytest.skip(f"{model} is not installed on {host}")
    return RealEmbedder(api, model)


@pytest.mark.parametrize(
    ("embed_all", "weight"),
    [(False, engine.VECTOR_WEIGHT), (True, 1.0)],
    ids=["as-the-app-runs", "every-passage-equal-weight"],
)
def test_hybrid_recall(
    tmp_path_factory: pytest.TempPathFactory,
    docs: dict[str, SourceDoc],
    embedder: RealEmbedder,
    embed_all: bool,
    weight: float,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app's hybrid, and for comparison every passage embedded and ranked at an equal
    weight. Vectors are kept in RETRIEVAL_BENCH_CACHE when set (a second run embeds only
    the questions)."""
    cache = os.environ.get("RETRIEVAL_BENCH_CACHE")
    folder = Path(cache) if cache else tmp_path_factory.getbasetemp() / "hybrid-index"
    store = IndexStore(folder)
    indexes = {name: open_index(store, d, lambda: False) for name, d in docs.items()}
    monkeypatch.setattr(engine, "VECTOR_WEIGHT", weight)
    if embed_all:
        monkeypatch.setattr(engine, "EMBED_ALL_UP_TO", 10**9)
        monkeypatch.setattr(engine, "EMBED_PER_QUESTION", 10**9)
        monkeypatch.setattr(engine, "EMBED_SECONDS", 10.0**9)
    before = embedder.texts, embedder.seconds
    how = "every passage, weight 1" if embed_all else f"bm25 candidates, weight {weight}"
    recall, mrr = report(
        f"hybrid with {embedder.model} ({how})",
        questions(),
        lambda q: rank([indexes[q.doc]], q.q, embedder)[0],
    )
    made = embedder.texts - before[0]
    print(f"    {made} texts embedded in {embedder.seconds - before[1]:.0f} s")
    if not embed_all:  # the app's own: no worse than bm25 alone with an English-only model
        assert recall >= RECALL_BUDGET and mrr >= MRR_BUDGET


def test_index_300_pages(tmp_path: Path, docs: dict[str, SourceDoc]) -> None:
    pages = [p for d in docs.values() for p in d.pieces]
    book = SourceDoc("book.pdf", tuple((pages * (300 // len(pages) + 1))[:300]))
    book = SourceDoc.from_labels(
        "book.pdf", [(f"page {n}", f"Page {n}.\n" + p.text) for n, p in enumerate(book.pieces, 1)]
    )
    t = time.perf_counter()
    chunks = split_document(book)
    cut = time.perf_counter() - t
    t = time.perf_counter()
    IndexStore(tmp_path).open(book)
    total = time.perf_counter() - t
    chars = sum(len(p.text) for p in book.pieces)
    print(
        f"300 pages ({chars / 1e6:.2f} M characters, {len(chunks)} passages): cut in {cut:.2f} s,"
        f" cut and indexed in {total:.2f} s (shared, loaded 2-core machine)"
    )
    assert total <= INDEX_300_PAGES_BUDGET_S
