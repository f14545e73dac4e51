"""The engine: bm25 alone, fused with an embedding model's ranking (a passage that shares
no word with the question is found by meaning), several documents sharing one budget,
the embedding model failing or cancelled, and /api/embed of the fake server end to end."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.retrieval.choice import MARKER_TOKENS, Retrieval
from desktop.core.retrieval.passages import SourceDoc
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.retrieval.embedding import EmbeddingModels, embed, parse_embeddings
from desktop.services.retrieval.engine import Attached, retrieve
from desktop.services.retrieval.index import IndexStore
from tests.fake_ollama import FakeOllama, all_minilm, fake_vector

FILLER = " ".join(f"Paragraph {i} is about the usual office matters." for i in range(30))
PAGES = [
    ("page 1", "The canteen opens at noon and serves soup."),
    ("page 2", "Staff may work from home two days a week with approval."),
    ("page 3", "Fire drills happen every spring; assemble in the car park."),
    ("page 4", "Laptops are replaced every four years by the IT desk."),
]


def best(used: Retrieval, full: bool = False) -> str:
    """The place of the best-ranked passage (passages are kept in document order)."""
    top = min(used.passages, key=lambda p: p.rank)
    return top.label if full else top.place.label


def handbook() -> SourceDoc:
    return SourceDoc.from_labels("handbook.pdf", [(p, t + "\n\n" + FILLER) for p, t in PAGES])


class Concepts:
    """A stand-in embedding model that knows meanings, not words: "remote" and "home",
    "evacuation" and "fire" land together."""

    model = "concepts:1"

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    AXES = (
        ("home", "remote", "telework"),
        ("fire", "evacuation", "drill"),
        ("canteen", "lunch", "soup"),
        ("laptop", "computer", "hardware"),
    )

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        self.texts += len(texts)
        out = []
        for t in texts:
            low = t.lower()
            out.append([float(sum(low.count(w) for w in axis)) for axis in self.AXES] + [0.1])
        return out


def test_bm25_alone_finds_the_page(tmp_path: Path) -> None:
    used = retrieve(
        IndexStore(tmp_path),
        [Attached("handbook.pdf", "b", handbook())],
        "When does the canteen open?",
        300,
    )
    assert used.method == "bm25" and best(used, True) == "handbook.pdf, page 1"
    assert sum(len(p.place.text) // 4 + MARKER_TOKENS for p in used.passages) <= 300 * 1.3


def test_hybrid_finds_a_passage_by_meaning(tmp_path: Path) -> None:
    docs = [Attached("handbook.pdf", "b", handbook())]
    question = "Is remote telework allowed?"  # shares no word with page 2
    lexical = retrieve(IndexStore(tmp_path / "a"), docs, question, 240)
    assert all(p.place.label != "page 2" for p in lexical.passages)
    hybrid = retrieve(IndexStore(tmp_path / "b"), docs, question, 240, Concepts())
    assert hybrid.method == "hybrid" and hybrid.model == "concepts:1"
    assert "page 2" in [p.place.label for p in hybrid.passages]


def test_vectors_are_made_once(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    docs = [Attached("handbook.pdf", "b", handbook())]
    first = Concepts()
    retrieve(store, docs, "fire evacuation", 300, first)
    again = Concepts()
    retrieve(IndexStore(tmp_path), docs, "lunch", 300, again)
    assert first.texts > 4 and again.texts == 1  # only the question the second time


def test_an_embedding_model_that_fails_leaves_bm25(tmp_path: Path) -> None:
    class Broken(Concepts):
        def __call__(self, texts: Sequence[str]) -> list[list[float]]:
            raise OllamaError(ErrorKind.SERVER_ERROR, "boom", status=500)

    used = retrieve(
        IndexStore(tmp_path), [Attached("h.pdf", "b", handbook())], "canteen soup", 300, Broken()
    )
    assert used.method == "bm25" and best(used) == "page 1"


def test_cancel_is_heard(tmp_path: Path) -> None:
    with pytest.raises(OllamaError) as info:
        retrieve(
            IndexStore(tmp_path),
            [Attached("h.pdf", "b", handbook())],
            "soup",
            300,
            Concepts(),
            cancel=lambda: True,
        )
    assert info.value.kind is ErrorKind.CANCELLED


def test_several_documents_share_the_budget(tmp_path: Path) -> None:
    other = SourceDoc.from_labels(
        "policy.docx", [("section 1", "Fire wardens wear yellow vests.\n\n" + FILLER)]
    )
    docs = [Attached("handbook.pdf", "b1", handbook()), Attached("policy.docx", "b2", other)]
    used = retrieve(IndexStore(tmp_path), docs, "fire drill wardens", 480)
    names = {p.doc for p in used.passages}
    assert names == {"handbook.pdf", "policy.docx"}
    assert {p.blob for p in used.passages} == {"b1", "b2"}


def test_the_choice_round_trips_and_bad_rows_read_as_nothing(tmp_path: Path) -> None:
    used = retrieve(IndexStore(tmp_path), [Attached("h.pdf", "b", handbook())], "laptops", 300)
    assert Retrieval.from_text(used.to_text()) == used
    for bad in ("", "[]", '{"p": 3}', '{"p": [1]}', "{" * 5000, '{"p": [{"p": "x"}]}'):
        assert Retrieval.from_text(bad) is None


def test_japanese_question_over_japanese_pages(tmp_path: Path) -> None:
    doc = SourceDoc.from_labels(
        "案内.pdf",
        [
            ("page 1", "食堂は正午に開き、スープを出します。" * 3),
            ("page 2", "在宅勤務は承認があれば週二日まで可能です。" * 3),
            ("page 3", "避難訓練は毎年春に行い、駐車場に集合します。" * 3),
        ],
    )
    used = retrieve(
        IndexStore(tmp_path), [Attached("案内.pdf", "b", doc)], "避難訓練の集合場所は？", 120
    )
    assert best(used) == "page 3"


# -- /api/embed over real HTTP (the fake server's test double) ------------------------------


def test_embed_against_the_fake_server() -> None:
    with FakeOllama() as fake:
        fake.install(all_minilm())
        api = OllamaApi(fake.url)
        vectors = embed(api, "all-minilm:l6-v2", [f"text {i}" for i in range(20)], CancelToken())
        assert len(vectors) == 20 and vectors[3] == fake_vector("text 3")
        assert EmbeddingModels().installed(api) == ["all-minilm:l6-v2"]  # tags say completion
        with pytest.raises(OllamaError) as info:
            embed(api, fake.installed_names()[0], ["x"])
        assert info.value.status == 501
        used = retrieve(
            None, [Attached("h.pdf", "b", handbook())], "fire drills spring", 300, _Embedder(api)
        )
        assert used.method == "hybrid" and best(used) == "page 3"
        api.close()


class _Embedder:
    model = "all-minilm:l6-v2"

    def __init__(self, api: OllamaApi) -> None:
        self.api = api

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        return embed(self.api, self.model, texts)


@pytest.mark.parametrize(
    "answer",
    [
        {},
        {"embeddings": [[0.1, 0.2]]},  # one vector for two inputs
        {"embeddings": [[0.1], "x"]},
        {"embeddings": [[0.1, True], [0.2, 0.3]]},
        {"embeddings": [[0.1, 0.2], [0.3]]},
        {"embeddings": [[], []]},
        [1, 2],
    ],
)
def test_a_malformed_embed_answer_is_malformed(answer: object) -> None:
    with pytest.raises(OllamaError) as info:
        parse_embeddings(answer, 2)
    assert info.value.kind is ErrorKind.MALFORMED
