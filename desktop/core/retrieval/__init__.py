"""Finding the passages of attached documents that matter for a question (issue 21, item 4).

Pure Python (no Qt, no sqlite): documents cut into passages that keep their place (a PDF
page, a DOCX section, a range of lines), the words a search engine indexes (CJK text as
overlapping character pairs), rankings fused, and a choice of passages within a token
budget. The index itself (sqlite FTS5, bm25) and the embeddings (Ollama /api/embed) live in
``desktop/services/retrieval``.
"""
