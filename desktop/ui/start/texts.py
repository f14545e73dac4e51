"""The Start-here card's sentences about a model, a step or a failure (translated in the
context "StartHerePresenter", where the card's other strings live)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.models.recommend import Choice
from desktop.services.onboarding import StepId, StepState
from desktop.services.onboarding.steps import Problem


def why(c: Choice, main: bool) -> str:
    """One line on why this model is offered."""
    if main:
        if c.readable:
            return QCoreApplication.translate(
                "StartHerePresenter",
                "The most capable model that answers faster than you can read on this computer.",
            )
        return QCoreApplication.translate(
            "StartHerePresenter",
            "The fastest model for this computer; answers will come slower than you read.",
        )
    if c.speedup > 1:
        return QCoreApplication.translate(
            "StartHerePresenter", "About {x:.1f}× as fast; good for quick questions, knows less."
        ).format(x=c.speedup)
    if not c.runs_well:
        return QCoreApplication.translate(
            "StartHerePresenter",
            "Knows more and reasons better, but slower, and needs most of the free memory.",
        )
    return QCoreApplication.translate(
        "StartHerePresenter",
        "Knows more and reasons better, but answers slower than you read here.",
    )


def step_text(step: StepId, state: StepState, model: str) -> str:
    done = state is StepState.DONE
    if step is StepId.INSTALL:
        if done:
            return QCoreApplication.translate("StartHerePresenter", "Ollama is installed")
        return QCoreApplication.translate("StartHerePresenter", "Install Ollama")
    if step is StepId.START:
        if done:
            return QCoreApplication.translate("StartHerePresenter", "Ollama is running")
        return QCoreApplication.translate("StartHerePresenter", "Start Ollama")
    if step is StepId.PULL:
        if done:
            return QCoreApplication.translate("StartHerePresenter", "{name} is downloaded").format(
                name=model
            )
        return QCoreApplication.translate("StartHerePresenter", "Download {name}").format(
            name=model
        )
    if done:
        return QCoreApplication.translate("StartHerePresenter", "Chat is open")
    return QCoreApplication.translate("StartHerePresenter", "Open a new chat")


def failure_headline(step: StepId) -> str:
    if step is StepId.INSTALL:
        return QCoreApplication.translate("StartHerePresenter", "Ollama could not be installed.")
    if step is StepId.START:
        return QCoreApplication.translate("StartHerePresenter", "Ollama did not start.")
    if step is StepId.PULL:
        return QCoreApplication.translate(
            "StartHerePresenter", "The model could not be downloaded."
        )
    return QCoreApplication.translate("StartHerePresenter", "The chat could not be opened.")


def download_sentence(problem: Problem, model: str, host: str = "") -> str:
    """What went wrong with a failed download, and what to do ("" when the feature's own
    sentence is better, e.g. the free-space figures of a full disk)."""
    host = host or "registry.ollama.ai"
    if problem is Problem.NO_NETWORK:
        return QCoreApplication.translate(
            "StartHerePresenter",
            "This computer seems to be offline: Ollama could not find the model library "
            "({host}) on the network. Retry once it is online, or use one of the ways below "
            "that work without the internet.",
        ).format(host=host)
    if problem is Problem.REGISTRY_UNREACHABLE:
        return QCoreApplication.translate(
            "StartHerePresenter",
            "The model library ({host}) did not answer: it may be down, or a firewall or "
            "proxy blocks it. Retry later, or use one of the ways below.",
        ).format(host=host)
    if problem is Problem.INTERRUPTED:
        return QCoreApplication.translate(
            "StartHerePresenter",
            "The download was interrupted. What was downloaded is kept; Retry continues it.",
        )
    if problem is Problem.UNKNOWN_MODEL:
        return QCoreApplication.translate(
            "StartHerePresenter",
            "The model library does not have {name}. Choose another model in the Models tab.",
        ).format(name=model)
    return ""


def routes_intro(problem: Problem) -> str:
    """The line above the buttons that work without the model library."""
    if problem is Problem.DISK_FULL:
        return QCoreApplication.translate(
            "StartHerePresenter",
            "Free some space and Retry, or use a server on another computer:",
        )
    return QCoreApplication.translate(
        "StartHerePresenter",
        "Other ways to get a model (they work offline, too):",
    )


def ready_sentence(model: str, wanted: str) -> str:
    """A model arrived another way after the download failed."""
    if model.lower() == wanted.lower():
        return QCoreApplication.translate(
            "StartHerePresenter", "{name} is installed now: ready to chat."
        ).format(name=model)
    return QCoreApplication.translate(
        "StartHerePresenter",
        "{name} is installed now: ready to chat. (You can still get {wanted} later in the "
        "Models tab.)",
    ).format(name=model, wanted=wanted)
