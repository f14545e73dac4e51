"""The import dialog's words for chat templates: each template's name as people know it,
and why one was suggested for a file (translated in the context "ImportDialog")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.models.chat_templates import FILE_TEMPLATE, TemplatePick, Why


def display_name(name: str) -> str:
    """How the combo box names a template (Ollama's own name in brackets)."""
    names = {
        FILE_TEMPLATE: QCoreApplication.translate("ImportDialog", "The file's own chat template"),
        "gemma3-instruct": QCoreApplication.translate("ImportDialog", "Gemma 3"),
        "gemma-instruct": QCoreApplication.translate("ImportDialog", "Gemma 2 and Gemma"),
        "llama3-instruct": QCoreApplication.translate("ImportDialog", "Llama 3 (3.1, 3.2, 3.3)"),
        "llama2-chat": QCoreApplication.translate("ImportDialog", "Llama 2"),
        "chatml": QCoreApplication.translate(
            "ImportDialog", "ChatML (Qwen 2, 2.5, 3 and many others)"
        ),
        "phi-3": QCoreApplication.translate("ImportDialog", "Phi-3"),
        "mistral-instruct": QCoreApplication.translate("ImportDialog", "Mistral"),
    }
    shown = names.get(name, name)
    return shown if name == FILE_TEMPLATE else f"{shown} ({name})"


def why_text(pick: TemplatePick) -> str:
    """Why ``pick`` is suggested, in a sentence."""
    arch = pick.architecture or QCoreApplication.translate("ImportDialog", "unknown")
    if pick.why is Why.FILE:
        return QCoreApplication.translate(
            "ImportDialog",
            "The file carries its own chat template; Ollama reads it. Nothing to choose.",
        )
    if pick.why is Why.ARCHITECTURE:
        return QCoreApplication.translate(
            "ImportDialog",
            "The file has no chat template: without one, answers come out with raw turn "
            "markers. Suggested from its architecture, {arch}.",
        ).format(arch=arch)
    if pick.why is Why.LLAMA3_TOKENIZER:
        return QCoreApplication.translate(
            "ImportDialog",
            "The file has no chat template: without one, answers come out with raw turn "
            "markers. Suggested from its architecture, llama, with a Llama 3 tokenizer.",
        )
    if pick.why is Why.LLAMA2_TOKENIZER:
        return QCoreApplication.translate(
            "ImportDialog",
            "The file has no chat template: without one, answers come out with raw turn "
            "markers. Its architecture is llama without a Llama 3 tokenizer, so Llama 2 is "
            "the best guess; change it if answers look wrong.",
        )
    if pick.why is Why.MISTRAL_NAME:
        return QCoreApplication.translate(
            "ImportDialog",
            "The file has no chat template: without one, answers come out with raw turn "
            "markers. Its architecture is llama and its name or vocabulary is Mistral's.",
        )
    if pick.why is Why.PHI4_NAME:
        return QCoreApplication.translate(
            "ImportDialog",
            "The file has no chat template: without one, answers come out with raw turn "
            "markers. Its architecture is phi3 and its name says Phi-4, which uses ChatML.",
        )
    return QCoreApplication.translate(
        "ImportDialog",
        "The file has no chat template, and its architecture ({arch}) is not one the app "
        "knows: ChatML, the most common format, is a guess. Change it if answers look wrong.",
    ).format(arch=arch)


def changed_text(pick: TemplatePick) -> str:
    """The user chose another template than the suggestion."""
    return QCoreApplication.translate(
        "ImportDialog", "Your choice. The suggestion was {name}: {why}"
    ).format(name=display_name(pick.name), why=why_text(pick))
