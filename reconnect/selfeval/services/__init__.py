"""Writes for the self-evaluation tool, one function per use case."""
