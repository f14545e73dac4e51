"""The main window and what frames the tabs (status bar, menus)."""
