"""A tiny structural reader for the YAML subset our compose files use (block mappings,
block lists of scalars, `{}`, JSON-quoted strings, numbers). No PyYAML in the venv; this
checks structure, not just substrings."""

from __future__ import annotations

import json
from typing import Any


def _scalar(text: str) -> Any:
    t = text.strip()
    if t == "{}":
        return {}
    if t.startswith('"'):
        return json.loads(t)
    try:
        return int(t)
    except ValueError:
        pass
    try:
        return float(t)
    except ValueError:
        return t


def parse(text: str) -> dict[str, Any]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    root: dict[str, Any] = {}
    stack: list[tuple[int, Any]] = [(-1, root)]
    for i, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if body.startswith("- "):
            assert isinstance(parent, list), f"list item outside a list: {line!r}"
            parent.append(_scalar(body[2:]))
            continue
        key, sep, rest = body.partition(":")
        assert sep, f"not a mapping line: {line!r}"
        assert isinstance(parent, dict), f"mapping inside a list: {line!r}"
        assert key not in parent, f"duplicate key {key!r}"
        if rest.strip():
            parent[key] = _scalar(rest)
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        child: Any = [] if nxt.strip().startswith("- ") else {}
        parent[key] = child
        stack.append((indent, child))
    return root
