"""Numbers for people: speeds, durations, sizes, energy (translated labels)."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from desktop.core.chat.conversation import Energy
from desktop.core.chat.energy import co2_grams, joules_per_token, watt_hours
from desktop.core.chat.metrics import FinalStats

# Contexts are literal in every call: lupdate only sees literal strings.


def rate(tps: float | None) -> str:
    if tps is None:
        return "—"
    return QCoreApplication.translate("ChatFormat", "{0:.1f} tok/s").format(tps)


def seconds(s: float | None) -> str:
    if s is None:
        return "—"
    if s < 1:
        return QCoreApplication.translate("ChatFormat", "{0:.0f} ms").format(s * 1000)
    return QCoreApplication.translate("ChatFormat", "{0:.2f} s").format(s)


def energy_parts(energy: Energy, tokens: int, grid_g_per_kwh: float) -> tuple[str, str, str]:
    """(energy with its source, joules per token, CO2), e.g. ("0.0123 Wh (estimate)", ...)."""
    label = (
        QCoreApplication.translate("ChatFormat", "measured")
        if energy.source == "measured"
        else QCoreApplication.translate("ChatFormat", "estimate")
    )
    jpt = joules_per_token(energy.joules, tokens)
    return (
        QCoreApplication.translate("ChatFormat", "{wh} Wh ({label})").format(
            wh=_sig(watt_hours(energy.joules)), label=label
        ),
        "—"
        if jpt is None
        else QCoreApplication.translate("ChatFormat", "{0} J/token").format(_sig(jpt)),
        _co2(co2_grams(energy.joules, grid_g_per_kwh)),
    )


def _co2(grams: float) -> str:
    if grams >= 1 or grams == 0:
        return QCoreApplication.translate("ChatFormat", "{0} g CO₂").format(_sig(grams))
    return QCoreApplication.translate("ChatFormat", "{0} mg CO₂").format(_sig(grams * 1000))


def _sig(value: float) -> str:
    """Three significant digits, never an exponent (people read 0.0025, not 2.5e-03)."""
    if value <= 0:
        return "0"
    decimals = max(0, 2 - math.floor(math.log10(value)))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def energy_text(energy: Energy | None, tokens: int, grid_g_per_kwh: float) -> str:
    if energy is None:
        return ""
    return " · ".join(energy_parts(energy, tokens, grid_g_per_kwh))


def footer(stats: FinalStats, ttft_s: float | None) -> str:
    parts = [
        QCoreApplication.translate("ChatFormat", "{0} tokens").format(stats.tokens),
        rate(stats.tokens_per_second),
    ]
    if stats.prompt_tokens:
        parts.append(
            QCoreApplication.translate("ChatFormat", "prompt {0} tok at {1}").format(
                stats.prompt_tokens, rate(stats.prompt_tokens_per_second)
            )
        )
    if ttft_s is not None:
        parts.append(
            QCoreApplication.translate("ChatFormat", "first token {0}").format(seconds(ttft_s))
        )
    if stats.load_s is not None:
        parts.append(
            QCoreApplication.translate("ChatFormat", "load {0}").format(seconds(stats.load_s))
        )
    return " · ".join(parts)
