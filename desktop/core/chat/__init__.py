"""Chat domain: conversations, live metrics, energy, markdown blocks, export (no Qt)."""
