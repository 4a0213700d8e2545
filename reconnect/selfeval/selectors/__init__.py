"""Reads for the self-evaluation tool, every one scoped to what the caller may see."""
