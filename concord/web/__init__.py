"""Concord's web app: the coordinators' desk behind sign-in, the agencies' pages, /api/v1."""

from concord.web.app import create_app

__all__ = ["create_app"]
