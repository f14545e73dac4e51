"""The standard benchmark, as data: its fixed request, one run's figures, a model's summary,
the thread sweep and CSV. No I/O."""
