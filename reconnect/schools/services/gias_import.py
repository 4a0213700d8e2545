"""Importing London's schools and trusts from a GIAS extract (see ``gias_rows`` for the format).

The whole file is checked before anything is written. The import then runs in one
transaction: new trusts and schools are bulk-created, changed ones bulk-updated in place by
code and URN, and unchanged ones are not written at all, so re-running a file changes
nothing (not even ``updated_at``). Schools missing from the file are left alone: a partial
extract must never delete a member's school.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent
from reconnect.schools.models import LocalAuthority, School, Trust
from reconnect.schools.services.gias_rows import (
    TRUST_CODE,
    TRUST_NAME,
    GiasSchool,
    ImportProblem,
    parse_gias,
)

# Fields every GIAS row sets; the optional columns add to these when present.
CORE_FIELDS = (
    "name",
    "phase",
    "establishment_type",
    "local_authority_id",
    "trust_id",
    "postcode",
    "is_open",
    "number_on_roll",
    "percent_fsm",
)
# SQLite allows 999 variables per statement in old builds; stay well under it.
LOOKUP_CHUNK = 500


@dataclass
class GiasImportResult:
    """What an import did (or, for a dry run or a rejected file, would have done)."""

    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_outside_london: int = 0
    skipped_no_phase: int = 0
    trusts_created: int = 0
    trusts_updated: int = 0
    errors: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def skipped(self) -> int:
        return self.skipped_outside_london + self.skipped_no_phase

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped_outside_london": self.skipped_outside_london,
            "skipped_no_phase": self.skipped_no_phase,
            "trusts_created": self.trusts_created,
            "trusts_updated": self.trusts_updated,
        }


def schools_import_gias(
    *, data: bytes, dry_run: bool = False, actor: Any = None, source: str = ""
) -> GiasImportResult:
    """Create or update London's schools and their trusts from the bytes of a GIAS extract.

    Side effects (not on a dry run or a rejected file): Trust and School rows written in one
    transaction; one ``AuditEvent`` of action IMPORT with the counts (no personal data).
    Errors: never raises for bad data; ``result.errors`` lists each problem with its row
    and column, and then nothing at all has been written.
    """
    parsed = parse_gias(data)
    result = GiasImportResult(
        dry_run=dry_run,
        rows=parsed.rows,
        skipped_outside_london=parsed.skipped_outside_london,
        skipped_no_phase=parsed.skipped_no_phase,
        errors=list(parsed.problems),
    )
    if not result.ok:
        return result

    with transaction.atomic():
        plan = _plan(parsed.schools, parsed.optional_fields)
        if plan.problems:
            result.errors = plan.problems
            return result
        result.created = len(plan.schools_to_create)
        result.updated = len(plan.schools_to_update)
        result.unchanged = plan.unchanged
        result.trusts_created = len(plan.trusts_to_create)
        result.trusts_updated = len(plan.trusts_to_update)
        if dry_run:
            return result
        _write(plan)
        audit_record(
            AuditEvent.Action.IMPORT,
            actor=actor,
            actor_label="" if actor is not None else "manage.py import_schools",
            detail={"kind": "gias_schools", "source": source[:200], **result.counts()},
        )
    return result


@dataclass
class _Plan:
    update_fields: tuple[str, ...]
    trusts_to_create: list[Trust] = field(default_factory=list)
    trusts_to_update: list[Trust] = field(default_factory=list)
    schools_to_create: list[School] = field(default_factory=list)
    schools_to_update: list[School] = field(default_factory=list)
    # School → the trust it belongs to, for trusts that get their primary key on write.
    trust_of: dict[int, Trust] = field(default_factory=dict)
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)


def _plan(rows: list[GiasSchool], optional_fields: tuple[str, ...]) -> _Plan:
    """Work out every write by comparing the file with the database, writing nothing."""
    plan = _Plan(update_fields=(*CORE_FIELDS, *optional_fields))
    trusts = _plan_trusts(rows, plan)
    la_ids = dict(LocalAuthority.objects.values_list("code", "id"))
    existing = _existing_schools([row.urn for row in rows])

    for row in rows:
        trust = trusts.get(row.trust_code) if row.trust_code else None
        wanted: dict[str, Any] = {
            "name": row.name,
            "phase": row.phase,
            "establishment_type": row.establishment_type,
            "local_authority_id": la_ids[row.la_code],
            "trust_id": trust.pk if trust is not None else None,
            "postcode": row.postcode,
            "is_open": row.is_open,
            "number_on_roll": row.number_on_roll,
            "percent_fsm": row.percent_fsm,
            **row.optional,
        }
        school = existing.get(row.urn)
        if school is None:
            school = School(urn=row.urn, **wanted)
            plan.schools_to_create.append(school)
        elif _differs(school, wanted) or (trust is not None and trust.pk is None):
            for name, value in wanted.items():
                setattr(school, name, value)
            plan.schools_to_update.append(school)
        else:
            plan.unchanged += 1
            continue
        if trust is not None and trust.pk is None:
            plan.trust_of[row.urn] = trust
    return plan


def _plan_trusts(rows: list[GiasSchool], plan: _Plan) -> dict[str, Trust]:
    """Trusts by GIAS code: existing ones (renamed if GIAS renamed them) and new ones."""
    wanted: dict[str, tuple[str, int]] = {}
    for row in rows:
        if row.trust_code and row.trust_name:
            wanted.setdefault(row.trust_code, (row.trust_name, row.row))
    if not wanted:
        return {}
    all_trusts = list(Trust.objects.all())
    by_code = {t.gias_code: t for t in all_trusts if t.gias_code}
    by_name = {t.name.casefold(): t for t in all_trusts}
    slugs = {t.slug for t in all_trusts}

    trusts: dict[str, Trust] = {}
    for code, (name, row_number) in wanted.items():
        trust = by_code.get(code)
        holder = by_name.get(name.casefold())
        if trust is not None:
            if trust.name != name:
                if holder is not None and holder is not trust:
                    plan.problems.append(_name_taken(row_number, name, holder))
                    continue
                trust.name = name
                plan.trusts_to_update.append(trust)
        elif holder is not None and not holder.gias_code:
            # A trust entered by hand (or the demo) before its code was known: adopt it,
            # with GIAS's spelling too, or the next run would rename it by its code and a
            # re-run of the same file would not be a no-op.
            trust = holder
            trust.gias_code = code
            trust.name = name
            plan.trusts_to_update.append(trust)
        elif holder is not None:
            plan.problems.append(_name_taken(row_number, name, holder))
            continue
        else:
            trust = Trust(gias_code=code, name=name, slug=_unique_slug(name, code, slugs))
            plan.trusts_to_create.append(trust)
        trusts[code] = trust
    return trusts


def _name_taken(row: int, name: str, holder: Trust) -> ImportProblem:
    return ImportProblem(
        row,
        TRUST_NAME,
        name,
        f"a different trust (code {holder.gias_code or 'none'}) already has this name in "
        f'Reconnect – check the "{TRUST_CODE}" column, or ask a coordinator to rename the '
        "other trust first.",
    )


def _unique_slug(name: str, code: str, taken: set[str]) -> str:
    base = slugify(name)[:180] or "trust"
    slug = base if base not in taken else f"{base}-{slugify(code)}"
    suffix = 2
    while slug in taken:
        slug = f"{base}-{slugify(code)}-{suffix}"
        suffix += 1
    taken.add(slug)
    return slug


def _existing_schools(urns: list[int]) -> dict[int, School]:
    found: dict[int, School] = {}
    for start in range(0, len(urns), LOOKUP_CHUNK):
        chunk = urns[start : start + LOOKUP_CHUNK]
        found.update((s.urn, s) for s in School.objects.filter(urn__in=chunk))
    return found


def _differs(school: School, wanted: dict[str, Any]) -> bool:
    # Decimals compare by value, so 24.5 read back as 24.50 on PostgreSQL is unchanged.
    return any(getattr(school, name) != value for name, value in wanted.items())


def _write(plan: _Plan) -> None:
    Trust.objects.bulk_create(plan.trusts_to_create)
    Trust.objects.bulk_update(plan.trusts_to_update, ["name", "gias_code"])
    for school in (*plan.schools_to_create, *plan.schools_to_update):
        trust = plan.trust_of.get(school.urn)
        if trust is not None:
            school.trust_id = trust.pk
    School.objects.bulk_create(plan.schools_to_create)
    # bulk_update skips auto_now, so the time a school last changed is set here.
    now = timezone.now()
    for school in plan.schools_to_update:
        school.updated_at = now
    fields = [name.removesuffix("_id") for name in plan.update_fields]
    School.objects.bulk_update(plan.schools_to_update, [*fields, "updated_at"])
