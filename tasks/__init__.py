"""Prefect tasks: thin wrappers over the use cases (concord.usecases), retried only when a retry
can help (concord.errors.is_transient), so a refusal fails at once with its own message."""
