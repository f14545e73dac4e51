"""A local release server shaped like GitHub's: the releases API and release downloads.

    GET /repos/ollama/ollama/releases/latest        -> {"tag_name", "assets": [...]}
    GET /repos/ollama/ollama/releases/tags/<tag>
    GET /download/<tag>/<asset>                     (Range: bytes=N- supported -> 206)

Faults: ``drop(name, after_bytes, times)`` cuts the connection mid-download;
``tamper(name)`` serves different bytes than sha256sum.txt says.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.release_server.archives import (
    Entry,
    linux_tree,
    make_tar,
    make_zip,
    sha256sum_txt,
    windows_tree,
)


@dataclass
class Drop:
    after_bytes: int
    times: int


@dataclass
class ReleaseData:
    tag: str
    files: dict[str, bytes] = field(default_factory=dict)
    prerelease: bool = False

    def finish(self) -> ReleaseData:
        if "sha256sum.txt" not in self.files:
            self.files["sha256sum.txt"] = sha256sum_txt(self.files).encode()
        return self


def standard_release(version: str, *, linux_entries: list[Entry] | None = None) -> ReleaseData:
    """A release with ollama-linux-{amd64,arm64}.tar.zst, ollama-windows-amd64.zip and
    sha256sum.txt, every archive holding the executable stand-in."""
    tree = linux_entries if linux_entries is not None else linux_tree(version)
    files = {
        "ollama-linux-amd64.tar.zst": make_tar(tree, "zst"),
        "ollama-linux-arm64.tar.zst": make_tar(tree, "zst"),
        "ollama-windows-amd64.zip": make_zip(windows_tree(version)),
    }
    return ReleaseData(f"v{version}", files).finish()


class ReleaseServer:
    API_PATH = "/repos/ollama/ollama/releases"

    def __init__(self, releases: list[ReleaseData] | None = None) -> None:
        self.releases: dict[str, ReleaseData] = {}
        self.latest = ""
        for r in releases or [standard_release("0.33.0")]:
            self.add(r)
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str | None]] = []  # (path, Range header)
        self.drops: dict[str, Drop] = {}
        self.tampered: set[str] = set()
        self.slow = 0.0  # seconds between 16 KB chunks (for cancel tests)
        self._conns: set[socket.socket] = set()
        self._httpd: ThreadingHTTPServer | None = None

    def add(self, release: ReleaseData, latest: bool = True) -> None:
        self.releases[release.tag] = release
        if latest:
            self.latest = release.tag

    # -- controls ------------------------------------------------------------------------
    def drop(self, name: str, after_bytes: int, times: int = 1) -> None:
        with self.lock:
            self.drops[name] = Drop(after_bytes, times)

    def tamper(self, name: str) -> None:
        self.tampered.add(name)

    def ranges_requested(self, name: str) -> list[str | None]:
        with self.lock:
            return [r for p, r in self.requests if p.endswith("/" + name)]

    # -- lifecycle -----------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def api_base(self) -> str:
        return self.url + self.API_PATH

    @property
    def download_base(self) -> str:
        return self.url + "/download"

    def start(self) -> ReleaseServer:
        owner = self

        class Handler(_Handler):
            server_owner = owner

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        with self.lock:
            conns = list(self._conns)
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ReleaseServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def release_json(self, r: ReleaseData) -> dict[str, Any]:
        return {
            "tag_name": r.tag,
            "name": r.tag,
            "draft": False,
            "prerelease": r.prerelease,
            "assets": [
                {
                    "name": n,
                    "size": len(d),
                    "content_type": "application/octet-stream",
                    "browser_download_url": f"{self.download_base}/{r.tag}/{n}",
                }
                for n, d in sorted(r.files.items())
            ],
        }


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # dropped connections are part of the tests


_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


class _Handler(BaseHTTPRequestHandler):
    server_owner: ReleaseServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def setup(self) -> None:
        super().setup()
        with self.server_owner.lock:
            self.server_owner._conns.add(self.connection)

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()
        with self.server_owner.lock:
            self.server_owner._conns.discard(self.connection)

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        owner = self.server_owner
        path = self.path.split("?")[0]
        with owner.lock:
            owner.requests.append((path, self.headers.get("Range")))
        api = ReleaseServer.API_PATH
        if path == f"{api}/latest":
            self._send(200, json.dumps(owner.release_json(owner.releases[owner.latest])).encode())
            return
        if path.startswith(f"{api}/tags/"):
            r = owner.releases.get(path.rsplit("/", 1)[1])
            if r is None:
                self._send(404, b'{"message": "Not Found"}')
            else:
                self._send(200, json.dumps(owner.release_json(r)).encode())
            return
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "download":
            r = owner.releases.get(parts[2])
            data = r.files.get(parts[3]) if r else None
            if data is None:
                self._send(404, b"Not Found", "text/plain")
                return
            if parts[3] in owner.tampered:
                data = data[:-16] + bytes(16)
            self._file(parts[3], data)
            return
        self._send(404, b"Not Found", "text/plain")

    def _file(self, name: str, data: bytes) -> None:
        owner = self.server_owner
        start, status = 0, 200
        rng = self.headers.get("Range")
        m = _RANGE.match(rng or "")
        if m:
            start = int(m.group(1))
            if start >= len(data):
                self._send(416, b"", "text/plain", {"Content-Range": f"bytes */{len(data)}"})
                return
            status = 206
        body = data[start:]
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        with owner.lock:
            drop = owner.drops.get(name)
            cut = None
            if drop is not None and drop.times != 0:
                drop.times -= 1
                cut = max(0, drop.after_bytes - start)
        sent = 0
        step = 16 * 1024
        try:
            while sent < len(body):
                if cut is not None and sent >= cut:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                end = min(
                    len(body), sent + step, cut if cut is not None and cut > sent else len(body)
                )
                self.wfile.write(body[sent:end])
                sent = end
                if owner.slow:
                    threading.Event().wait(owner.slow)
        except OSError:
            return
