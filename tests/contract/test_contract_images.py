"""Contract: images sent to a model without vision (OLLAMA_TEST_MODEL is one, e.g.
gemma3:270m) are refused as the real server refuses them (HTTP 400, an error text that is
itself JSON), and the app recognises that refusal; images that are not base64 likewise."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from desktop.core.attachments.vision import is_no_vision_error
from desktop.core.errors import ErrorKind, OllamaError, server_message
from desktop.services.api_client import OllamaApi
from tests.contract.test_contract import Server, api, server  # noqa: F401 - fixtures


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\x00\xff" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def ask(api: OllamaApi, model: str, image: str) -> OllamaError:  # noqa: F811
    messages = [{"role": "user", "content": "What is in this picture?", "images": [image]}]
    with pytest.raises(OllamaError) as info:
        api.chat(model, messages)
    return info.value


def test_images_to_a_model_without_vision(server: Server, api: OllamaApi) -> None:  # noqa: F811
    assert "vision" not in api.show(server.model).capabilities
    error = ask(api, server.model, base64.b64encode(tiny_png()).decode())
    assert error.status == 400 and error.kind is ErrorKind.NO_VISION  # its own kind
    assert error.raw.startswith("{")  # the server's error text is JSON...
    assert is_no_vision_error(error.raw)  # ...which the app reads
    assert "{" not in server_message(error.raw) and "{" not in error.detail


def test_images_that_are_not_base64(server: Server, api: OllamaApi) -> None:  # noqa: F811
    error = ask(api, server.model, "not base64!")
    assert error.status == 400 and "illegal base64" in error.detail
    assert not is_no_vision_error(error.detail)
