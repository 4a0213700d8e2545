"""Cross-cutting tests: the access-control matrix, security headers, settings, browsers."""
