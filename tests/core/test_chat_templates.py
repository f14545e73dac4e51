"""Which chat template an imported GGUF needs (core/models/chat_templates.py), held to what a
real Ollama 0.33.0-rc2 stores (tests/fixtures/ollama-0.33.0-rc2/import-template/)."""

from __future__ import annotations

import json

import pytest

from desktop.core.models.chat_templates import (
    FILE_TEMPLATE,
    NAMES,
    Why,
    guess_template,
    load_template,
)
from tests.fake_ollama.models import FIXTURES

RECORDED = FIXTURES / "import-template"


def show(name: str) -> dict[str, object]:
    return json.loads((RECORDED / f"show_{name}.json").read_text())


@pytest.mark.parametrize(
    ("meta", "lengths", "name", "why"),
    [
        ({"general.architecture": "gemma3"}, {}, "gemma3-instruct", Why.ARCHITECTURE),
        ({"general.architecture": "gemma2"}, {}, "gemma-instruct", Why.ARCHITECTURE),
        ({"general.architecture": "qwen2"}, {}, "chatml", Why.ARCHITECTURE),
        ({"general.architecture": "qwen3"}, {}, "chatml", Why.ARCHITECTURE),
        ({"general.architecture": "phi3"}, {}, "phi-3", Why.ARCHITECTURE),
        (
            {"general.architecture": "phi3", "general.name": "Phi 4 Mini"},
            {},
            "phi-3",
            Why.ARCHITECTURE,
        ),
        ({"general.architecture": "phi3", "general.name": "phi-4"}, {}, "chatml", Why.PHI4_NAME),
        ({"general.architecture": "mistral3"}, {}, "mistral-instruct", Why.ARCHITECTURE),
        # llama: the tokenizer tells Llama 3 from Llama 2, the name or vocabulary Mistral
        (
            {"general.architecture": "llama", "tokenizer.ggml.model": "gpt2"},
            {"tokenizer.ggml.tokens": 128256},
            "llama3-instruct",
            Why.LLAMA3_TOKENIZER,
        ),
        (
            {"general.architecture": "llama", "tokenizer.ggml.pre": "llama-bpe"},
            {},
            "llama3-instruct",
            Why.LLAMA3_TOKENIZER,
        ),
        (
            {"general.architecture": "llama", "tokenizer.ggml.model": "llama"},
            {"tokenizer.ggml.tokens": 32000},
            "llama2-chat",
            Why.LLAMA2_TOKENIZER,
        ),
        (
            {"general.architecture": "llama", "general.name": "Mistral 7B Instruct v0.2"},
            {"tokenizer.ggml.tokens": 32000},
            "mistral-instruct",
            Why.MISTRAL_NAME,
        ),
        (
            {"general.architecture": "llama", "tokenizer.ggml.model": "llama"},
            {"tokenizer.ggml.tokens": 32768},
            "mistral-instruct",
            Why.MISTRAL_NAME,
        ),
        ({"general.architecture": "xyzzy"}, {}, "chatml", Why.UNKNOWN),
        ({}, {}, "chatml", Why.UNKNOWN),
    ],
)
def test_a_file_without_a_template_gets_one_from_its_architecture(
    meta: dict[str, object], lengths: dict[str, int], name: str, why: Why
) -> None:
    pick = guess_template(meta, lengths)
    assert (pick.name, pick.why, pick.file_has_template) == (name, why, False)


def test_a_file_with_its_own_template_keeps_it() -> None:
    meta = {"general.architecture": "gemma3", "tokenizer.chat_template": "{{ bos_token }}..."}
    pick = guess_template(meta)
    assert (pick.name, pick.why, pick.file_has_template) == (FILE_TEMPLATE, Why.FILE, True)
    blank = guess_template({"general.architecture": "qwen2", "tokenizer.chat_template": "  "})
    assert blank.name == "chatml" and not blank.file_has_template


def test_every_offered_template_is_bundled_with_its_stop_words() -> None:
    for name in NAMES:
        t = load_template(name)
        assert t.text.strip() and t.stop, name
        assert t.create_fields() == {"template": t.text, "parameters": {"stop": list(t.stop)}}


def test_the_bundled_gemma3_template_is_what_ollama_itself_stores() -> None:
    """A real server, given a GGUF whose chat template it recognises, stored Ollama's own
    gemma3-instruct text and stop word; given the app's pick for a GGUF without one, it
    stored the same (the template layer had the same digest)."""
    t = load_template("gemma3-instruct")
    autodetected = show("gguf_named_template")
    picked = show("gguf_with_template_param")
    assert autodetected["template"] == picked["template"] == t.text
    assert (
        autodetected["parameters"]
        == picked["parameters"]
        == 'stop{}"<end_of_turn>"'.format(" " * 27)
    )
    # and without any: nothing stored, chats go out unformatted
    assert show("gguf_no_template")["template"] == "{{ .Prompt }}"
    assert "parameters" not in show("gguf_no_template")
