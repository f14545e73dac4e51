"""The Models tab."""

from desktop.ui.models.models_tab import ModelsTab

__all__ = ["ModelsTab"]
