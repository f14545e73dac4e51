"""ggml's tensor types as a GGUF file stores them: block layout (so bytes per weight,
scales included) and what a CPU spends to multiply one weight of each type during
generation. Arithmetic only.

Block layouts are exact (ggml/src/ggml-common.h). The compute costs are per weight and
relative to Q8_0 (= 1.0), for the CPU backend Ollama 0.33 ships (ggml 0.25.3, AVX2/FMA/F16C).

Measured (x86): a Gemma 3 4B at six types on a real Ollama 0.33.0-rc2, 2-core AMD EPYC
(tests/fixtures/real-speed/sizes; compute-bound there: the two threads read at most 27 GB/s
of the 45 GB/s they can): Q4_K 0.44 and Q4_0 0.45 (both repacked at load, 8 rows
interleaved), Q6_K 0.68, Q5_K 0.69, Q5_0 0.96. The earlier priors, from llvm-mca's
reckoning of the compiled loops (Q4_K 0.75, Q4_0 0.9, Q6_K 0.83, Q5_K 1.07, Q5_0 1.34),
forecast the 4B at 4 bits 36 % slow: against Q8_0 (whose loop loads two 32-byte vectors per
32 weights and waits on them) every other type was dearer by 1.2-2x than it runs.

Not measured, from llvm-mca scaled by 0.65 (the median measured/reckoned ratio of the five
above): Q4_1 0.8, Q5_1 0.93, Q2_K 0.4, Q3_K 0.73, IQ4_XS 0.8, IQ4_NL and MXFP4 0.45
repacked (as Q4_0) and 0.75 unpacked, IQ2_*/IQ1_* about 1.4, IQ3_S 2.9, TQ1_0 0.6,
TQ2_0 0.22, NVFP4 1.1. Unrepacked Q4_0 (rows not a multiple of 8) 0.53. F16 1.6, BF16
2.2, F32 ~1.5 are kept (4 bytes or 2 a weight: bound by memory long before).

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
    _T(2, "Q4_0", 32, 18, 0.45),
    _T(3, "Q4_1", 32, 20, 0.8),
    _T(6, "Q5_0", 32, 22, 0.96),
    _T(7, "Q5_1", 32, 24, 0.93),
    _T(8, "Q8_0", 32, 34, 1.0, 0.8),
    _T(9, "Q8_1", 32, 36, 1.0),
    _T(10, "Q2_K", 256, 84, 0.4),
    _T(11, "Q3_K", 256, 110, 0.73),
    _T(12, "Q4_K", 256, 144, 0.44),
    _T(13, "Q5_K", 256, 176, 0.69, 0.85),
    _T(14, "Q6_K", 256, 210, 0.68, 0.7),
    _T(15, "Q8_K", 256, 292, 1.0),
    _T(16, "IQ2_XXS", 256, 66, 1.4),
    _T(17, "IQ2_XS", 256, 74, 1.4),
    _T(18, "IQ3_XXS", 256, 98, 1.0),
    _T(19, "IQ1_S", 256, 50, 1.4),
    _T(20, "IQ4_NL", 32, 18, 0.45),
    _T(21, "IQ3_S", 256, 110, 2.9),
    _T(22, "IQ2_S", 256, 82, 1.3),
    _T(23, "IQ4_XS", 256, 136, 0.8),
    _T(24, "I8", 1, 1, 1.0),
    _T(25, "I16", 1, 2, 1.0),
    _T(26, "I32", 1, 4, 1.0),
    _T(27, "I64", 1, 8, 1.0),
    _T(28, "F64", 1, 8, 3.0),
    _T(29, "IQ1_M", 256, 56, 1.4),
    _T(30, "BF16", 1, 2, 2.2),
    _T(34, "TQ1_0", 256, 54, 0.6),
    _T(35, "TQ2_0", 256, 66, 0.22),
    _T(39, "MXFP4", 32, 17, 0.45),
    _T(40, "NVFP4", 64, 36, 1.1),
    _T(41, "Q1_0", 128, 18, 0.8),
    _T(42, "Q2_0", 64, 18, 1.0),
)
BY_ID: dict[int, GGMLType] = {t.id: t for t in TYPES}
BY_NAME: dict[str, GGMLType] = {t.name: t for t in TYPES}
REPACKED = frozenset({"Q4_0", "Q4_K", "IQ4_NL", "MXFP4"})  # 8-row interleave on AVX2 and NEON
UNREPACKED_COST = {"Q4_0": 0.53, "Q4_K": 0.44, "IQ4_NL": 0.75, "MXFP4": 0.75}


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
