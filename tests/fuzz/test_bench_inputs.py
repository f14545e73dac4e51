"""Property tests for what the benchmark feature reads from outside: the server's figures for
an answer (as JSON, and through a real benchmark run against the fake server), runs stored
in bench.db, a stored token load, the per-model thread setting (a JSON text a user may
edit), the bandwidth cache file. Nothing impossible is ever stored or believed; no
exception escapes but the documented OllamaError."""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.api_types import (
    MAX_DURATION_NS,
    MAX_TOKENS,
    METRICS,
    GenerationStats,
    sensible_rate,
)
from desktop.core.bench.protocol import ImpossibleFiguresError
from desktop.core.bench.threads import parse_thread_defaults, with_thread_default
from desktop.core.errors import OllamaError
from desktop.core.models.bandwidth_cache import BANDWIDTH_FILE, load_bandwidth
from desktop.core.models.tensor_mix import TokenLoad
from desktop.services.api_client import OllamaApi
from desktop.services.bench.procedure import BenchSetup, run_model
from desktop.services.bench.store import BenchStore
from desktop.services.cancel import CancelToken
from tests.bench.probes import quiet
from tests.fake_ollama import FakeOllama
from tests.fuzz.strategies import SCALARS

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
json_values = (
    scalars
    | st.lists(scalars, max_size=4)
    | st.dictionaries(
        st.sampled_from(["bandwidth", "fingerprint", "measured_at", "samples", "busy", "m:1b", "x"])
        | st.text(max_size=6),
        scalars | st.lists(scalars, max_size=3),
        max_size=6,
    )
)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=60), json_values.map(json.dumps)))
def test_thread_setting_text_never_breaks(text: str):
    d = parse_thread_defaults(text)
    assert all(isinstance(k, str) and isinstance(v, int) and v > 0 for k, v in d.items())
    again = parse_thread_defaults(with_thread_default(text, "m:1b", 3))
    assert again["m:1b"] == 3


@settings(max_examples=500, deadline=None)
@given(json_values)
def test_bandwidth_cache_of_any_shape_loads_or_is_ignored(value):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        (folder / BANDWIDTH_FILE).write_text(json.dumps(value))
        rec = load_bandwidth(folder, "fp")
    assert rec is None or rec.bandwidth > 0


figure = (
    st.integers(min_value=0, max_value=2**63 - 1)
    | st.sampled_from((1, 2**62, MAX_TOKENS + 1, MAX_DURATION_NS + 1, 10**19, -1))
    | SCALARS
)
final_figures = st.dictionaries(st.sampled_from(METRICS), figure, max_size=len(METRICS))


def _sensible(stats: GenerationStats) -> None:
    for rate, prompt in ((stats.tokens_per_second, False), (stats.prompt_tokens_per_second, True)):
        assert rate is None or sensible_rate(rate, prompt)
    assert stats.eval_count <= MAX_TOKENS and stats.prompt_eval_count <= MAX_TOKENS
    for key in METRICS:
        if key.endswith("duration"):
            assert getattr(stats, key) <= MAX_DURATION_NS


@settings(max_examples=1000, deadline=None)
@given(final_figures)
def test_any_figures_read_as_sensible_or_unavailable(d):
    stats = GenerationStats.from_json(d)
    _sensible(stats)
    again = GenerationStats.from_json(stats.to_json())  # as the chat history stores them
    _sensible(again)


@settings(max_examples=60, deadline=None)
@given(final_figures)
def test_a_benchmark_of_any_figures_stores_only_sensible_ones(fake: FakeOllama, tmp, d):
    """Through real HTTP: the fake server's final chunk carries the fuzzed figures."""
    fake.clear_faults()
    fake.add_fault("/api/chat", final_extra=d, times=-1)
    api = OllamaApi(fake.url)
    setup = BenchSetup(api, repeats=1, answer_tokens=8)
    setup.load_probe = quiet
    store = BenchStore(tmp / "bench.db")
    try:
        result = run_model(setup, "gemma3-270m:latest", CancelToken(), lambda _p: None)
    except ImpossibleFiguresError as e:
        assert e.figures  # it names what it refused
        return
    except OllamaError:
        return  # no figures at all: said as an incomplete answer
    finally:
        api.close()
    store.add(result)
    for r in store.results():
        assert all(sensible_rate(x) for x in r.speeds)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(SCALARS, SCALARS, SCALARS, SCALARS, SCALARS), max_size=4))
def test_stored_runs_of_any_values_load_as_sensible_or_not_at_all(tmp, rows):
    path = tmp / "fuzz.db"
    path.unlink(missing_ok=True)
    BenchStore(path).results()
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "INSERT INTO results (id, created_at, model, server, host, ollama_version,"
            " fingerprint, options, num_thread, purpose, load_s, peak_memory, model_bytes,"
            " bytes_per_token) VALUES (1, 1.0, 'm', 'native', '', '', '', '{}', NULL, 'bench',"
            " 0, 0, 0, 1)"
        )
        for n, (tps, prompt, first, count, busy) in enumerate(rows):
            values = [_sql(v) for v in (tps, prompt, first, count, busy)]
            with contextlib.suppress(sqlite3.IntegrityError):  # NOT NULL: sqlite refuses
                db.execute(
                    "INSERT INTO runs (result_id, n, tokens_per_s, prompt_tokens_per_s,"
                    " first_token_s, eval_count, prompt_eval_count, energy_j, energy_source,"
                    " busy_cores) VALUES (1, ?, ?, ?, ?, ?, 1, NULL, '', ?)",
                    [n, *values],
                )
    db.close()
    for r in BenchStore(path).results():
        assert all(sensible_rate(x) for x in r.speeds)
        assert r.busy_cores is None or r.busy_cores >= 0


def _sql(v: object) -> object:
    """What sqlite can hold of a fuzzed value (it has no big integers or lists)."""
    if isinstance(v, int) and not -(2**63) <= v < 2**63:
        return str(v)
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        SCALARS,
        st.dictionaries(
            st.sampled_from(["matrices", "weight_bytes", "layers", "vocab", "source"]),
            SCALARS | st.lists(st.lists(SCALARS, max_size=4), max_size=3),
            max_size=5,
        ),
    )
)
def test_a_stored_token_load_of_any_shape_loads_or_is_ignored(value):
    load = TokenLoad.from_json(value)
    assert load is None or (load.weight_bytes > 0 and load.matrices)


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOllama]:
    with FakeOllama() as f:
        yield f


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-fuzz")
