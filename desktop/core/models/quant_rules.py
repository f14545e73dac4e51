"""Which ggml type each tensor of a model gets under a file type ("Q4_K_M" and the like),
for models not downloaded yet: llama.cpp's rule (src/llama-quant.cpp,
``llama_tensor_get_type_impl`` and ``tensor_type_fallback``, without an importance matrix),
for the file types Ollama's library uses. Checked against real files in
tests/models/test_tensor_mix.py. Arithmetic only.

A "Q4_K_M" file is not 4-bit throughout: the output matrix (the embedding table when the
model ties them) is Q6_K, or Q8_0 when its row length is not a multiple of 256; attn_v and
ffn_down are Q6_K in the first and last eighth of the layers and every third layer between;
and every K-quant falls back to a 32-block type when a tensor's row length is not a multiple
of 256 (Q4_K -> Q5_0, Q5_K -> Q5_1, Q6_K -> Q8_0). Gemma 3 1B (rows of 1,152) is thus
mostly Q5_0 and Q8_0 under the name Q4_K_M.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.models.ggml_types import BY_NAME
from desktop.core.models.tensor_mix import Tensor

# file type -> the default tensor type (llama_ftype_get_default_type)
DEFAULT_TYPE = {
    "F32": "F32",
    "F16": "F16",
    "BF16": "BF16",
    "Q4_0": "Q4_0",
    "Q4_1": "Q4_1",
    "Q5_0": "Q5_0",
    "Q5_1": "Q5_1",
    "Q8_0": "Q8_0",
    "Q2_K": "Q2_K",
    "Q3_K_S": "Q3_K",
    "Q3_K_M": "Q3_K",
    "Q3_K_L": "Q3_K",
    "Q4_K_S": "Q4_K",
    "Q4_K_M": "Q4_K",
    "Q5_K_S": "Q5_K",
    "Q5_K_M": "Q5_K",
    "Q6_K": "Q6_K",
    "IQ4_NL": "IQ4_NL",
    "IQ4_XS": "IQ4_XS",
    "MXFP4_MOE": "MXFP4",
}
FALLBACK = {
    "Q2_K": "Q4_0",
    "Q3_K": "Q4_0",
    "Q4_K": "Q5_0",
    "Q5_K": "Q5_1",
    "Q6_K": "Q8_0",
    "IQ4_XS": "IQ4_NL",
}
UNQUANTIZED = ("F32", "F16", "BF16")


@dataclass(frozen=True)
class Shapes:
    """A decoder's shapes, as GGUF metadata gives them."""

    layers: int
    embedding: int  # n_embd
    feed_forward: int  # n_ff (per expert for mixture-of-experts layers)
    heads: int
    kv_heads: int
    key_length: int
    value_length: int
    vocab: int
    tied: bool = True  # no separate output matrix
    gated: bool = True  # ffn_gate beside ffn_up (SwiGLU/GeGLU); False: a plain two-matrix MLP
    experts: int = 0
    experts_used: int = 0


def _use_more_bits(i: int, n: int) -> bool:
    return i < n // 8 or i >= 7 * n // 8 or (i - n // 8) % 3 == 2


def _fallback(kind: str, ncols: int) -> str:
    block = BY_NAME[kind].block
    if ncols % block == 0:
        return kind
    kind = FALLBACK.get(kind, kind)
    return kind if ncols % BY_NAME[kind].block == 0 else "F16"


def _output_type(ftype: str, default: str, ncols: int) -> str:
    if ftype == "MXFP4_MOE" or ncols % BY_NAME[default].block:
        return "Q8_0"
    return default if default == "Q8_0" else "Q6_K"


def _layer_type(ftype: str, default: str, role: str, i: int, n: int, gqa: int) -> str:
    if ftype == "MXFP4_MOE":
        return "MXFP4" if role.endswith(EXPERT_ROLES) else "Q8_0"
    if role == "attn_v":
        rules = {
            "Q2_K": "Q4_K" if gqa >= 4 else "Q3_K",
            "Q3_K_M": "Q5_K" if i < 2 else "Q4_K",
            "Q3_K_L": "Q5_K",
            "Q4_K_S": "Q5_K" if i < 4 else default,
            "Q4_K_M": "Q6_K" if _use_more_bits(i, n) else default,
            "Q5_K_M": "Q6_K" if _use_more_bits(i, n) else default,
        }
        return rules.get(ftype, default)
    if role in ("ffn_down", "ffn_down_exps"):
        rules = {
            "Q2_K": "Q3_K",
            "Q3_K_M": "Q5_K" if i < n // 16 else "Q4_K",
            "Q3_K_L": "Q5_K",
            "Q4_K_S": "Q5_K" if i < n // 8 else default,
            "Q4_K_M": "Q6_K" if _use_more_bits(i, n) else default,
            "Q5_K_M": "Q6_K" if _use_more_bits(i, n) else default,
        }
        return rules.get(ftype, default)
    if role == "attn_output":
        return {"Q2_K": "Q3_K", "Q3_K_M": "Q4_K", "Q3_K_L": "Q5_K"}.get(ftype, default)
    return default


EXPERT_ROLES = ("_exps",)


def predict_tensors(shapes: Shapes, file_type: str) -> list[Tensor] | None:
    """The matrices of a model of ``shapes`` quantized as ``file_type`` (None for a file
    type this rule does not know). Vectors are left out: they are F32 and cost nothing."""
    default = DEFAULT_TYPE.get(file_type)
    if default is None:
        return None
    s = shapes
    q_dim, k_dim = s.heads * s.key_length, s.kv_heads * s.key_length
    v_dim = s.kv_heads * s.value_length
    o_dim = s.heads * s.value_length
    gqa = s.heads // s.kv_heads if s.kv_heads else 1
    quantize = default not in UNQUANTIZED

    def kind(role: str, i: int, ncols: int) -> str:
        if not quantize:
            return default
        return _fallback(_layer_type(file_type, default, role, i, s.layers, gqa), ncols)

    out: list[Tensor] = []
    emb_shape = (s.embedding, s.vocab)
    if s.tied:
        t = _fallback(_output_type(file_type, default, s.embedding), s.embedding)
        out.append(Tensor("token_embd.weight", t if quantize else default, emb_shape))
    else:
        out.append(Tensor("token_embd.weight", kind("token_embd", 0, s.embedding), emb_shape))
        t = _fallback(_output_type(file_type, default, s.embedding), s.embedding)
        out.append(Tensor("output.weight", t if quantize else default, emb_shape))
    moe = s.experts > 1
    ffn = (
        ("ffn_gate_exps", "ffn_up_exps", "ffn_down_exps")
        if moe
        else ("ffn_gate", "ffn_up", "ffn_down")
    )
    for i in range(s.layers):
        mats: list[tuple[str, tuple[int, ...]]] = [
            ("attn_q", (s.embedding, q_dim)),
            ("attn_k", (s.embedding, k_dim)),
            ("attn_v", (s.embedding, v_dim)),
            ("attn_output", (o_dim, s.embedding)),
        ]
        extra = (s.experts,) if moe else ()
        if s.gated:
            mats.append((ffn[0], (s.embedding, s.feed_forward, *extra)))
        mats.append((ffn[1], (s.embedding, s.feed_forward, *extra)))
        mats.append((ffn[2], (s.feed_forward, s.embedding, *extra)))
        if moe:
            mats.append(("ffn_gate_inp", (s.embedding, s.experts)))
        for role, shape in mats:
            t = "F32" if role == "ffn_gate_inp" else kind(role, i, shape[0])
            out.append(Tensor(f"blk.{i}.{role}.weight", t, shape))
    return out
