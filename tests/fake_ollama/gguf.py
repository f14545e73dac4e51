"""Just enough GGUF for the fake server's /api/create and for tests that need files:
a writer of small valid files and a header reader that fails the way the real server does."""

from __future__ import annotations

import struct
from typing import Any

GGUF_MAGIC = b"GGUF"
_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}


class GGUFError(ValueError):
    pass


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise GGUFError("unexpected EOF")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0]

    def string(self) -> str:
        n = self.unpack("<Q")
        if n > 1 << 20:
            raise GGUFError("string too long")
        return self.take(n).decode("utf-8", "replace")

    def value(self, vtype: int) -> Any:
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype])
        if vtype == 8:
            return self.string()
        if vtype == 9:
            item_type, count = self.unpack("<I"), self.unpack("<Q")
            if count > 1 << 24:
                raise GGUFError("array too long")
            return [self.value(item_type) for _ in range(count)]
        raise GGUFError(f"invalid type {vtype}")


def read_metadata(data: bytes) -> dict[str, Any]:
    """Parse the header and key/values; raise GGUFError like the real server reports."""
    r = _Reader(data)
    if r.take(4) != GGUF_MAGIC:
        raise GGUFError("invalid file magic")
    version = r.unpack("<I")
    if version not in (2, 3):
        raise GGUFError(f"unsupported version {version}")
    r.unpack("<Q")  # tensor count
    kv_count = r.unpack("<Q")
    meta: dict[str, Any] = {"gguf.version": version}
    for _ in range(kv_count):
        key = r.string()
        meta[key] = r.value(r.unpack("<I"))
    return meta


def _pack_value(value: Any) -> bytes:
    if isinstance(value, bool):
        return struct.pack("<I?", 7, value)
    if isinstance(value, int):
        return struct.pack("<Iq", 11, value) if value < 0 else struct.pack("<IQ", 10, value)
    if isinstance(value, float):
        return struct.pack("<Id", 12, value)
    if isinstance(value, str):
        raw = value.encode()
        return struct.pack("<IQ", 8, len(raw)) + raw
    raise TypeError(type(value))


def make_gguf(metadata: dict[str, Any], *, payload: int = 4096, version: int = 3) -> bytes:
    """A small, structurally valid GGUF file (no tensors) with the given metadata."""
    out = bytearray(GGUF_MAGIC + struct.pack("<IQQ", version, 0, len(metadata)))
    for key, value in metadata.items():
        raw = key.encode()
        out += struct.pack("<Q", len(raw)) + raw + _pack_value(value)
    out += bytes(payload)
    return bytes(out)


def tiny_llama_gguf() -> bytes:
    return make_gguf(
        {
            "general.architecture": "llama",
            "general.name": "tiny-test",
            "general.parameter_count": 1_100_048_384,
            "general.file_type": 15,
            "llama.block_count": 22,
            "llama.context_length": 2048,
            "llama.embedding_length": 2048,
            "llama.attention.head_count": 32,
            "llama.attention.head_count_kv": 4,
        }
    )
