"""Quantization levels: bits per weight, size against F16, the trade-off in one line.

Figures from ../shared/reference/ollama.md §6.2 (block bpw exact from ggml's block layouts;
"file" bpw = typical whole-file average, since embeddings and some tensors stay larger).
Trade-off texts are English source strings; the UI translates them in context "Quant".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# GGUF general.file_type numbers (llama.cpp LLAMA_FTYPE_*) -> Ollama's name.
FILE_TYPE_NAMES: dict[int, str] = {
    0: "F32",
    1: "F16",
    2: "Q4_0",
    3: "Q4_1",
    7: "Q8_0",
    8: "Q5_0",
    9: "Q5_1",
    10: "Q2_K",
    11: "Q3_K_S",
    12: "Q3_K_M",
    13: "Q3_K_L",
    14: "Q4_K_S",
    15: "Q4_K_M",
    16: "Q5_K_S",
    17: "Q5_K_M",
    18: "Q6_K",
    19: "IQ2_XXS",
    20: "IQ2_XS",
    21: "Q2_K_S",
    22: "IQ3_XS",
    23: "IQ3_XXS",
    24: "IQ1_S",
    25: "IQ4_NL",
    26: "IQ3_S",
    27: "IQ3_M",
    28: "IQ2_S",
    29: "IQ2_M",
    30: "IQ4_XS",
    31: "IQ1_M",
    32: "BF16",
    36: "TQ1_0",
    37: "TQ2_0",
    38: "MXFP4_MOE",
}


@dataclass(frozen=True)
class QuantLevel:
    name: str
    block_bpw: float  # exact bits per weight of the main block type
    file_bpw: float  # typical whole-file average
    tradeoff: str  # one line, English source text

    @property
    def size_vs_f16(self) -> float:
        """Typical file size as a fraction of the same model in F16."""
        return self.file_bpw / 16.0


_T = QuantLevel
LEVELS: tuple[QuantLevel, ...] = (
    _T("F32", 32.0, 32.0, "Full precision; twice the size of F16 and no better for chat."),
    _T("F16", 16.0, 16.0, "Original quality; four times a 4-bit file and much slower on a CPU."),
    _T("BF16", 16.0, 16.0, "Original quality (bfloat16); as large and slow as F16."),
    _T("Q8_0", 8.5, 8.5, "Practically indistinguishable from F16 at half the size."),
    _T("Q6_K", 6.5625, 6.6, "Near-lossless; a good choice when memory allows."),
    _T("Q5_K_M", 5.5, 5.7, "Very close to the original; a little larger and slower than 4-bit."),
    _T("Q5_K_S", 5.5, 5.5, "Very close to the original; slightly smaller than Q5_K_M."),
    _T("Q5_1", 6.0, 6.0, "Older 5-bit format; prefer Q5_K_M."),
    _T("Q5_0", 5.5, 5.6, "Older 5-bit format; prefer Q5_K_M."),
    _T("Q4_K_M", 4.5, 4.9, "The usual default: small and fast with a small quality loss."),
    _T("Q4_K_S", 4.5, 4.7, "Slightly smaller than Q4_K_M with a little more loss."),
    _T("Q4_1", 5.0, 5.0, "Older 4-bit format; prefer Q4_K_M."),
    _T("Q4_0", 4.5, 4.6, "Older 4-bit format; fast, a bit more loss than Q4_K_M."),
    _T("IQ4_NL", 4.5, 4.5, "4-bit with a non-linear grid; similar to Q4_K_S."),
    _T("IQ4_XS", 4.25, 4.3, "Compact 4-bit; close to Q4_K_S, a little smaller."),
    _T("MXFP4_MOE", 4.25, 4.4, "4-bit floating point used by some mixture-of-experts models."),
    _T("Q3_K_L", 3.4375, 4.3, "3-bit; noticeable loss, for when 4-bit does not fit."),
    _T("Q3_K_M", 3.4375, 3.9, "3-bit; noticeable loss, for when 4-bit does not fit."),
    _T("Q3_K_S", 3.4375, 3.5, "Smallest 3-bit; clear quality loss."),
    _T("IQ3_S", 3.4375, 3.4, "3-bit importance-matrix format; better than Q3_K_S at its size."),
    _T("IQ3_XXS", 3.0625, 3.1, "Very small 3-bit; clear quality loss."),
    _T("Q2_K", 2.625, 3.35, "2-bit; large quality loss, only for big models on small machines."),
    _T("IQ2_XS", 2.3125, 2.3, "2-bit; large quality loss."),
    _T("IQ1_M", 1.75, 1.8, "Extreme compression; the model is badly damaged."),
)
_BY_NAME = {q.name: q for q in LEVELS}
DEFAULT_LEVEL = "Q4_K_M"

ADVICE = (
    "Start with a model of about 3B parameters at Q4_K_M (4-bit). If answers come too slowly, "
    "take a smaller model; if they are not smart enough and memory allows, take a larger model "
    "before a higher-bit quantization. Below 4-bit quality drops quickly; above 6-bit it hardly "
    "improves."
)


def normalise_quant(name: str) -> str:
    """`q4_K_M`, `Q4_K_M`, `fp16`, `q8` -> the canonical name ("" when unknown)."""
    n = name.strip().upper().replace("-", "_")
    if n in ("FP16",):
        return "F16"
    if n in ("FP32",):
        return "F32"
    if n == "Q4_K":
        return "Q4_K_M"
    if n == "Q8":
        return "Q8_0"
    return n if n in _BY_NAME else ""


def quant_level(name: str) -> QuantLevel | None:
    return _BY_NAME.get(normalise_quant(name))


def file_type_name(file_type: int | str) -> str:
    """GGUF `general.file_type` (int) or a name string -> Ollama's quantization name."""
    if isinstance(file_type, str):
        return normalise_quant(file_type) or file_type.upper()
    return FILE_TYPE_NAMES.get(file_type, "unknown")


_TAG_QUANT = re.compile(
    r"(?:^|-)(q\d(?:_[0-9a-z]+)*|iq\d_[a-z]+|fp16|bf16|f16|fp32)$", re.IGNORECASE
)


def quant_from_tag(tag: str) -> str:
    """The quantization spelled in a tag like `8b-instruct-q4_K_M` ("" when none)."""
    m = _TAG_QUANT.search(tag)
    return normalise_quant(m.group(1)) if m else ""
