"""The work of one generated token in machine-independent units, from its TokenLoad
(core/models/tensor_mix) and the KV cache read at a position. Arithmetic only.

Two quantities, because a CPU can run out of either:

- compute, in "Q8_0 weights": every weight multiplied times its type's relative cost
  (core/models/ggml_types), the attention over the KV cache, and the fixed work of a token
  (see below), which also counts in Q8_0-weight equivalents;
- memory traffic, in bytes: the weights read plus the KV cache.

Fixed work per token (priors, in Q8_0-weight units of ONE core: it runs on one thread,
or in lock-step between threads, so the calibration divides it by one core's speed; a
Q8_0 block of 32 weights takes about 4 cycles, so a cycle is about 8 units):

- per vocabulary entry, 125: the logits are copied out, a candidate list of the whole
  vocabulary is built and cut to top-k by a partial sort (llama.cpp's samplers), about 16
  cycles per entry over three passes;
- per layer, 70,000: the graph's 20-40 small operations per layer (norms, rope, softmax,
  copies), each ending in a barrier between threads, a few hundred cycles each;
- per token, 7 million: building and scheduling the graph, the runner's and Ollama's own
  handling of one token (about 0.3 ms).

And per output row of a matrix, 150 (parallel: it is part of the matrix product): each row
is one dot product, called through a function pointer and ending in a horizontal sum and a
store (llvm-mca puts the compiled prologue and epilogue at 4-7 cycles), plus the caller's
loop and the loop-exit branch of the row (about 18 cycles, some four Q8_0 blocks); the
repacked kernels do 8 rows per call, so a row costs an eighth there. It matters where rows
are short and many: Gemma 3 270M multiplies a 262,144 x 640 output matrix for every token.

The calibration scales all of it by this machine's speed; what it cannot learn from one
model is how these parts compare, and that is what these priors state.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.models.ggml_types import BY_NAME, REPACKED, UNREPACKED_COST
from desktop.core.models.tensor_mix import TokenLoad

PER_VOCAB = 125.0
PER_LAYER = 70_000.0
PER_TOKEN = 7.0e6
ROW_COST = 150.0  # per output row of a plain dot product (an eighth when repacked)
ATTENTION_COST = 1.6  # per KV-cache element (f16, widened like an F16 weight)
KV_ELEMENT_BYTES = 2
# how much less is known when the tensor types are not read from the file itself
GUESS = {"tensors": 0.0, "rule": 0.03, "estimate": 0.12}


@dataclass(frozen=True)
class Work:
    """One token: compute in Q8_0-weight units (``matmul``, shared by the threads, and
    ``fixed``, one core's) and bytes read. ``shares`` says which types the matmul units come
    from (for the forecast's margin)."""

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
        packed = m.type in REPACKED and not m.odd_rows
        units += m.rows * ROW_COST / (8 if packed else 1)
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
