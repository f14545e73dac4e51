"""Per-area setting declarations, joined in desktop/core/settings.py."""
