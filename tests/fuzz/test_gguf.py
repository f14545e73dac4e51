"""The GGUF header reader on any file (fuzz suite): random bytes, and well-formed headers with
random metadata and tensors, then cut short or with bytes flipped. The only exception is
GGUFError, and every property a screen reads works on what it returns."""

from __future__ import annotations

import struct
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.models.gguf import GGUFError, GGUFInfo, read_gguf

CASE_SECONDS = (
    5.0  # a hang guard, not a speed: the cost per header is in benchmarks/test_parse_cost.py
)
_SCALAR_FORMATS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}


def _string(s: str) -> bytes:
    data = s.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


@st.composite
def values(draw: st.DrawFn, depth: int = 0) -> tuple[int, bytes]:
    vtype = draw(st.sampled_from((*_SCALAR_FORMATS, 8, 9, 13, 2**32 - 1)))
    if vtype in _SCALAR_FORMATS:
        size = struct.calcsize(_SCALAR_FORMATS[vtype])
        return vtype, draw(st.binary(min_size=size, max_size=size))
    if vtype == 8:
        return vtype, _string(draw(st.text(max_size=12)))
    if vtype == 9 and depth == 0:
        items = draw(st.lists(values(depth=1), max_size=5))
        item_type = items[0][0] if items else draw(st.integers(0, 13))
        count = draw(st.sampled_from((len(items), len(items), 2**26 + 1, 5000, 2**64 - 1)))
        body = b"".join(v for t, v in items if t == item_type)
        return vtype, struct.pack("<IQ", item_type, count) + body
    return vtype, draw(st.binary(max_size=12))


@st.composite
def gguf_files(draw: st.DrawFn) -> bytes:
    kvs = []
    keys = st.sampled_from(
        (
            "general.architecture",
            "general.alignment",
            "general.file_type",
            "general.parameter_count",
            "general.name",
            "llama.context_length",
            "tokenizer.ggml.tokens",
        )
    ) | st.text(max_size=10)
    for _ in range(draw(st.integers(0, 6))):
        vtype, data = draw(values())
        kvs.append(_string(draw(keys)) + struct.pack("<I", vtype) + data)
    tensors = []
    for _ in range(draw(st.integers(0, 4))):
        dims = draw(
            st.lists(st.integers(0, 2**64 - 1) | st.integers(1, 4096), min_size=0, max_size=5)
        )
        tensors.append(
            _string(draw(st.text(max_size=8)))
            + struct.pack("<I", len(dims))
            + b"".join(struct.pack("<Q", d) for d in dims)
            + struct.pack(
                "<IQ",
                draw(st.integers(0, 40)),
                draw(st.integers(0, 2**64 - 1) | st.integers(0, 4096)),
            )
        )
    n_tensors = draw(st.sampled_from((len(tensors), len(tensors), 2**64 - 1, 2**20 + 1)))
    n_kv = draw(st.sampled_from((len(kvs), len(kvs), 2**16 + 1, len(kvs) + 1)))
    version = draw(st.sampled_from((3, 3, 2, 1, 0x03000000)))
    data = b"GGUF" + struct.pack("<IQQ", version, n_tensors, n_kv) + b"".join(kvs + tensors)
    data += b"\0" * draw(st.integers(0, 64))
    cut = draw(st.integers(0, len(data)))
    data = data[:cut] if draw(st.booleans()) else data
    if data and draw(st.booleans()):
        i = draw(st.integers(0, len(data) - 1))
        data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
    return data


def _check(path: Path, data: bytes) -> None:
    path.write_bytes(data)
    started = time.monotonic()
    try:
        info = read_gguf(path)
    except GGUFError:
        return
    finally:
        assert time.monotonic() - started < CASE_SECONDS
    assert isinstance(info, GGUFInfo)
    for value in (info.architecture, info.name, info.quantization):
        assert isinstance(value, str)
    assert info.parameter_count >= 0 and info.context_length >= 0
    for t in info.tensors:
        assert t.nbytes is None or t.nbytes >= 0


@pytest.fixture(scope="module")
def gguf_file() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-gguf-") as folder:
        yield Path(folder) / "model.gguf"


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=gguf_files())
def test_generated_headers(gguf_file: Path, data: bytes) -> None:
    _check(gguf_file, data)


@settings(max_examples=1000, deadline=None)
@given(data=st.binary(max_size=200).map(lambda b: b"GGUF" + b if b[:1] == b"\x03" else b))
def test_any_bytes(gguf_file: Path, data: bytes) -> None:
    _check(gguf_file, data)
