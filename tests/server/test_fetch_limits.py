"""Issue 24.8 for the setup downloads: the release answer and the checksum list are read
up to a cap and within a deadline, a redirect's body is never read, and a download never
grows past the size it was announced with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.core.setup.errors import SetupError, SetupErrorKind
from desktop.services.cancel import CancelToken
from desktop.services.server import fetch
from tests.hostile_peer import hostile_peer

HUGE = 100 << 20  # what a hostile peer offers; the app must read a small part of it
READ_AT_MOST = 24 << 20  # a stopped reader, plus what loopback socket buffers took


def fails(kind: SetupErrorKind, fn: Any) -> SetupError:
    with pytest.raises(SetupError) as info:
        fn()
    assert info.value.setup_kind is kind, info.value
    return info.value


def test_a_huge_release_answer_is_not_read() -> None:
    with hostile_peer() as (url, state):
        state.routes["/release"] = (200, {}, HUGE, 0.0)
        fails(SetupErrorKind.BAD_RELEASE, lambda: fetch.get_json(url + "/release"))
        assert state.sent < READ_AT_MOST


def test_a_redirect_body_is_not_read() -> None:
    with hostile_peer() as (url, state):
        state.routes["/latest"] = (302, {"Location": "/release"}, HUGE, 0.0)
        state.routes["/release"] = (200, {}, b'{"tag_name": "v0.33.0"}', 0.0)
        assert fetch.get_json(url + "/latest") == {"tag_name": "v0.33.0"}
        assert state.sent < READ_AT_MOST


def test_a_trickled_release_answer_is_given_up_on() -> None:
    """A byte every 20 ms never lets a 0.3 s read timeout run out (this answer would take
    ~1 s per 50 bytes); the whole answer has a deadline."""
    with hostile_peer() as (url, state):
        state.routes["/release"] = (200, {}, b'{"assets": []}' + b" " * 2000, 0.02)
        fails(SetupErrorKind.NETWORK, lambda: fetch.get_text(url + "/release", timeout=0.3))


@pytest.mark.parametrize("declared", [True, False])
def test_a_download_never_grows_past_its_announced_size(tmp_path: Path, declared: bool) -> None:
    size = 100_000
    with hostile_peer() as (url, state):
        headers = {"Content-Length": str(HUGE)} if declared else {}
        state.routes["/ollama.tgz"] = (200, headers, HUGE, 0.0)
        dest = tmp_path / "ollama.tgz"
        fails(
            SetupErrorKind.BAD_RELEASE,
            lambda: fetch.download(
                url + "/ollama.tgz",
                dest,
                expected_size=size,
                cancel=CancelToken(),
                report=lambda _p: None,
                retries=0,
            ),
        )
        part = dest.with_name(dest.name + ".part")
        assert not dest.exists() and part.stat().st_size <= size
        assert state.sent < READ_AT_MOST
