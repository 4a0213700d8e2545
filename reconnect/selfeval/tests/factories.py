"""Factories for the self-evaluation tool.

``published_framework()`` builds a small framework in one call (by default 3 domains of 4
statements, mapped to Hub themes, published); ``submitted_review()`` answers every
statement of it and submits through the real service, so scores, ``is_latest`` and the
benchmark are exactly what a school's submission produces.

    version = published_framework(domains=[("attendance", ["attendance"]), ...])
    review = submitted_review(school_a, version, levels={"attendance": [2, 2, 3, 1]})
"""

from collections.abc import Mapping, Sequence
from typing import Any

import factory
from django.db.models import Prefetch
from django.utils import timezone

from reconnect.hub.models import Theme
from reconnect.selfeval.models import (
    Action,
    Answer,
    AnswerChange,
    Domain,
    Framework,
    FrameworkVersion,
    Review,
    ReviewContributor,
    Statement,
    VersionStatus,
)
from reconnect.selfeval.services.benchmarks import benchmark_refresh
from reconnect.selfeval.services.reviews import answer_save, review_start, review_submit

DEFAULT_DOMAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("attendance", ("attendance",)),
    ("belonging", ("engagement", "isolation-and-belonging")),
    ("transition", ("transition",)),
)


class FrameworkFactory(factory.django.DjangoModelFactory[Framework]):
    class Meta:
        model = Framework
        django_get_or_create = ("slug",)

    slug = "reconnect"
    name = "The Reconnect framework"
    summary = "How a school supports its disadvantaged and vulnerable pupils."


class FrameworkVersionFactory(factory.django.DjangoModelFactory[FrameworkVersion]):
    class Meta:
        model = FrameworkVersion

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = VersionStatus.DRAFT


class DomainFactory(factory.django.DjangoModelFactory[Domain]):
    class Meta:
        model = Domain

    version = factory.SubFactory(FrameworkVersionFactory)
    code = factory.Sequence(lambda n: f"domain-{n}")
    title = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    summary = "What this area of practice covers."
    sort_order = factory.Sequence(lambda n: n)


class StatementFactory(factory.django.DjangoModelFactory[Statement]):
    class Meta:
        model = Statement

    domain = factory.SubFactory(DomainFactory)
    code = factory.Sequence(lambda n: f"statement-{n}")
    text = factory.Sequence(lambda n: f"Statement {n} about our practice.")
    evidence_prompt = "What would show this?"
    not_yet = "Nothing is in place."
    emerging = "Something has started."
    established = "It happens across the school."
    embedded = "It is how we work, and we check its impact."
    sort_order = factory.Sequence(lambda n: n)


def published_framework(
    *,
    domains: Sequence[tuple[str, Sequence[str]]] = DEFAULT_DOMAINS,
    statements_per_domain: int = 4,
    framework: Framework | None = None,
    number: int | None = None,
    status: str = VersionStatus.PUBLISHED,
) -> FrameworkVersion:
    """A framework version with ``domains`` (code, theme slugs), each with statements coded
    ``<domain>-1`` … ``<domain>-N``, published unless ``status`` says otherwise."""
    framework = (
        framework
        or Framework.objects.get_or_create(
            slug="reconnect", defaults={"name": "The Reconnect framework"}
        )[0]
    )
    if number is None:
        number = (
            framework.versions.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=status,
        published_at=timezone.now() if status == VersionStatus.PUBLISHED else None,
    )
    for position, (code, theme_slugs) in enumerate(domains, start=1):
        domain = Domain.objects.create(
            version=version,
            code=code,
            title=code.replace("-", " ").capitalize(),
            sort_order=position,
        )
        domain.themes.set(Theme.objects.filter(slug__in=theme_slugs))
        domain.save()  # a ParentalManyToManyField keeps what is set in memory until save
        for index in range(1, statements_per_domain + 1):
            StatementFactory(domain=domain, code=f"{code}-{index}", sort_order=index)
    return version


def _lead_of(school: Any) -> Any:
    from reconnect.accounts.tests.factories import UserFactory
    from reconnect.schools.roles import SchoolRole
    from reconnect.schools.tests.factories import MembershipFactory

    membership = (
        school.memberships.filter(role=SchoolRole.SCHOOL_LEAD).select_related("user").first()
    )
    if membership is not None:
        return membership.user
    user = UserFactory()
    MembershipFactory(user=user, school=school, role=SchoolRole.SCHOOL_LEAD)
    return user


def open_review(
    school: Any, version: FrameworkVersion, *, user: Any = None, title: str = "Autumn review"
) -> Review:
    """A review in progress, started by ``user`` (default: the school's lead)."""
    # review_start takes the latest published version; a test asking for an older one
    # gets exactly that.
    review = review_start(
        school=school, framework=version.framework, user=user or _lead_of(school), title=title
    )
    if review.version_id != version.pk:
        review.version = version
        review.save(update_fields=["version"])
    return review


def answer_all(
    review: Review,
    *,
    user: Any = None,
    levels: Mapping[str, Sequence[int]] | None = None,
    default: int = 3,
) -> Review:
    """Answer every statement: ``levels`` maps a domain code to its statements' levels in
    order; domains not named get ``default`` throughout.

    Written in bulk: the rows ``answer_save`` writes for a first answer (the answer at
    revision 1 and its history entry), in two inserts instead of a locked transaction per
    statement, which made every submitted review in the suite cost dozens of queries. A
    statement already answered goes through ``answer_save``, which revises it. The service
    itself is tested in test_review_services.py and test_answer_concurrency.py."""
    user = user or _lead_of(review.school)
    levels = levels or {}
    answered = set(Answer.objects.filter(review=review).values_list("statement_id", flat=True))
    statements = Prefetch("statements", queryset=Statement.objects.order_by("sort_order", "pk"))
    domains = review.version.domains.order_by("sort_order", "pk").prefetch_related(statements)
    now = timezone.now()
    new: list[Answer] = []
    for domain in domains:
        chosen = list(levels.get(domain.code, ()))
        for index, statement in enumerate(domain.statements.all()):
            level = chosen[index] if index < len(chosen) else default
            if statement.pk in answered:
                answer_save(
                    review=review,
                    statement=statement,
                    user=user,
                    level=level,
                    evidence="",
                    seen_revision=None,
                )
                continue
            new.append(
                Answer(
                    review=review,
                    statement=statement,
                    level=level,
                    evidence="",
                    revision=1,
                    updated_by=user,
                    updated_at=now,
                )
            )
    created = Answer.objects.bulk_create(new)
    AnswerChange.objects.bulk_create(
        AnswerChange(
            answer=answer,
            revision=1,
            level=answer.level,
            evidence="",
            changed_by=user,
            changed_at=now,
        )
        for answer in created
    )
    return review


def submitted_review(
    school: Any,
    version: FrameworkVersion,
    *,
    levels: Mapping[str, Sequence[int]] | None = None,
    default: int = 3,
    user: Any = None,
    title: str = "Autumn review",
    submitted_at: Any = None,
) -> Review:
    """A review answered as ``levels`` says and submitted through the service.

    ``submitted_at`` back-dates it (e.g. for "change since your previous review")."""
    user = user or _lead_of(school)
    review = open_review(school, version, user=user, title=title)
    answer_all(review, user=user, levels=levels, default=default)
    review = review_submit(review=review, user=user)
    # What the task queued on commit does (tests run inside a transaction that never
    # commits, so on_commit callbacks would not fire).
    benchmark_refresh(framework=review.framework, phase=review.school.phase)
    if submitted_at is not None:
        Review.objects.filter(pk=review.pk).update(
            submitted_at=submitted_at, created_at=submitted_at
        )
        review.refresh_from_db()
    return review


class ReviewContributorFactory(factory.django.DjangoModelFactory[ReviewContributor]):
    class Meta:
        model = ReviewContributor


class ActionFactory(factory.django.DjangoModelFactory[Action]):
    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"Action {n}")
    school = factory.LazyAttribute(lambda o: o.review.school)
    domain = factory.LazyAttribute(
        lambda o: o.review.version.domains.order_by("sort_order").first()
    )
