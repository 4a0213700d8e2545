"""Factories for the Lab's models: a pilot at school A by default, trios of three."""

import datetime

import factory

from reconnect.lab.models import (
    Application,
    Design,
    Fidelity,
    LabCohort,
    LogEntry,
    Milestone,
    NoteKind,
    OutcomeMeasure,
    PairingConstraint,
    PairingRule,
    Phase,
    Pilot,
    Trio,
    TrioFile,
    TrioMember,
    TrioNote,
)
from reconnect.schools.tests.factories import SchoolFactory


class PilotFactory(factory.django.DjangoModelFactory[Pilot]):
    class Meta:
        model = Pilot

    school = factory.SubFactory(SchoolFactory)
    title = factory.Sequence(lambda n: f"Reading pilot {n}")
    challenge = "Pupils on free school meals read less fluently by the end of Year 2."
    design = Design.MATCHED


class OutcomeMeasureFactory(factory.django.DjangoModelFactory[OutcomeMeasure]):
    class Meta:
        model = OutcomeMeasure

    pilot = factory.SubFactory(PilotFactory)
    kind = "attainment"
    name = factory.Sequence(lambda n: f"Reading age {n}")


class LabCohortFactory(factory.django.DjangoModelFactory[LabCohort]):
    class Meta:
        model = LabCohort

    name = factory.Sequence(lambda n: f"Lab cohort {n}")


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    class Meta:
        model = Application

    cohort = factory.SubFactory(LabCohortFactory)
    pilot = factory.SubFactory(PilotFactory)
    school = factory.SelfAttribute("pilot.school")


class TrioFactory(factory.django.DjangoModelFactory[Trio]):
    class Meta:
        model = Trio

    cohort = factory.SubFactory(LabCohortFactory)
    name = factory.Sequence(lambda n: f"Trio {n + 1}")


class TrioMemberFactory(factory.django.DjangoModelFactory[TrioMember]):
    class Meta:
        model = TrioMember

    trio = factory.SubFactory(TrioFactory)
    cohort = factory.SelfAttribute("trio.cohort")
    school = factory.SubFactory(SchoolFactory)


class MilestoneFactory(factory.django.DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    pilot = factory.SubFactory(PilotFactory)
    phase = Phase.EXPLORE
    title = factory.Sequence(lambda n: f"Milestone {n}")


class LogEntryFactory(factory.django.DjangoModelFactory[LogEntry]):
    class Meta:
        model = LogEntry

    pilot = factory.SubFactory(PilotFactory)
    happened_on = datetime.date(2026, 1, 12)
    sessions_planned = 3
    sessions_delivered = 3
    pupils_present = 12
    fidelity = Fidelity.AS_PLANNED


# --- A learning trio's workspace ------------------------------------------------------------


class TrioNoteFactory(factory.django.DjangoModelFactory[TrioNote]):
    """A discussion post by default; pass ``kind`` for the plan or meeting notes."""

    class Meta:
        model = TrioNote

    trio = factory.SubFactory(TrioFactory)
    kind = NoteKind.POST
    body = factory.Sequence(lambda n: f"Post {n}")


class TrioFileFactory(factory.django.DjangoModelFactory[TrioFile]):
    """A file's record only: write the stored copy with ``reconnect.lab.storage`` if a test
    downloads it."""

    class Meta:
        model = TrioFile

    trio = factory.SubFactory(TrioFactory)
    name = factory.Sequence(lambda n: f"notes-{n}.txt")
    stored_as = factory.Sequence(lambda n: f"{n:032x}.file")
    size_bytes = 12
    content_type = "text/plain"


# --- Lab cohorts ------------------------------------------------------------------------------


class PairingConstraintFactory(factory.django.DjangoModelFactory[PairingConstraint]):
    """A pairing rule; give ``first`` the school with the smaller id (the table demands it)."""

    class Meta:
        model = PairingConstraint

    cohort = factory.SubFactory(LabCohortFactory)
    first = factory.SubFactory(SchoolFactory)
    second = factory.SubFactory(SchoolFactory)
    rule = PairingRule.MUST_NOT_PAIR


# --- A pilot's outcome data -------------------------------------------------------------------
# Imported here, not above, so that this block stays appended whole.
from reconnect.lab.models import (  # noqa: E402
    OutcomeImport,
    OutcomeImportStatus,
    OutcomeRecord,
    SummaryStatistic,
)


class OutcomeRecordFactory(factory.django.DjangoModelFactory[OutcomeRecord]):
    """One pupil's scores; ``pupil_hash`` is a stand-in, not a real keyed hash."""

    class Meta:
        model = OutcomeRecord

    measure = factory.SubFactory(OutcomeMeasureFactory)
    pupil_hash = factory.Sequence(lambda n: f"{n:064x}")
    group = "intervention"
    pre = 40.0
    post = 50.0


class OutcomeImportFactory(factory.django.DjangoModelFactory[OutcomeImport]):
    class Meta:
        model = OutcomeImport

    measure = factory.SubFactory(OutcomeMeasureFactory)
    pilot = factory.SelfAttribute("measure.pilot")
    original_filename = "outcomes.csv"
    file_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    status = OutcomeImportStatus.IMPORTED
    rows = 2


class SummaryStatisticFactory(factory.django.DjangoModelFactory[SummaryStatistic]):
    class Meta:
        model = SummaryStatistic

    measure = factory.SubFactory(OutcomeMeasureFactory)
    group = "intervention"
    timepoint = "post"
    mean = 50.0
    sd = 10.0
    n = 20
