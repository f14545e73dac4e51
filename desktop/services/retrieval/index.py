"""One document's passages and their search index in a sqlite file of their own.

The file is named by a hash of the document's content and of how it is cut and indexed
(``content_key``), under ``<data>/retrieval/``: the same document attached again, in any
chat, is indexed once. It is never trusted blindly: a file that is not a database, is
damaged, belongs to another version or was left half-written is deleted and built again
(a build writes a temporary file and renames it into place when complete). Embedding
vectors are kept in the same file, per model.

Search is sqlite's FTS5 with bm25 over the terms of core/retrieval/terms.py (unicode61,
diacritics removed, Porter stemming). A Python whose sqlite lacks FTS5 gets the same
formula in memory (core/retrieval/ranking.Bm25) from the passages the file keeps.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import struct
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from desktop.core.attachments.model import Passage
from desktop.core.retrieval.passages import Chunk, SourceDoc, split_document
from desktop.core.retrieval.ranking import Bm25
from desktop.core.retrieval.terms import fts_query, index_terms, indexed_text

INDEX_VERSION = 1  # raise when the cutting or the terms change: old files are rebuilt
MAX_FOLDER_BYTES = 512 * 1024 * 1024  # least recently used indexes go past this
TOKENIZER = "porter unicode61 remove_diacritics 2"
_FTS5: bool | None = None
_FTS5_LOCK = threading.Lock()


def fts5_available() -> bool:
    """Whether this Python's sqlite has FTS5 (checked once)."""
    global _FTS5
    with _FTS5_LOCK:
        if _FTS5 is None:
            try:
                db = sqlite3.connect(":memory:")
                db.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZER}')")
                db.close()
                _FTS5 = True
            except sqlite3.Error:
                _FTS5 = False
        return _FTS5


def content_key(doc: SourceDoc, tokenizer: str = TOKENIZER) -> str:
    """SHA-256 of the document's pieces (places and text) and of the index's version."""
    h = hashlib.sha256(f"v{INDEX_VERSION}|{tokenizer}\n".encode())
    for p in doc.pieces:
        h.update(json.dumps(p.to_json(), ensure_ascii=False).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


class DamagedIndexError(Exception):
    """The file is not a complete index of this version: it is built again."""


class PassageIndex:
    """An open index: search it, read its passages, keep vectors in it. One thread at a
    time (the store's lock)."""

    def __init__(self, db: sqlite3.Connection, fts: bool) -> None:
        self.db = db
        self.fts = fts
        self.chunks = _read_chunks(db)  # as document 0 of a request
        self._bm25: Bm25 | None = None

    def search(self, question_terms: list[str], limit: int = 50) -> list[tuple[int, float]]:
        """(passage number, score: higher is better), best first."""
        if not question_terms:
            return []
        if self.fts:
            rows = self.db.execute(
                "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?",
                (fts_query(question_terms), limit),
            ).fetchall()
            return [(int(r[0]), -float(r[1])) for r in rows]
        if self._bm25 is None:
            self._bm25 = Bm25([index_terms(c.text) for c in self.chunks])
        return self._bm25.search(question_terms, limit)

    def vectors(self, model: str) -> dict[int, list[float]]:
        rows = self.db.execute("SELECT seq, data FROM vectors WHERE model=?", (model,))
        return {int(seq): _unpack(bytes(data)) for seq, data in rows}

    def add_vectors(self, model: str, vectors: Mapping[int, list[float]]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO vectors(model, seq, data) VALUES (?,?,?)",
                [(model, seq, _pack(v)) for seq, v in vectors.items()],
            )
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


def _pack(v: list[float]) -> bytes:
    return struct.pack(f"<{len(v)}f", *v)


def _unpack(data: bytes) -> list[float]:
    return list(struct.unpack(f"<{len(data) // 4}f", data[: len(data) // 4 * 4]))


def _read_chunks(db: sqlite3.Connection) -> list[Chunk]:
    out = []
    rows = db.execute("SELECT seq, piece, place, s, e, tokens FROM chunks ORDER BY seq")
    for n, (seq, piece, place, s, e, tokens) in enumerate(rows):
        if seq != n:
            raise DamagedIndexError("passages out of order")
        place_ = Passage.from_json(json.loads(place))
        out.append(Chunk(0, n, int(piece), place_, (int(s), int(e)), int(tokens)))
    return out


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE chunks (
    seq INTEGER PRIMARY KEY, piece INTEGER NOT NULL, place TEXT NOT NULL,
    s INTEGER NOT NULL, e INTEGER NOT NULL, tokens INTEGER NOT NULL
);
CREATE TABLE vectors (
    model TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (model, seq)
);
"""


class IndexStore:
    """The folder of indexes. ``open(doc)`` returns a usable index, building it (again)
    when it is missing or damaged; open indexes are kept until ``close``."""

    def __init__(self, folder: Path, *, use_fts: bool | None = None) -> None:
        self.folder = folder
        self.use_fts = fts5_available() if use_fts is None else use_fts
        self.lock = threading.RLock()
        self._open: dict[str, PassageIndex] = {}
        self.rebuilt = 0  # damaged files found and built again (for tests and logs)
        self.max_bytes = MAX_FOLDER_BYTES
        self._pruned = False

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.sqlite3"

    def open(self, doc: SourceDoc, cancelled: Callable[[], bool] = lambda: False) -> PassageIndex:
        key = content_key(doc)
        with self.lock:
            index = self._open.get(key)
            if index is not None:
                return index
            path = self.path(key)
            if not self._pruned:
                self._pruned = True
                self.prune(keep=path)
            index = None
            if path.exists():
                with contextlib.suppress(OSError):
                    os.utime(path)  # used now: the last to go when the folder is pruned
                try:
                    index = self._load(path, key)
                except sqlite3.OperationalError as e:
                    if _busy(e):
                        raise  # another app's copy is writing it: not damage
                    self.rebuilt += 1
                    _remove(path)
                except (sqlite3.Error, DamagedIndexError, ValueError, KeyError, struct.error):
                    self.rebuilt += 1
                    _remove(path)
            if index is None:
                self._build(path, key, doc, cancelled)
                index = self._load(path, key)
            self._open[key] = index
            return index

    def _load(self, path: Path, key: str) -> PassageIndex:
        # autocommit: reads hold no lock between calls; writes say BEGIN themselves
        db = sqlite3.connect(path, timeout=5.0, isolation_level=None, check_same_thread=False)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            fts = meta.get("fts") == "1"
            if (
                meta.get("key") != key
                or meta.get("state") != "complete"
                or fts
                and not self.use_fts
            ):
                raise DamagedIndexError("another version, or not complete")
            if fts:  # FTS5 checks its own structures against the passages it indexed
                db.execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 1)")
            index = PassageIndex(db, fts)
            if len(index.chunks) != int(meta.get("count", -1)):
                raise DamagedIndexError("passages missing")
            return index
        except BaseException:
            db.close()
            raise

    def _build(self, path: Path, key: str, doc: SourceDoc, cancelled: Callable[[], bool]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        _remove(tmp)
        chunks = split_document(doc)
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            if self.use_fts:
                db.execute(f"CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize='{TOKENIZER}')")
            for start in range(0, len(chunks), 200):
                if cancelled():
                    raise InterruptedError
                batch = chunks[start : start + 200]
                db.executemany(
                    "INSERT INTO chunks(seq, piece, place, s, e, tokens) VALUES (?,?,?,?,?,?)",
                    [_row(c) for c in batch],
                )
                if self.use_fts:
                    db.executemany(
                        "INSERT INTO fts(rowid, terms) VALUES (?, ?)",
                        [(c.seq, indexed_text(c.text)) for c in batch],
                    )
            meta = {"key": key, "count": str(len(chunks)), "fts": "1" if self.use_fts else "0"}
            meta["state"] = "complete"
            db.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta.items())
            db.commit()
            db.close()
            os.replace(tmp, path)
        except BaseException:
            db.close()
            _remove(tmp)
            raise

    def prune(self, keep: Path | None = None) -> int:
        """Delete the least recently used index files (and temporary files a killed build
        left) until the folder holds at most ``max_bytes``; returns how many went. An index
        is rebuilt from its document when it is needed again."""
        try:
            files = [p for p in self.folder.iterdir() if p.is_file()]
        except OSError:
            return 0
        removed = 0
        for p in files:
            if p.name.endswith(".tmp"):
                _remove(p)
                removed += 1
        entries = []
        for p in files:
            if p.suffix == ".sqlite3":
                with contextlib.suppress(OSError):
                    st = p.stat()
                    entries.append((st.st_mtime, st.st_size, p))
        total = sum(size for _t, size, _p in entries)
        for _t, size, p in sorted(entries, key=lambda e: e[0]):
            if total <= self.max_bytes:
                break
            if p == keep or p.stem in self._open:
                continue
            _remove(p)
            total -= size
            removed += 1
        return removed

    def close(self) -> None:
        with self.lock:
            for index in self._open.values():
                index.close()
            self._open.clear()

    def forget(self, keys: Iterable[str]) -> None:
        with self.lock:
            for key in keys:
                index = self._open.pop(key, None)
                if index is not None:
                    index.close()


def _row(c: Chunk) -> tuple[int, int, str, int, int, int]:
    place = json.dumps(c.place.to_json(), ensure_ascii=False, separators=(",", ":"))
    return (c.seq, c.piece, place, c.span[0], c.span[1], c.tokens)


def _busy(error: sqlite3.OperationalError) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):
            p.unlink()
