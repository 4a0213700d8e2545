"""Frameworks and their versions: loading the Reconnect framework, publishing a draft, and
starting a new draft from a published version.

A published version never changes: reviews were answered against its exact words, and the
report, the benchmark and "change since your previous review" read them back. So every
change to a framework is made in a draft (a copy of the latest published version, or an
empty one), which coordinators edit in the admin and publish when it is complete. At most
one draft per framework exists at a time, so two coordinators never edit rival drafts.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import Theme
from reconnect.selfeval.data import reconnect_framework as data
from reconnect.selfeval.models import (
    Domain,
    Framework,
    FrameworkVersion,
    Statement,
    VersionStatus,
)
from reconnect.selfeval.models.levels import Level
from reconnect.selfeval.selectors.reviews import latest_published_version

# The statement fields a published version must have filled, with the words used to name
# them in a refusal.
_REQUIRED_STATEMENT_FIELDS = (
    ("text", "text"),
    ("evidence_prompt", "evidence prompt"),
    ("not_yet", str(Level.NOT_YET.label)),
    ("emerging", str(Level.EMERGING.label)),
    ("established", str(Level.ESTABLISHED.label)),
    ("embedded", str(Level.EMBEDDED.label)),
)


# --- Editable or frozen ------------------------------------------------------------------


def version_is_editable(version: FrameworkVersion) -> bool:
    """Only a draft may change; a published version is frozen for good."""
    return version.status == VersionStatus.DRAFT


def version_assert_editable(version: FrameworkVersion) -> None:
    """Raise ApplicationError if ``version`` is published (and so can never change)."""
    if not version_is_editable(version):
        raise ApplicationError(
            _(
                "Version %(number)d of %(framework)s is published, so it can no longer "
                "change. Start a new draft from it to make changes."
            )
            % {"number": version.number, "framework": version.framework.name}
        )


# --- Publishing -----------------------------------------------------------------------------


class VersionIncompleteError(ApplicationError):
    """Publishing was refused: ``problems`` says, one by one, what is missing."""

    def __init__(self, version: FrameworkVersion, problems: list[str]) -> None:
        super().__init__(
            _("Version %(number)d cannot be published yet: %(problems)s")
            % {"number": version.number, "problems": " ".join(problems)}
        )
        self.problems = problems


def version_problems(version: FrameworkVersion) -> list[str]:
    """Everything that stops ``version`` being published, in framework order; [] if none.

    A publishable version has at least one domain, every domain has a code, a title and at
    least one statement, every statement has a code, its text, its evidence prompt and all
    four level descriptors, and no domain or statement code is used twice in the version.
    """
    domains = list(version.domains.order_by("sort_order", "pk"))
    statements = list(
        Statement.objects.filter(domain__version=version).order_by("sort_order", "pk")
    )
    if not domains:
        return [_("It has no domains.")]
    by_domain: dict[int, list[Statement]] = {domain.pk: [] for domain in domains}
    for statement in statements:
        by_domain[statement.domain_id].append(statement)

    problems: list[str] = []
    for position, domain in enumerate(domains, start=1):
        name = domain.title.strip() or domain.code.strip() or str(position)
        if not domain.title.strip():
            problems.append(_("Domain %(position)d has no title.") % {"position": position})
        if not domain.code.strip():
            problems.append(_("Domain “%(domain)s” has no code.") % {"domain": name})
        if not by_domain[domain.pk]:
            problems.append(_("Domain “%(domain)s” has no statements.") % {"domain": name})
        for index, statement in enumerate(by_domain[domain.pk], start=1):
            label = statement.code.strip() or _("%(n)d of “%(domain)s”") % {
                "n": index,
                "domain": name,
            }
            missing = [
                words
                for field, words in _REQUIRED_STATEMENT_FIELDS
                if not getattr(statement, field).strip()
            ]
            if not statement.code.strip():
                missing.insert(0, "code")
            if missing:
                problems.append(
                    _("Statement %(statement)s has no %(fields)s.")
                    % {"statement": label, "fields": _join(missing)}
                )
    for code, count in sorted(Counter(d.code for d in domains if d.code).items()):
        if count > 1:
            problems.append(
                _("The domain code “%(code)s” is used %(count)d times.")
                % {"code": code, "count": count}
            )
    for code, count in sorted(Counter(s.code for s in statements if s.code).items()):
        if count > 1:
            problems.append(
                _("The statement code “%(code)s” is used %(count)d times.")
                % {"code": code, "count": count}
            )
    return problems


def _join(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def version_publish(
    *, version: FrameworkVersion, user: Any, request: Any = None, actor_label: str = ""
) -> FrameworkVersion:
    """Publish a draft: from now on schools starting a review answer this version.

    Sets the status, ``published_at`` and ``published_by``; audited. Raises
    VersionIncompleteError naming every missing part (see ``version_problems``), or
    ApplicationError if the version is already published.
    """
    with transaction.atomic():
        locked = (
            FrameworkVersion.objects.select_for_update()
            .select_related("framework")
            .get(pk=version.pk)
        )
        if not version_is_editable(locked):
            raise ApplicationError(
                _("Version %(number)d is already published.") % {"number": locked.number}
            )
        problems = version_problems(locked)
        if problems:
            raise VersionIncompleteError(locked, problems)
        locked.status = VersionStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.published_by = user
        locked.save(update_fields=["status", "published_at", "published_by"])
        audit_record(
            "selfeval.version_published",
            request=request,
            actor=user,
            actor_label=actor_label,
            target=locked,
            detail={"framework": locked.framework.slug, "number": locked.number},
        )
    version.status, version.published_at = locked.status, locked.published_at
    version.published_by = locked.published_by
    return locked


# --- Drafting -------------------------------------------------------------------------------


def _lock_for_new_draft(framework: Framework) -> tuple[Framework, int]:
    """Lock the framework (so two coordinators cannot draft at once) and return the next
    version number. Raises ApplicationError if the framework already has a draft."""
    locked = Framework.objects.select_for_update().get(pk=framework.pk)
    draft = locked.versions.filter(status=VersionStatus.DRAFT).order_by("number").first()
    if draft is not None:
        raise ApplicationError(
            _(
                "%(framework)s already has a draft (version %(number)d). Publish or delete it "
                "before starting another."
            )
            % {"framework": locked.name, "number": draft.number}
        )
    highest = locked.versions.aggregate(highest=Max("number"))["highest"] or 0
    return locked, highest + 1


def version_draft_create(
    *,
    framework: Framework,
    user: Any,
    introduction: str = "",
    changes: str = "",
    request: Any = None,
) -> FrameworkVersion:
    """Start an empty draft of ``framework``, numbered after its highest version. Audited.

    Raises ApplicationError if the framework already has a draft.
    """
    try:
        with transaction.atomic():
            locked, number = _lock_for_new_draft(framework)
            version = FrameworkVersion.objects.create(
                framework=locked, number=number, introduction=introduction, changes=changes
            )
            audit_record(
                "selfeval.version_drafted",
                request=request,
                actor=user,
                target=version,
                detail={"framework": locked.slug, "number": number, "from": None},
            )
    except IntegrityError as error:  # a concurrent draft won the number
        raise ApplicationError(_("Another draft was started at the same time.")) from error
    return version


def version_draft_from(
    *, version: FrameworkVersion, user: Any, request: Any = None
) -> FrameworkVersion:
    """Copy a published version (its introduction, domains with their themes, and
    statements) into a new draft numbered after the framework's highest version. Audited.

    Codes are copied unchanged, so the new version's scores line up with the old one's.
    Raises ApplicationError if ``version`` is a draft or the framework already has one.
    """
    if version_is_editable(version):
        raise ApplicationError(_("Only a published version can be copied into a new draft."))
    try:
        with transaction.atomic():
            locked, number = _lock_for_new_draft(version.framework)
            draft = FrameworkVersion.objects.create(
                framework=locked, number=number, introduction=version.introduction
            )
            _copy_content(version, draft)
            audit_record(
                "selfeval.version_drafted",
                request=request,
                actor=user,
                target=draft,
                detail={"framework": locked.slug, "number": number, "from": version.number},
            )
    except IntegrityError as error:
        raise ApplicationError(_("Another draft was started at the same time.")) from error
    return draft


def _copy_content(source: FrameworkVersion, target: FrameworkVersion) -> None:
    """Domains, their themes and statements, in a handful of queries whatever the size."""
    domains = list(source.domains.order_by("sort_order", "pk").prefetch_related("themes"))
    copies = Domain.objects.bulk_create(
        [
            Domain(
                version=target,
                code=domain.code,
                title=domain.title,
                summary=domain.summary,
                sort_order=domain.sort_order,
            )
            for domain in domains
        ]
    )
    new_id = {old.pk: new.pk for old, new in zip(domains, copies, strict=True)}
    through = Domain.themes.through
    through.objects.bulk_create(
        [
            through(domain_id=new_id[domain.pk], theme_id=theme.pk)
            for domain in domains
            for theme in domain.themes.all()
        ]
    )
    Statement.objects.bulk_create(
        [
            Statement(
                domain_id=new_id[statement.domain_id],
                code=statement.code,
                text=statement.text,
                evidence_prompt=statement.evidence_prompt,
                not_yet=statement.not_yet,
                emerging=statement.emerging,
                established=statement.established,
                embedded=statement.embedded,
                sort_order=statement.sort_order,
            )
            for statement in Statement.objects.filter(domain__version=source).order_by(
                "domain__sort_order", "domain__pk", "sort_order", "pk"
            )
        ]
    )


# --- The Reconnect framework ------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkEnsured:
    framework: Framework
    version: FrameworkVersion  # the latest published version
    created: bool  # True when this call published version 1 from the data


def framework_reconnect_ensure(
    *, actor_label: str = "Reconnect framework loader"
) -> FrameworkEnsured:
    """Make sure the Reconnect framework exists and has a published version.

    Idempotent: if the framework has any published version, nothing is written (a
    coordinator's later versions and the published text are never touched). Otherwise
    the text in ``selfeval/data/reconnect_framework.py`` is loaded as a new version and
    published (audited). Raises ApplicationError if a Hub theme it maps to is missing
    (run ``migrate`` first).
    """
    with transaction.atomic():
        framework, _created = Framework.objects.get_or_create(
            slug=data.FRAMEWORK_SLUG,
            defaults={"name": data.FRAMEWORK_NAME, "summary": data.FRAMEWORK_SUMMARY},
        )
        framework = Framework.objects.select_for_update().get(pk=framework.pk)
        published = latest_published_version(framework)
        if published is not None:
            return FrameworkEnsured(framework=framework, version=published, created=False)
        version = _load_from_data(framework)
        version_publish(version=version, user=None, actor_label=actor_label)
    return FrameworkEnsured(framework=framework, version=version, created=True)


def _load_from_data(framework: Framework) -> FrameworkVersion:
    wanted = {slug for domain in data.DOMAINS for slug in domain.themes}
    theme_ids = dict(Theme.objects.filter(slug__in=wanted).values_list("slug", "pk"))
    missing = sorted(wanted - set(theme_ids))
    if missing:
        raise ApplicationError(
            ngettext(
                "The Hub theme %(themes)s is missing: run `manage.py migrate` first.",
                "The Hub themes %(themes)s are missing: run `manage.py migrate` first.",
                len(missing),
            )
            % {"themes": ", ".join(missing)}
        )
    # After any draft a coordinator started, so numbers stay unique.
    highest = framework.versions.aggregate(highest=Max("number"))["highest"] or 0
    version = FrameworkVersion.objects.create(
        framework=framework, number=highest + 1, introduction=data.INTRODUCTION
    )
    domains = Domain.objects.bulk_create(
        [
            Domain(
                version=version,
                code=text.code,
                title=text.title,
                summary=text.summary,
                sort_order=position,
            )
            for position, text in enumerate(data.DOMAINS, start=1)
        ]
    )
    through = Domain.themes.through
    through.objects.bulk_create(
        [
            through(domain_id=domain.pk, theme_id=theme_ids[slug])
            for domain, text in zip(domains, data.DOMAINS, strict=True)
            for slug in text.themes
        ]
    )
    Statement.objects.bulk_create(
        [
            Statement(
                domain=domain,
                code=statement.code,
                text=statement.text,
                evidence_prompt=statement.evidence_prompt,
                not_yet=statement.not_yet,
                emerging=statement.emerging,
                established=statement.established,
                embedded=statement.embedded,
                sort_order=position,
            )
            for domain, text in zip(domains, data.DOMAINS, strict=True)
            for position, statement in enumerate(text.statements, start=1)
        ]
    )
    return version
