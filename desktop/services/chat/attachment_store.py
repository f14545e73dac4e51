"""The chat database's attachment rows (schema.py's attachment migration): a message's
files and images keyed by its id, payloads stored once by their SHA-256. Functions on the
store's connection, called inside ChatStore's own transactions, so a question and its
attachments are written all at once or not at all."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from desktop.core.attachments.refs import Attachment, AttachmentKind, AttachmentRef, info_from
from desktop.core.chat.conversation import Message

_COLUMNS = "message_id, kind, name, format, size, chars, tokens, counted, info, thumb, blob"
_BATCH = 500  # ids per IN (...) list (sqlite's variable limit is higher; pages are smaller)


def _ref(row: sqlite3.Row) -> AttachmentRef:
    try:
        kind = AttachmentKind(row["kind"])
    except ValueError:
        kind = AttachmentKind.DOCUMENT
    return AttachmentRef(
        kind=kind,
        name=str(row["name"]),
        format=str(row["format"]),
        size=int(row["size"]),
        blob=str(row["blob"]),
        chars=int(row["chars"]),
        tokens=int(row["tokens"]),
        counted=bool(row["counted"]),
        thumb=bytes(row["thumb"] or b""),
        info=info_from(str(row["info"])),
    )


def refs_for(db: sqlite3.Connection, message_ids: Iterable[int]) -> dict[int, list[AttachmentRef]]:
    """The attachments of these messages (without payloads), in order, by message id."""
    ids = list(message_ids)
    out: dict[int, list[AttachmentRef]] = {}
    for i in range(0, len(ids), _BATCH):
        chunk = ids[i : i + _BATCH]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT {_COLUMNS} FROM message_attachments WHERE message_id IN ({marks})"
            " ORDER BY message_id, ord",
            chunk,
        ).fetchall()
        for row in rows:
            out.setdefault(int(row["message_id"]), []).append(_ref(row))
    return out


def with_refs(db: sqlite3.Connection, messages: Sequence[Message]) -> list[Message]:
    """``messages`` with their attachments filled in (one query per page)."""
    users = [m.id for m in messages if m.role == "user"]
    refs = refs_for(db, users) if users else {}
    if not refs:
        return list(messages)
    return [m.with_(attachments=tuple(refs[m.id])) if m.id in refs else m for m in messages]


def add(db: sqlite3.Connection, message_id: int, attachments: Sequence[Attachment]) -> None:
    """Store ``attachments`` for a message (payloads once; an empty payload means "already
    stored": an edited question keeps the files of the one it replaces)."""
    for n, a in enumerate(attachments):
        r = a.ref
        if a.data:
            db.execute(
                "INSERT OR IGNORE INTO attachment_blobs(sha256, data) VALUES (?, ?)",
                (r.blob, sqlite3.Binary(a.data)),
            )
        db.execute(
            f"INSERT INTO message_attachments(ord, {_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                n,
                message_id,
                r.kind.value,
                r.name,
                r.format,
                r.size,
                r.chars,
                r.tokens,
                int(r.counted),
                r.info_json(),
                sqlite3.Binary(r.thumb) if r.thumb else None,
                r.blob,
            ),
        )


def payloads(db: sqlite3.Connection, messages: Sequence[Message]) -> dict[int, list[Attachment]]:
    """The attachments of ``messages`` with their payloads, by message id (to send)."""
    out: dict[int, list[Attachment]] = {}
    for m in messages:
        for ref in m.attachments:
            row = db.execute(
                "SELECT data FROM attachment_blobs WHERE sha256=?", (ref.blob,)
            ).fetchone()
            if row is not None:
                out.setdefault(m.id, []).append(Attachment(ref, bytes(row[0])))
    return out


def drop_unused(db: sqlite3.Connection) -> int:
    """Delete payloads no message uses any more (after deletes, on open)."""
    cur = db.execute(
        "DELETE FROM attachment_blobs WHERE NOT EXISTS"
        " (SELECT 1 FROM message_attachments a WHERE a.blob = attachment_blobs.sha256)"
    )
    return int(cur.rowcount or 0)


def blob(db: sqlite3.Connection, sha256: str) -> bytes | None:
    """One stored payload (an image to show), or None when it is gone."""
    row = db.execute("SELECT data FROM attachment_blobs WHERE sha256=?", (sha256,)).fetchone()
    return None if row is None else bytes(row[0])
