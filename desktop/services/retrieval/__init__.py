"""Retrieval for attached documents (issue 21, item 4): the index cache (sqlite FTS5),
embeddings from Ollama, the engine, and where the chat's send path uses them."""
