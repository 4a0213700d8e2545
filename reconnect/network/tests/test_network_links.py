"""Links that join the Network's areas: "Block <name>" on a member's profile and in a
conversation (never for oneself or a coordinator or administrator), and a new Hub theme
getting its discussion category through the signal."""

import pytest
from django.urls import reverse

from reconnect.accounts.tests.factories import UserFactory
from reconnect.hub.models import Theme
from reconnect.network.models import Category
from reconnect.network.tests.factories import (
    ConversationFactory,
    ConversationParticipantFactory,
)

pytestmark = pytest.mark.django_db


def _block_link(user) -> str:
    url = reverse("network:member-block", kwargs={"user_id": user.pk})
    return f'href="{url}"'


def _profile(client, viewer, member) -> str:
    client.force_login(viewer)
    response = client.get(reverse("schools:member-detail", kwargs={"pk": member.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_profile_offers_to_block_the_member(client, head_at_school_a, head_at_school_b):
    html = _profile(client, head_at_school_a, head_at_school_b)

    url = reverse("network:member-block", kwargs={"user_id": head_at_school_b.pk})
    assert (
        f'<a class="govuk-link" href="{url}" data-testid="block-member">'
        f"Block {head_at_school_b.display_name}</a>"
    ) in html


def test_no_block_link_on_ones_own_profile(client, head_at_school_a):
    html = _profile(client, head_at_school_a, head_at_school_a)

    assert 'data-testid="block-member"' not in html


def test_no_block_link_on_a_coordinator_or_administrator(
    client, head_at_school_a, coordinator, admin_user
):
    for moderator in (coordinator, admin_user):
        html = _profile(client, head_at_school_a, moderator)
        assert 'data-testid="send-message"' in html
        assert 'data-testid="block-member"' not in html
        assert _block_link(moderator) not in html


def test_a_conversation_offers_to_block_each_other_participant(
    client, head_at_school_a, head_at_school_b, coordinator
):
    conversation = ConversationFactory.create()
    other = UserFactory.create(first_name="Grace", last_name="Hopper")
    for user in (head_at_school_a, head_at_school_b, other, coordinator):
        ConversationParticipantFactory.create(conversation=conversation, user=user)
    client.force_login(head_at_school_a)

    response = client.get(
        reverse("network:conversation", kwargs={"conversation_id": conversation.pk})
    )

    html = response.content.decode()
    assert response.status_code == 200
    for user in (head_at_school_b, other):
        assert (
            f'<a class="govuk-link govuk-body-s" href="'
            f'{reverse("network:member-block", kwargs={"user_id": user.pk})}">'
            f"Block {user.display_name}</a>"
        ) in html
    assert _block_link(head_at_school_a) not in html
    assert _block_link(coordinator) not in html


def test_a_new_theme_gets_its_category(db):
    theme = Theme.objects.create(slug="belonging", name="Belonging", summary="Feeling part of it.")

    category = Category.objects.get(slug="belonging")
    assert (category.theme_id, category.name, category.description) == (
        theme.pk,
        "Belonging",
        "Feeling part of it.",
    )


def test_saving_a_theme_again_makes_no_second_category(db):
    theme = Theme.objects.create(slug="belonging", name="Belonging")
    theme.name = "Belonging and inclusion"
    theme.save()

    assert Category.objects.filter(theme=theme).count() == 1
