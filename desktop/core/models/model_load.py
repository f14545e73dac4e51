"""A model's per-token load (core/models/tensor_mix.TokenLoad) from the best source there
is: its own tensor table (/api/show ``tensors``, a GGUF header), else llama.cpp's rule
applied to its shapes (the catalog, /api/show ``model_info``), else an estimate from its
size and quantization name. Arithmetic only."""

from __future__ import annotations

from desktop.core.models.ggml_types import BY_NAME
from desktop.core.models.quant import quant_level
from desktop.core.models.quant_rules import DEFAULT_TYPE, Shapes, predict_tensors
from desktop.core.models.tensor_mix import MatrixShare, Tensor, TokenLoad, token_load

GUESSED_LAYERS = 32
GUESSED_VOCAB = 128_000
# an unknown K-quant mix: a fifth of the weights in the higher type of the output and
# the more-bits layers (llama.cpp's Q4_K_M / Q5_K_M)
HIGHER = {"Q4_K": "Q6_K", "Q5_K": "Q6_K", "Q3_K": "Q5_K", "Q2_K": "Q3_K"}


def load_from_table(
    tensors: list[Tensor], experts: int = 0, experts_used: int = 0
) -> TokenLoad | None:
    return token_load(tensors, experts, experts_used) if tensors else None


def load_from_shapes(shapes: Shapes, quantization: str) -> TokenLoad | None:
    table = predict_tensors(shapes, quantization)
    if table is None:
        return None
    return token_load(table, shapes.experts, shapes.experts_used, source="rule")


def estimated_load(
    weight_bytes: int,
    quantization: str,
    *,
    parameters: int = 0,
    layers: int = 0,
    vocab: int = 0,
    read_fraction: float = 1.0,
) -> TokenLoad:
    """Without tensor types or shapes: the quantization's main type (with a fifth in the
    higher type for K-quant mixes), as many weights as the parameter count or the size says."""
    main = DEFAULT_TYPE.get(quantization, "Q8_0")
    level = quant_level(quantization)
    bpw = level.file_bpw if level is not None else BY_NAME[main].bits_per_weight
    elements = parameters or int(weight_bytes * 8 / bpw)
    read = max(1, int(elements * min(1.0, max(0.0, read_fraction))))
    higher = HIGHER.get(main) if quantization.endswith("_M") else None
    shares: tuple[MatrixShare, ...]
    if higher is None:
        shares = (MatrixShare(main, read),)
    else:
        shares = (MatrixShare(main, read - read // 5), MatrixShare(higher, read // 5))
    return TokenLoad(
        shares,
        max(1, int(weight_bytes * read_fraction)),
        layers or GUESSED_LAYERS,
        vocab or GUESSED_VOCAB,
        "estimate",
    )


def _num(info: dict[str, object], key: str) -> int:
    v = info.get(key)
    if isinstance(v, list) and v and all(isinstance(x, int) for x in v):
        return max(int(x) for x in v)  # per-layer lists: the largest layer
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) else 0


def shapes_from_model_info(info: dict[str, object], vocab: int = 0) -> Shapes | None:
    """Shapes from GGUF metadata keys (None when the essential ones are missing)."""
    arch = str(info.get("general.architecture") or "")
    if not arch:
        return None

    def num(key: str) -> int:
        return _num(info, f"{arch}.{key}")

    layers, emb, heads = num("block_count"), num("embedding_length"), num("attention.head_count")
    ff = num("expert_feed_forward_length") or num("feed_forward_length")
    if not (layers and emb and heads and ff):
        return None
    kv = num("attention.head_count_kv") or heads
    key_len = num("attention.key_length") or emb // heads
    value_len = num("attention.value_length") or emb // heads
    experts, used = num("expert_count"), num("expert_used_count")
    vocab = vocab or num("vocab_size")
    if not vocab:  # /api/show empties the token list: what the parameter count leaves
        params = _num(info, "general.parameter_count")
        per_layer = emb * (heads * key_len + 2 * kv * key_len) + heads * value_len * emb
        per_layer += 3 * emb * ff * max(1, experts)
        rest = params - layers * per_layer
        vocab = rest // emb if rest > emb else GUESSED_VOCAB  # as if tied: the usual case
    return Shapes(
        layers,
        emb,
        ff,
        heads,
        kv,
        key_len,
        value_len,
        vocab,
        experts=experts,
        experts_used=used,
    )
