"""DocumentPlanner: where the chat's send path uses retrieval.

When the documents attached to a question do not fit what the model's window leaves them
(core/retrieval/budget.py: the window less the conversation and room for the answer, both
as the context meter sized them for this request), the question is sent with the passages
that matter (engine.py) instead of the whole text, each after its place. The meter applied
the same rule before the send, so what it showed is what happens. The search runs in the
chat request's own worker, before the request is sent (``OllamaService.chat`` with a
``MessagesMaker``): a Stop cancels it like the answer. The choice is announced
(``chosen``: the meter counts it, the answer shows it), saved with the answer
(retrieval_store.py), and reused when the conversation goes on; a Regenerate chooses again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.attachments.refs import Attachment
from desktop.core.attachments.sending import Excerpts, sent_tokens
from desktop.core.chat.context_rule import Expectation
from desktop.core.chat.conversation import Conversation, Message, api_messages
from desktop.core.errors import OllamaError
from desktop.core.retrieval.budget import plan_documents
from desktop.core.retrieval.choice import Retrieval
from desktop.core.retrieval.passages import SourceDoc
from desktop.services.api_client import OllamaApi
from desktop.services.cancel import CancelToken
from desktop.services.chat import retrieval_store
from desktop.services.chat.errors import HistoryError
from desktop.services.chat.exchange import Exchange
from desktop.services.chat.history import ChatHistory
from desktop.services.chat.store import ChatStore
from desktop.services.ollama_service import MessagesMaker
from desktop.services.retrieval.embedding import EmbeddingModels, embed
from desktop.services.retrieval.engine import Attached, retrieve
from desktop.services.retrieval.index import IndexStore

Messages = list[dict[str, Any]]


class _ApiEmbedder:
    def __init__(self, api: OllamaApi, model: str, token: CancelToken) -> None:
        self.api, self.model, self.token = api, model, token

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        return embed(self.api, self.model, texts, self.token)


def earlier_excerpts(messages: Sequence[Message]) -> dict[int, Excerpts]:
    """The passages earlier questions were sent with (their answers' choices), by the
    question's id: a conversation that goes on sends them the same way again."""
    out: dict[int, Excerpts] = {}
    for question, answer in zip(messages, messages[1:], strict=False):
        if question.role == "user" and answer.role == "assistant" and answer.retrieval:
            out[question.id] = answer.retrieval.excerpts()
    return out


class DocumentPlanner(QObject):
    """searching(int)           answer id: its question's documents are too long, passages
                               are being chosen (from the worker, delivered queued)
    chosen(int, Retrieval)     answer id and the passages it is given (likewise); saved
    saveFailed(HistoryError)   the choice could not be saved (the answer still has it)
    """

    searching = Signal(int)
    chosen = Signal(int, Retrieval)
    saveFailed = Signal(HistoryError)

    def __init__(self, history: ChatHistory, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.store = IndexStore(folder)
        self.models = EmbeddingModels()
        self.use_embeddings = True
        self.chosen.connect(self._save)

    def messages(
        self, conv: Conversation, exchange: Exchange, expect: Expectation | None = None
    ) -> Messages | MessagesMaker:
        """The messages of ``exchange``'s answer: a list when the question's documents go
        whole, else a function the chat's worker runs to choose their passages.
        ``expect``: the prompt as the context meter sized it (its window, every message
        with the documents whole); without it nothing is cut."""
        history = exchange.messages[:-1]
        answer = exchange.messages[-1]
        excerpts = earlier_excerpts(history)
        attached = exchange.attached
        question = next((m for m in reversed(history) if m.role == "user"), None)
        docs = (
            []
            if question is None
            else [a for a in attached.get(question.id, ()) if not a.ref.is_image]
        )
        if question is None or not docs or expect is None:
            return api_messages(conv.system_prompt, history, attached, excerpts)
        documents = sum(sent_tokens(a.ref) for a in docs)
        others = expect.sent - documents  # the question was sized with them whole
        plan = plan_documents(expect.window, others, documents, conv.params.num_predict)
        if plan.whole:
            return api_messages(conv.system_prompt, history, attached, excerpts)

        def make(api: OllamaApi, token: CancelToken) -> Messages:
            return self._plan(
                api,
                token,
                conv,
                history,
                attached,
                excerpts,
                question,
                docs,
                answer.id,
                (plan.budget, documents),
            )

        return make

    def _plan(
        self,
        api: OllamaApi,
        token: CancelToken,
        conv: Conversation,
        history: Sequence[Message],
        attached: Mapping[int, Sequence[Attachment]],
        excerpts: dict[int, Excerpts],
        question: Message,
        docs: Sequence[Attachment],
        answer_id: int,
        sizes: tuple[int, int],
    ) -> Messages:
        """In the chat's worker: the passages of ``docs`` that matter for the question
        within ``sizes`` = (budget, the documents' tokens whole)."""
        budget, full = sizes
        readable = []
        for a in docs:
            try:
                readable.append(
                    Attached(
                        a.ref.name, a.ref.blob, SourceDoc.from_document(a.ref.name, a.document())
                    )
                )
            except ValueError:
                continue  # an unreadable payload is sent as "[unreadable]", as before
        self.searching.emit(answer_id)
        embedder = self._embedder(api, token)
        retrieval = retrieve(
            self.store,
            readable,
            question.content,
            budget,
            embedder,
            lambda: token.cancelled,
            full_tokens=full,
        )
        retrieval = replace(retrieval, docs=tuple((a.blob, a.name) for a in readable))
        token.check()
        self.chosen.emit(answer_id, retrieval)
        excerpts[question.id] = retrieval.excerpts()
        return api_messages(conv.system_prompt, history, attached, excerpts)

    def _embedder(self, api: OllamaApi, token: CancelToken) -> _ApiEmbedder | None:
        if not self.use_embeddings:
            return None
        try:
            names = self.models.installed(api)
        except OllamaError:
            return None
        return _ApiEmbedder(api, names[0], token) if names else None

    def _save(self, answer_id: int, retrieval: Retrieval) -> None:
        def write(s: ChatStore) -> None:
            with s.transaction():
                retrieval_store.save(s.db, answer_id, retrieval)

        self.history.call(
            "save chosen passages",
            write,
            on_success=lambda _r: None,
            on_failure=self.saveFailed.emit,
        )

    def close(self) -> None:
        self.store.close()
