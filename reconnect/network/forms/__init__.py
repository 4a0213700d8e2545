"""The Headteacher Network's forms, one module per area."""
