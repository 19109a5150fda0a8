"""Concord's interfaces: the `concord` command line, the web app and the demo."""
