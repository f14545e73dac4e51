"""The work of one generated token in machine-independent units, from its TokenLoad
(core/models/tensor_mix) and the KV cache read at a position. Arithmetic only.

Two quantities, because a CPU can run out of either:

- compute, in "Q8_0 weights": every weight multiplied times its type's relative cost
  (core/models/ggml_types), the attention over the KV cache, and the fixed work of a token
  (see below), which also counts in Q8_0-weight equivalents;
- memory traffic, in bytes: the weights read plus the KV cache.

Fixed work per token (priors, in Q8_0-weight equivalents of a 2-thread AVX2 machine that
multiplies about 23 billion of them a second, so 1 ms is about 23 million):

- per vocabulary entry, 110: the logits are copied out, a candidate list of the whole
  vocabulary is built and cut to top-k (llama.cpp's samplers), about 5 ns per entry;
- per layer, 1.1 million: the graph's 20-40 small operations per layer (norms, rope,
  softmax, copies), each ending in a barrier between threads, about 50 us per layer;
- per token, 7 million: building and scheduling the graph, the runner's and Ollama's own
  handling of one token (about 0.3 ms).

The calibration scales all of it by one factor, this machine's speed; what it cannot learn
from one model is how these parts compare, and that is what these priors state.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.models.ggml_types import BY_NAME, UNREPACKED_COST
from desktop.core.models.tensor_mix import TokenLoad

PER_VOCAB = 110.0
PER_LAYER = 1.1e6
PER_TOKEN = 7.0e6
ATTENTION_COST = 1.6  # per KV-cache element (f16, widened like an F16 weight)
KV_ELEMENT_BYTES = 2
# how much less is known when the tensor types are not read from the file itself
GUESS = {"tensors": 0.0, "rule": 0.03, "estimate": 0.12}


@dataclass(frozen=True)
class Work:
    """One token: compute in Q8_0-weight units (``matmul`` and ``fixed``) and bytes read.
    ``shares`` says which types the matmul units come from (for the forecast's margin)."""

    matmul: float
    fixed: float
    bytes: float
    shares: tuple[tuple[str, float], ...] = ()
    guess: float = 0.0  # extra uncertainty: the tensor types were predicted or estimated

    @property
    def units(self) -> float:
        return self.matmul + self.fixed


def token_work(load: TokenLoad, kv_bytes: float = 0.0, simd: str = "x86") -> Work:
    """The work of one token that reads ``kv_bytes`` of KV cache (empty context: 0)."""
    per_type: dict[str, float] = {}
    for m in load.matrices:
        t = BY_NAME[m.type]
        base = t.cost_for(simd)
        odd_cost = UNREPACKED_COST.get(m.type, base)
        units = (m.elements - m.odd_rows) * base + m.odd_rows * odd_cost
        per_type[m.type] = per_type.get(m.type, 0.0) + units
    kv = max(0.0, kv_bytes)
    attention = kv / KV_ELEMENT_BYTES * ATTENTION_COST
    matmul = sum(per_type.values()) + attention
    fixed = PER_TOKEN + PER_LAYER * load.layers + PER_VOCAB * load.vocab
    total = sum(per_type.values()) or 1.0
    shares = tuple(sorted((k, v / total) for k, v in per_type.items()))
    guess = GUESS.get(load.source, 0.0)
    return Work(matmul, fixed, load.weight_bytes + kv, shares, guess)


def mix_distance(a: Work, b: Work) -> float:
    """How differently two tokens spend their compute across types: 0 (the same mix) to 1
    (nothing in common), the total variation between the two shares."""
    sa, sb = dict(a.shares), dict(b.shares)
    keys = set(sa) | set(sb)
    return sum(abs(sa.get(k, 0.0) - sb.get(k, 0.0)) for k in keys) / 2
