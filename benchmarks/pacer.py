"""A streaming server in a process of its own, and a bare httpx client to compare with.

The app's CPU is measured for its whole process, so the server must not live in it. The
server is the tests' fake Ollama with one change: tokens leave on an exact schedule
(t0 + i / rate) instead of "sleep a fixed delay after each", so 50 tok/s means 50 tok/s.

Run as a program: ``python -m benchmarks.pacer serve RATE TOKENS`` prints the URL and serves
until stdin closes; ``python -m benchmarks.pacer client URL MODEL`` reads one answer the way
a minimal client does (httpx, one JSON parse per line) and prints its CPU seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MODEL = "qwen2.5:0.5b"
ROOT = Path(__file__).resolve().parent.parent
PROSE = (
    "Local models run on **your own computer**, and on a CPU the *memory bandwidth* sets "
    "the speed of every token, so `smaller` models answer faster."
)
WORDS = PROSE.split()


def answer_text(tokens: int) -> str:
    """Prose with markdown, lists and code: tokens are the fake server's words."""
    out: list[str] = []
    for i in range(tokens):
        out.append(WORDS[i % len(WORDS)])
        if i % 60 == 59:
            out.append("\n\n- a point with `code`\n- another\n\n```python\nx = 1\n```\n\n")
    return " ".join(out)


def _serve(rate: float, tokens: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.fake_ollama import FakeOllama, default_registry
    from tests.fake_ollama import server as fake_server

    def paced_sleep(self: object, seconds: float) -> None:
        now = time.monotonic()
        due = getattr(self, "_due", now)
        if now - due > 0.25:  # a new answer on a kept-alive connection: a new schedule
            due = now
        due += seconds
        self._due = due  # type: ignore[attr-defined]
        if due > now:
            time.sleep(due - now)

    fake_server._Handler._sleep = paced_sleep  # type: ignore[method-assign]
    model = default_registry()[MODEL]
    model.answer = answer_text(tokens)
    fake = FakeOllama(token_delay=1 / rate if rate > 0 else 0.0)
    fake.install(model)
    with fake:
        print(fake.url, flush=True)
        sys.stdin.read()


def _serve_text(path: str, piece: int) -> None:
    """Serve the text in ``path`` as fast as it can be sent, ``piece`` characters a line
    (a model streaming a huge answer, a server sending a long one in a few lines)."""
    import re

    sys.path.insert(0, str(ROOT))
    from tests.fake_ollama import FakeOllama, chat_endpoints, default_registry

    chat_endpoints._TOKEN = re.compile(f"[\\s\\S]{{1,{piece}}}")  # noqa: SLF001
    model = default_registry()[MODEL]
    model.answer = Path(path).read_text(encoding="utf-8")
    fake = FakeOllama()
    fake.install(model)
    with fake:
        print(fake.url, flush=True)
        sys.stdin.read()


@contextmanager
def text_server(path: Path, piece: int) -> Iterator[str]:
    """A server process that answers every chat with the text in ``path``."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.pacer", "serve-text", str(path), str(piece)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(30)


def _client(url: str, model: str) -> None:
    import resource

    import httpx

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    body = {"model": model, "messages": [{"role": "user", "content": "go"}], "stream": True}
    with httpx.Client(timeout=None) as client:
        c0, t0 = cpu(), time.perf_counter()
        parts, n = [], 0
        with client.stream("POST", f"{url}/api/chat", json=body) as resp:
            for line in resp.iter_lines():
                if line:
                    obj = json.loads(line)
                    parts.append(obj.get("message", {}).get("content", ""))
                    n += 1
        "".join(parts)
        print(json.dumps({"cpu": cpu() - c0, "wall": time.perf_counter() - t0, "lines": n}))


@contextmanager
def paced_server(rate: float, tokens: int) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.pacer", "serve", str(rate), str(tokens)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert proc.stdout is not None
        yield proc.stdout.readline().strip()
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(10)


def bare_client_cpu(url: str) -> dict[str, float]:
    """CPU seconds a bare httpx client spends reading one whole answer."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.pacer", "client", url, MODEL],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        _serve(float(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "serve-text":
        _serve_text(sys.argv[2], int(sys.argv[3]))
    else:
        _client(sys.argv[2], sys.argv[3])
