"""Versions in sqlite: an edit or a Regenerate sets the old turns aside, never deletes them;
switching is one transaction; the chat on screen reads as fast and as linear as before."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.chat.conversation import ChatParams, MessageStatus
from desktop.core.chat.versions import Fork, fork_of, neighbour, shown_index
from desktop.services.chat import branches
from desktop.services.chat.exchange import NewChat, load_opening, store_question, store_regenerate
from desktop.services.chat.schema import MIGRATIONS
from desktop.services.chat.store import ChatStore, StoreError


def texts(s: ChatStore, conv_id: int) -> list[str]:
    return [m.content for m in s.messages(conv_id)]


def answer(s: ChatStore, msg_id: int, text: str) -> None:
    s.finish_message(msg_id, text, "", MessageStatus.COMPLETE)


def ask(s: ChatStore, conv_id: int, text: str, reply: str, edit_from: int | None = None) -> int:
    new = NewChat(text, "", ChatParams())
    ex = store_question(s, conv_id, new, "m", True, text, edit_from)
    answer(s, ex.messages[-1].id, reply)
    return ex.conversation.id


def regenerate(s: ChatStore, conv_id: int, position: int, reply: str) -> None:
    ex = store_regenerate(s, conv_id, position, "m")
    answer(s, ex.messages[-1].id, reply)


def all_ids(s: ChatStore, conv_id: int) -> set[int]:
    rows = s.db.execute("SELECT id FROM messages WHERE conversation_id=?", (conv_id,))
    return {int(r[0]) for r in rows}


def test_version_numbers() -> None:
    assert shown_index([]) == 0 and shown_index([0, 1]) == 2 and shown_index([1, 2]) == 0
    assert fork_of(3, [0, 2]) == Fork(3, 1, 3)
    assert fork_of(3, [0, 5]) == Fork(3, 1, 3)  # a gap (a file from elsewhere) still counts
    assert neighbour(1, [0, 2], +1) == 2 and neighbour(1, [0, 2], -1) == 0
    assert neighbour(2, [0, 1], +1) is None


def test_regenerate_twice_keeps_every_answer_and_switches_back(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv = ask(s, 0, "q1", "a1")
    conv = ask(s, conv, "q2", "first answer")
    ids = all_ids(s, conv)
    regenerate(s, conv, 3, "second answer")
    regenerate(s, conv, 3, "third answer")
    assert texts(s, conv) == ["q1", "a1", "q2", "third answer"]
    assert branches.forks(s, conv) == {3: Fork(3, 2, 3)}  # "3/3"
    assert branches.switch(s, conv, 3, -1)
    assert texts(s, conv) == ["q1", "a1", "q2", "second answer"]
    assert branches.forks(s, conv) == {3: Fork(3, 1, 3)}
    assert branches.switch(s, conv, 3, -1)
    assert texts(s, conv) == ["q1", "a1", "q2", "first answer"]
    assert not branches.switch(s, conv, 3, -1)  # nothing before the first
    assert branches.switch(s, conv, 3, +1) and branches.switch(s, conv, 3, +1)
    assert texts(s, conv) == ["q1", "a1", "q2", "third answer"]
    assert ids <= all_ids(s, conv)  # no row lost its id
    assert len(all_ids(s, conv)) == len(ids) + 2
    branches.check(s, conv)
    s.close()
    again = ChatStore(tmp_path / "c.db")  # the next start of the app
    assert texts(again, conv) == ["q1", "a1", "q2", "third answer"]
    assert branches.forks(again, conv) == {3: Fork(3, 2, 3)}
    again.close()


def test_edit_keeps_the_old_branch_with_its_own_forks(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv = ask(s, 0, "q1", "a1")
    conv = ask(s, conv, "q2", "a2")
    regenerate(s, conv, 3, "a2 again")  # a fork inside what the edit will set aside
    old_ids = all_ids(s, conv)
    conv = ask(s, conv, "q1 edited", "b1", edit_from=0)
    assert texts(s, conv) == ["q1 edited", "b1"]
    assert branches.forks(s, conv) == {0: Fork(0, 1, 2)}  # the fork at 3 is in the old one
    conv = ask(s, conv, "q2 new", "b2")
    assert s.count_messages(conv) == 4
    assert [m.position for m in s.message_index(conv)] == [0, 1, 2, 3]
    assert branches.switch(s, conv, 0, -1)  # back to the first version, as it was
    assert texts(s, conv) == ["q1", "a1", "q2", "a2 again"]
    assert branches.forks(s, conv) == {0: Fork(0, 0, 2), 3: Fork(3, 1, 2)}
    assert branches.switch(s, conv, 3, -1)
    assert texts(s, conv) == ["q1", "a1", "q2", "a2"]
    assert branches.switch(s, conv, 0, +1)
    assert texts(s, conv) == ["q1 edited", "b1", "q2 new", "b2"]
    assert old_ids <= all_ids(s, conv)
    branches.check(s, conv)
    opening = load_opening(s, conv, anchor=0)
    assert opening.total == 4 and opening.anchor == 0 and opening.forks == {0: Fork(0, 1, 2)}
    s.close()


def test_search_export_and_pages_see_only_the_version_on_screen(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv = ask(s, 0, "about tokyo", "old answer mentions kyoto")
    regenerate(s, conv, 1, "new answer")
    assert s.list_conversations("kyoto") == []
    assert [c.id for c in s.list_conversations("new answer")] == [conv]
    assert [m.content for m in s.load_page(conv)] == ["about tokyo", "new answer"]
    assert [m.content for m in s.messages_page(conv, 0, 5)] == ["about tokyo", "new answer"]
    s.close()


def test_deleting_a_chat_deletes_every_version(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv = ask(s, 0, "q", "a")
    regenerate(s, conv, 1, "b")
    ask(s, conv, "q edited", "c", edit_from=0)
    s.delete_conversation(conv)
    for table in ("messages", "branches"):
        assert s.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    s.close()


def test_a_failed_switch_changes_nothing(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv = ask(s, 0, "q", "a")
    regenerate(s, conv, 1, "b")
    s.db.execute(
        "CREATE TRIGGER fail_delete BEFORE DELETE ON branches"
        " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        branches.switch(s, conv, 1, -1)
    assert texts(s, conv) == ["q", "b"]
    assert branches.forks(s, conv) == {1: Fork(1, 1, 2)}
    branches.check(s, conv)
    s.close()


def test_a_history_from_before_versions_is_migrated_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    before = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE branches" in m)
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:before], 1):
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    db.execute("INSERT INTO conversations(id, title, created_at, updated_at) VALUES (1,'t',0,0)")
    for pos, (role, text) in enumerate([("user", "q"), ("assistant", "a")]):
        db.execute(
            "INSERT INTO messages(conversation_id, position, role, content, created_at,"
            " updated_at) VALUES (1,?,?,?,0,0)",
            (pos, role, text),
        )
    db.commit()
    db.close()
    s = ChatStore(path)
    assert s.schema_version == len(MIGRATIONS)
    assert texts(s, 1) == ["q", "a"] and branches.forks(s, 1) == {}
    regenerate(s, 1, 1, "b")
    assert texts(s, 1) == ["q", "b"]
    plan = " ".join(
        str(r[-1])
        for r in s.db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id=1 AND branch=0"
            " AND position<5 ORDER BY position DESC LIMIT 5"
        )
    )
    assert "messages_by_branch" in plan and "TEMP B-TREE" not in plan  # an index range read
    s.close()


def test_an_older_history_that_cannot_be_written_still_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    before = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE branches" in m)
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:before], 1):
        db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
    db.execute("INSERT INTO conversations(id, title, created_at, updated_at) VALUES (1,'t',0,0)")
    db.execute(
        "INSERT INTO messages(conversation_id, position, role, content, created_at,"
        " updated_at) VALUES (1,0,'user','kept words',0,0)"
    )
    db.commit()
    db.close()
    data = path.read_bytes()
    path.chmod(0o444)
    ro = ChatStore(path, read_only=True)
    try:
        opening = load_opening(ro, 1)
        assert [m.content for m in opening.messages] == ["kept words"] and opening.forks == {}
        assert [c.id for c in ro.list_conversations("kept")] == [1]
    finally:
        ro.close()
    assert path.read_bytes() == data  # not migrated, not touched


def test_check_finds_a_broken_chat(tmp_path: Path) -> None:
    s = ChatStore(tmp_path / "c.db")
    conv = ask(s, 0, "q", "a")
    regenerate(s, conv, 1, "b")
    s.db.execute("UPDATE messages SET branch=999 WHERE content='a'")
    with pytest.raises(StoreError):
        branches.check(s, conv)
    s.close()
