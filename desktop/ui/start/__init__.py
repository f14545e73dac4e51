"""The Start-here card: shown in the Chat tab while no model is installed."""

from desktop.ui.start.overlay import CoverOverlay
from desktop.ui.start.presenter import StartHerePresenter
from desktop.ui.start.start_view import StartHereView

__all__ = ["CoverOverlay", "StartHerePresenter", "StartHereView"]
