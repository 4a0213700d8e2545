"""Members blocking one another's messages and mentions: the service, its audit, the pages
and the refusals (oneself, a coordinator)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.network import audit_actions
from reconnect.network.models import Block
from reconnect.network.selectors.moderation import blocked_by_ids, blocking_ids
from reconnect.network.services import moderation as services

pytestmark = pytest.mark.django_db


def _audits(action: str) -> list[tuple[int | None, dict]]:
    return [
        (event.actor_id, event.detail)
        for event in AuditEvent.objects.filter(action=action).order_by("pk")
    ]


def test_block_is_recorded_once_and_audited(head_at_school_a):
    other = UserFactory.create()

    assert services.member_block(user=head_at_school_a, other=other) is True
    assert services.member_block(user=head_at_school_a, other=other) is False

    assert blocking_ids(head_at_school_a) == frozenset({other.pk})
    assert blocked_by_ids(other) == frozenset({head_at_school_a.pk})
    assert _audits(audit_actions.MEMBER_BLOCKED) == [(head_at_school_a.pk, {"blocked": other.pk})]


def test_unblock_removes_the_block_and_is_audited(head_at_school_a):
    other = UserFactory.create()
    services.member_block(user=head_at_school_a, other=other)

    assert services.member_unblock(user=head_at_school_a, other=other) is True
    assert services.member_unblock(user=head_at_school_a, other=other) is False

    assert Block.objects.count() == 0
    assert _audits(audit_actions.MEMBER_UNBLOCKED) == [(head_at_school_a.pk, {"blocked": other.pk})]


def test_no_one_blocks_themselves(head_at_school_a):
    with pytest.raises(ApplicationError) as refused:
        services.member_block(user=head_at_school_a, other=head_at_school_a)

    assert refused.value.message == "You cannot block yourself."
    assert Block.objects.count() == 0


def test_no_one_blocks_a_coordinator_or_administrator(head_at_school_a, coordinator, admin_user):
    for moderator in (coordinator, admin_user):
        with pytest.raises(ApplicationError) as refused:
            services.member_block(user=head_at_school_a, other=moderator)
        assert refused.value.message == (
            "Coordinators cannot be blocked: they must be able to reach every member."
        )
    assert Block.objects.count() == 0
    assert _audits(audit_actions.MEMBER_BLOCKED) == []


def test_block_page_asks_then_blocks(client, head_at_school_a):
    other = UserFactory.create(first_name="Grace", last_name="Hopper")
    client.force_login(head_at_school_a)
    url = reverse("network:member-block", kwargs={"user_id": other.pk})

    asked = client.get(url)
    done = client.post(url)

    assert "Block Grace Hopper?" in asked.content.decode()
    assert done.status_code == 302
    assert done["Location"] == reverse("network:blocked-members")
    assert list(Block.objects.values_list("blocker_id", "blocked_id")) == [
        (head_at_school_a.pk, other.pk)
    ]


def test_block_of_a_coordinator_is_403_and_changes_nothing(client, head_at_school_a, coordinator):
    client.force_login(head_at_school_a)

    response = client.post(reverse("network:member-block", kwargs={"user_id": coordinator.pk}))

    assert response.status_code == 403
    assert Block.objects.count() == 0


def test_block_of_an_unknown_member_is_404(client, head_at_school_a):
    gone = UserFactory.create(is_active=False)
    client.force_login(head_at_school_a)

    response = client.post(reverse("network:member-block", kwargs={"user_id": gone.pk}))

    assert response.status_code == 404
    assert Block.objects.count() == 0


def test_blocked_members_lists_only_ones_own_blocks(client, head_at_school_a, head_at_school_b):
    mine = UserFactory.create(first_name="Ada", last_name="Lovelace")
    theirs = UserFactory.create(first_name="Alan", last_name="Turing")
    services.member_block(user=head_at_school_a, other=mine)
    services.member_block(user=head_at_school_b, other=theirs)
    client.force_login(head_at_school_a)

    page = client.get(reverse("network:blocked-members")).content.decode()

    assert "Ada Lovelace" in page
    assert "Alan Turing" not in page
    assert reverse("network:member-unblock", kwargs={"user_id": mine.pk}) in page


def test_unblock_from_the_list(client, head_at_school_a):
    other = UserFactory.create()
    services.member_block(user=head_at_school_a, other=other)
    client.force_login(head_at_school_a)

    response = client.post(reverse("network:member-unblock", kwargs={"user_id": other.pk}))

    assert response.status_code == 302
    assert Block.objects.count() == 0


def test_blocked_members_costs_the_same_queries_for_one_block_and_three(client, head_at_school_a):
    client.force_login(head_at_school_a)
    services.member_block(user=head_at_school_a, other=UserFactory.create())
    client.get(reverse("network:blocked-members"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("network:blocked-members"))
    for other in UserFactory.create_batch(2):
        services.member_block(user=head_at_school_a, other=other)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("network:blocked-members"))

    assert len(response.context["blocks"]) == 3
    assert len(one) == len(three)


def test_block_pages_send_visitors_to_sign_in(client):
    response = client.get(reverse("network:blocked-members"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
