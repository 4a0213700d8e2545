"""Pure functions behind the Hub's evidence figures (no Django imports)."""
