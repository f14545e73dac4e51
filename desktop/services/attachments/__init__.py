"""Attaching files and images off the main thread (the one task API), bounded and
cancellable; images are decoded by Qt's image readers with an allocation limit."""
