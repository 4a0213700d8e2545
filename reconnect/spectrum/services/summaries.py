"""Keeping each snapshot's factor-mask summary (``SnapshotFactorMask``) in step with its
records.

Every writer of a snapshot's records (``imports._snapshot_write``,
``bulk._snapshot_write``) calls ``snapshot_summary_write`` in the same transaction, after
the last insert, so the network aggregate never sees records without their summary or the
reverse. Deleting a snapshot deletes its summary (``housekeeping.snapshots_delete``, or the
ORM's cascade).
"""

from django.db import connection, models, transaction

from reconnect.spectrum.models import PupilRecord, Snapshot, SnapshotFactorMask


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)  # type: ignore[union-attr,arg-type]


def _summary_sql() -> str:
    """INSERT ... SELECT of one snapshot's records grouped by mask (one parameter: its id).

    Names come from ``_meta`` and are quoted for the database in use, so the statement
    follows the models and runs on SQLite and PostgreSQL alike. The school is taken from
    the snapshot, the owner of the records (they always carry the same one).
    """
    quote = connection.ops.quote_name
    targets = ", ".join(
        _column(SnapshotFactorMask, name)
        for name in (
            "snapshot", "school", "network_factors", "pupils", "sessions_present",
            "sessions_possible",
        )
    )  # fmt: skip
    snapshot = f"r.{_column(PupilRecord, 'snapshot')}"
    mask = f"r.{_column(PupilRecord, 'network_factors')}"
    present = f"r.{_column(PupilRecord, 'sessions_present')}"
    possible = f"r.{_column(PupilRecord, 'sessions_possible')}"
    school = f"s.{_column(Snapshot, 'school')}"
    # Present sessions count only where possible ones are known, and the reverse, as the
    # aggregate's attendance has always been worked out; a mask with none known sums to 0.
    return (
        f"INSERT INTO {quote(SnapshotFactorMask._meta.db_table)} ({targets}) "  # noqa: S608 (names from _meta)
        f"SELECT {snapshot}, {school}, {mask}, COUNT(*), "
        f"COALESCE(SUM(CASE WHEN {possible} IS NOT NULL THEN {present} END), 0), "
        f"COALESCE(SUM(CASE WHEN {present} IS NOT NULL THEN {possible} END), 0) "
        f"FROM {quote(PupilRecord._meta.db_table)} r "
        f"JOIN {quote(Snapshot._meta.db_table)} s ON s.{_column(Snapshot, 'id')} = {snapshot} "
        f"WHERE {snapshot} = %s "
        f"GROUP BY {snapshot}, {school}, {mask}"
    )


def snapshot_summary_write(snapshot_id: int) -> int:
    """(Re)write one snapshot's summary from its records; returns how many masks it has.

    Two statements in the caller's transaction (in one of its own when there is none): the
    snapshot's summary rows deleted, then one INSERT ... SELECT grouping its records by
    ``network_factors``. Idempotent: a second run gives the same rows. A snapshot without
    records, or an unknown id, is left with no summary rows. Raises nothing of its own.
    """
    with transaction.atomic(savepoint=False):
        SnapshotFactorMask.objects.filter(snapshot_id=snapshot_id)._raw_delete(
            SnapshotFactorMask.objects.db
        )
        with connection.cursor() as cursor:
            cursor.execute(_summary_sql(), [snapshot_id])
            return cursor.rowcount
