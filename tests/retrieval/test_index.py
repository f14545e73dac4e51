"""The passage index: built once per content, searched with bm25, rebuilt (never trusted)
when its file is damaged, half-written or of another version; kept in memory when the
folder cannot be written; the same results without FTS5."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.core.retrieval.passages import SourceDoc
from desktop.core.retrieval.terms import query_terms
from desktop.services.retrieval import index as index_module
from desktop.services.retrieval.engine import Attached, retrieve
from desktop.services.retrieval.index import IndexStore, content_key, fts5_available

FACTS = [
    ("page 1", "The lighthouse keeper logs the weather every morning at six."),
    ("page 2", "Invoices are paid within thirty days of receipt by bank transfer."),
    ("page 3", "The boiler must be serviced once a year by a certified engineer."),
    ("page 4", "Visitors sign the guest book at the reception desk on arrival."),
    ("page 5", "東京タワーの高さは三百三十三メートルで、一九五八年に完成しました。"),
    ("page 6", "富士山は日本で最も高い山で、標高は三千七百七十六メートルです。"),
]


def doc() -> SourceDoc:
    filler = " ".join(f"filler{i} words about nothing in particular." for i in range(40))
    return SourceDoc.from_labels("manual.pdf", [(p, f"{t}\n\n{filler}") for p, t in FACTS])


def best_page(store: IndexStore, question: str) -> str:
    ix = store.open(doc())
    seq = ix.search(query_terms(question), 5)[0][0]
    return ix.chunks[seq].place.label


@pytest.mark.parametrize("use_fts", [True, False], ids=["fts5", "python-bm25"])
@pytest.mark.parametrize(
    ("question", "page"),
    [
        ("How often is the boiler serviced?", "page 3"),
        ("When are invoices paid?", "page 2"),
        ("Who logs the weather?", "page 1"),
        ("東京タワーの高さは？", "page 5"),
        ("日本で一番高い山はどこですか", "page 6"),
    ],
)
def test_search_finds_the_page(tmp_path: Path, use_fts: bool, question: str, page: str) -> None:
    if use_fts and not fts5_available():
        pytest.skip("this Python's sqlite has no FTS5")
    assert best_page(IndexStore(tmp_path, use_fts=use_fts), question) == page


def test_built_once_per_content_and_reused(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    store.open(doc())
    path = store.path(content_key(doc()))
    inode = path.stat().st_ino  # a rebuilt index is a new file renamed into place
    store.close()
    again = IndexStore(tmp_path)
    assert best_page(again, "boiler service") == "page 3"
    assert path.stat().st_ino == inode and again.rebuilt == 0
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def damage_garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database" * 100)


def damage_truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_half_built(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value='building' WHERE key='state'")
    db.commit()
    db.close()


def damage_lost_rows(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("DELETE FROM chunks WHERE seq > 2")
    db.commit()
    db.close()


def damage_scribble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data), 997):  # past the header: pages of the tables
        data[i] = (data[i] + 101) % 256
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [damage_garbage, damage_truncate, damage_half_built, damage_lost_rows, damage_scribble],
)
def test_a_damaged_index_is_built_again(tmp_path: Path, damage: object) -> None:
    store = IndexStore(tmp_path)
    store.open(doc())
    store.close()
    path = store.path(content_key(doc()))
    damage(path)  # type: ignore[operator]
    again = IndexStore(tmp_path)
    assert best_page(again, "When are invoices paid?") == "page 2"
    assert again.rebuilt == 1
    third = IndexStore(tmp_path)  # and what was rebuilt is whole
    assert best_page(third, "boiler") == "page 3" and third.rebuilt == 0


def test_a_build_that_fails_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_text: str) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_module, "indexed_text", broken)
    store = IndexStore(tmp_path, use_fts=True)
    with pytest.raises(OSError):
        store.open(doc())
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_answers_from_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    store = IndexStore(blocked / "retrieval")  # its parent is a file: mkdir fails
    used = retrieve(store, [Attached("manual.pdf", "b1", doc())], "boiler service", 400)
    assert used.passages and min(used.passages, key=lambda p: p.rank).place.label == "page 3"


def test_vectors_are_kept_with_the_index(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    ix = store.open(doc())
    ix.add_vectors("m:1", {0: [0.5, -0.25, 1.0], 3: [1.0, 0.0, 0.0]})
    store.close()
    again = IndexStore(tmp_path).open(doc())
    assert again.vectors("m:1") == {0: [0.5, -0.25, 1.0], 3: [1.0, 0.0, 0.0]}
    assert again.vectors("other:1") == {}


def test_another_version_of_the_document_gets_its_own_index(tmp_path: Path) -> None:
    store = IndexStore(tmp_path)
    store.open(doc())
    changed = SourceDoc("manual.pdf", doc().pieces[:-1])
    store.open(changed)
    assert content_key(changed) != content_key(doc())
    assert len(list(tmp_path.iterdir())) == 2


def test_the_folder_is_pruned_least_recently_used_first(tmp_path: Path) -> None:
    docs = [
        SourceDoc.from_labels(f"d{i}.txt", [("page 1", f"document number {i} " * 200)])
        for i in range(4)
    ]
    store = IndexStore(tmp_path)
    for n, d in enumerate(docs):
        store.open(d)
        os.utime(store.path(content_key(d)), (1000 + n, 1000 + n))  # opened in this order
    store.close()
    (tmp_path / "x.sqlite3.123.456.tmp").write_bytes(b"left by a killed build")
    size = store.path(content_key(docs[0])).stat().st_size
    later = IndexStore(tmp_path)
    later.max_bytes = size * 2 + 10
    later.open(docs[3])  # in use now: kept, with the newest other one
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(later.path(content_key(d)).name for d in docs[2:])
