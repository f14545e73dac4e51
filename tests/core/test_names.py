"""Model names are checked against Ollama's grammar before anything is sent."""

from __future__ import annotations

import pytest

from desktop.core.names import (
    InvalidNameError,
    is_valid_digest,
    is_valid_model_name,
    normalise_digest,
    parse_model_name,
)


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("llama3.2", "llama3.2:latest"),
        ("qwen2.5:0.5b", "qwen2.5:0.5b"),
        ("library/qwen3:4b", "qwen3:4b"),
        ("registry.ollama.ai/library/gemma3:270m", "gemma3:270m"),
        ("user/my-model:v1.0", "user/my-model:v1.0"),
        ("deepseek-r1:1.5b-qwen-distill-q4_K_M", "deepseek-r1:1.5b-qwen-distill-q4_K_M"),
        ("_under:tag_", "_under:tag_"),
    ],
)
def test_valid_names(text: str, display: str) -> None:
    assert parse_model_name(text).display == display


@pytest.mark.parametrize(
    "text",
    [
        "",
        "bad name!",
        "model:",
        "a/",
        "/model",
        "model:-tag",
        ".hidden",
        "a/b/c/d",
        "ns.dot/model",
        "model:tag:extra",
        "x" * 81,
        "mödel",
        "mo\ndel",
        "model:tag\nx",
    ],
)
def test_invalid_names(text: str) -> None:
    assert not is_valid_model_name(text)
    with pytest.raises(InvalidNameError):
        parse_model_name(text)


def test_registry_host_needs_opt_in() -> None:
    name = "myregistry.local:5000/team/model:tag"
    assert not is_valid_model_name(name)
    parsed = parse_model_name(name, allow_host=True)
    assert parsed.host == "myregistry.local:5000"
    assert parsed.has_custom_host
    assert parsed.display == "myregistry.local:5000/team/model:tag"
    assert not is_valid_model_name("https://evil.example/x/y:z")


def test_case_insensitive_comparison() -> None:
    assert parse_model_name("Llama3.2:Latest").same_as(parse_model_name("llama3.2"))


def test_digests() -> None:
    good = "sha256:" + "ab" * 32
    assert is_valid_digest(good)
    assert not is_valid_digest("sha256:" + "AB" * 32)
    assert not is_valid_digest("sha256:" + "ab" * 31)
    assert not is_valid_digest("sha256:../../etc/passwd" + "a" * 50)
    assert not is_valid_digest("md5:" + "ab" * 32)
    assert normalise_digest("sha256-" + "AB" * 32) == good
    with pytest.raises(ValueError):
        normalise_digest("sha256:xyz")


def test_surrounding_whitespace_is_trimmed() -> None:
    assert parse_model_name("  llama3.2:1b\n").display == "llama3.2:1b"
    assert not is_valid_digest("sha256:" + "ab" * 32 + "\n")
