"""How the fake server counts a prompt and fits it into the context window, as a real
Ollama 0.33 does (recorded in tests/fixtures/context-truncation/gemma3-270m.json; the rule
is server/prompt.go ``chatPrompt`` and llm/llama_server.go ``completionPromptForRequest``):

- the prompt is counted whole on every turn (cached tokens included);
- too long for ``num_ctx``: messages are dropped from the front, one at a time, keeping
  every system message, until the rest is at most ``num_ctx`` tokens; the last message
  always stays;
- what is left at ``num_ctx - 1`` tokens or more is cut to its first ``num_keep`` + BOS
  tokens and its end, ``num_ctx - (num_ctx - 5) // 2`` tokens in all (about half);
- ``prompt_eval_count`` is the count after that, and nothing else says so.

The numbers are the fake's own, on purpose not imported from the app (a test must be able
to catch the app's arithmetic being wrong): Gemma 3's chat template puts 5 tokens around a
message ("<start_of_turn>user\\n" ... "<end_of_turn>\\n") and 4 around the prompt (BOS and
"<start_of_turn>model\\n"); with these, messages of 17 (system), 304 (user) and 8 (answer)
tokens give exactly the recorded counts 335, 657, 979, 992, 992... (window 1024) and
..., 1945, 1958 (window 2048).

The fake's tokenizer: each non-ASCII character is a token, and ASCII text is cut into runs
of at most five visible characters with the spaces before them ("Local", " model", "s").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

MESSAGE_OVERHEAD = 5
PROMPT_OVERHEAD = 4
NUM_KEEP = 4
DEFAULT_CONTEXT = 4096  # Ollama 0.33 without OLLAMA_CONTEXT_LENGTH on a machine without a GPU
_TOKEN = re.compile(r"[^\x00-\x7f]|[\t\n\r ]*[!-~]{1,5}|[\t\n\r ]+")


def count_tokens(text: str) -> int:
    return sum(1 for _ in _TOKEN.finditer(text))


def message_tokens(message: Any) -> int:
    content = message.get("content") if isinstance(message, dict) else None
    return count_tokens(content if isinstance(content, str) else "") + MESSAGE_OVERHEAD


def cut_limit(num_ctx: int) -> int:
    keep = min(NUM_KEEP + 1, num_ctx - 1)
    return num_ctx - max((num_ctx - keep) // 2, 1)


def fit_prompt(sizes: Sequence[int], roles: Sequence[str], num_ctx: int) -> tuple[int, int]:
    """(prompt_eval_count, messages dropped) for messages of these sizes."""
    total = sum(sizes) + PROMPT_OVERHEAD
    dropped = 0
    kept = total
    for i in range(len(sizes)):
        if kept <= num_ctx or i == len(sizes) - 1:
            break
        if roles[i] != "system":
            kept -= sizes[i]
            dropped += 1
    if kept > num_ctx - 1:
        kept = cut_limit(num_ctx)
    return kept, dropped


def chat_prompt_count(messages: Sequence[Any], num_ctx: int) -> tuple[int, int]:
    """(prompt_eval_count, messages dropped) for an /api/chat request's messages."""
    sizes = [message_tokens(m) for m in messages]
    roles = [str(m.get("role", "")) if isinstance(m, dict) else "" for m in messages]
    return fit_prompt(sizes, roles, num_ctx)


def generate_prompt_count(prompt: str, num_ctx: int) -> int:
    """prompt_eval_count for an /api/generate prompt (one user turn)."""
    return fit_prompt([count_tokens(prompt) + MESSAGE_OVERHEAD], ["user"], num_ctx)[0]
