"""The matrix's world, its signed-in sessions and fresh rate limits, for each app's file."""

from tests.access_run import _fresh_rate_limits, _world_ids, signed_in_sessions, world

__all__ = ["_fresh_rate_limits", "_world_ids", "signed_in_sessions", "world"]
