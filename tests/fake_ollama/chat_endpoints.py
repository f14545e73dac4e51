"""The chat and generate endpoints of the fake Ollama server: loading with keep_alive, option
checks, thinking, num_predict, and the answer streamed token by token (or sent whole) with
the durations a real server reports."""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from . import context
from .models import FakeModel
from .names import _normalise_name, _now_rfc3339
from .turns import raw_echo, render
from .wire import _HandlerBase

_TOKEN = re.compile(r"\s*\S+|\s+")


class _AnswerEndpoints(_HandlerBase):
    """The /api/chat and /api/generate routes of _Handler (server.py)."""

    def _check_options(self, body: dict[str, Any]) -> str | None:
        options = body.get("options") or {}
        for key in ("num_ctx", "num_predict", "num_thread", "seed", "top_k"):
            if key in options and not isinstance(options[key], int):
                return f'option "{key}" must be of type integer'
        for key in ("temperature", "top_p"):
            if key in options and not isinstance(options[key], int | float):
                return f'option "{key}" must be of type float'
        return None

    def _keep_alive(self, body: dict[str, Any]) -> timedelta | None:
        ka = body.get("keep_alive")
        if ka is None:
            return timedelta(minutes=5)
        if isinstance(ka, int | float):
            return timedelta(seconds=ka) if ka >= 0 else timedelta(days=3650)
        m = re.fullmatch(r"(-?\d+)([smh])", str(ka))
        if not m:
            return timedelta(minutes=5)
        n = int(m.group(1))
        if n < 0:
            return timedelta(days=3650)
        return timedelta(**{{"s": "seconds", "m": "minutes", "h": "hours"}[m.group(2)]: n})

    def _load(self, model: FakeModel, body: dict[str, Any]) -> tuple[int, bool]:
        """Load (or refresh) the model in `running`; return (load ns, unloaded)."""
        fake = self.server_fake
        ka = self._keep_alive(body)
        ctx = self._num_ctx(model, body)
        start = time.monotonic_ns()
        with fake.lock:
            was_loaded = model.name.lower() in fake.state.running
            if ka is not None and ka.total_seconds() == 0:
                fake.state.running.pop(model.name.lower(), None)
                return 0, True
            fake.state.running[model.name.lower()] = (model, datetime.now(UTC) + ka, ctx)
        if not was_loaded:
            self._sleep(0.001)
        return max(1, time.monotonic_ns() - start), False

    def _num_ctx(self, model: FakeModel, body: dict[str, Any]) -> int:
        """The window the runner gets: the request's num_ctx, else the server's, never
        above the model's trained length (Ollama's effectiveContext)."""
        asked = (body.get("options") or {}).get("num_ctx")
        ctx = (
            int(asked) if isinstance(asked, int) and asked > 0 else self.server_fake.context_length
        )
        arch = str(model.model_info.get("general.architecture") or "")
        trained = model.model_info.get(f"{arch}.context_length")
        if isinstance(trained, int) and 0 < trained < ctx:
            ctx = trained
        return ctx

    def _chat(self, body: dict[str, Any]) -> None:
        self._answer(body, chat=True)

    def _generate(self, body: dict[str, Any]) -> None:
        self._answer(body, chat=False)

    def _answer(self, body: dict[str, Any], *, chat: bool) -> None:
        fake = self.server_fake
        started = time.monotonic_ns()
        name, model = self._find(body)
        if not name:
            return self._error(400, "model is required")
        if _normalise_name(name) is None:
            return self._error(400, "invalid model name")
        if model is None:
            return self._not_found(name)
        if "completion" not in model.capabilities:  # an embedding model, as the real one says
            return self._error(400, f'"{name}" does not support {"chat" if chat else "generate"}')
        problem = self._check_options(body)
        if problem:
            return self._error(500, problem)
        refusal = _image_refusal(body, model) if chat else None
        if refusal:
            return self._error(400, refusal)
        think = body.get("think")
        thinks = "thinking" in model.capabilities
        if think not in (None, False) and not thinks:
            return self._error(400, f'"{name}" does not support thinking')
        messages = body.get("messages") if chat else None
        prompt = body.get("prompt") if not chat else None
        load_ns, unloaded = self._load(model, body)
        base = {"model": name, "created_at": _now_rfc3339()}
        empty = (chat and not messages) or (not chat and not prompt)
        if empty:
            reply: dict[str, Any] = {**base}
            if chat:
                reply["message"] = {"role": "assistant", "content": ""}
            else:
                reply["response"] = ""
            reply["done"] = True
            reply["done_reason"] = "unload" if unloaded else "load"
            return self._json(200, reply)
        num_ctx = self._num_ctx(model, body)
        if chat and isinstance(messages, list):
            prompt_count, _dropped = context.chat_prompt_count(messages, num_ctx)
        else:
            prompt_count = context.generate_prompt_count(str(prompt), num_ctx)
        options = body.get("options") or {}
        limit = int(options.get("num_predict", -1))
        thinking_tokens = _TOKEN.findall(model.thinking) if thinks and think is not False else []
        answer = model.answer
        if chat and isinstance(messages, list):
            with fake.lock:
                fake.prompts.append((model.name, render(model.template, messages)))
            if model.raw_turns:
                answer = raw_echo(messages)
        tokens = _TOKEN.findall(answer)
        reason = "stop"
        if 0 <= limit < len(thinking_tokens) + len(tokens):
            reason = "length"
            keep = max(0, limit - len(thinking_tokens))
            thinking_tokens = thinking_tokens[:limit]
            tokens = tokens[:keep]
        prompt_ns = 1_000_000 * prompt_count
        rate = fake.reported_rate(model.name, options)
        if rate:
            prompt_ns = int(prompt_count / (rate * 10) * 1e9)

        def piece(content: str, thinking: str) -> dict[str, Any]:
            out: dict[str, Any] = {**base, "created_at": _now_rfc3339()}
            if chat:
                msg: dict[str, Any] = {"role": "assistant", "content": content}
                if thinking:
                    msg["thinking"] = thinking
                out["message"] = msg
            else:
                out["response"] = content
                if thinking:
                    out["thinking"] = thinking
            out["done"] = False
            return out

        def final(eval_ns: int) -> dict[str, Any]:
            out = piece("", "")
            out["done"] = True
            out["done_reason"] = reason
            if not chat:
                out["context"] = list(range(prompt_count + len(tokens)))
            out["total_duration"] = time.monotonic_ns() - started
            out["load_duration"] = load_ns
            out["prompt_eval_count"] = prompt_count
            out["prompt_eval_duration"] = prompt_ns
            count = len(tokens) + len(thinking_tokens)
            if count:
                out["eval_count"] = count
                # a real server never reports faster than its tokens came: at least 1 ms each
                out["eval_duration"] = (
                    int(count / rate * 1e9) if rate else max(eval_ns, count * 10**6)
                )
            # the whole request took at least its parts, as a real server's total does
            parts = load_ns + prompt_ns + out.get("eval_duration", 0)
            out["total_duration"] = max(out["total_duration"], parts)
            if self.fault is not None and self.fault.final_extra:
                out.update(self.fault.final_extra)
            return out

        if self.fault is not None and self.fault.unstreamed is not None:
            reply = piece("".join(tokens), "".join(thinking_tokens))
            return self._json(200, {**reply, **self.fault.unstreamed})
        if body.get("stream") is False:
            t0 = time.monotonic_ns()
            reply = piece("".join(tokens), "".join(thinking_tokens))
            reply.update(
                {
                    k: v
                    for k, v in final(time.monotonic_ns() - t0).items()
                    if k not in ("message", "response", "created_at", "model")
                }
            )
            return self._json(200, reply)

        def lines() -> Any:
            t0 = time.monotonic_ns()
            for tok in thinking_tokens:
                if fake.token_delay:
                    self._sleep(fake.token_delay)
                yield piece("", tok)
            for tok in tokens:
                if fake.token_delay:
                    self._sleep(fake.token_delay)
                yield piece(tok, "")
            yield final(time.monotonic_ns() - t0)

        self._stream(lines())


# What Ollama 0.33.0-rc2 answers when images reach a model without vision (recorded:
# ../shared/fixtures/images/README.md): HTTP 400 whose error text is itself JSON.
NO_VISION_ERROR = json.dumps(
    {
        "error": {
            "code": 400,
            "message": "Multimodal data provided, but model does not support multimodal requests.",
            "type": "invalid_request_error",
        }
    },
    separators=(",", ":"),
)


def _image_refusal(body: dict[str, Any], model: FakeModel) -> str | None:
    """The real server's 400 for images it cannot take: not base64 (checked as the JSON is
    read, for any model), or sent to a model without "vision" in its capabilities."""
    images = [
        image
        for m in body.get("messages") or []
        if isinstance(m, dict)
        for image in (m.get("images") or [])
    ]
    for n, image in enumerate(images):
        try:
            base64.b64decode(str(image), validate=True)
        except (binascii.Error, ValueError):
            return (
                f"json: cannot unmarshal string into Alias.images.{n} of type api.ImageData: "
                "illegal base64 data at input byte 3"
            )
    if images and "vision" not in model.capabilities:
        return NO_VISION_ERROR
    return None
