"""ggml's tensor types as a GGUF file stores them: block layout (so bytes per weight,
scales included) and what a CPU spends to multiply one weight of each type during
generation. Arithmetic only.

Block layouts are exact (ggml/src/ggml-common.h). The compute costs are per weight and
relative to Q8_0 (= 1.0): the steady-state cycles of each type's inner loop in the CPU
backend Ollama 0.33 ships (ggml 0.25.3, built for AVX2/FMA/F16C), as llvm-mca 14 reckons
them from the compiled `ggml_vec_dot_*` and repacked `ggml_gemv_*` loops, averaged over
five x86 cores (Zen 3, Skylake, Ice Lake, Alder Lake, Haswell; the spread between them is
about 10 %, 25 % for Q4_K):

- Q8_0 4.1-5.1 cycles per 32 weights (two 32-byte loads, a signed 8-bit multiply-add, two
  scales, one FMA); Q4_0 1.06; Q4_1 1.22; Q5_0 1.34 (the fifth bit is spread from 4 bytes
  and merged in); Q5_1 1.43.
- K-quants unpack a 256-weight super-block per pass: Q2_K 0.62, Q3_K 1.13, Q4_K 0.75,
  Q5_K 1.07, Q6_K 0.83 (both cheaper per weight than Q8_0, though Q6_K reads 6.6 bits).
- Repacked at load (8 rows interleaved, rows a multiple of 8): Q4_0 0.9, IQ4_NL 0.9, MXFP4
  0.95; Q4_K is repacked too but costs the same per weight (0.75): what repacking saves is
  the per-row work (core/models/token_work ROW_COST), shared by 8 rows.
- F16 1.6 (widened to float 8 at a time), BF16 2.2, F32 ~1.5 (but 4 bytes a weight: these
  are bound by memory long before).
- Codebook types decode through table lookups: IQ4_XS 1.24, IQ4_NL/MXFP4 unpacked 1.15,
  IQ2_* and IQ1_* about 2.1, IQ3_S 4.5 (gathers); TQ1_0 0.92, TQ2_0 0.34, NVFP4 1.7.

On ARM (NEON with dot products) Q5_K, Q6_K and Q8_0 are repacked as well; their ARM costs
below are estimates from the kernels' structure, not measured. The calibration
(core/models/calibration.py) turns these relative figures into this machine's seconds: they
only set how types compare, never the absolute speed.
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
    _T(0, "F32", 1, 4, 1.5),
    _T(1, "F16", 1, 2, 1.6),
    _T(2, "Q4_0", 32, 18, 0.9),
    _T(3, "Q4_1", 32, 20, 1.22),
    _T(6, "Q5_0", 32, 22, 1.34),
    _T(7, "Q5_1", 32, 24, 1.43),
    _T(8, "Q8_0", 32, 34, 1.0, 0.8),
    _T(9, "Q8_1", 32, 36, 1.0),
    _T(10, "Q2_K", 256, 84, 0.62),
    _T(11, "Q3_K", 256, 110, 1.13),
    _T(12, "Q4_K", 256, 144, 0.75),
    _T(13, "Q5_K", 256, 176, 1.07, 0.85),
    _T(14, "Q6_K", 256, 210, 0.83, 0.7),
    _T(15, "Q8_K", 256, 292, 1.0),
    _T(16, "IQ2_XXS", 256, 66, 2.2),
    _T(17, "IQ2_XS", 256, 74, 2.2),
    _T(18, "IQ3_XXS", 256, 98, 1.5),
    _T(19, "IQ1_S", 256, 50, 2.1),
    _T(20, "IQ4_NL", 32, 18, 0.9),
    _T(21, "IQ3_S", 256, 110, 4.5),
    _T(22, "IQ2_S", 256, 82, 2.0),
    _T(23, "IQ4_XS", 256, 136, 1.24),
    _T(24, "I8", 1, 1, 1.0),
    _T(25, "I16", 1, 2, 1.0),
    _T(26, "I32", 1, 4, 1.0),
    _T(27, "I64", 1, 8, 1.0),
    _T(28, "F64", 1, 8, 3.0),
    _T(29, "IQ1_M", 256, 56, 2.1),
    _T(30, "BF16", 1, 2, 2.2),
    _T(34, "TQ1_0", 256, 54, 0.92),
    _T(35, "TQ2_0", 256, 66, 0.34),
    _T(39, "MXFP4", 32, 17, 0.95),
    _T(40, "NVFP4", 64, 36, 1.7),
    _T(41, "Q1_0", 128, 18, 0.8),
    _T(42, "Q2_0", 64, 18, 1.0),
)
BY_ID: dict[int, GGMLType] = {t.id: t for t in TYPES}
BY_NAME: dict[str, GGMLType] = {t.name: t for t in TYPES}
REPACKED = frozenset({"Q4_0", "Q4_K", "IQ4_NL", "MXFP4"})  # 8-row interleave on AVX2 and NEON
UNREPACKED_COST = {"Q4_0": 1.06, "Q4_K": 0.75, "IQ4_NL": 1.15, "MXFP4": 1.15}


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
