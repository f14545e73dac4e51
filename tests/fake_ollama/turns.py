"""How the fake formats a chat for a model, as a real Ollama 0.33.0-rc2 does it.

A model with a chat template gets its turns in that template's markers (Gemma's
``<start_of_turn>``, ChatML's ``<|im_start|>``, Llama 3's header ids, ...); the fake spots
which family the stored template belongs to by its markers, without executing it. A model
imported from a GGUF that had no ``tokenizer.chat_template`` and was given no TEMPLATE has
nothing: the real server logs "model is missing tokenizer.chat_template", llama-server falls
back to ChatML turns the model does not know, and the model answers by echoing them, raw
``<|im_end|>`` included (recorded: tests/fixtures/ollama-0.33.0-rc2/import-template/
chat_gguf_no_template.json). The fake answers such a model the same way.
"""

from __future__ import annotations

from typing import Any

NO_TEMPLATE = "{{ .Prompt }}"  # what /api/show says when nothing was stored


def _turn(style: str, role: str, content: str) -> str:
    if style == "gemma":
        return (
            f"<start_of_turn>{'model' if role == 'assistant' else 'user'}\n{content}<end_of_turn>\n"
        )
    if style == "llama3":
        return f"<|start_header_id|>{role}<|end_header_id|>\n\n{content}<|eot_id|>"
    if style == "inst":
        return f"[INST] {content} [/INST]" if role != "assistant" else f" {content}</s>"
    if style == "phi3":
        return f"<|{role}|>\n{content}<|end|>\n"
    return f"<|im_start|>{role}\n{content}<|im_end|>\n"


_OPEN = {
    "gemma": "<start_of_turn>model\n",
    "llama3": "<|start_header_id|>assistant<|end_header_id|>\n\n",
    "inst": "",
    "phi3": "<|assistant|>\n",
    "chatml": "<|im_start|>assistant\n",
}


def style_of(template: str) -> str:
    """The turn family of a stored template, by its markers ("chatml" when it has none:
    llama-server's fallback)."""
    for marker, style in (
        ("<start_of_turn>", "gemma"),
        ("<|start_header_id|>", "llama3"),
        ("[INST]", "inst"),
        ("<|user|>", "phi3"),
    ):
        if marker in template:
            return style
    return "chatml"


def render(template: str, messages: list[dict[str, Any]]) -> str:
    """The prompt the model would see for ``messages``."""
    style = style_of(template)
    text = "".join(
        _turn(style, str(m.get("role") or "user"), str(m.get("content") or ""))
        for m in messages
        if isinstance(m, dict)
    )
    return text + _OPEN[style]


def raw_echo(messages: list[dict[str, Any]]) -> str:
    """What a model answers when its turns are not its own: the question again, then the
    markers it was never trained on, as the recorded real answer does."""
    last = next(
        (str(m.get("content") or "") for m in reversed(messages) if isinstance(m, dict)), ""
    )
    return f"{last}<|im_end|>\n<|im_start|>assistant\n{last}<|im_end|>\n"
