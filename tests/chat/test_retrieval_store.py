"""The chosen passages kept with an answer: written and read back with a page, gone with
the chat, a damaged row read as nothing, and a history from before this migration opened
read-only reads as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.attachments.model import Passage, PlaceKind
from desktop.core.chat.conversation import ChatParams
from desktop.core.retrieval.choice import Retrieval, UsedPassage
from desktop.services.chat import retrieval_store
from desktop.services.chat.schema import MIGRATIONS
from desktop.services.chat.store import ChatStore

CHOICE = Retrieval(
    (UsedPassage("report.pdf", "ab" * 32, Passage(PlaceKind.PAGE, 3, 3, "The key is blue."), 1),),
    "hybrid",
    "all-minilm:l6-v2",
    3000,
    42_000,
    (("ab" * 32, "report.pdf"),),
)


def chat(s: ChatStore) -> tuple[int, int]:
    conv = s.create_conversation("t", "m", "", ChatParams(), True)
    s.add_message(conv.id, "user", "Where is the key?")
    answer = s.add_message(conv.id, "assistant", "Under the pot.")
    return conv.id, answer.id


def test_kept_with_the_answer_and_gone_with_the_chat(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv_id, answer_id = chat(s)
    with s.transaction():
        retrieval_store.save(s.db, answer_id, CHOICE)
    s.close()
    s = ChatStore(tmp_path / "c.db")
    messages = s.load_page(conv_id)
    assert messages[1].retrieval == CHOICE and messages[0].retrieval is None
    assert s.messages_page(conv_id, 1, 1)[0].retrieval == CHOICE
    s.delete_conversation(conv_id)
    assert s.db.execute("SELECT COUNT(*) FROM message_retrievals").fetchone()[0] == 0
    s.close()


def test_a_damaged_row_reads_as_nothing(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv_id, answer_id = chat(s)
    s.db.execute(
        "INSERT INTO message_retrievals(message_id, data) VALUES (?, ?)", (answer_id, "{[")
    )
    assert [m.retrieval for m in s.messages(conv_id)] == [None, None]
    s.close()


def test_an_answer_deleted_meanwhile_keeps_nothing(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    _conv_id, answer_id = chat(s)
    s.db.execute("DELETE FROM messages WHERE id=?", (answer_id,))
    retrieval_store.save(s.db, answer_id, CHOICE)
    assert s.db.execute("SELECT COUNT(*) FROM message_retrievals").fetchone()[0] == 0
    s.close()


def test_a_history_from_before_opened_read_only(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    before = next(i for i, m in enumerate(MIGRATIONS) if "message_retrievals" in m)
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:before], 1):
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    db.execute("INSERT INTO conversations(id, title, created_at, updated_at) VALUES (1,'t',0,0)")
    db.execute(
        "INSERT INTO messages(conversation_id, position, role, content, created_at,"
        " updated_at) VALUES (1,0,'assistant','kept words',0,0)"
    )
    db.commit()
    db.close()
    path.chmod(0o444)
    ro = ChatStore(path, read_only=True)
    assert [(m.content, m.retrieval) for m in ro.messages(1)] == [("kept words", None)]
    ro.close()


def test_a_history_from_before_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    before = next(i for i, m in enumerate(MIGRATIONS) if "message_retrievals" in m)
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:before], 1):
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    db.close()
    s = ChatStore(path)
    assert s.schema_version == len(MIGRATIONS)
    conv_id, answer_id = chat(s)
    retrieval_store.save(s.db, answer_id, CHOICE)
    assert s.messages(conv_id)[1].retrieval == CHOICE
    s.close()
