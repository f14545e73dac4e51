"""Rankings of passages and how they are combined.

``Bm25`` is the same formula as sqlite FTS5's bm25() (k1 1.2, b 0.75), over the same terms:
the index uses it where sqlite was built without FTS5. ``by_similarity`` ranks passages by
the cosine of their embedding with the question's; ``fuse`` combines rankings by
reciprocal rank fusion (Cormack et al., 2009: each list adds 1/(k + rank), k = 60), which
needs no tuning of the two scores' scales.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

RRF_K = 60
K1, B = 1.2, 0.75


class Bm25:
    """An in-memory bm25 index of documents given as lists of terms (ids 0..n-1)."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        self.n = len(docs)
        self.lengths = [len(d) for d in docs]
        self.avg = (sum(self.lengths) / self.n) if self.n else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, d in enumerate(docs):
            for term, tf in Counter(d).items():
                self.postings.setdefault(term, []).append((i, tf))

    def idf(self, term: str) -> float:
        # FTS5's variant: never negative for a term found in more than half the documents
        df = len(self.postings.get(term, ()))
        return max(1e-6, math.log((self.n - df + 0.5) / (df + 0.5)))

    def search(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        """The best ``limit`` ids with their scores (higher is better)."""
        scores: dict[int, float] = {}
        for term in dict.fromkeys(terms):
            posting = self.postings.get(term)
            if not posting:
                continue
            idf = self.idf(term)
            for i, tf in posting:
                norm = K1 * (1 - B + B * self.lengths[i] / (self.avg or 1.0))
                scores[i] = scores.get(i, 0.0) + idf * tf * (K1 + 1) / (tf + norm)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[:limit]


def normalise(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm > 0 else [0.0 for _ in vector]


def by_similarity(
    query: Sequence[float], vectors: Mapping[int, Sequence[float]], limit: int
) -> list[tuple[int, float]]:
    """Ids ranked by the cosine of their vector with ``query`` (vectors of another length,
    from another model, are left out)."""
    q = normalise(query)
    scored: list[tuple[int, float]] = []
    for i, v in vectors.items():
        if len(v) != len(q):
            continue
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        scored.append((i, sum(a * b for a, b in zip(q, v, strict=True)) / norm))
    scored.sort(key=lambda kv: (-kv[1], kv[0]))
    return scored[:limit]


def fuse(
    rankings: Sequence[Sequence[int]], k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[int]:
    """Reciprocal rank fusion of ranked id lists (best first), each list's share scaled by
    its weight (1 when not given)."""
    scores: dict[int, float] = {}
    for n, ranking in enumerate(rankings):
        w = weights[n] if weights is not None else 1.0
        for rank, i in enumerate(ranking, 1):
            scores[i] = scores.get(i, 0.0) + w / (k + rank)
    return [i for i, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]
