"""An app killed in the middle of a switch of versions leaves one whole version on screen,
every other one kept, and no message lost or duplicated: the switch is killed before each
of its SQL statements in turn (a real child process, SIGKILL), and the file is opened again
as the next start of the app does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from desktop.core.chat.conversation import ChatParams
from desktop.services.chat import branches
from desktop.services.chat.store import ChatStore
from tests.chat.test_kill import read_line

ROOT = Path(__file__).resolve().parents[2]
TAIL = 300  # messages in each version after the fork


def build(path: Path) -> tuple[int, list[str], list[str], set[int]]:
    """A chat with two versions from position 1 on; the newer one is on screen."""
    s = ChatStore(path)
    with s.transaction():
        conv = s.create_conversation("t", "m", "", ChatParams(), True).id
        s.add_message(conv, "user", "question")
        for i in range(TAIL):
            s.add_message(conv, "assistant" if i % 2 == 0 else "user", f"old {i}")
        branches.set_aside(s, conv, 1)
        for i in range(TAIL):
            s.add_message(conv, "assistant" if i % 2 == 0 else "user", f"new {i}")
    ids = {int(r[0]) for r in s.db.execute("SELECT id FROM messages")}
    s.close()
    old = ["question"] + [f"old {i}" for i in range(TAIL)]
    new = ["question"] + [f"new {i}" for i in range(TAIL)]
    return conv, old, new, ids


def switch_and_kill(db: Path, conv: int, statement: int) -> str:
    """Run the switch in a child and SIGKILL it before its n-th statement; returns what
    the child said ("AT n SQL" when killed there, "DONE n" when the switch ended first)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.chat.child_switch", str(db), str(conv), "1", str(statement)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = read_line(proc, 30)
        if line.startswith("AT "):
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
            assert proc.returncode == -signal.SIGKILL
        else:
            proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return line


def test_a_kill_at_any_point_of_a_switch_leaves_a_consistent_chat(tmp_path: Path) -> None:
    seen: list[str] = []
    for statement in range(1, 40):
        db = tmp_path / f"chats-{statement}.sqlite3"
        conv, old, new, ids = build(db)
        said = switch_and_kill(db, conv, statement)
        assert said, "the child said nothing"
        s = ChatStore(db)  # what the next start of the app does
        try:
            branches.check(s, conv)
            shown = [m.content for m in s.messages(conv)]
            assert shown in (old, new), (said, shown[:3])  # one whole version, never a mix
            assert {int(r[0]) for r in s.db.execute("SELECT id FROM messages")} == ids
            assert branches.forks(s, conv)[1].total == 2
            if said.startswith("DONE"):
                assert shown == old  # the switch that ran to its end shows the old version
                break
            seen.append(said)
        finally:
            s.close()
    # it was killed inside the transaction: between its first and its last change
    assert any(" UPDATE messages" in s for s in seen) and any(" COMMIT" in s for s in seen)
