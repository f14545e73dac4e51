"""Export a conversation to Markdown or JSON (what a user keeps or shares)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from desktop.core.chat.conversation import Conversation, Message, MessageStatus
from desktop.core.units import human_bytes


def _when(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds") if ts else ""


def to_json(conv: Conversation, messages: Sequence[Message]) -> str:
    doc: dict[str, Any] = {
        "format": "ollama-desk-chat",
        "version": 1,
        "title": conv.title,
        "model": conv.model,
        "system_prompt": conv.system_prompt,
        "think": conv.think,
        "params": conv.params.to_json(),
        "created_at": _when(conv.created_at),
        "messages": [],
    }
    for m in messages:
        item: dict[str, Any] = {
            "role": m.role,
            "content": m.content,
            "status": m.status.value,
            "created_at": _when(m.created_at),
        }
        if m.thinking:
            item["thinking"] = m.thinking
        if m.model:
            item["model"] = m.model
        if m.stats is not None:
            item["stats"] = m.stats.to_json()
        if m.energy is not None:
            item["energy"] = m.energy.to_json()
        if m.error:
            item["error"] = m.error
        if m.attachments:
            item["attachments"] = [
                {"name": a.name, "kind": a.kind.value, "format": a.format, "size": a.size}
                for a in m.attachments
            ]
        doc["messages"].append(item)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def to_markdown(conv: Conversation, messages: Sequence[Message]) -> str:
    """Plain Markdown; labels are English (the file is a record, not UI)."""
    out = [f"# {conv.title or 'Chat'}", ""]
    if conv.model:
        out += [f"Model: `{conv.model}`", ""]
    if conv.system_prompt.strip():
        out += ["> System: " + conv.system_prompt.strip().replace("\n", "\n> "), ""]
    for m in messages:
        who = "You" if m.role == "user" else (m.model or "Assistant")
        out += [f"## {who}", ""]
        if m.thinking:
            out += [
                "<details><summary>Reasoning</summary>",
                "",
                m.thinking.strip(),
                "",
                "</details>",
                "",
            ]
        out += [m.content.rstrip(), ""]
        if m.attachments:
            names = ", ".join(f"`{a.name}` ({human_bytes(a.size)})" for a in m.attachments)
            out += [f"*Attached: {names}*", ""]
        if m.status is not MessageStatus.COMPLETE and m.role == "assistant":
            out += [f"*({m.status.value})*", ""]
    return "\n".join(out).rstrip() + "\n"


_NOT_IN_NAMES = set('<>:"/\\|?*')  # Windows refuses these; "/" and "\\" are folders anywhere
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
NAME_CHARS = 80


def file_name(title: str, fallback: str = "chat") -> str:
    """A file name (without extension) for a chat titled ``title`` that every OS accepts:
    no folder separators, control or reserved characters, no trailing dot or space, not a
    reserved Windows device name, at most NAME_CHARS characters."""
    cleaned = "".join(
        " " if ch in _NOT_IN_NAMES or ord(ch) < 32 or ord(ch) == 127 else ch for ch in title
    )
    name = " ".join(cleaned.split())[:NAME_CHARS].strip(" .")
    if not name or name.split(".")[0].upper() in _RESERVED:
        return fallback if not name else f"{fallback} {name}"
    return name
