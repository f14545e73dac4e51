"""Blocking HTTP for setup: small JSON/text GETs and a resumable download (HTTP Range).
Runs in worker threads only. Nothing a peer sends is read without a bound (issue 24.8): a
text answer is capped (MAX_TEXT) and read within a deadline; a download never grows past
the size it was announced with (the release's asset size, else its Content-Length)."""

from __future__ import annotations

import contextlib
import errno
import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from desktop.core.setup.errors import InstallProgress, SetupError, SetupErrorKind
from desktop.core.transfer import SpeedMeter
from desktop.services.bounded_read import (
    BodyTooLargeError,
    Deadline,
    DeadlineError,
    get_stream,
    read_capped,
)
from desktop.services.cancel import CancelToken

CHUNK = 64 * 1024
# GitHub's release answer for Ollama (~50 assets) is about 100 KB and a sha256sum.txt a
# few KB; a peer that sends megabytes is not a release server.
MAX_TEXT = 4 << 20
TEXT_DEADLINE_FACTOR = 3  # the whole text answer vs one read's timeout
REPORT_EVERY_S = 0.1
RETRIES = 3
RETRY_KINDS = (SetupErrorKind.NETWORK, SetupErrorKind.OFFLINE, SetupErrorKind.REFUSED)


def _client(timeout: float) -> httpx.Client:
    # redirects are followed by bounded_read.get_stream, which does not read their bodies
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": "ollama-desk", "Accept": "application/vnd.github+json, */*"},
    )


def _causes(e: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    cur: BaseException | None = e
    while cur is not None and cur not in chain and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    return chain


def _http_error(url: str, e: Exception, cancel: CancelToken | None) -> SetupError:
    """What happened, in kinds a person can act on: no network (the name does not resolve
    or nothing can be reached), refused, or interrupted mid-way."""
    if cancel is not None and cancel.cancelled:
        return SetupError(SetupErrorKind.CANCELLED)
    if isinstance(e, httpx.HTTPStatusError):
        return SetupError(SetupErrorKind.HTTP, f"{e.response.status_code} {url}")
    server = httpx.URL(url).netloc.decode("ascii", "replace")
    chain = _causes(e)
    text = " ".join(str(c) for c in chain).lower()
    if isinstance(e, httpx.ConnectError | httpx.ConnectTimeout):
        if any(isinstance(c, ConnectionRefusedError) for c in chain) or "refused" in text:
            return SetupError(SetupErrorKind.REFUSED, server)
        return SetupError(SetupErrorKind.OFFLINE, server)
    return SetupError(SetupErrorKind.NETWORK, f"{type(e).__name__}: {e} ({url})")


def get_text(url: str, cancel: CancelToken | None = None, timeout: float = 20.0) -> str:
    """A small text answer (at most MAX_TEXT), whole within TEXT_DEADLINE_FACTOR * timeout."""
    deadline = Deadline(timeout * TEXT_DEADLINE_FACTOR)
    with deadline, _client(timeout) as c:
        try:
            with get_stream(c, url, deadline=deadline) as r:
                ctx = cancel.watching(r) if cancel else contextlib.nullcontext()
                with ctx:
                    r.raise_for_status()
                    return read_capped(r, MAX_TEXT, deadline).decode("utf-8", "replace")
        except BodyTooLargeError as e:
            raise SetupError(SetupErrorKind.BAD_RELEASE, f"{e}: {url}") from None
        except DeadlineError as e:
            raise SetupError(SetupErrorKind.NETWORK, f"{e} ({url})") from None
        except httpx.HTTPError as e:
            if deadline.expired and not (cancel is not None and cancel.cancelled):
                raise SetupError(
                    SetupErrorKind.NETWORK, f"no complete answer in time ({url})"
                ) from None
            raise _http_error(url, e, cancel) from None


def get_json(url: str, cancel: CancelToken | None = None, timeout: float = 20.0) -> Any:
    text = get_text(url, cancel, timeout)
    try:
        return json.loads(text)
    except ValueError:
        raise SetupError(SetupErrorKind.BAD_RELEASE, f"not JSON: {url}") from None


def _sidecar(part: Path) -> Path:
    return part.with_name(part.name + ".json")


def download(
    url: str,
    dest: Path,
    *,
    expected_size: int = 0,
    cancel: CancelToken,
    report: Callable[[InstallProgress], None],
    timeout: float = 30.0,
    retries: int = RETRIES,
) -> Path:
    """Download ``url`` to ``dest``, resuming ``dest.part`` left by a drop or an earlier run
    of the app (only when it was for the same URL). Retries a dropped connection a few
    times, each time from where it stopped. Disk full deletes the partial file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    side = _sidecar(part)
    meta = {"url": url, "size": expected_size}
    try:
        old = json.loads(side.read_text())
    except (OSError, ValueError):
        old = None
    if old != meta:
        part.unlink(missing_ok=True)
        side.write_text(json.dumps(meta))
    wait = threading.Event()
    attempt = 0
    while True:
        try:
            _download_once(url, part, expected_size, cancel, report, timeout)
            break
        except OSError as e:
            if e.errno == errno.ENOSPC:
                part.unlink(missing_ok=True)
                side.unlink(missing_ok=True)
                raise SetupError(SetupErrorKind.DISK_FULL, str(e)) from None
            raise SetupError(SetupErrorKind.IO, str(e)) from None
        except SetupError as e:
            if e.setup_kind not in RETRY_KINDS or attempt >= retries:
                if e.setup_kind is SetupErrorKind.DISK_FULL:
                    part.unlink(missing_ok=True)
                    side.unlink(missing_ok=True)
                raise
            attempt += 1
            wait.wait(min(0.2 * attempt, 1.0))
            if cancel.cancelled:
                raise SetupError(SetupErrorKind.CANCELLED) from None
    part.replace(dest)
    side.unlink(missing_ok=True)
    return dest


def _check(cancel: CancelToken) -> None:
    if cancel.cancelled:
        raise SetupError(SetupErrorKind.CANCELLED)


def _download_once(
    url: str,
    part: Path,
    expected: int,
    cancel: CancelToken,
    report: Callable[[InstallProgress], None],
    timeout: float,
) -> None:
    _check(cancel)
    have = part.stat().st_size if part.exists() else 0
    if expected and have == expected:
        return
    if expected and have > expected:
        part.unlink()
        have = 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    meter = SpeedMeter(window=3.0)
    with _client(timeout) as c:
        try:
            with get_stream(c, url, headers=headers) as r, cancel.watching(r):
                if r.status_code == 416 and have:
                    part.unlink()  # our partial file is longer than the file: start over
                    raise SetupError(SetupErrorKind.NETWORK, "range not satisfiable")
                r.raise_for_status()
                start = 0
                if r.status_code == 206:
                    start = _range_start(r.headers.get("content-range", ""))
                    if start != have:
                        raise SetupError(
                            SetupErrorKind.HTTP, f"server resumed at {start}, not {have}"
                        )
                total = expected
                if not total:
                    length = int(r.headers.get("content-length") or 0)
                    total = start + length if length else 0
                mode = "ab" if start else "wb"
                done = start
                last = 0.0
                now = time.monotonic()
                meter.feed(now, done)
                report(InstallProgress("download", done, total, resumed_from=start))
                with open(part, mode, buffering=0) as out:
                    for block in r.iter_bytes(CHUNK):
                        _check(cancel)
                        if total and done + len(block) > total:  # more than announced
                            raise SetupError(
                                SetupErrorKind.BAD_RELEASE,
                                f"{url} sent more than its {total} bytes",
                            )
                        try:
                            out.write(block)
                        except OSError as e:
                            if e.errno == errno.ENOSPC:
                                raise SetupError(SetupErrorKind.DISK_FULL, str(part)) from None
                            raise SetupError(SetupErrorKind.IO, str(e)) from None
                        done += len(block)
                        now = time.monotonic()
                        if now - last >= REPORT_EVERY_S:
                            last = now
                            meter.feed(now, done)
                            eta = meter.eta(total) if total else None
                            report(
                                InstallProgress(
                                    "download", done, total, meter.rate or 0.0, eta, start
                                )
                            )
                    try:
                        out.flush()
                    except OSError as e:
                        kind = (
                            SetupErrorKind.DISK_FULL
                            if e.errno == errno.ENOSPC
                            else SetupErrorKind.IO
                        )
                        raise SetupError(kind, str(e)) from None
                if total and done != total:
                    raise SetupError(
                        SetupErrorKind.NETWORK, f"connection ended at {done} of {total} bytes"
                    )
                report(InstallProgress("download", done, total or done, 0.0, 0.0, start))
        except httpx.HTTPError as e:
            raise _http_error(url, e, cancel) from None


def _range_start(content_range: str) -> int:
    # "bytes 100-999/1000"
    try:
        return int(content_range.split()[1].split("-")[0])
    except (IndexError, ValueError):
        return -1
