"""Killing the app mid-answer loses at most the last few hundred milliseconds of it."""

from __future__ import annotations

import os
import selectors
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.chat.conversation import MessageStatus
from desktop.services.chat.store import ChatStore
from tests.fake_ollama import FakeOllama
from tests.fake_ollama.models import DEFAULT_ANSWER

ROOT = Path(__file__).resolve().parents[2]


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    try:
        if not sel.select(timeout):
            return ""
        return proc.stdout.readline().strip()
    finally:
        sel.close()


def peek(db: Path, msg_id: int) -> tuple[str, str] | None:
    """Read without the app's recovery (a read-only second connection)."""
    if not db.exists():
        return None
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT content, status FROM messages WHERE id=?", (msg_id,)).fetchone()
        # a streaming answer grows by appended parts (folded in when it ends)
        parts = conn.execute(
            "SELECT content FROM message_parts WHERE message_id=? ORDER BY id", (msg_id,)
        ).fetchall()
    finally:
        conn.close()
    return (str(row[0]) + "".join(p[0] for p in parts), str(row[1])) if row else None


def test_partial_answer_survives_sigkill(
    qtbot: QtBot, fake_ollama: FakeOllama, tmp_path: Path
) -> None:
    fake_ollama.token_delay = 0.08
    home = tmp_path / "app-home"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.chat.child_chat",
            fake_ollama.url,
            str(home),
            "gemma3-270m:latest",
            "Tell me about local models",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = read_line(proc, 30)
        assert line.startswith("STREAMING "), line
        msg_id = int(line.split()[1])
        db = home / "data" / "chats.sqlite3"
        # the app saves the growing answer by itself (every SAVE_INTERVAL_MS)
        qtbot.waitUntil(lambda: bool((peek(db, msg_id) or ("", ""))[0]), timeout=5000)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    content, status = peek(db, msg_id) or ("", "")
    assert status == "streaming" and content
    assert DEFAULT_ANSWER.startswith(content) and len(content) < len(DEFAULT_ANSWER)
    store = ChatStore(db)  # what the next start of the app does
    try:
        assert store.recovered == 1
        m = store.message(msg_id)
        assert m.status is MessageStatus.INTERRUPTED and m.content == content
        user = store.messages(m.conversation_id)[0]
        assert user.content == "Tell me about local models"
    finally:
        store.close()
