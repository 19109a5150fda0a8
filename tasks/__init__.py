"""Prefect tasks: thin steps over the engine and the store, retried where they do I/O."""
