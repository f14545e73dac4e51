"""Model manager core: catalog, quantization table, forecasts, GGUF and registry parsing.

Pure Python, no Qt: the CLI (`ollama-desk forecast`) uses this package without a GUI.
"""
