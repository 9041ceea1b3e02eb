"""Renderers of a coverage report: terminal text, JSON, site pages, Word records."""
