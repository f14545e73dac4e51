"""A small GGUF header reader: magic, version, metadata and tensor table, without numpy.

Reads only the header (a few MB at most, even for a 40 GB file), checks that the file is
long enough for every tensor it declares, and says clearly what is wrong otherwise.
Format: ggml docs/gguf.md (little-endian; versions 2 and 3 are what llama.cpp reads today).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO

from desktop.core.models.ggml_types import ggml_type
from desktop.core.models.quant import file_type_name

MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (2, 3)
MAX_STRING = 16 << 20
MAX_ARRAY = 1 << 26
MAX_KV = 1 << 16
MAX_TENSORS = 1 << 20
KEEP_ARRAY = 4096  # larger arrays (tokenizer vocab) are skipped, only their length is kept

_SCALARS: dict[int, str] = {
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
_STRING, _ARRAY = 8, 9


class GGUFProblem(Enum):
    NOT_GGUF = "not_gguf"  # wrong magic: not a GGUF file at all
    VERSION = "version"  # a GGUF version this reader (and Ollama) cannot read
    TRUNCATED = "truncated"  # the file ends before what its header declares
    CORRUPT = "corrupt"  # impossible values in the header
    IO = "io"  # the file could not be read


class GGUFError(ValueError):
    def __init__(self, problem: GGUFProblem, detail: str) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class TensorInfo:
    name: str
    shape: tuple[int, ...]
    type: int
    offset: int

    @property
    def elements(self) -> int:
        return math.prod(self.shape)

    @property
    def nbytes(self) -> int | None:
        t = ggml_type(self.type)
        return t.nbytes(self.elements) if t is not None else None

    @property
    def type_name(self) -> str:
        """ggml's name of the type ("Q4_K"), or the number when ggml has no such type."""
        t = ggml_type(self.type)
        return t.name if t is not None else str(self.type)


@dataclass
class GGUFInfo:
    version: int
    metadata: dict[str, Any]
    tensors: list[TensorInfo]
    file_size: int
    data_offset: int
    array_lengths: dict[str, int] = field(default_factory=dict)

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture") or "")

    @property
    def name(self) -> str:
        return str(self.metadata.get("general.name") or "")

    @property
    def parameter_count(self) -> int:
        declared = self.metadata.get("general.parameter_count")
        if isinstance(declared, int) and declared > 0:
            return declared
        return sum(t.elements for t in self.tensors)

    @property
    def quantization(self) -> str:
        ft = self.metadata.get("general.file_type")
        if isinstance(ft, int):
            return file_type_name(ft)
        return "unknown"

    @property
    def context_length(self) -> int:
        v = self.metadata.get(f"{self.architecture}.context_length")
        return int(v) if isinstance(v, int) else 0


class _Reader:
    def __init__(self, f: BinaryIO, size: int) -> None:
        self.f, self.size = f, size

    @property
    def pos(self) -> int:
        return self.f.tell()

    def take(self, n: int, what: str) -> bytes:
        if n < 0 or self.pos + n > self.size:
            raise GGUFError(
                GGUFProblem.TRUNCATED, f"file ends at byte {self.size} while reading {what}"
            )
        return self.f.read(n)

    def unpack(self, fmt: str, what: str) -> Any:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt), what))[0]

    def skip(self, n: int, what: str) -> None:
        if self.pos + n > self.size:
            raise GGUFError(
                GGUFProblem.TRUNCATED, f"file ends at byte {self.size} while reading {what}"
            )
        self.f.seek(n, 1)

    def string(self, what: str) -> str:
        n = self.unpack("<Q", what)
        if n > MAX_STRING:
            raise GGUFError(GGUFProblem.CORRUPT, f"{what}: string of {n} bytes")
        return self.take(n, what).decode("utf-8", "replace")

    def value(self, vtype: int, key: str) -> tuple[Any, int | None]:
        """(value, array length or None). Big arrays are skipped and returned as None."""
        if vtype in _SCALARS:
            return self.unpack(_SCALARS[vtype], key), None
        if vtype == _STRING:
            return self.string(key), None
        if vtype == _ARRAY:
            item = self.unpack("<I", key)
            count = self.unpack("<Q", key)
            if count > MAX_ARRAY:
                raise GGUFError(GGUFProblem.CORRUPT, f"{key}: array of {count} items")
            if item == _ARRAY:
                raise GGUFError(GGUFProblem.CORRUPT, f"{key}: nested arrays")
            if count > KEEP_ARRAY:
                if item in _SCALARS:
                    self.skip(struct.calcsize(_SCALARS[item]) * count, key)
                elif item == _STRING:
                    for _ in range(count):
                        self.skip(self.unpack("<Q", key), key)
                else:
                    raise GGUFError(GGUFProblem.CORRUPT, f"{key}: unknown item type {item}")
                return None, count
            return [self.value(item, key)[0] for _ in range(count)], count
        raise GGUFError(GGUFProblem.CORRUPT, f"{key}: unknown value type {vtype}")


def read_gguf(path: str | Path) -> GGUFInfo:
    """Read and check a GGUF file's header; raise GGUFError saying what is wrong."""
    p = Path(path)
    try:
        size = p.stat().st_size
        with p.open("rb") as f:
            return _read(_Reader(f, size))
    except OSError as e:
        raise GGUFError(GGUFProblem.IO, str(e)) from None


def _read(r: _Reader) -> GGUFInfo:
    if r.size < 4:
        raise GGUFError(GGUFProblem.NOT_GGUF, f"only {r.size} bytes")
    magic = r.take(4, "magic")
    if magic != MAGIC:
        raise GGUFError(GGUFProblem.NOT_GGUF, f"starts with {magic!r}, not b'GGUF'")
    version = r.unpack("<I", "version")
    if version not in SUPPORTED_VERSIONS:
        if version & 0xFFFF == 0 and (version >> 24) in SUPPORTED_VERSIONS:
            raise GGUFError(GGUFProblem.VERSION, "big-endian GGUF, not supported")
        raise GGUFError(GGUFProblem.VERSION, f"version {version}; supported: 2 and 3")
    n_tensors = r.unpack("<Q", "tensor count")
    n_kv = r.unpack("<Q", "metadata count")
    if n_tensors > MAX_TENSORS or n_kv > MAX_KV:
        raise GGUFError(GGUFProblem.CORRUPT, f"{n_tensors} tensors, {n_kv} metadata keys")
    meta: dict[str, Any] = {}
    lengths: dict[str, int] = {}
    for _ in range(n_kv):
        key = r.string("metadata key")
        vtype = r.unpack("<I", key)
        value, length = r.value(vtype, key)
        meta[key] = value
        if length is not None:
            lengths[key] = length
    tensors: list[TensorInfo] = []
    for _ in range(n_tensors):
        name = r.string("tensor name")
        n_dims = r.unpack("<I", name)
        if not 1 <= n_dims <= 4:
            raise GGUFError(GGUFProblem.CORRUPT, f"tensor {name}: {n_dims} dimensions")
        shape = tuple(r.unpack("<Q", name) for _ in range(n_dims))
        ttype = r.unpack("<I", name)
        offset = r.unpack("<Q", name)
        tensors.append(TensorInfo(name, shape, ttype, offset))
    align = meta.get("general.alignment", 32)
    if not isinstance(align, int) or align <= 0 or align & (align - 1):
        raise GGUFError(GGUFProblem.CORRUPT, f"alignment {align!r}")
    data_offset = (r.pos + align - 1) // align * align
    end = data_offset if tensors else r.pos
    for t in tensors:
        nbytes = t.nbytes
        if nbytes is not None:
            end = max(end, data_offset + t.offset + nbytes)
    if end > r.size:
        raise GGUFError(GGUFProblem.TRUNCATED, f"tensors need {end} bytes, the file has {r.size}")
    return GGUFInfo(version, meta, tensors, r.size, data_offset, lengths)
