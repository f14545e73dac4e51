"""Which chat template an imported GGUF needs, and Ollama's own template texts.

What a real Ollama 0.33.0-rc2 does with `create` from a GGUF (recorded in
tests/fixtures/ollama-0.33.0-rc2/import-template/):

- the file has ``tokenizer.chat_template``: Ollama either recognises it as one of its named
  templates ("using autodetected template gemma3-instruct") and stores that Go template and
  its stop words, or keeps using the file's own template at run time ("template selection
  ... selected=gguf_chat_template"). Either way chats are formatted: nothing to add.
- the file has none: nothing is stored (/api/show's template is ``{{ .Prompt }}``), the log
  warns "model is missing tokenizer.chat_template", and chats go to the model unformatted:
  it answers with raw ``<|im_end|>`` turns. The template must come with the create request
  (``template`` and ``parameters.stop``), picked here from the architecture.

The template texts and stop words are Ollama's own (resources/templates/ollama/, MIT; see
the README there), so a template the app picks is byte for byte what Ollama would have
stored had the file carried the matching chat template.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from desktop.core.resources import resource_path

FILE_TEMPLATE = ""  # the choice "the file's own template": nothing is sent

# Ollama's template names, in the order the import dialog offers them
NAMES = (
    "gemma3-instruct",
    "gemma-instruct",
    "llama3-instruct",
    "llama2-chat",
    "chatml",
    "phi-3",
    "mistral-instruct",
)

_BY_ARCH = {
    "gemma3": "gemma3-instruct",
    "gemma3n": "gemma3-instruct",
    "gemma2": "gemma-instruct",
    "gemma": "gemma-instruct",
    "qwen": "chatml",
    "qwen2": "chatml",
    "qwen2moe": "chatml",
    "qwen2vl": "chatml",
    "qwen3": "chatml",
    "qwen3moe": "chatml",
    "phi3": "phi-3",
    "mistral": "mistral-instruct",
    "mistral3": "mistral-instruct",
}
_LLAMA3_PRE = ("llama-bpe", "llama3", "smaug-bpe")


class TemplateError(ValueError):
    """A bundled template is missing or unreadable (a broken install)."""


@dataclass(frozen=True)
class ChatTemplate:
    name: str  # Ollama's name for it, e.g. "gemma3-instruct"
    text: str  # the Go template Ollama stores (TEMPLATE)
    stop: tuple[str, ...]  # its stop words (PARAMETER stop)

    def create_fields(self) -> dict[str, Any]:
        """What goes into POST /api/create next to ``files``."""
        return {"template": self.text, "parameters": {"stop": list(self.stop)}}


class Why(Enum):
    FILE = "file"  # the file carries a chat template: Ollama reads it
    ARCHITECTURE = "architecture"  # picked from general.architecture
    LLAMA3_TOKENIZER = "llama3_tokenizer"  # llama architecture with a Llama 3 tokenizer
    LLAMA2_TOKENIZER = "llama2_tokenizer"  # llama architecture with a SentencePiece one
    MISTRAL_NAME = "mistral_name"  # llama architecture, named or sized like Mistral
    PHI4_NAME = "phi4_name"  # phi3 architecture, but Phi-4 (ChatML turns)
    UNKNOWN = "unknown"  # an architecture this table does not know: ChatML as a guess


@dataclass(frozen=True)
class TemplatePick:
    """The template to use for a GGUF file (``name`` FILE_TEMPLATE: the file's own)."""

    name: str
    why: Why
    architecture: str
    file_has_template: bool


def file_template(metadata: Mapping[str, Any]) -> str:
    value = metadata.get("tokenizer.chat_template")
    return value if isinstance(value, str) else ""


def guess_template(
    metadata: Mapping[str, Any], array_lengths: Mapping[str, int] | None = None
) -> TemplatePick:
    """The file's own template if it has one, else Ollama's template for its architecture
    (and, for the llama architecture, its tokenizer: Llama 3, Llama 2 or Mistral)."""
    arch = str(metadata.get("general.architecture") or "").lower()
    has = bool(file_template(metadata).strip())
    if has:
        return TemplatePick(FILE_TEMPLATE, Why.FILE, arch, True)
    name = " ".join(
        str(metadata.get(k) or "") for k in ("general.name", "general.basename")
    ).lower()
    if arch == "llama":
        return TemplatePick(*_llama_template(metadata, array_lengths or {}, name), arch, False)
    if arch == "phi3" and ("phi-4" in name or "phi4" in name):
        return TemplatePick("chatml", Why.PHI4_NAME, arch, False)
    if arch in _BY_ARCH:
        return TemplatePick(_BY_ARCH[arch], Why.ARCHITECTURE, arch, False)
    return TemplatePick("chatml", Why.UNKNOWN, arch, False)


def _llama_template(
    meta: Mapping[str, Any], lengths: Mapping[str, int], name: str
) -> tuple[str, Why]:
    vocab = lengths.get("tokenizer.ggml.tokens", 0)
    tokenizer = str(meta.get("tokenizer.ggml.model") or "").lower()
    pre = str(meta.get("tokenizer.ggml.pre") or "").lower()
    if "mistral" in name or "mixtral" in name or vocab == 32768:
        return "mistral-instruct", Why.MISTRAL_NAME
    if tokenizer == "gpt2" or pre in _LLAMA3_PRE or vocab >= 100_000:
        return "llama3-instruct", Why.LLAMA3_TOKENIZER
    return "llama2-chat", Why.LLAMA2_TOKENIZER


@functools.cache
def load_template(name: str) -> ChatTemplate:
    """Ollama's template ``name`` (one of NAMES) with its stop words."""
    if name not in NAMES:
        raise TemplateError(f"unknown template {name!r}")
    folder = resource_path("templates", "ollama")
    try:
        text = (folder / f"{name}.gotmpl").read_text(encoding="utf-8")
        params = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise TemplateError(f"{name}: {e}") from None
    stop = params.get("stop") if isinstance(params, dict) else None
    if not isinstance(stop, list) or not all(isinstance(s, str) for s in stop):
        raise TemplateError(f"{name}: no stop words")
    return ChatTemplate(name, text, tuple(stop))
