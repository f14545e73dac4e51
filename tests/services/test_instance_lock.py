"""Issue 24.5 and 24.6, with real processes, real files and (where root allows) another
user's files: a lock no live process holds never keeps the app out; a lock path the app
would not make is refused with a sentence naming it; and the activation socket lives where
no other user can take it first."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.instance_lock import LOCK_NAME, InstanceLock, LockProblem, LockState
from desktop.services.single_instance import MAX_UNIX_PATH, server_name

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534
AS_ROOT = os.name == "posix" and os.geteuid() == 0
needs_root = pytest.mark.skipif(not AS_ROOT, reason="another user's files need root")

# One launch of the app's start-up claim, in a process of its own (optionally as another
# user: everything is imported first, then the process gives up root for good).
CLAIM = """
import json, os, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from desktop.services.single_instance import Claim, SingleInstance
app = QCoreApplication([])
uid = int(os.environ.get("RUN_AS_UID") or -1)
if uid >= 0:
    os.setgroups([]); os.setgid(uid); os.setuid(uid)
inst = SingleInstance(Path(sys.argv[1]))
claim = inst.claim()
r = inst.lock_result
print(json.dumps({"claim": claim.value, "problem": r.problem.value if r.problem else None,
                  "owner": r.owner, "holder": r.holder, "socket": inst.name}), flush=True)
if claim is Claim.FIRST and len(sys.argv) > 2:  # stay, and say when asked for the window
    got = []
    inst.activated.connect(lambda: got.append(1))
    end = time.monotonic() + float(sys.argv[2])
    while time.monotonic() < end and not got:
        app.processEvents(); time.sleep(0.02)
    print("activated" if got else "not activated", flush=True)
"""


def claim(folder: Path, *, uid: int = -1, stay: float = 0.0) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RUN_AS_UID": str(uid)}
    if uid >= 0:
        env.pop("XDG_RUNTIME_DIR", None)
    args = [sys.executable, "-c", CLAIM, str(folder)] + ([str(stay)] if stay else [])
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def result(proc: subprocess.Popen[str], timeout: float = 30.0) -> dict[str, object]:
    """The claim's outcome; a launch that hangs (the old lock opened a FIFO and waited for
    ever) is killed and fails the test."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            proc.kill()
            pytest.fail(f"the launch did not decide within {timeout:g} s")
    line = proc.stdout.readline()
    assert line, "the claim printed nothing"
    return dict(json.loads(line))


def claimed(folder: Path, uid: int = -1) -> dict[str, object]:
    proc = claim(folder, uid=uid)
    try:
        return result(proc)
    finally:
        proc.wait(30)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    f = tmp_path / "config"
    f.mkdir(mode=0o700)
    return f


# -- 24.5: a lock file left behind never keeps the app out ------------------------------
@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage \n\n", b"999999999\n", f"{os.getpid()}\npython\n".encode()],
    ids=["empty", "garbage", "no such process", "a live process that holds nothing"],
)
def test_a_lock_file_no_live_process_holds_is_taken_over(folder: Path, content: bytes) -> None:
    """Each of these made every launch exit "already running but does not answer"."""
    (folder / LOCK_NAME).write_bytes(content)
    assert claimed(folder)["claim"] == "first"


def test_the_lock_of_a_killed_app_is_taken_over_and_a_live_one_is_not(folder: Path) -> None:
    first = claim(folder, stay=30)
    try:
        assert result(first)["claim"] == "first"
        second = claimed(folder)  # the live app answers: asked for its window
        assert second["claim"] == "activated"
        assert first.stdout is not None and first.stdout.readline().strip() == "activated"
    finally:
        first.kill()  # SIGKILL: no release, no clean-up; the lock file stays behind
        first.wait(10)
    assert (folder / LOCK_NAME).exists()
    assert claimed(folder)["claim"] == "first"


def test_a_live_holder_that_does_not_answer_is_named(folder: Path) -> None:
    """A process that holds the lock but has no window to show: the launch names it."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\n"
            "from desktop.services.instance_lock import InstanceLock\n"
            "lock = InstanceLock(Path(sys.argv[1]))\n"
            "print(lock.acquire().state.value, flush=True)\ntime.sleep(60)\n",
            str(folder),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "taken"
        got = claimed(folder)
        assert (got["claim"], got["holder"]) == ("not_answering", holder.pid)
    finally:
        holder.kill()
        holder.wait(10)


@pytest.mark.parametrize("kind", ["symlink", "dangling symlink", "folder", "fifo", "hard link"])
def test_a_lock_path_the_app_would_not_make_is_refused_and_left_alone(
    folder: Path, tmp_path: Path, kind: str
) -> None:
    lock = folder / LOCK_NAME
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    if kind == "symlink":
        lock.symlink_to(target)
    elif kind == "dangling symlink":
        lock.symlink_to(tmp_path / "nowhere")
    elif kind == "folder":
        lock.mkdir()
    elif kind == "fifo":
        os.mkfifo(lock)
    else:
        os.link(target, lock)
    got = claimed(folder)
    expected = {
        "symlink": "link",
        "dangling symlink": "link",
        "folder": "not_a_file",
        "fifo": "not_a_file",
        "hard link": "more_names",
    }[kind]
    assert (got["claim"], got["problem"]) == ("refused", expected)
    assert target.read_text() == "keep me\n"  # nothing written through it
    assert not (tmp_path / "nowhere").exists()


def test_the_refusal_names_the_file_through_the_real_entry_point(folder: Path) -> None:
    home = folder.parent / "home"
    (home / "config").mkdir(parents=True, mode=0o700)
    lock = home / "config" / LOCK_NAME
    lock.symlink_to("/etc/hostname")
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test", "--host", "http://127.0.0.1:9"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "OLLAMA_DESK_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 5, out.stderr
    assert str(lock) in out.stderr and "link" in out.stderr
    assert "does not answer" not in out.stderr


@needs_root
def test_another_users_lock_file_is_taken_over_when_no_one_holds_it(folder: Path) -> None:
    lock = folder / LOCK_NAME
    lock.write_bytes(b"")
    os.chown(lock, NOBODY, NOBODY)
    assert claimed(folder)["claim"] == "first"


@pytest.fixture
def users_folder() -> Iterator[Path]:
    """A settings folder of the user nobody, outside root's private temporary folders."""
    base = Path(tempfile.mkdtemp(prefix="desk-nobody-", dir="/tmp"))
    os.chmod(base, 0o755)
    config = base / "config"
    config.mkdir(mode=0o700)
    os.chown(config, NOBODY, NOBODY)
    try:
        yield config
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


@needs_root
@pytest.mark.parametrize("mode", [0o600, 0o644])
def test_another_users_lock_file_as_that_user_sees_it(users_folder: Path, mode: int) -> None:
    """The app runs as nobody; root left an empty instance.lock in its folder (an app once
    started with sudo). Readable: taken over (a read-only open can be locked). Not
    readable: refused, naming the file's owner."""
    lock = users_folder / LOCK_NAME
    lock.write_bytes(b"")
    lock.chmod(mode)
    got = claimed(users_folder, uid=NOBODY)
    if mode == 0o644:
        assert got["claim"] == "first"
    else:
        assert (got["claim"], got["problem"], got["owner"]) == ("refused", "unreadable", "root")
    assert lock.stat().st_uid == 0 and lock.read_bytes() == b""


def test_in_one_process_two_locks_exclude_each_other(folder: Path) -> None:
    one, two = InstanceLock(folder), InstanceLock(folder)
    assert one.acquire().state is LockState.TAKEN
    assert two.acquire().state is LockState.HELD
    assert two.acquire().holder == os.getpid()
    one.release()
    assert two.acquire().state is LockState.TAKEN
    two.release()
    assert LockProblem.LINK.value == "link"


# -- 24.6: the activation socket is this user's alone -----------------------------------
def test_the_socket_is_in_a_private_folder_never_the_shared_temporary_one(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(server_name(folder)).parent == runtime
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert Path(server_name(folder)) == folder / "instance.sock"
    deep = folder / ("d" * 60) / ("e" * 60)  # past the 104/108-byte AF_UNIX limit
    deep.mkdir(parents=True, mode=0o700)
    fallback = Path(server_name(deep))
    assert len(os.fsencode(fallback)) <= MAX_UNIX_PATH
    assert fallback.parent == Path(tempfile.gettempdir()) / f"ollama-desk-{os.geteuid()}"
    st = fallback.parent.lstat()
    assert stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid()
    assert stat.S_IMODE(st.st_mode) == 0o700
    runtime.chmod(0o777)  # a runtime folder others may write in is not used
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert Path(server_name(folder)).parent != runtime


@needs_root
def test_a_fallback_folder_made_by_another_user_is_not_used(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = Path(tempfile.mkdtemp(prefix="tmp-", dir="/tmp"))
    try:
        taken = temp / f"ollama-desk-{os.geteuid()}"
        taken.mkdir(mode=0o777)
        os.chown(taken, NOBODY, NOBODY)  # another user made it first
        monkeypatch.setattr(tempfile, "tempdir", str(temp))
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
        deep = folder / ("d" * 60) / ("e" * 60)
        deep.mkdir(parents=True, mode=0o700)
        assert server_name(deep) == ""  # no socket at all rather than someone else's
    finally:
        subprocess.run(["rm", "-rf", str(temp)], check=False)


class Squatter:
    """Another user's socket at the name the app used to take in the shared temporary
    folder; records every message it receives."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.got: list[bytes] = []
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(path)
        os.chmod(path, 0o777)  # anyone may connect: the trap
        self.sock.listen()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    self.got.append(conn.recv(100))


@needs_root
def test_another_user_cannot_take_the_activation_requests(users_folder: Path) -> None:
    """root listens first at <temp>/ollama-desk-<hash of the folder> (where the app put its
    socket); the app runs as nobody. The second launch must raise the first app's window,
    and the squatter must hear nothing."""
    import hashlib

    digest = hashlib.sha256(str(users_folder.resolve()).encode()).hexdigest()[:16]
    squatter = Squatter(os.path.join(tempfile.gettempdir(), f"ollama-desk-{digest}"))
    first = claim(users_folder, uid=NOBODY, stay=20)
    try:
        got = result(first)
        assert got["claim"] == "first"
        assert not str(got["socket"]).startswith(squatter.path)
        assert claimed(users_folder, uid=NOBODY)["claim"] == "activated"
        assert first.stdout is not None and first.stdout.readline().strip() == "activated"
        time.sleep(0.2)
        assert squatter.got == []
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        squatter.sock.close()
        with contextlib.suppress(OSError):
            os.unlink(squatter.path)
