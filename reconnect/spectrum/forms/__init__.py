"""Forms of the vulnerability spectrum's pages: they turn what was typed into values and
leave every rule that must hold whoever calls to the services."""
