"""Benchmark results in sqlite (`bench.db` in the data folder), with the machine fingerprint,
the Ollama version and the options of each run. Blocking: call it from a worker (the
"bench-db" lane) or the command line. No Qt."""

from __future__ import annotations

import json
import math
import sqlite3
import time
from pathlib import Path

from desktop.core.api_types import MAX_TOKENS, sensible_rate
from desktop.core.bench.protocol import BenchResult, Doubt, RunFigures
from desktop.core.models.calibration import SpeedSample
from desktop.core.models.tensor_mix import TokenLoad
from desktop.core.models.token_work import token_work

BENCH_DB = "bench.db"

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE results (
        id INTEGER PRIMARY KEY,
        created_at REAL NOT NULL,
        model TEXT NOT NULL,
        server TEXT NOT NULL,
        host TEXT NOT NULL,
        ollama_version TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        options TEXT NOT NULL,
        num_thread INTEGER,
        purpose TEXT NOT NULL,
        load_s REAL NOT NULL,
        peak_memory INTEGER NOT NULL,
        model_bytes INTEGER NOT NULL,
        bytes_per_token INTEGER NOT NULL
    );
    CREATE TABLE runs (
        result_id INTEGER NOT NULL REFERENCES results(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        tokens_per_s REAL NOT NULL,
        prompt_tokens_per_s REAL NOT NULL,
        first_token_s REAL NOT NULL,
        eval_count INTEGER NOT NULL,
        prompt_eval_count INTEGER NOT NULL,
        energy_j REAL,
        energy_source TEXT NOT NULL
    );
    CREATE INDEX results_model ON results(model, fingerprint);
    """,
    # what a token of the model does (calibration by tensor types), and how much CPU other
    # programs took during each run (a busy run does not calibrate)
    """
    ALTER TABLE results ADD COLUMN token_load TEXT NOT NULL DEFAULT '';
    ALTER TABLE results ADD COLUMN kv_bytes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN busy_cores REAL;
    """,
)

_COLS = (
    "id, created_at, model, server, host, ollama_version, fingerprint, options, num_thread,"
    " purpose, load_s, peak_memory, model_bytes, bytes_per_token, token_load, kv_bytes"
)
MAX_BYTES = 1 << 50  # no model reads a petabyte per token


class BenchStore:
    """Open per call (each worker thread gets its own connection); numbered migrations."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA foreign_keys = ON")
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version < len(MIGRATIONS):
            db.execute("PRAGMA journal_mode = WAL")
            for i in range(version, len(MIGRATIONS)):
                db.executescript(MIGRATIONS[i])
                db.execute(f"PRAGMA user_version = {i + 1}")
            db.commit()
        return db

    def add(self, r: BenchResult) -> BenchResult:
        """Store a result with its runs; returns it with ``id`` and ``created_at`` set."""
        r.created_at = r.created_at or time.time()
        db = self._connect()
        try:
            with db:
                cur = db.execute(
                    f"INSERT INTO results ({_COLS}) VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        r.created_at,
                        r.model,
                        r.server,
                        r.host,
                        r.ollama_version,
                        r.fingerprint,
                        json.dumps(r.options, sort_keys=True),
                        r.num_thread,
                        r.purpose,
                        r.load_s,
                        r.peak_memory,
                        r.model_bytes,
                        r.bytes_per_token,
                        json.dumps(r.token_load.to_json()) if r.token_load is not None else "",
                        r.kv_bytes,
                    ),
                )
                r.id = int(cur.lastrowid or 0)
                db.executemany(
                    "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            r.id,
                            n,
                            f.tokens_per_s,
                            f.prompt_tokens_per_s,
                            f.first_token_s,
                            f.eval_count,
                            f.prompt_eval_count,
                            f.energy_j,
                            f.energy_source,
                            f.busy_cores,
                        )
                        for n, f in enumerate(r.runs)
                    ],
                )
        finally:
            db.close()
        return r

    def results(
        self, fingerprint: str | None = None, purpose: str | None = None
    ) -> list[BenchResult]:
        """Every stored result, oldest first (of this machine, of one purpose, if given)."""
        where, args = [], []
        if fingerprint is not None:
            where.append("fingerprint = ?")
            args.append(fingerprint)
        if purpose is not None:
            where.append("purpose = ?")
            args.append(purpose)
        sql = f"SELECT {_COLS} FROM results"
        if where:
            sql += " WHERE " + " AND ".join(where)
        db = self._connect()
        try:
            rows = db.execute(sql + " ORDER BY created_at, id", args).fetchall()
            runs: dict[int, list[RunFigures]] = {}
            for row in db.execute(
                "SELECT result_id, tokens_per_s, prompt_tokens_per_s, first_token_s,"
                " eval_count, prompt_eval_count, energy_j, energy_source, busy_cores FROM runs"
                " ORDER BY result_id, n"
            ):
                run = _run(row[1:])
                if run is not None:  # an impossible stored figure is dropped, never believed
                    runs.setdefault(int(row[0]), []).append(run)
        finally:
            db.close()
        out = []
        for row in rows:
            if not isinstance(row[13], int) or not 0 <= row[13] <= MAX_BYTES:
                continue
            out.append(
                BenchResult(
                    model=row[2],
                    server=row[3],
                    host=row[4],
                    ollama_version=row[5],
                    fingerprint=row[6],
                    options=json.loads(row[7]),
                    num_thread=row[8],
                    purpose=row[9],
                    load_s=row[10],
                    runs=runs.get(int(row[0]), []),
                    peak_memory=row[11],
                    model_bytes=row[12],
                    bytes_per_token=row[13],
                    created_at=row[1],
                    id=int(row[0]),
                    token_load=_load(row[14]),
                    kv_bytes=row[15] if isinstance(row[15], int) and row[15] >= 0 else 0,
                )
            )
        return out

    def clear(self) -> None:
        db = self._connect()
        try:
            with db:
                db.execute("DELETE FROM results")
        finally:
            db.close()


def _number(v: object, top: float = 1e12) -> float | None:
    """A finite, non-negative figure below ``top`` (None for anything else)."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return None
    x = float(v)
    return x if math.isfinite(x) and 0 <= x < top else None


def _count(v: object) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_TOKENS else None


def _run(row: tuple[object, ...]) -> RunFigures | None:
    """A stored run, or None when a figure in it cannot be true (a file edited by hand, a
    result stored by an older version that believed any figure)."""
    tps, prompt, first, count, prompt_count, energy, source, busy = row
    rate, n, pn = _number(tps), _count(count), _count(prompt_count)
    if rate is None or not sensible_rate(rate) or n is None or pn is None:
        return None
    prompt_rate = _number(prompt) or 0.0
    return RunFigures(
        rate,
        prompt_rate if sensible_rate(prompt_rate, prompt=True) else 0.0,
        _number(first, 1e6) or 0.0,
        n,
        pn,
        _number(energy),
        str(source or ""),
        _number(busy, 1e6),
    )


def _load(text: object) -> TokenLoad | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return TokenLoad.from_json(json.loads(text))
    except ValueError:
        return None


def latest_per_model(
    results: list[BenchResult], server: str = "native", busy_limit: float | None = None
) -> dict[str, BenchResult]:
    """The newest default-thread benchmark of each model on ``server``; with ``busy_limit``
    only results that may calibrate (what the Models tab shows as measured, and what
    calibrates the forecasts)."""
    out: dict[str, BenchResult] = {}
    for r in results:
        if r.purpose != "bench" or r.server != server or r.num_thread is not None:
            continue
        if not r.speeds:
            continue
        if busy_limit is not None and r.doubt(busy_limit) is not None:
            continue
        out[r.model.lower()] = r
    return out


def calibration_samples(
    results: list[BenchResult], busy_limit: float, simd: str = "x86"
) -> list[SpeedSample]:
    """One sample per model: its newest result that was taken quietly and steadily."""
    out = []
    for r in latest_per_model(results, busy_limit=busy_limit).values():
        if r.token_load is None:
            continue
        work = token_work(r.token_load, r.kv_bytes, simd)
        out.append(SpeedSample(r.model, work, r.tokens_per_s, len(r.speeds), r.spread))
    return out


def doubts(results: list[BenchResult], busy_limit: float) -> dict[str, Doubt]:
    """Models whose newest result does not calibrate, and why."""
    out: dict[str, Doubt] = {}
    for key, r in latest_per_model(results).items():
        d = r.doubt(busy_limit)
        if d is not None:
            out[key] = d
        else:
            out.pop(key, None)
    return out
