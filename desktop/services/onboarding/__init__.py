"""Start here: the widget-free feature model that takes a new user from nothing to chatting
(install Ollama, start it, pull the recommended model, open a chat)."""

from desktop.services.onboarding.machine import Onboarding
from desktop.services.onboarding.steps import (
    STEPS,
    Ports,
    StepCall,
    StepFailure,
    StepId,
    StepProgress,
    StepState,
)

__all__ = [
    "STEPS",
    "Onboarding",
    "Ports",
    "StepCall",
    "StepFailure",
    "StepId",
    "StepProgress",
    "StepState",
]
