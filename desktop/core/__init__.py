"""Pure Python, no Qt: API types, parsing, maths, settings schema, paths."""
