"""Reading a learning trio's workspace: the trio a request may reach, its overview, plan,
meeting notes, discussion and files.

``trio_for`` answers 404, never 403, to anyone who may not open the trio, so no other school
learns that it exists. Each read costs a fixed number of queries, whatever the number of
notes, posts, replies or files.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from reconnect.lab import rules
from reconnect.lab.models import Milestone, NoteKind, Pilot, Trio, TrioFile, TrioMember, TrioNote

# The largest id either database holds: a bigger one is simply not there.
MAX_ID = 2**31 - 1
# How much of each list the overview shows.
LATEST_NOTES = 5
UPCOMING_MILESTONES = 10


def trio_for(user: Any, trio_id: int) -> Trio:
    """The trio ``trio_id`` with its schools loaded, if ``user`` may open it; else 404."""
    if trio_id > MAX_ID:
        raise Http404
    if user.is_authenticated:
        prefetch_related_objects([user], "memberships")
    trio = (
        Trio.objects.select_related("cohort")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=TrioMember.objects.select_related("school__local_authority").order_by(
                    "school__name", "pk"
                ),
            )
        )
        .filter(pk=trio_id)
        .first()
    )
    if trio is None or not rules.can_open_trio(user, trio):
        raise Http404
    return trio


def _notes(trio: Trio) -> QuerySet[TrioNote]:
    return TrioNote.objects.filter(trio=trio).select_related("author")


@dataclass(frozen=True)
class PilotRow:
    pilot: Pilot
    # Whether the reader may open the pilot's own page (it belongs to a school).
    may_open: bool


@dataclass(frozen=True)
class Overview:
    pilots: list[PilotRow]
    milestones: list[Milestone]
    latest: list[TrioNote]


def overview(user: Any, trio: Trio, *, today: datetime.date | None = None) -> Overview:
    """The schools' pilots in the trio, their milestones still to come (undated ones last)
    and the latest meeting notes and posts (replies included)."""
    today = today or timezone.localdate()
    pilots = list(
        Pilot.objects.filter(trio=trio)
        .select_related("school", "intervention")
        .order_by("school__name", "title", "pk")
    )
    milestones = list(
        Milestone.objects.filter(pilot__trio=trio, done_on__isnull=True)
        .filter(Q(due_on__gte=today) | Q(due_on__isnull=True))
        .select_related("pilot__school")
        .order_by("due_on", "pk")[: UPCOMING_MILESTONES * 2]
    )
    # Dated ones first, soonest first; then those with no date yet.
    milestones.sort(key=lambda m: (m.due_on is None, m.due_on or today, m.pk))
    latest = list(
        _notes(trio)
        .filter(kind__in=[NoteKind.MEETING, NoteKind.POST])
        .order_by("-created_at", "-pk")[:LATEST_NOTES]
    )
    return Overview(
        pilots=[PilotRow(p, rules.can_read_pilot(user, p)) for p in pilots],
        milestones=milestones[:UPCOMING_MILESTONES],
        latest=latest,
    )


def plan_of(trio: Trio) -> TrioNote | None:
    """The trio's shared plan, or None before anyone has written it."""
    return _notes(trio).filter(kind=NoteKind.PLAN).order_by("created_at", "pk").first()


def meetings_of(trio: Trio) -> list[TrioNote]:
    """Meeting notes, the latest meeting first."""
    return list(
        _notes(trio).filter(kind=NoteKind.MEETING).order_by("-met_on", "-created_at", "-pk")
    )


def meeting_of(trio: Trio, note_id: int) -> TrioNote:
    if note_id > MAX_ID:
        raise Http404
    note = _notes(trio).filter(kind=NoteKind.MEETING, pk=note_id).first()
    if note is None:
        raise Http404
    return note


def threads_of(trio: Trio) -> list[TrioNote]:
    """The discussion: posts, the newest thread first, each with its replies oldest first."""
    replies = TrioNote.objects.select_related("author").order_by("created_at", "pk")
    return list(
        _notes(trio)
        .filter(kind=NoteKind.POST, reply_to__isnull=True)
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("-created_at", "-pk")
    )


def post_of(trio: Trio, note_id: int) -> TrioNote:
    """A post or a reply of the trio's discussion, else 404."""
    if note_id > MAX_ID:
        raise Http404
    note = _notes(trio).filter(kind=NoteKind.POST, pk=note_id).first()
    if note is None:
        raise Http404
    return note


def others_replied(post: TrioNote) -> bool:
    """Whether someone other than the author has replied to the post."""
    replies = TrioNote.objects.filter(reply_to=post)
    if post.author_id is not None:
        replies = replies.exclude(author_id=post.author_id)
    return replies.exists()


def files_of(trio: Trio) -> list[TrioFile]:
    return list(TrioFile.objects.filter(trio=trio).select_related("uploaded_by"))


def file_of(trio: Trio, file_id: int) -> TrioFile:
    if file_id > MAX_ID:
        raise Http404
    found = TrioFile.objects.filter(trio=trio, pk=file_id).select_related("uploaded_by").first()
    if found is None:
        raise Http404
    return found
