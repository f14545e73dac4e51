"""What a name or a GGUF header costs to check, at growing size: `pytest benchmarks -s`.

The fuzz suite only guards against hangs (tests/fuzz/test_names.py, test_gguf.py); the cost
is measured here. The budget is a ratio in one run, so a noisy machine moves both sides: a
text 16 times as long may cost at most 40 times as much (linear work is 16; a backtracking
pattern or a quadratic loop is hundreds), and one check stays under a millisecond.
"""

from __future__ import annotations

import statistics
import struct
import time
from collections.abc import Callable
from pathlib import Path

from desktop.core.models.gguf import GGUFError, read_gguf
from desktop.core.names import InvalidNameError, parse_model_name

GROWTH = 16
RATIO_BUDGET = 40.0
NAME_BUDGET_S = 0.001


def _median_cost(check: Callable[[], object], repeats: int = 60) -> float:
    costs = []
    for _ in range(repeats):
        started = time.perf_counter()
        check()
        costs.append(time.perf_counter() - started)
    return statistics.median(costs)


def _name(text: str) -> Callable[[], object]:
    def check() -> object:
        try:
            return parse_model_name(text, allow_host=True)
        except InvalidNameError as e:
            return e

    return check


def test_a_name_costs_in_proportion_to_its_length() -> None:
    worst = {
        "dots and dashes": "a" + ".-_" * 40,
        "colons and slashes": "a:" * 20 + "/b" * 20,
        "scheme-like": "https://" + "a." * 60 + ":" + "1" * 20,
        "unicode lookalikes": "a\u200b\uff1a\u202e" * 30,
    }
    print()
    for label, unit in worst.items():
        small = _median_cost(_name(unit))
        big = _median_cost(_name(unit * GROWTH))
        ratio = big / max(small, 1e-7)
        print(
            f"name {label:>20}: {small * 1e6:7.1f} µs,"
            f" x{GROWTH} {big * 1e6:7.1f} µs, ratio {ratio:5.1f}"
        )
        assert big < NAME_BUDGET_S
        assert ratio < RATIO_BUDGET


def _string(s: bytes) -> bytes:
    return struct.pack("<Q", len(s)) + s


def _header(n_kv: int) -> bytes:
    kvs = b"".join(
        _string(f"key.{i}".encode()) + struct.pack("<I", 8) + _string(b"v" * 64)
        for i in range(n_kv)
    )
    return b"GGUF" + struct.pack("<IQQ", 3, 0, n_kv) + kvs


def test_a_gguf_header_costs_in_proportion_to_its_size(tmp_path: Path) -> None:
    small_path, big_path = tmp_path / "small.gguf", tmp_path / "big.gguf"
    small_path.write_bytes(_header(200))
    big_path.write_bytes(_header(200 * GROWTH))

    def reader(path: Path) -> Callable[[], object]:
        def check() -> object:
            try:
                return read_gguf(path)
            except GGUFError as e:
                return e

        return check

    small = _median_cost(reader(small_path), repeats=20)
    big = _median_cost(reader(big_path), repeats=20)
    ratio = big / max(small, 1e-7)
    print(
        f"\ngguf header 200 keys: {small * 1e3:.2f} ms,"
        f" x{GROWTH} {big * 1e3:.2f} ms, ratio {ratio:.1f}"
    )
    assert ratio < RATIO_BUDGET
