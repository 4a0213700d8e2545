"""A per-snapshot summary of pupils by factor mask, for the network aggregate."""

from django.db import models


class SnapshotFactorMask(models.Model):
    """How many pupils of one snapshot share one ``network_factors`` mask, and their
    sessions.

    The network aggregate needs nothing finer than this, and a school has a few hundred
    masks against its thousand pupils, so reading these rows instead of every record keeps
    London (2,500 schools, 1.1 million pupils) well inside its time. Written by
    ``services.summaries.snapshot_summary_write`` in the transaction that writes the
    snapshot's records, and deleted with the snapshot, so the two never disagree.

    The sums follow the attendance rule: ``sessions_present`` counts only pupils whose
    sessions possible are known, and ``sessions_possible`` only those whose sessions present
    are; a group with none known sums to 0.
    """

    # The aggregate selects rows by snapshot (its latest snapshots in scope): the unique
    # (snapshot, network_factors) index leads with it, so the key needs no index of its own.
    snapshot = models.ForeignKey(
        "spectrum.Snapshot", on_delete=models.CASCADE, related_name="factor_masks", db_index=False
    )
    # The snapshot's school, copied so the aggregate groups rows by school without joining
    # the snapshot for each of London's few hundred thousand rows.
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    network_factors = models.BigIntegerField()
    pupils = models.PositiveIntegerField()
    sessions_present = models.PositiveBigIntegerField(default=0)
    sessions_possible = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "network_factors"], name="spectrum_factor_mask_once"
            )
        ]

    def __str__(self) -> str:
        return f"Snapshot {self.snapshot_id}, mask {self.network_factors}: {self.pupils}"
