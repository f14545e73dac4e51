"""Images and models that cannot see them: recognising the server's refusal, and which
model to suggest instead.

A real Ollama 0.33 answers images sent to a model without vision with HTTP 400 whose
``error`` text is itself a JSON document (../shared/fixtures/images/README.md):
{"error":{"code":400,"message":"Multimodal data provided, but model does not support
multimodal requests.","type":"invalid_request_error"}}; core/errors.py unwraps it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from desktop.core.errors import server_message
from desktop.core.models.catalog import Catalog

VISION = "vision"
_PHRASES = ("does not support multimodal", "multimodal data provided", "does not support images")


def is_no_vision_error(detail: str) -> bool:
    """True when the server refused images because the model cannot read them."""
    message = server_message(detail).lower()
    return any(p in message for p in _PHRASES)


def can_see(capabilities: Sequence[str]) -> bool:
    return VISION in capabilities


def vision_model(
    installed: Mapping[str, Sequence[str]], catalog: Catalog | None = None
) -> tuple[str, bool] | None:
    """A model that can read images: an installed one (first by name) if any, else the
    smallest download in the catalog. (name, installed) or None."""
    seeing = sorted(name for name, caps in installed.items() if can_see(caps))
    if seeing:
        return seeing[0], True
    if catalog is None:
        return None
    tags: Iterable[tuple[int, str]] = (
        (t.size, t.full_name)
        for m in catalog.models
        for t in m.tags
        if can_see(t.capabilities or m.capabilities)
    )
    smallest = min(tags, default=None)
    return (smallest[1], False) if smallest else None
