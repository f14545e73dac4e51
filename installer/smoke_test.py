"""Smoke test of an installed Ollama Desk: does the thing a user starts actually work?

    python installer/smoke_test.py [EXE] [--timeout SECONDS]

EXE is the one-file executable, an installed launcher (/usr/bin/ollama-desk inside a
`dpkg -x` root, say), the `ollama-desk` script of a venv the wheel was installed into, or a
macOS "Ollama Desk.app"; it runs in a scratch folder, not the checkout. The default is what
`pyinstaller build.spec` leaves in dist/. Runs with the project's dev venv: it starts the
repository's fake Ollama server (tests/fake_ollama, which needs httpx) in this process.

Checks, each with the offscreen Qt platform and a throw-away settings folder:
  1. `--version` prints the version in pyproject.toml (package metadata is bundled);
  2. `--self-test` against the fake server: the window came up, connected, and the status
     bar shows the fake's version;
  3. the same in Japanese: the bundled translations load;
  4. `--self-test` with no server at all: it starts anyway and says the server is missing;
  5. `doctor --json` against the fake server, and against nothing (exit 1, running false);
  6. `forecast gemma3:270m --json`: the bundled model catalog is found;
  7. where xvfb-run exists: `--self-test` on the X11 (xcb) platform, through the check of its
     system libraries that runs before Qt starts.
Exit 0 when all pass; otherwise 1, with one line per failed check saying what was wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.fake_ollama import FakeOllama  # noqa: E402

FAKE_VERSION = "0.99.1-smoke"  # a version no real server reports: it must come from the fake


class SmokeError(Exception):
    pass


def default_exe() -> Path:
    dist = ROOT / "dist"
    if sys.platform == "win32":
        return dist / "ollama-desk.exe"
    if sys.platform == "darwin":
        return dist / "Ollama Desk.app"
    return dist / "ollama-desk"


def resolve_exe(path: Path) -> Path:
    """A .app bundle runs through its Contents/MacOS executable."""
    if path.suffix == ".app" and path.is_dir():
        found = sorted((path / "Contents" / "MacOS").iterdir())
        if not found:
            raise SmokeError(f"{path} has no executable in Contents/MacOS")
        return found[0]
    return path


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def free_dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Runner:
    def __init__(self, exe: Path, timeout: float) -> None:
        self.exe = exe
        self.timeout = timeout
        self.home = Path(tempfile.mkdtemp(prefix="ollama-desk-smoke-"))
        self.env = dict(os.environ)
        self.env.pop("OLLAMA_HOST", None)
        self.env.update(
            {
                "QT_QPA_PLATFORM": "offscreen",
                "OLLAMA_DESK_HOME": str(self.home),
                "PYTHONIOENCODING": "utf-8",
            }
        )

    def run(self, *args: str, x11: bool = False) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.exe), *args]
        env = self.env
        if x11:  # a real X server (Xvfb) and Qt's default platform choice
            cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x860x24", *cmd]
            env = {k: v for k, v in self.env.items() if k != "QT_QPA_PLATFORM"}
        try:
            return subprocess.run(
                cmd,
                env=env,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                timeout=self.timeout,
                stdin=subprocess.DEVNULL,
                cwd=self.home,  # never the checkout: its resources/ must not be what is found
            )
        except subprocess.TimeoutExpired as e:
            raise SmokeError(
                f"`{' '.join(cmd)}` did not finish in {self.timeout:.0f} s; "
                f"stderr: {_tail(e.stderr)}"
            ) from None

    def json_line(self, *args: str, want_rc: int | None = 0, x11: bool = False) -> dict[str, Any]:
        proc = self.run(*args, x11=x11)
        if want_rc is not None and proc.returncode != want_rc:
            raise SmokeError(
                f"`{' '.join(args)}` exited {proc.returncode}, expected "
                f"{want_rc}; stderr: {_tail(proc.stderr)}"
            )
        text = proc.stdout.strip()
        start = text.find("{")
        try:
            obj = json.loads(text[start:]) if start >= 0 else None
        except ValueError:
            obj = None
        if not isinstance(obj, dict):
            raise SmokeError(
                f"`{' '.join(args)}` printed no JSON object; stdout: "
                f"{_tail(proc.stdout)}; stderr: {_tail(proc.stderr)}"
            )
        return obj


def _tail(text: str | bytes | None, n: int = 600) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = (text or "").strip()
    return ("…" + text[-n:]) if len(text) > n else (text or "(empty)")


def _expect(cond: bool, message: str) -> None:
    if not cond:
        raise SmokeError(message)


def check_version(r: Runner) -> str:
    proc = r.run("--version")
    want = pyproject_version()
    _expect(
        proc.returncode == 0 and want in proc.stdout,
        f"--version printed {proc.stdout.strip()!r} (rc {proc.returncode}), expected {want}",
    )
    return proc.stdout.strip()


def check_connected(r: Runner, url: str) -> str:
    st = r.json_line("--self-test", "--lang", "en", "--host", url)
    _expect(st.get("window") is True, f"the window did not come up: {st}")
    _expect(st.get("status") == "connected", f"not connected to the fake server: {st}")
    _expect(
        st.get("version") == FAKE_VERSION,
        f"server version {st.get('version')!r}, expected {FAKE_VERSION!r}: {st}",
    )
    _expect(
        FAKE_VERSION in str(st.get("status_text")),
        f"the status bar does not show the server version: {st.get('status_text')!r}",
    )
    readers = st.get("attachments") or {}
    _expect(
        all(readers.get(k) for k in ("pdf", "docx", "jpeg", "webp")),
        f"attachment readers missing from the build (pypdf, python-docx/lxml, Qt's image "
        f"plugins): {readers}",
    )
    drawn = st.get("icons") or {}
    _expect(
        bool(drawn) and all(drawn.values()),
        f"the chat's icons are not drawn (QtSvg, resources/icons/actions or Qt's SVG image "
        f"plugin missing from the build): {drawn}",
    )
    _expect(
        st.get("retrieval_fts5") is True,
        "this build's sqlite has no FTS5: long documents would be searched in memory",
    )
    return str(st["status_text"])


def check_japanese(r: Runner, url: str) -> str:
    st = r.json_line("--self-test", "--lang", "ja", "--host", url)
    text = str(st.get("status_text"))
    _expect(
        st.get("status") == "connected" and FAKE_VERSION in text, f"not connected in Japanese: {st}"
    )
    _expect(
        any(ord(ch) > 0x3000 for ch in text),
        f"the status bar is not in Japanese, translations not bundled? {text!r}",
    )
    buttons = st.get("standard_buttons") or []
    _expect(
        "キャンセル" in buttons and "閉じる" in buttons,
        f"Qt's own buttons are not in Japanese (qtbase_ja.qm not loaded?): {buttons}",
    )
    _expect(st.get("style") == "fusion", f"the app style is {st.get('style')!r}, not fusion")
    return f"{text}; {' '.join(buttons)}"


def check_no_server(r: Runner, dead: str) -> str:
    st = r.json_line("--self-test", "--lang", "en", "--host", dead)
    _expect(st.get("window") is True, f"the window did not come up without a server: {st}")
    _expect(
        st.get("status") in ("not_running", "not_installed"),
        f"with no server the status is {st.get('status')!r}, expected not_running or "
        f"not_installed: {st}",
    )
    text = str(st.get("status_text"))
    _expect(
        st.get("version") == "" and "not" in text.lower() and "Connected" not in text,
        f"with no server the status bar says {text!r}",
    )
    return text


def check_doctor(r: Runner, url: str, dead: str) -> str:
    rep = r.json_line("--host", url, "doctor", "--json")
    server = rep.get("server") or {}
    _expect(
        server.get("running") is True and server.get("version") == FAKE_VERSION,
        f"doctor --json against the fake server: {rep}",
    )
    _expect(
        rep.get("app_version") == pyproject_version(),
        f"doctor reports app_version {rep.get('app_version')!r}, "
        f"pyproject.toml says {pyproject_version()!r}",
    )
    rep = r.json_line("--host", dead, "doctor", "--json", want_rc=1)
    _expect(
        (rep.get("server") or {}).get("running") is False,
        f"doctor --json with no server should say running: false: {rep}",
    )
    where = server.get("display") or server.get("host") or server.get("url")
    return f"server {server.get('version')} at {where}; none at {dead}"


def check_forecast(r: Runner, dead: str) -> str:
    rep = r.json_line("--host", dead, "forecast", "gemma3:270m", "--json")
    _expect(
        rep.get("name") == "gemma3:270m" and rep.get("size_source") == "catalog",
        f"forecast --json did not read the bundled catalog: {rep}",
    )
    fit = (rep.get("memory") or {}).get("fit")
    return f"{rep['name']}: {fit}, catalog {rep.get('catalog_compiled')}"


def check_x11(r: Runner, url: str) -> str:
    st = r.json_line("--self-test", "--lang", "en", "--host", url, x11=True)
    _expect(
        st.get("window") is True and st.get("status") == "connected",
        f"the window did not come up on X11: {st}",
    )
    return f"xcb platform: {st.get('status_text')}"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Smoke-test a frozen Ollama Desk executable.")
    p.add_argument("exe", nargs="?", type=Path, default=None)
    p.add_argument("--timeout", type=float, default=90.0, help="seconds per launch")
    args = p.parse_args(argv)
    try:
        exe = resolve_exe((args.exe or default_exe()).absolute())
    except (SmokeError, OSError) as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    if not exe.exists():
        print(
            f"FAIL: no executable at {exe} (build it with `pyinstaller build.spec`)",
            file=sys.stderr,
        )
        return 1
    print(f"smoke test of {exe}")
    runner = Runner(exe, args.timeout)
    failures = 0
    with FakeOllama(version=FAKE_VERSION) as fake:
        dead = free_dead_url()
        checks: list[tuple[str, Callable[[], str]]] = [
            ("--version", lambda: check_version(runner)),
            ("window + server version", lambda: check_connected(runner, fake.url)),
            ("Japanese translation", lambda: check_japanese(runner, fake.url)),
            ("no server at all", lambda: check_no_server(runner, dead)),
            ("doctor --json", lambda: check_doctor(runner, fake.url, dead)),
            ("forecast --json", lambda: check_forecast(runner, dead)),
        ]
        if shutil.which("xvfb-run") and sys.platform.startswith("linux"):
            checks.append(("X11 window", lambda: check_x11(runner, fake.url)))
        else:
            print("skip  X11 window: no xvfb-run", flush=True)
        for name, check in checks:
            t0 = time.monotonic()
            try:
                detail = check()
            except SmokeError as e:
                failures += 1
                print(f"FAIL  {name}: {e}", flush=True)
            else:
                print(f"ok    {name} ({time.monotonic() - t0:.1f} s): {detail}", flush=True)
    if failures:
        print(f"{failures} smoke check(s) failed for {exe}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
