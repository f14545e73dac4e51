"""The chat feature's services (no Qt at import here: the bench CLI imports a part)."""
