"""The Headteacher Network's management commands."""
