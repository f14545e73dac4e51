"""Killing the app while it attaches and sends files leaves a consistent history: every
question has all of its attachments and every attachment its stored text, or the question
is not there at all."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.core.attachments.model import Document
from desktop.services.chat.store import ChatStore
from tests.attachments import documents as d
from tests.chat.test_kill import ROOT, read_line
from tests.fake_ollama import FakeOllama

FILES = 2


def check(db: Path) -> int:
    """The history as the next start finds it: returns how many questions it holds."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    store = ChatStore(db)  # recovery and the clean-up of unused payloads run here
    try:
        questions = 0
        for conv in store.list_conversations():
            for m in store.messages(conv.id):
                if m.role != "user":
                    continue
                questions += 1
                assert [a.name for a in m.attachments] == ["report.pdf", "notes.txt"]
                for a in m.attachments:
                    row = store.db.execute(
                        "SELECT data FROM attachment_blobs WHERE sha256=?", (a.blob,)
                    ).fetchone()
                    assert row is not None
                    assert Document.from_bytes(bytes(row[0])).passages
        unused = store.db.execute(
            "SELECT COUNT(*) FROM attachment_blobs WHERE sha256 NOT IN"
            " (SELECT blob FROM message_attachments)"
        ).fetchone()[0]
        assert unused == 0
        return questions
    finally:
        store.close()


@pytest.mark.parametrize("delay", [0.05, 0.4, 1.1])
def test_killed_while_attaching_and_sending(
    fake_ollama: FakeOllama, tmp_path: Path, delay: float
) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(d.report_pdf(120))
    notes = tmp_path / "notes.txt"
    notes.write_text("Remember: memory bandwidth sets the speed.\n" * 2000)
    home = tmp_path / "app-home"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.chat.child_attach",
            fake_ollama.url,
            str(home),
            "gemma3-270m:latest",
            str(report),
            str(notes),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert read_line(proc, 60).startswith("SENT "), "the child never sent"
        time.sleep(delay)  # somewhere in the next attach, store or answer
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert check(home / "data" / "chats.sqlite3") >= 1
