"""The Models feature without widgets: ModelLibrary (library.py) and the services it uses
(pull queue, registry look-ups, measurements, GGUF import). Built in app.py `_build_models`."""
