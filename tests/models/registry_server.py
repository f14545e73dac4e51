"""Registries for tests: the real Docker "distribution" registry (Debian's docker-registry)
on loopback, or a static server answering the recorded manifest and config blob."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

from tests.fake_ollama.models import FIXTURES

REGISTRY_BIN = shutil.which("docker-registry") or (
    "/usr/bin/docker-registry" if Path("/usr/bin/docker-registry").exists() else None
)
MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def distribution_registry(root: Path) -> Iterator[str]:
    """Run docker-registry with storage in ``root``; yield its base URL."""
    assert REGISTRY_BIN is not None
    port = free_port()
    config = root / "config.yml"
    config.write_text(
        "version: 0.1\n"
        "log:\n  level: info\n"
        f"storage:\n  filesystem:\n    rootdirectory: {root / 'data'}\n"
        f"http:\n  addr: 127.0.0.1:{port}\n"
    )
    proc = subprocess.Popen(
        [REGISTRY_BIN, "serve", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ready = threading.Event()
    lines: list[str] = []

    def watch() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if "listening on" in line:
                ready.set()
        ready.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        if not ready.wait(20) or proc.poll() is not None:
            raise RuntimeError("docker-registry did not start:\n" + "".join(lines[-20:]))
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def push_blob(client: httpx.Client, repo: str, data: bytes) -> dict[str, Any]:
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    r = client.post(f"/v2/{repo}/blobs/uploads/")
    assert r.status_code == 202, r.text
    location = r.headers["Location"]
    sep = "&" if "?" in location else "?"
    r = client.put(
        f"{location}{sep}digest={digest}",
        content=data,
        headers={"Content-Type": "application/octet-stream"},
    )
    assert r.status_code == 201, r.text
    return {"digest": digest, "size": len(data)}


def push_model(
    url: str, repo: str, tag: str, layers: list[tuple[str, bytes]], config: bytes
) -> dict[str, Any]:
    """Push blobs and a schema-2 manifest the way Ollama's registry stores a model."""
    with httpx.Client(base_url=url, timeout=30, trust_env=False) as client:
        manifest = {
            "schemaVersion": 2,
            "mediaType": MANIFEST_TYPE,
            "config": {
                "mediaType": "application/vnd.docker.container.image.v1+json",
                **push_blob(client, repo, config),
            },
            "layers": [
                {
                    "mediaType": f"application/vnd.ollama.image.{kind}",
                    **push_blob(client, repo, data),
                }
                for kind, data in layers
            ],
        }
        r = client.put(
            f"/v2/{repo}/manifests/{tag}",
            content=json.dumps(manifest),
            headers={"Content-Type": MANIFEST_TYPE},
        )
        assert r.status_code == 201, r.text
    return manifest


@contextmanager
def static_registry(
    repo: str = "library/gemma3", tag: str = "270m"
) -> Iterator[tuple[str, list[str]]]:
    """Serve the recorded manifest (253,113,615 bytes in all) as ``repo:tag`` (by default
    library/gemma3:270m) and its config blob; yield the URL and the requested paths."""
    manifest = (FIXTURES / "registry_manifest.json").read_bytes().strip()
    config = (FIXTURES / "registry_config_blob.json").read_bytes()  # as recorded: its digest
    config_digest = json.loads(manifest)["config"]["digest"]
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: Any) -> None:
            pass

        def do_GET(self) -> None:
            seen.append(self.path)
            if self.path == f"/v2/{repo}/manifests/{tag}":
                body, ctype = manifest, MANIFEST_TYPE
            elif self.path == f"/v2/{repo}/blobs/{config_digest}":
                # the real registry answers a 307 to a CDN; follow it like Ollama does
                self.send_response(307)
                self.send_header("Location", "/cdn/config")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            elif self.path == "/cdn/config":
                body, ctype = config, "application/octet-stream"
            else:
                body, ctype = b'{"errors":[{"code":"MANIFEST_UNKNOWN"}]}', "application/json"
                self.send_response(404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()
