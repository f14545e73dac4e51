"""The context meter's sentences: the figure, where the window comes from, what the model
will not see, and the note under an answer whose prompt the server cut."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.chat.context_rule import ContextFit, ContextNote
from desktop.core.chat.context_window import Window, WindowSource
from desktop.services.chat.context_meter import ContextUsage

# Contexts are literal in every call: lupdate only sees literal strings.


def tokens(n: int) -> str:
    return f"{n:,}"


def figure(usage: ContextUsage) -> str:
    """ "3,120 of 4,096 tokens" """
    return QCoreApplication.translate("ContextMeter", "{0} of {1} tokens").format(
        tokens(usage.fit.used), tokens(usage.window.tokens)
    )


def source(window: Window) -> str:
    text = {
        WindowSource.CHAT: QCoreApplication.translate(
            "ContextMeter", "the window this chat asks for (Chat settings)"
        ),
        WindowSource.LOADED: QCoreApplication.translate(
            "ContextMeter", "the window the loaded model runs with"
        ),
        WindowSource.MODEL: QCoreApplication.translate(
            "ContextMeter", "the window the model's own settings ask for"
        ),
        WindowSource.SERVER: QCoreApplication.translate(
            "ContextMeter", "the window of this app's Ollama server"
        ),
        WindowSource.DEFAULT: QCoreApplication.translate(
            "ContextMeter", "the Ollama server's default window"
        ),
    }[window.source]
    if window.capped:
        text += " " + QCoreApplication.translate(
            "ContextMeter", "(no more than the {0} tokens the model was trained for)"
        ).format(tokens(window.trained))
    return text


def lost(fit: ContextFit) -> str:
    """What the model will not see of the next prompt ("" when all of it fits)."""
    if fit.no_room:
        rest = _lost_messages(fit)
        documents = QCoreApplication.translate(
            "ContextMeter",
            "There is no room left in the window for the attached documents: the model "
            "will not see them.",
        )
        return f"{documents}\n{rest}" if rest else documents
    return _lost_messages(fit)


def _lost_messages(fit: ContextFit) -> str:
    if fit.cut and fit.dropped == 0 and fit.draft == 0:
        return QCoreApplication.translate(
            "ContextMeter",
            "The conversation fills the whole window: its beginning will be cut off.",
        )
    if fit.cut:
        return QCoreApplication.translate(
            "ContextMeter",
            "This message alone does not fit the window of {0} tokens: the model will "
            "read only its end (about half the window) and nothing before it.",
        ).format(tokens(fit.window))
    if fit.dropped == 1:
        return QCoreApplication.translate(
            "ContextMeter", "The first message no longer fits: the model will not see it."
        )
    if fit.dropped:
        return QCoreApplication.translate(
            "ContextMeter", "The first {0} messages no longer fit: the model will not see them."
        ).format(fit.dropped)
    return ""


def lost_short(fit: ContextFit) -> str:
    """The same, short enough for the line under the transcript (the tooltip has it all)."""
    if fit.no_room:
        return QCoreApplication.translate("ContextMeter", "No room left for the documents")
    if fit.cut and fit.dropped == 0 and fit.draft == 0:
        return QCoreApplication.translate("ContextMeter", "Full: the beginning will be cut off")
    if fit.cut:
        return QCoreApplication.translate(
            "ContextMeter", "This message alone is longer than the window"
        )
    if fit.dropped == 1:
        return QCoreApplication.translate("ContextMeter", "The first message will not be seen")
    if fit.dropped:
        return QCoreApplication.translate(
            "ContextMeter", "The first {0} messages will not be seen"
        ).format(fit.dropped)
    return ""


def passages(fit: ContextFit) -> str:
    """What happens to documents too long for the room left ("" when they go whole)."""
    if not fit.as_passages or fit.no_room:
        return ""
    return QCoreApplication.translate(
        "ContextMeter",
        "The attached documents ({0} tokens) are longer than the room the window leaves "
        "them: the passages that match your question will be chosen and sent instead "
        "(up to {1} tokens).",
    ).format(tokens(fit.documents), tokens(fit.passages))


def passages_short(fit: ContextFit) -> str:
    if not fit.as_passages or fit.no_room:
        return ""
    return QCoreApplication.translate(
        "ContextMeter", "Documents too long: their best passages will be sent"
    )


def no_room(fit: ContextFit) -> str:
    """Why documents found no room (the choice before the send)."""
    return QCoreApplication.translate(
        "ContextMeter",
        "The conversation and your message already take {0} of the {1} tokens the model "
        "reads; with room for the answer, nothing is left for the documents ({2} tokens).",
    ).format(tokens(fit.used - fit.passages), tokens(fit.window), tokens(fit.documents))


def tooltip(usage: ContextUsage) -> str:
    lines = [
        QCoreApplication.translate(
            "ContextMeter",
            "Context window: how much of the conversation the model reads at once. "
            "This chat and the message you are writing use {0} of {1} tokens, {2}.",
        ).format(tokens(usage.fit.used), tokens(usage.window.tokens), source(usage.window))
    ]
    if usage.messages:
        lines.append(
            QCoreApplication.translate(
                "ContextMeter",
                "Counted by the server: {0} of {1} messages; the rest is estimated.",
            ).format(usage.measured, usage.messages)
        )
    for extra in (passages(usage.fit), lost(usage.fit)):
        if extra:
            lines.append(extra)
    return "\n".join(lines)


def note(n: ContextNote | None) -> str:
    """The footer line of an answer whose prompt the server cut ("" when it read it all)."""
    if n is None or not n.truncated:
        return ""
    window = tokens(n.window) if n.window else "?"
    if n.cut:
        return QCoreApplication.translate(
            "ContextMeter",
            "The model read only {0} of about {1} tokens: the prompt was longer than its "
            "window of {2} tokens and the server cut it.",
        ).format(tokens(n.seen), tokens(n.sent), window)
    if n.dropped == 1:
        return QCoreApplication.translate(
            "ContextMeter",
            "The model did not see the first message of this chat: it no longer fits the "
            "window of {0} tokens.",
        ).format(window)
    return QCoreApplication.translate(
        "ContextMeter",
        "The model did not see the first {0} messages of this chat: they no longer fit "
        "the window of {1} tokens.",
    ).format(n.dropped, window)
