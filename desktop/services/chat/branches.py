"""The other versions of a chat in sqlite: what an edit or a Regenerate set aside.

The chat on screen stays the conversation's linear positions (``messages.branch = 0``),
so everything that reads a chat (the windowed transcript, search, export, partial saves)
reads only it, through the same index, as fast as before. Each other version is a
*branch*: the run of messages from a fork position to the end of that version, kept as
the same rows with ``messages.branch`` set to the branch's id. Rows never change id (saves
and attachments address messages by id). A branch hangs off the chat on screen
(``parent = 0``) or off another branch (a fork inside an older version), and carries its
number among the versions at its fork (versions.py).

Setting a version aside and switching are each one transaction (BEGIN IMMEDIATE): an app
killed in the middle leaves the chat as it was before or as it is after, never half.
"""

from __future__ import annotations

from desktop.core.chat.versions import Fork, fork_of, neighbour, shown_index
from desktop.services.chat.store import ChatStore, StoreError

ON_SCREEN = 0  # messages.branch and branches.parent of the version on screen


def _hidden(s: ChatStore, conv_id: int, position: int) -> dict[int, int]:
    """The hidden versions at a fork of the chat on screen: number -> branch id."""
    rows = s.db.execute(
        "SELECT number, id FROM branches WHERE conversation_id=? AND parent=? AND position=?",
        (conv_id, ON_SCREEN, position),
    ).fetchall()
    return {int(r[0]): int(r[1]) for r in rows}


def _set_aside(s: ChatStore, conv_id: int, position: int, number: int) -> bool:
    """Move the chat on screen from ``position`` on into a new branch numbered ``number``,
    with the forks inside it. False when nothing is there to move."""
    db = s.db
    there = db.execute(
        "SELECT 1 FROM messages WHERE conversation_id=? AND branch=? AND position>=? LIMIT 1",
        (conv_id, ON_SCREEN, position),
    ).fetchone()
    if there is None:
        return False
    cur = db.execute(
        "INSERT INTO branches(conversation_id, parent, position, number) VALUES (?,?,?,?)",
        (conv_id, ON_SCREEN, position, number),
    )
    branch = int(cur.lastrowid or 0)
    db.execute(
        "UPDATE branches SET parent=? WHERE conversation_id=? AND parent=? AND position>?",
        (branch, conv_id, ON_SCREEN, position),
    )
    db.execute(
        "UPDATE messages SET branch=? WHERE conversation_id=? AND branch=? AND position>=?",
        (branch, conv_id, ON_SCREEN, position),
    )
    return True


def set_aside(s: ChatStore, conv_id: int, position: int) -> None:
    """Keep the messages from ``position`` on as an older version (an edit of the message
    there, or a Regenerate of the answer there, writes the new version after this)."""
    with s.transaction():
        _set_aside(s, conv_id, position, shown_index(_hidden(s, conv_id, position)))


def switch(s: ChatStore, conv_id: int, position: int, step: int) -> bool:
    """Show the next (``step`` > 0) or previous version at the fork at ``position``; the one
    shown now is kept as a branch. False when there is no such version."""
    with s.transaction():
        hidden = _hidden(s, conv_id, position)
        shown = shown_index(hidden)
        target = neighbour(shown, hidden, step)
        if target is None:
            return False
        branch = hidden[target]
        _set_aside(s, conv_id, position, shown)
        db = s.db
        db.execute(
            "UPDATE messages SET branch=? WHERE conversation_id=? AND branch=?",
            (ON_SCREEN, conv_id, branch),
        )
        db.execute(
            "UPDATE branches SET parent=? WHERE conversation_id=? AND parent=?",
            (ON_SCREEN, conv_id, branch),
        )
        db.execute("DELETE FROM branches WHERE id=?", (branch,))
    return True


def forks(s: ChatStore, conv_id: int) -> dict[int, Fork]:
    """Every fork of the chat on screen, by position (one small indexed read: a chat has
    as many forks as it had edits and regenerates, not as many as messages)."""
    rows = s.db.execute(
        "SELECT position, number FROM branches WHERE conversation_id=? AND parent=?"
        " ORDER BY position",
        (conv_id, ON_SCREEN),
    ).fetchall()
    numbers: dict[int, list[int]] = {}
    for r in rows:
        numbers.setdefault(int(r[0]), []).append(int(r[1]))
    return {p: fork_of(p, hidden) for p, hidden in numbers.items()}


def check(s: ChatStore, conv_id: int) -> None:
    """Raise StoreError unless the chat's versions hang together (tests, crash checks):
    the chat on screen has positions 0..n-1, every other row is in a branch of this
    chat, and every branch starts at its fork."""
    db = s.db
    shown = [
        int(r[0])
        for r in db.execute(
            "SELECT position FROM messages WHERE conversation_id=? AND branch=? ORDER BY position",
            (conv_id, ON_SCREEN),
        )
    ]
    if shown != list(range(len(shown))):
        raise StoreError(f"chat {conv_id}: positions on screen are {shown[:20]}")
    branches = {
        int(r[0]): (int(r[1]), int(r[2]))
        for r in db.execute(
            "SELECT id, parent, position FROM branches WHERE conversation_id=?", (conv_id,)
        )
    }
    for branch, (parent, position) in branches.items():
        if parent != ON_SCREEN and parent not in branches:
            raise StoreError(f"branch {branch} hangs off a missing branch {parent}")
        first = db.execute(
            "SELECT MIN(position) FROM messages WHERE conversation_id=? AND branch=?",
            (conv_id, branch),
        ).fetchone()[0]
        if first != position:
            raise StoreError(f"branch {branch} starts at {first}, its fork is at {position}")
    stray = db.execute(
        "SELECT COUNT(*) FROM messages WHERE conversation_id=? AND branch<>? AND branch NOT IN"
        " (SELECT id FROM branches WHERE conversation_id=?)",
        (conv_id, ON_SCREEN, conv_id),
    ).fetchone()[0]
    if stray:
        raise StoreError(f"chat {conv_id}: {stray} messages in no version")
