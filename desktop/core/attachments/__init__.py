"""Attached files and images: what they are, how their text is read, how they are sent.

Pure Python (no Qt). Reading a file is bounded (size, pages, characters, decompressed
bytes, time) and never runs anything the file contains; every failure is one
``AttachmentError`` with a kind the UI turns into a sentence.
"""
