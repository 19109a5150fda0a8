"""Concord: consultation rounds on draft resolutions and directives.

Importing it does nothing else: entry points (the CLI, the web app, the flow server) configure
Prefect's environment themselves (concord.runtime.configure_prefect_env).
"""
