"""Writes for the schools app: one module per use case."""
