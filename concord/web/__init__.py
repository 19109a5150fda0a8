"""Concord's web app: read-only pages for coordinators, an upload page for agencies."""

from concord.web.app import create_app

__all__ = ["create_app"]
