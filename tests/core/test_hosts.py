"""OLLAMA_HOST is parsed exactly as Ollama's envconfig.Host() parses it."""

from __future__ import annotations

import pytest

from desktop.core.hosts import is_all_interfaces, is_loopback_host, parse_ollama_host


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("", "http://127.0.0.1:11434"),
        ("   ", "http://127.0.0.1:11434"),
        ("1.2.3.4", "http://1.2.3.4:11434"),
        ("example.com", "http://example.com:11434"),
        (":1234", "http://127.0.0.1:1234"),
        ("1.2.3.4:1234", "http://1.2.3.4:1234"),
        ("example.com:1234", "http://example.com:1234"),
        ("http://example.com", "http://example.com:80"),
        ("https://example.com", "https://example.com:443"),
        ("http://example.com:8080", "http://example.com:8080"),
        ("https://example.com:1234/path", "https://example.com:1234/path"),
        ("[::1]:1234", "http://[::1]:1234"),
        ("::1", "http://[::1]:11434"),
        ("[0:0:0:0:0:0:0:1]", "http://[0:0:0:0:0:0:0:1]:11434"),
        ("example.com:notaport", "http://example.com:11434"),
        ("example.com:99999", "http://example.com:11434"),
        # connecting to an "all interfaces" bind address means this machine
        ("0.0.0.0", "http://127.0.0.1:11434"),
        ("0.0.0.0:4321", "http://127.0.0.1:4321"),
        ("[::]:4321", "http://[::1]:4321"),
    ],
)
def test_parse_like_ollama(value: str, url: str) -> None:
    assert parse_ollama_host(value).base_url == url


def test_bind_form_keeps_unspecified_address() -> None:
    assert parse_ollama_host("0.0.0.0:11434", for_connect=False).host == "0.0.0.0"


def test_display_and_loopback() -> None:
    h = parse_ollama_host("localhost:5000")
    assert h.display == "localhost:5000"
    assert h.is_loopback
    assert not parse_ollama_host("192.168.1.20").is_loopback
    assert is_loopback_host("127.0.0.2") and is_loopback_host("[::1]")
    assert not is_loopback_host("ollama.example.com")
    assert is_all_interfaces("0.0.0.0") and is_all_interfaces("::")
    assert not is_all_interfaces("127.0.0.1")
