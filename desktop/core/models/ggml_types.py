"""ggml's tensor types as a GGUF file stores them: block layout (so bytes per weight,
scales included) and what a CPU spends to multiply one weight of each type during
generation. Arithmetic only.

Block layouts are exact (ggml/src/ggml-common.h). The compute costs are priors, per weight
and relative to Q8_0 (= 1.0), worked out from the kernels a batch-one matrix-vector product
runs in ggml's CPU backend (`ggml_vec_dot_*` in ggml-cpu/arch/*/quants.c and the "repack"
gemv kernels in ggml-cpu/arch/*/repack.cpp) by counting the vector operations per block of
32 weights:

- Q8_0: two 32-byte loads, a signed 8-bit multiply-add (sign, sign, maddubs, madd,
  convert: 5 ops), the two scales and one FMA: about 12 ops per 32 weights.
- Q4_0, IQ4_NL, MXFP4: repacked at load time into 8-row interleaved blocks (AVX2, NEON)
  whose gemv unpacks nibbles with one table shuffle and shares the activation loads over 8
  rows: about 8 ops per 32 weights (0.7). Not repacked (an odd row count): about 16 (1.3).
- Q5_0 / Q5_1: the nibbles, plus the fifth bit spread from 4 bytes (set1, shuffle, or,
  cmpeq) and merged (andnot, or): about 22 ops (1.8).
- Q4_K: 256-weight super-blocks, one scale decode per 256 and two 32-weight halves per
  32-byte load; repacked on AVX2: about 8.5 ops per 32 (0.7).
- Q5_K: Q4_K plus the high bit per weight (0.9); Q6_K: low nibble and two high bits
  merged, then an offset of 32 taken off through a second maddubs (1.0); Q3_K, Q2_K
  alike (1.1, 0.8); IQ2/IQ3/IQ1 decode through codebook lookups (1.4-1.6).
- F16 / BF16: widened to float 8 at a time (two conversions per FMA): 1.6; F32: 1.0.

On ARM (NEON with dot products) Q5_K, Q6_K and Q8_0 are repacked too, so they cost less
there. The calibration (core/models/calibration.py) turns these relative figures into this
machine's seconds: the priors only set how types compare, never the absolute speed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GGMLType:
    id: int
    name: str  # as ggml and /api/show spell it: "Q4_K", "F16"
    block: int  # weights per block
    block_bytes: int  # bytes per block, scales included
    cost: float  # compute per weight relative to Q8_0, x86 (AVX2 / AVX-512)
    cost_arm: float = 0.0  # the same on ARM NEON (0: as on x86)

    @property
    def bits_per_weight(self) -> float:
        return self.block_bytes * 8 / self.block

    def nbytes(self, elements: int) -> int:
        return (elements + self.block - 1) // self.block * self.block_bytes

    def cost_for(self, simd: str) -> float:
        return self.cost_arm if simd == "arm" and self.cost_arm else self.cost


_T = GGMLType
TYPES: tuple[GGMLType, ...] = (
    _T(0, "F32", 1, 4, 1.0),
    _T(1, "F16", 1, 2, 1.6),
    _T(2, "Q4_0", 32, 18, 0.7),
    _T(3, "Q4_1", 32, 20, 1.35),
    _T(6, "Q5_0", 32, 22, 1.8),
    _T(7, "Q5_1", 32, 24, 1.9),
    _T(8, "Q8_0", 32, 34, 1.0, 0.8),
    _T(9, "Q8_1", 32, 36, 1.0),
    _T(10, "Q2_K", 256, 84, 0.8),
    _T(11, "Q3_K", 256, 110, 1.1),
    _T(12, "Q4_K", 256, 144, 0.7),
    _T(13, "Q5_K", 256, 176, 0.9, 0.75),
    _T(14, "Q6_K", 256, 210, 1.0, 0.8),
    _T(15, "Q8_K", 256, 292, 1.0),
    _T(16, "IQ2_XXS", 256, 66, 1.5),
    _T(17, "IQ2_XS", 256, 74, 1.5),
    _T(18, "IQ3_XXS", 256, 98, 1.6),
    _T(19, "IQ1_S", 256, 50, 1.4),
    _T(20, "IQ4_NL", 32, 18, 0.7),
    _T(21, "IQ3_S", 256, 110, 1.6),
    _T(22, "IQ2_S", 256, 82, 1.5),
    _T(23, "IQ4_XS", 256, 136, 0.85),
    _T(24, "I8", 1, 1, 1.0),
    _T(25, "I16", 1, 2, 1.0),
    _T(26, "I32", 1, 4, 1.0),
    _T(27, "I64", 1, 8, 1.0),
    _T(28, "F64", 1, 8, 2.0),
    _T(29, "IQ1_M", 256, 56, 1.4),
    _T(30, "BF16", 1, 2, 1.6),
    _T(34, "TQ1_0", 256, 54, 1.5),
    _T(35, "TQ2_0", 256, 66, 0.9),
    _T(39, "MXFP4", 32, 17, 0.75),
    _T(40, "NVFP4", 64, 36, 1.0),
    _T(41, "Q1_0", 128, 18, 1.0),
    _T(42, "Q2_0", 64, 18, 1.0),
)
BY_ID: dict[int, GGMLType] = {t.id: t for t in TYPES}
BY_NAME: dict[str, GGMLType] = {t.name: t for t in TYPES}
REPACKED = frozenset({"Q4_0", "Q4_K", "IQ4_NL", "MXFP4"})  # 8-row interleave on AVX2 and NEON
UNREPACKED_COST = {"Q4_0": 1.3, "Q4_K": 0.8, "IQ4_NL": 1.3, "MXFP4": 1.3}


def ggml_type(name_or_id: str | int) -> GGMLType | None:
    """A type by its number in a GGUF tensor table or its name in /api/show ("q4_K" too)."""
    if isinstance(name_or_id, int):
        return BY_ID.get(name_or_id)
    return BY_NAME.get(name_or_id.strip().upper())


def weight_cost(t: GGMLType, rows: int, simd: str) -> float:
    """Compute per weight of a matrix with ``rows`` output rows: the repacked kernels need
    the rows in groups of 8 (4 on ARM); otherwise the plain dot product runs."""
    group = 4 if simd == "arm" else 8
    if t.name in REPACKED and rows % group:
        return UNREPACKED_COST[t.name]
    return t.cost_for(simd)
