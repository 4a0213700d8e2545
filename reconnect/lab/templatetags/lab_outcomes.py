"""The pilot page's "Outcome data" section: what each measure holds, in two queries at most
whatever the number of measures (one when nothing has been uploaded yet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from reconnect.lab.models import Group, OutcomeImport, OutcomeMeasure, SummaryStatistic

register = template.Library()


@dataclass(frozen=True)
class GroupHeld:
    pupils: int
    with_pre: int
    with_post: int

    @property
    def missing_post(self) -> int:
        return self.pupils - self.with_post

    @property
    def attrition(self) -> float | None:
        """The percentage of the group's pupils without a post score."""
        return 100 * self.missing_post / self.pupils if self.pupils else None


@dataclass(frozen=True)
class MeasureHeld:
    measure: OutcomeMeasure
    intervention: GroupHeld
    comparison: GroupHeld
    has_summaries: bool
    last_upload: OutcomeImport | None

    @property
    def pupils(self) -> int:
        return self.intervention.pupils + self.comparison.pupils

    @property
    def any_post(self) -> bool:
        return self.intervention.with_post + self.comparison.with_post > 0

    @property
    def attrition(self) -> float | None:
        missing = self.intervention.missing_post + self.comparison.missing_post
        return 100 * missing / self.pupils if self.pupils else None


def _counts(prefix: str, group: str) -> dict[str, Count]:
    in_group = Q(records__group=group)
    return {
        f"{prefix}_n": Count("records", filter=in_group),
        f"{prefix}_pre": Count("records", filter=in_group & Q(records__pre__isnull=False)),
        f"{prefix}_post": Count("records", filter=in_group & Q(records__post__isnull=False)),
    }


def measures_held(pilot: Any) -> list[MeasureHeld]:
    last = OutcomeImport.objects.filter(measure=OuterRef("pk")).order_by("-uploaded_at", "-pk")
    measures = list(
        OutcomeMeasure.objects.filter(pilot=pilot)
        .annotate(
            **_counts("i", Group.INTERVENTION),
            **_counts("c", Group.COMPARISON),
            has_summaries=Exists(SummaryStatistic.objects.filter(measure=OuterRef("pk"))),
            last_upload_id=Subquery(last.values("pk")[:1]),
        )
        .order_by("-is_primary", "pk")
    )
    ids = [m.last_upload_id for m in measures if m.last_upload_id is not None]
    uploads = {u.pk: u for u in OutcomeImport.objects.filter(pk__in=ids)} if ids else {}
    return [
        MeasureHeld(
            measure=m,
            intervention=GroupHeld(m.i_n, m.i_pre, m.i_post),  # type: ignore[attr-defined]
            comparison=GroupHeld(m.c_n, m.c_pre, m.c_post),  # type: ignore[attr-defined]
            has_summaries=m.has_summaries,
            last_upload=uploads.get(m.last_upload_id),
        )
        for m in measures
    ]


@register.inclusion_tag("lab/outcomes/section.html", takes_context=True)
def outcome_section(context: template.Context) -> dict[str, Any]:
    pilot = context["pilot"]
    return {
        "pilot": pilot,
        "school": context.get("school") or pilot.school,
        "may_edit": context.get("may_edit", False),
        "held": measures_held(pilot),
        "single_group": pilot.design == "single_group",
    }
