"""The settings loader on any settings.json (fuzz suite, issue 10.3 and 10.14): random bytes
and objects whose declared keys carry values of any type. Loading never raises; every value
the app then reads is one its setting accepts (finite, in range, of its type); whatever was
refused is named in the notice, and the file as it was is kept byte for byte."""

from __future__ import annotations

import contextlib
import json
import math
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core import settings as schema
from desktop.services.settings_store import SettingsStore
from tests.fuzz.strategies import JSON, SCALARS

KEYS = st.sampled_from([s.key for s in schema.all_settings()])
NUMBERISH = st.sampled_from(
    ("NaN", "nan", "inf", "-Infinity", "1e999", "1.5", "12", " 7 ", "0x10", "", "true", "1_000")
)
OBJECTS = st.dictionaries(KEYS | st.text(max_size=6), SCALARS | NUMBERISH | JSON, max_size=6)


def _load(folder: Path, data: bytes) -> SettingsStore:
    path = folder / "settings.json"
    path.write_bytes(data)
    store = SettingsStore(path)
    for s in schema.all_settings():
        value = store.get(s.key)
        assert s.coerce(value) == value, (s.key, value)
        assert not (isinstance(value, float) and not math.isfinite(value))
    notice = store.load_notice
    if notice is not None:
        assert notice.kept_copy is not None and notice.kept_copy.read_bytes() == data
    return store


@contextlib.contextmanager
def _folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-settings-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OBJECTS)
def test_any_object(raw: dict[str, Any]) -> None:
    data = json.dumps(raw, allow_nan=True).encode()
    with _folder() as folder:
        store = _load(folder, data)
    rejected = {r.key for r in store.load_notice.rejected} if store.load_notice else set()
    for key, value in raw.items():
        if key not in {s.key for s in schema.all_settings()}:
            continue
        try:
            accepted = schema.spec(key).coerce(value)
        except ValueError:
            assert key in rejected  # said which
        else:
            assert store.get(key) == accepted and key not in rejected


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes(data: bytes) -> None:
    with _folder() as folder:
        _load(folder, data)
