"""The matrix's world and fresh rate limits, for each app's file of the matrix."""

from tests.access_run import _fresh_rate_limits, _world_ids, world

__all__ = ["_fresh_rate_limits", "_world_ids", "world"]
