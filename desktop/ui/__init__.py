"""Widgets. One folder per tab; *_view.py lays out, the controller holds the logic."""
