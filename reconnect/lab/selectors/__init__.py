"""Every read of the Lab's data, one module per area, each scoped to a school or a user."""
