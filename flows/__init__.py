"""Prefect flows, one per file; their parameters are references (ids, keys), never documents."""
