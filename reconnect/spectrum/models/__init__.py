"""The vulnerability spectrum: pupil imports, snapshots, settings and saved cohorts."""

from reconnect.spectrum.models.cohorts import SavedCohort
from reconnect.spectrum.models.deprivation import PostcodeDeprivation
from reconnect.spectrum.models.imports import FINISHED, ImportSource, ImportStatus, PupilImport
from reconnect.spectrum.models.school_settings import (
    DEFAULT_RETENTION_MONTHS,
    ColumnMapping,
    IndicatorChange,
    IndicatorConfig,
    SchoolDataSettings,
    StaffCohortGrant,
)
from reconnect.spectrum.models.snapshots import PupilRecord, Snapshot
from reconnect.spectrum.models.summaries import SnapshotFactorMask

__all__ = [
    "DEFAULT_RETENTION_MONTHS",
    "FINISHED",
    "ColumnMapping",
    "ImportSource",
    "ImportStatus",
    "IndicatorChange",
    "IndicatorConfig",
    "PostcodeDeprivation",
    "PupilImport",
    "PupilRecord",
    "SavedCohort",
    "SchoolDataSettings",
    "Snapshot",
    "SnapshotFactorMask",
    "StaffCohortGrant",
]
