"""The Lab's forms, one module per area."""
