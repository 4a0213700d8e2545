"""Signal receivers linking the network to the rest of Reconnect."""


def connect() -> None:
    """Connected in ``NetworkConfig.ready``."""
