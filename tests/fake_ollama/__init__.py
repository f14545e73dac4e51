"""A fake Ollama server for tests: real HTTP on loopback, faithful shapes, fault injection."""

from .embed_endpoint import all_minilm, fake_vector
from .gguf import make_gguf, read_metadata, tiny_llama_gguf
from .models import (
    FakeModel,
    Layer,
    default_registry,
    gemma3_4b_vision,
    gemma3_270m,
    load_fixture,
    synthetic,
)
from .server import FakeOllama, Fault

__all__ = [
    "all_minilm",
    "fake_vector",
    "FakeModel",
    "FakeOllama",
    "Fault",
    "Layer",
    "default_registry",
    "gemma3_270m",
    "gemma3_4b_vision",
    "load_fixture",
    "make_gguf",
    "read_metadata",
    "synthetic",
    "tiny_llama_gguf",
]
