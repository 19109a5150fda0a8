"""The merging engine's parts; `engine.merger` is the public entry point."""
