"""Model-name and digest validation on any text (fuzz suite): a ModelName or InvalidNameError
(ValueError for digests), in time linear in the length, and a valid name survives its own
display form. The API client turns every refusal into OllamaError(INVALID_NAME)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.errors import ErrorKind, OllamaError
from desktop.core.names import (
    InvalidNameError,
    is_valid_digest,
    normalise_digest,
    parse_model_name,
)
from desktop.services.api_client import check_name

CASE_SECONDS = (
    5.0  # a hang guard, not a speed: the cost per name is in benchmarks/test_parse_cost.py
)
NAME_CHARS = st.sampled_from("abcAZ09_.-:/ @\\\n\t\u00e9\u202e\u200b\uff1a")
NAMES = (
    st.text(max_size=120)
    | st.text(NAME_CHARS, max_size=400)
    | st.builds(
        lambda scheme, host, ns, model, tag: f"{scheme}{host}/{ns}/{model}:{tag}",
        st.sampled_from(("", "http://", "https://", "ftp://", "://")),
        st.text(NAME_CHARS, max_size=30),
        st.text(NAME_CHARS, max_size=90),
        st.text(NAME_CHARS, max_size=90),
        st.text(NAME_CHARS, max_size=90),
    )
)


@settings(max_examples=1000, deadline=None)
@given(NAMES, st.booleans())
def test_any_text_is_a_name_or_a_clear_refusal(text: str, allow_host: bool) -> None:
    started = time.monotonic()
    try:
        name = parse_model_name(text, allow_host=allow_host)
    except InvalidNameError as e:
        assert e.reason and e.name == text
        with pytest.raises(OllamaError) as refused:
            check_name(text, allow_host=allow_host)
        assert refused.value.kind is ErrorKind.INVALID_NAME
        return
    finally:
        assert time.monotonic() - started < CASE_SECONDS
    again = parse_model_name(name.display, allow_host=allow_host)
    assert again.same_as(name)
    assert name.display.isascii() and not any(ch.isspace() for ch in name.display)
    assert check_name(text, allow_host=allow_host) == text.strip()


@settings(max_examples=1000, deadline=None)
@given(
    st.text(max_size=80)
    | st.builds(
        lambda p, h: p + h,
        st.sampled_from(("sha256:", "sha256-", "SHA256:", "")),
        st.text("0123456789abcdefABCDEFg", min_size=60, max_size=68),
    )
)
def test_any_digest_is_valid_or_refused(text: str) -> None:
    try:
        digest = normalise_digest(text)
    except ValueError:
        assert not is_valid_digest(text)
        return
    assert is_valid_digest(digest) and digest == normalise_digest(digest)
