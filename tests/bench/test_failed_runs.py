"""A benchmark that fails says so, and an impossible figure is never stored or believed
(issue 24.4): a server reporting 128 tokens in 1 ns or 2**62 tokens, a missing model, a
server killed mid-run, impossible figures already in bench.db or the chat speeds file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.api_types import GenerationStats
from desktop.services.bench.store import BENCH_DB, MIGRATIONS, BenchStore
from desktop.services.models.measurements import SpeedStore
from tests.bench.test_bench_cli import run_cli
from tests.fake_ollama import FakeOllama

GEMMA = "gemma3-270m:latest"


def shown(qtbot, tab) -> None:
    tab.show()
    qtbot.waitUntil(lambda: tab.view.models.count() > 0, timeout=5000)


@pytest.mark.parametrize(
    ("extra", "named"),
    [({"eval_duration": 1}, "eval_duration"), ({"eval_count": 2**62}, "eval_count")],
)
def test_impossible_figures_refuse_the_run_and_store_nothing(
    qtbot, tab, bench, fake_ollama: FakeOllama, tmp_path: Path, extra, named
):
    fake_ollama.add_fault("/api/chat", final_extra=extra, times=-1)
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.failed, timeout=30000):
        qtbot.mouseClick(tab.view.run, Qt.MouseButton.LeftButton)
    text = tab.view.status.text()
    assert "cannot be true" in text and named in text and "Nothing was stored" in text
    assert "finished" not in text
    assert bench.results == [] and bench.calibration is None
    assert BenchStore(tmp_path / "data" / BENCH_DB).results() == []
    assert tab.view.table.rowCount() == 0


def test_the_cli_says_so_without_a_traceback(tmp_path: Path, fake_ollama: FakeOllama):
    fake_ollama.add_fault("/api/chat", final_extra={"eval_count": 2**62}, times=-1)
    r = run_cli(tmp_path, "bench", GEMMA, "--no-docker", "--host", fake_ollama.url)
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
    assert f"{GEMMA} [native]: failed: the server reported figures that cannot be true" in r.stdout
    assert "nothing was stored" in r.stdout
    assert BenchStore(tmp_path / "data" / BENCH_DB).results() == []
    r = run_cli(tmp_path, "bench", GEMMA, "--json", "--no-docker", "--host", fake_ollama.url)
    out = json.loads(r.stdout)
    assert r.returncode == 1 and out["results"] == [] and out["calibrated_from"] == []


def test_a_missing_model_is_a_failure_not_a_finish(qtbot, tab, bench):
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.failed, timeout=30000):
        bench.start(["nosuch:1b"], docker=False)
    assert tab.view.status.text().startswith("Benchmark failed:")


def test_one_failure_among_results_is_reported_beside_them(
    qtbot, tab, bench, fake_ollama: FakeOllama
):
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.finished, timeout=30000):
        bench.start([GEMMA, "nosuch:1b"], docker=False)
    text = tab.view.status.text()
    assert text.startswith("Benchmark finished with problems.")
    assert "nosuch:1b:" in text and len(bench.results) == 1


def test_a_server_killed_mid_run_is_a_failure(qtbot, tab, bench, fake_ollama: FakeOllama):
    fake_ollama.token_delay = 0.05
    shown(qtbot, tab)
    with qtbot.waitSignal(bench.progressed, timeout=10000):
        bench.start([GEMMA], docker=False)
    with qtbot.waitSignal(bench.failed, timeout=30000):
        fake_ollama.stop()
    assert tab.view.status.text().startswith("Benchmark failed:")
    assert bench.results == []


def _store_with_runs(path: Path, runs: list[tuple[float, int]]) -> None:
    """bench.db as an older version (or a hand edit) left it: runs with these figures."""
    BenchStore(path).results()  # create the schema
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "INSERT INTO results (id, created_at, model, server, host, ollama_version,"
            " fingerprint, options, num_thread, purpose, load_s, peak_memory, model_bytes,"
            " bytes_per_token) VALUES (1, 1.0, 'm:1b', 'native', 'h', 'v', 'fp', '{}', NULL,"
            " 'bench', 1.0, 1, 1, 300000000)"
        )
        db.executemany(
            "INSERT INTO runs (result_id, n, tokens_per_s, prompt_tokens_per_s, first_token_s,"
            " eval_count, prompt_eval_count, energy_j, energy_source) VALUES"
            " (1, ?, ?, 0, 0.1, ?, 18, NULL, '')",
            [(i, tps, count) for i, (tps, count) in enumerate(runs)],
        )
    db.close()


def test_impossible_stored_runs_are_dropped_on_load(tmp_path: Path):
    path = tmp_path / BENCH_DB
    _store_with_runs(path, [(128_000_000_000.0, 128), (60.0, 2**62), (61.0, 128)])
    [result] = BenchStore(path).results()
    assert result.speeds == [61.0]  # only the possible one is believed
    assert result.doubt(0.25) is not None  # stored without its token load: no calibration


def test_an_old_bench_db_is_migrated_and_its_results_kept(tmp_path: Path):
    path = tmp_path / BENCH_DB
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    _store_with_runs(path, [(60.0, 128), (61.0, 128)])
    [result] = BenchStore(path).results()
    assert result.speeds == [60.0, 61.0] and result.token_load is None
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == len(MIGRATIONS)


def test_chat_speeds_with_impossible_figures_are_not_kept(tmp_path: Path):
    path = tmp_path / "model_speeds.json"
    path.write_text(json.dumps({"m:1b": [1.28e11, 42.0, -3, 1e400]}))
    store = SpeedStore(path)
    assert store.measured("m:1b") == 42.0
    store.record_speed("m:1b", 1.28e11)
    assert store.measured("m:1b") == 42.0
    stats = GenerationStats.from_json({"eval_count": 128, "eval_duration": 1})
    assert stats.tokens_per_second is None and stats.unavailable == ("eval_duration",)
