"""QObjects without widgets, and the blocking clients they run off the UI thread."""
