"""The Lab's pages, one module per area, each exporting its ``URLS``."""
