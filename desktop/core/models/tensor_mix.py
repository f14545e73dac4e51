"""What generating one token reads and multiplies, from a model's tensor table (a GGUF
header or /api/show ``tensors``): the weights per ggml type, their bytes, the layers and
the vocabulary. Facts about the model, the same on every machine; core/models/calibration
turns them into seconds for this machine. Arithmetic only.

Which tensors one token touches (llama.cpp's graphs): every matrix of every layer; the
output matrix, which is the token-embedding table itself when the model ties them (no
``output.weight``: Gemma, Qwen 0.5-4B, Llama 3.2); of a mixture-of-experts layer only the
experts the router picks. The token-embedding table of an untied model, per-layer and
position embeddings are looked up one row at a time (nothing to multiply); vision and audio
encoders (``v.*``, ``mm.*``, ``a.*``) do not run while text is generated; vectors (norms,
biases) are read but cost nothing worth counting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.models.ggml_types import ggml_type

LOOKUP_TABLES = ("token_embd.weight", "per_layer_token_embd.weight", "position_embd.weight")
ENCODER_PREFIXES = ("v.", "mm.", "a.", "vision", "audio", "enc.")
EXPERT_MARK = "_exps"


@dataclass(frozen=True)
class Tensor:
    """One entry of a tensor table: name, ggml type name, shape in ggml order (ne0 first)."""

    name: str
    type: str
    shape: tuple[int, ...]

    @property
    def elements(self) -> int:
        return math.prod(self.shape)


@dataclass(frozen=True)
class MatrixShare:
    """Weights of one ggml type that one token multiplies, how many of them sit in
    matrices whose row count defeats the 8-row repacked kernels, and the output rows of
    those matrices (each row is one dot product, with its own fixed cost)."""

    type: str
    elements: int
    odd_rows: int = 0  # elements in matrices with a row count not a multiple of 8
    rows: int = 0  # output rows (matrix-vector dot products) per token


@dataclass(frozen=True)
class TokenLoad:
    """Per generated token: the matrices multiplied (by type), the weight bytes read, the
    model's layers and vocabulary (fixed per-token work grows with both)."""

    matrices: tuple[MatrixShare, ...]
    weight_bytes: int
    layers: int
    vocab: int
    source: str = "tensors"  # "tensors" (the file's own table), "rule" or "estimate"

    @property
    def elements(self) -> int:
        return sum(m.elements for m in self.matrices)

    def share(self, type_name: str) -> float:
        total = self.elements
        return sum(m.elements for m in self.matrices if m.type == type_name) / total if total else 0

    def to_json(self) -> dict[str, object]:
        return {
            "matrices": [[m.type, m.elements, m.odd_rows, m.rows] for m in self.matrices],
            "weight_bytes": self.weight_bytes,
            "layers": self.layers,
            "vocab": self.vocab,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, d: object) -> TokenLoad | None:
        """Back from to_json (a stored benchmark); None for anything malformed."""
        if not isinstance(d, dict):
            return None
        try:
            shares = tuple(_share(m) for m in d["matrices"])
            load = cls(
                shares,
                _whole(d["weight_bytes"]),
                _whole(d["layers"]),
                _whole(d["vocab"]),
                str(d.get("source") or "tensors"),
            )
        except (KeyError, TypeError, ValueError):
            return None
        if not shares or load.weight_bytes <= 0 or any(ggml_type(m.type) is None for m in shares):
            return None
        return load


def _share(m: object) -> MatrixShare:
    if not isinstance(m, list) or not 3 <= len(m) <= 4:
        raise ValueError(f"not a matrix share: {m!r}")
    return MatrixShare(str(m[0]), _whole(m[1]), _whole(m[2]), _whole(m[3] if len(m) > 3 else 0))


def _whole(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < 1 << 62:
        raise ValueError(f"not a count: {v!r}")
    return v


def _is_encoder(name: str) -> bool:
    return name.startswith(ENCODER_PREFIXES)


def token_load(
    tensors: Iterable[Tensor], experts: int = 0, experts_used: int = 0, source: str = "tensors"
) -> TokenLoad | None:
    """The per-token load of a model from its tensor table (None when the table holds no
    matrix this reader knows: an unknown type, or no decoder at all)."""
    every = [t for t in tensors if not _is_encoder(t.name)]
    names = {t.name for t in every}
    tied = "output.weight" not in names
    by_type: dict[str, list[int]] = {}
    weight_bytes = 0
    layers: set[str] = set()
    vocab = 0
    for t in every:
        gt = ggml_type(t.type)
        if gt is None:
            return None
        if t.name.startswith("blk."):
            layers.add(t.name.split(".", 2)[1])
        if t.name in ("token_embd.weight", "output.weight") and len(t.shape) >= 2:
            vocab = max(vocab, t.shape[1])
        if len(t.shape) < 2 or (
            t.name in LOOKUP_TABLES and not (tied and t.name == LOOKUP_TABLES[0])
        ):
            if len(t.shape) < 2:
                weight_bytes += gt.nbytes(t.elements)
            continue
        elements = t.elements
        if EXPERT_MARK in t.name and len(t.shape) >= 3 and experts > experts_used > 0:
            elements = elements * experts_used // experts
        rows = t.shape[1]
        entry = by_type.setdefault(gt.name, [0, 0, 0])
        entry[0] += elements
        if rows % 8:
            entry[1] += elements
        entry[2] += elements // max(1, t.shape[0])  # one dot product per row read
        weight_bytes += gt.nbytes(elements)
    if not by_type:
        return None
    shares = tuple(MatrixShare(k, v[0], v[1], v[2]) for k, v in sorted(by_type.items()))
    return TokenLoad(shares, weight_bytes, len(layers), vocab, source)


def tensors_from_show(raw: object) -> list[Tensor]:
    """/api/show ``tensors`` ([{"name", "type", "shape"}]); malformed entries are left out."""
    out: list[Tensor] = []
    if not isinstance(raw, list):
        return out
    for item in raw:
        if not isinstance(item, dict):
            continue
        name, kind, shape = item.get("name"), item.get("type"), item.get("shape")
        if not (isinstance(name, str) and isinstance(kind, str) and isinstance(shape, list)):
            continue
        if not shape or len(shape) > 4:
            continue
        if not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 < d < 1 << 40 for d in shape
        ):
            continue
        out.append(Tensor(name, kind.upper(), tuple(shape)))
    return out
