"""Pure scoring and benchmarking for the self-evaluation tool (no Django imports)."""
