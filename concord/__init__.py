"""Concord's interfaces: the `concord` command line, the web app and the demo."""

from concord.runtime import configure_prefect_env

# Before anything imports prefect (it reads its settings once, at import): Prefect's files go
# under CONCORD_HOME, and commands find the server `concord up` started.
configure_prefect_env()
