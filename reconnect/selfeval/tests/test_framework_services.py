from datetime import timedelta

import pytest
from django.utils import timezone

from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.hub.models import Theme
from reconnect.selfeval.models import Domain, Framework, FrameworkVersion, Statement, VersionStatus
from reconnect.selfeval.services.frameworks import (
    VersionIncompleteError,
    framework_reconnect_ensure,
    version_assert_editable,
    version_draft_create,
    version_draft_from,
    version_is_editable,
    version_problems,
    version_publish,
)
from reconnect.selfeval.tests.factories import (
    DomainFactory,
    StatementFactory,
    published_framework,
)

pytestmark = pytest.mark.django_db


def _content(version):
    """Everything a reader sees of a version, in order, for before/after comparisons."""
    return [
        (
            domain.code,
            domain.title,
            domain.summary,
            domain.sort_order,
            sorted(domain.themes.values_list("slug", flat=True)),
            list(
                domain.statements.order_by("sort_order", "pk").values_list(
                    "code",
                    "text",
                    "evidence_prompt",
                    "not_yet",
                    "emerging",
                    "established",
                    "embedded",
                    "sort_order",
                )
            ),
        )
        for domain in version.domains.order_by("sort_order", "pk")
    ]


# --- framework_reconnect_ensure ----------------------------------------------------------


def test_ensure_loads_and_publishes_version_1_of_the_reconnect_framework():
    result = framework_reconnect_ensure()

    version = result.version
    assert result.created is True
    assert (result.framework.slug, result.framework.name) == (
        "reconnect",
        "The Reconnect framework",
    )
    assert (version.number, version.status, version.published_by) == (1, "published", None)
    assert version.published_at is not None
    assert version.introduction.startswith("This framework helps your school take an honest")
    domains = list(version.domains.order_by("sort_order"))
    assert [d.code for d in domains] == [
        "attendance",
        "belonging",
        "wellbeing",
        "learning-gaps",
        "poverty",
        "vulnerability",
        "inclusion",
        "families",
        "transition",
        "leadership",
        "staff-development",
    ]
    assert [d.sort_order for d in domains] == list(range(1, 12))
    assert sorted(domains[1].themes.values_list("slug", flat=True)) == [
        "engagement",
        "isolation-and-belonging",
    ]
    assert Statement.objects.filter(domain__version=version).count() == 56
    first = domains[0].statements.order_by("sort_order").first()
    assert (first.code, first.sort_order, first.text) == (
        "attendance-1",
        1,
        (
            "We know each morning which pupils are absent without a reason and contact their "
            "families before 10am the same day."
        ),
    )
    event = AuditEvent.objects.get(action="selfeval.version_published")
    assert (event.actor, event.actor_label, event.detail) == (
        None,
        "Reconnect framework loader",
        {"framework": "reconnect", "number": 1},
    )


def test_ensure_twice_writes_nothing_the_second_time():
    first = framework_reconnect_ensure()
    counts = (Domain.objects.count(), Statement.objects.count(), AuditEvent.objects.count())

    second = framework_reconnect_ensure()

    assert second.created is False
    assert second.version == first.version
    assert (Domain.objects.count(), Statement.objects.count(), AuditEvent.objects.count()) == (
        counts
    )


def test_ensure_leaves_a_coordinators_later_version_and_the_published_text_alone(
    coordinator,
):
    first = framework_reconnect_ensure().version
    draft = version_draft_from(version=first, user=coordinator)
    Statement.objects.filter(domain__version=draft, code="attendance-1").update(text="Changed.")
    version_publish(version=draft, user=coordinator)
    before = _content(first)

    result = framework_reconnect_ensure()

    assert (result.created, result.version.number) == (False, 2)
    assert _content(first) == before
    assert FrameworkVersion.objects.count() == 2


def test_ensure_numbers_after_an_unpublished_draft():
    framework = Framework.objects.create(slug="reconnect", name="The Reconnect framework")
    FrameworkVersion.objects.create(framework=framework, number=1)

    result = framework_reconnect_ensure()

    assert (result.created, result.version.number, result.version.status) == (
        True,
        2,
        "published",
    )


def test_ensure_explains_missing_themes_and_writes_nothing():
    Theme.objects.filter(slug__in=["send", "transition"]).delete()

    with pytest.raises(
        ApplicationError,
        match=r"^The Hub themes send, transition are missing: run `manage.py migrate` first\.$",
    ):
        framework_reconnect_ensure()

    assert (Framework.objects.count(), FrameworkVersion.objects.count()) == (0, 0)


# --- version_publish -----------------------------------------------------------------------


def test_publish_sets_the_status_and_who_published_and_is_audited(coordinator):
    draft = published_framework(status=VersionStatus.DRAFT)
    assert version_is_editable(draft) is True

    published = version_publish(version=draft, user=coordinator)

    draft.refresh_from_db()
    assert (draft.status, draft.published_by) == ("published", coordinator)
    assert draft.published_at is not None
    assert timezone.now() - draft.published_at < timedelta(minutes=1)
    assert published == draft
    assert version_is_editable(draft) is False
    event = AuditEvent.objects.get(action="selfeval.version_published")
    assert (event.actor, event.target_id, event.detail) == (
        coordinator,
        str(draft.pk),
        {"framework": "reconnect", "number": draft.number},
    )


def test_publish_refuses_a_version_without_domains(coordinator):
    draft = FrameworkVersion.objects.create(
        framework=Framework.objects.create(slug="reconnect", name="The Reconnect framework"),
        number=1,
    )

    with pytest.raises(VersionIncompleteError) as refused:
        version_publish(version=draft, user=coordinator)

    assert refused.value.message == "Version 1 cannot be published yet: It has no domains."
    assert refused.value.problems == ["It has no domains."]
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == ("draft", None)
    assert not AuditEvent.objects.filter(action="selfeval.version_published").exists()


def test_publish_names_every_missing_part(coordinator):
    draft = published_framework(
        domains=[("attendance", ["attendance"]), ("belonging", []), ("transition", [])],
        statements_per_domain=2,
        status=VersionStatus.DRAFT,
    )
    Statement.objects.filter(domain__version=draft, domain__code="belonging").delete()
    Statement.objects.filter(domain__version=draft, code="attendance-2").update(
        embedded="", evidence_prompt="  "
    )
    Statement.objects.filter(domain__version=draft, code="transition-1").update(code="attendance-1")
    DomainFactory(version=draft, code="extra", title="", sort_order=9)
    StatementFactory(
        domain=draft.domains.get(code="extra"), code="", not_yet="", emerging="", sort_order=1
    )

    problems = version_problems(draft)
    with pytest.raises(VersionIncompleteError) as refused:
        version_publish(version=draft, user=coordinator)

    assert problems == [
        "Statement attendance-2 has no evidence prompt or Embedded.",
        "Domain “Belonging” has no statements.",
        "Domain 4 has no title.",
        "Statement 1 of “extra” has no code, Not yet or Emerging.",
        "The statement code “attendance-1” is used 2 times.",
    ]
    assert refused.value.problems == problems
    assert refused.value.message.startswith(
        "Version 1 cannot be published yet: Statement attendance-2 has no evidence prompt"
    )


def test_publish_names_a_domain_without_a_title_by_its_position():
    draft = published_framework(status=VersionStatus.DRAFT, statements_per_domain=1)
    assert version_problems(draft) == []

    draft.domains.filter(code="transition").update(title="")

    assert version_problems(draft) == ["Domain 3 has no title."]


def test_publish_refuses_a_published_version(coordinator):
    version = published_framework()

    with pytest.raises(ApplicationError, match=r"^Version 1 is already published\.$"):
        version_publish(version=version, user=coordinator)


# --- Editable ------------------------------------------------------------------------------


def test_assert_editable_refuses_a_published_version():
    version = published_framework()

    with pytest.raises(ApplicationError) as refused:
        version_assert_editable(version)

    assert refused.value.message == (
        "Version 1 of The Reconnect framework is published, so it can no longer change. "
        "Start a new draft from it to make changes."
    )
    version_assert_editable(published_framework(status=VersionStatus.DRAFT))


# --- Drafts --------------------------------------------------------------------------------


def test_draft_from_copies_a_published_version_into_the_next_number(coordinator):
    first = framework_reconnect_ensure().version
    before = _content(first)

    draft = version_draft_from(version=first, user=coordinator)

    assert (draft.number, draft.status, draft.published_at) == (2, "draft", None)
    assert draft.introduction == first.introduction
    assert _content(draft) == before
    assert _content(first) == before
    assert set(Domain.objects.filter(version=draft).values_list("pk", flat=True)).isdisjoint(
        Domain.objects.filter(version=first).values_list("pk", flat=True)
    )
    event = AuditEvent.objects.get(action="selfeval.version_drafted")
    assert (event.actor, event.target_id, event.detail) == (
        coordinator,
        str(draft.pk),
        {"framework": "reconnect", "number": 2, "from": 1},
    )


def test_draft_from_refuses_while_the_framework_has_a_draft(coordinator):
    first = published_framework()
    version_draft_from(version=first, user=coordinator)

    with pytest.raises(ApplicationError) as refused:
        version_draft_from(version=first, user=coordinator)

    assert refused.value.message == (
        "The Reconnect framework already has a draft (version 2). Publish or delete it "
        "before starting another."
    )
    assert FrameworkVersion.objects.count() == 2


def test_draft_from_refuses_a_draft(coordinator):
    draft = published_framework(status=VersionStatus.DRAFT)

    with pytest.raises(
        ApplicationError, match=r"^Only a published version can be copied into a new draft\.$"
    ):
        version_draft_from(version=draft, user=coordinator)


def test_draft_create_starts_an_empty_draft_after_the_highest_number(coordinator):
    first = published_framework()
    published_framework(framework=first.framework)

    draft = version_draft_create(
        framework=first.framework, user=coordinator, introduction="Hello.", changes="New."
    )

    assert (draft.number, draft.status, draft.introduction, draft.changes) == (
        3,
        "draft",
        "Hello.",
        "New.",
    )
    assert draft.domains.count() == 0
    with pytest.raises(ApplicationError, match=r"already has a draft \(version 3\)"):
        version_draft_create(framework=first.framework, user=coordinator)
