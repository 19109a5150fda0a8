"""The catalogue of Concord's wording, one module per interface (concord.messages joins them)."""
