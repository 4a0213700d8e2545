"""Every write to the Lab's data, one module per area."""
