import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from reconnect.accounts.models import User
from reconnect.accounts.tests.factories import UserFactory
from reconnect.core.coordinators import COORDINATORS_GROUP_NAME
from reconnect.core.exceptions import ApplicationError
from reconnect.core.models import AuditEvent
from reconnect.core.services import coordinator_set


def coordinators_group() -> Group:
    return Group.objects.get(name=COORDINATORS_GROUP_NAME)


def role_events() -> list[tuple[str, str, str, dict]]:
    return [
        (event.action, event.actor_label, event.target_id, event.detail)
        for event in AuditEvent.objects.filter(
            action__in=[AuditEvent.Action.ROLE_GRANTED, AuditEvent.Action.ROLE_REMOVED]
        ).order_by("id")
    ]


def test_coordinators_group_holds_the_wagtail_permissions_coordinators_need(db):
    group = coordinators_group()

    assert sorted(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("wagtailadmin", "access_admin")
    ]
    assert sorted(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page__depth", "permission__codename"
        )
    ) == [(1, "add_page"), (1, "change_page"), (1, "publish_page")]
    root_collection = Collection.get_first_root_node()
    assert sorted(
        GroupCollectionPermission.objects.filter(
            group=group, collection=root_collection
        ).values_list("permission__content_type__app_label", "permission__codename")
    ) == [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtailimages", "delete_image"),
    ]


def test_coordinator_persona_is_a_member_of_the_coordinators_group(coordinator):
    assert list(coordinator.groups.values_list("name", flat=True)) == [COORDINATORS_GROUP_NAME]
    assert coordinator.has_perm("wagtailadmin.access_admin")


def test_coordinator_can_publish_pages_anywhere_in_the_tree(coordinator):
    hub = Page.get_first_root_node().add_child(instance=Page(title="Hub", slug="hub-test"))

    permissions = hub.permissions_for_user(coordinator)

    assert (permissions.can_edit(), permissions.can_publish()) == (True, True)


def test_wagtail_admin_answers_a_coordinator(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "<title>Dashboard - Wagtail</title>" in response.content.decode()


def test_wagtail_admin_sends_school_staff_to_sign_in(client, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_wagtail_admin_sends_a_school_lead_to_sign_in(client, head_at_school_a):
    client.force_login(head_at_school_a)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_removing_the_coordinator_flag_removes_admin_access_on_the_next_request(
    client, coordinator, admin_user
):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 200

    coordinator_set(user=coordinator, is_coordinator=False, by=admin_user)
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"
    assert User.objects.get(pk=coordinator.pk).is_coordinator is False
    assert not coordinator.groups.filter(name=COORDINATORS_GROUP_NAME).exists()


def test_coordinator_set_grants_the_role_and_records_who_granted_it(staff_at_school_a, admin_user):
    coordinator_set(user=staff_at_school_a, is_coordinator=True, by=admin_user)

    staff_at_school_a.refresh_from_db()
    assert staff_at_school_a.is_coordinator is True
    assert staff_at_school_a.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
    assert role_events() == [
        (
            AuditEvent.Action.ROLE_GRANTED,
            "admin@example.org",
            str(staff_at_school_a.pk),
            {"role": "coordinator"},
        )
    ]


def test_coordinator_set_removes_the_role_and_records_it(coordinator, admin_user):
    coordinator_set(user=coordinator, is_coordinator=False, by=admin_user)

    assert role_events() == [
        (
            AuditEvent.Action.ROLE_REMOVED,
            "admin@example.org",
            str(coordinator.pk),
            {"role": "coordinator"},
        )
    ]


def test_coordinator_set_to_the_role_already_held_records_nothing(coordinator, admin_user):
    coordinator_set(user=coordinator, is_coordinator=True, by=admin_user)

    assert role_events() == []
    assert coordinator.groups.filter(name=COORDINATORS_GROUP_NAME).exists()


def test_coordinator_set_repairs_a_membership_that_drifted(coordinator, admin_user):
    # Drift made behind the signals' back, as a raw SQL edit would.
    User.groups.through.objects.filter(user=coordinator).delete()

    coordinator_set(user=coordinator, is_coordinator=True, by=admin_user)

    assert coordinator.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
    assert role_events() == []


def test_coordinator_set_is_refused_to_a_coordinator(coordinator, staff_at_school_a):
    with pytest.raises(ApplicationError) as raised:
        coordinator_set(user=staff_at_school_a, is_coordinator=True, by=coordinator)

    assert raised.value.message == "Only an administrator can appoint or remove coordinators."
    assert User.objects.get(pk=staff_at_school_a.pk).is_coordinator is False
    assert role_events() == []


def test_coordinator_set_recreates_a_deleted_group_with_its_permissions(
    staff_at_school_a, admin_user
):
    coordinators_group().delete()

    coordinator_set(user=staff_at_school_a, is_coordinator=True, by=admin_user)

    staff_at_school_a.refresh_from_db()
    assert staff_at_school_a.has_perm("wagtailadmin.access_admin")
    assert GroupPagePermission.objects.filter(group=coordinators_group()).count() == 3


def test_saving_a_user_with_the_flag_adds_them_to_the_group(staff_at_school_a):
    staff_at_school_a.is_coordinator = True

    staff_at_school_a.save()

    assert staff_at_school_a.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
    assert role_events() == [
        (
            AuditEvent.Action.ROLE_GRANTED,
            "",
            str(staff_at_school_a.pk),
            {"role": "coordinator", "via": "user saved"},
        )
    ]


def test_saving_a_user_without_the_flag_removes_them_from_the_group(coordinator):
    coordinator.is_coordinator = False

    coordinator.save()

    assert not coordinator.groups.filter(name=COORDINATORS_GROUP_NAME).exists()


def test_saving_other_fields_leaves_the_group_alone(coordinator):
    coordinator.last_login = None

    coordinator.save(update_fields=["last_login"])

    assert coordinator.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
    assert role_events() == []


def test_a_new_account_created_as_coordinator_is_not_a_role_change(db):
    user = UserFactory.create(is_coordinator=True)

    assert user.groups.filter(name=COORDINATORS_GROUP_NAME).exists()
    assert role_events() == []


def test_adding_a_user_to_the_group_makes_them_a_coordinator(staff_at_school_a):
    staff_at_school_a.groups.add(coordinators_group())

    assert User.objects.get(pk=staff_at_school_a.pk).is_coordinator is True
    assert staff_at_school_a.is_coordinator is True
    assert role_events() == [
        (
            AuditEvent.Action.ROLE_GRANTED,
            "",
            str(staff_at_school_a.pk),
            {"role": "coordinator", "via": "coordinators group"},
        )
    ]


def test_removing_users_from_the_group_side_ends_their_role(coordinator):
    coordinators_group().user_set.remove(coordinator)

    assert User.objects.get(pk=coordinator.pk).is_coordinator is False


def test_clearing_the_group_ends_every_members_role(coordinator, db):
    second = UserFactory.create(is_coordinator=True)

    coordinators_group().user_set.clear()

    assert list(User.objects.filter(is_coordinator=True)) == []
    assert [event[2] for event in role_events()] == [str(coordinator.pk), str(second.pk)]


def test_clearing_a_users_groups_ends_their_role(coordinator):
    coordinator.groups.clear()

    assert User.objects.get(pk=coordinator.pk).is_coordinator is False


def test_other_groups_do_not_touch_the_flag(staff_at_school_a):
    staff_at_school_a.groups.add(Group.objects.get(name="Editors"))

    assert User.objects.get(pk=staff_at_school_a.pk).is_coordinator is False
    assert role_events() == []


def _user_edit_form(user: User, groups: list[Group]) -> dict[str, object]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_active": "on",
        "groups": [group.pk for group in groups],
    }


def test_ticking_coordinators_in_wagtails_user_editor_grants_the_role(
    client, admin_user, staff_at_school_a
):
    client.force_login(admin_user)

    response = client.post(
        f"/admin/users/edit/{staff_at_school_a.pk}/",
        _user_edit_form(staff_at_school_a, [coordinators_group()]),
    )

    assert response.status_code == 302
    assert User.objects.get(pk=staff_at_school_a.pk).is_coordinator is True
    assert role_events() == [
        (
            AuditEvent.Action.ROLE_GRANTED,
            "admin@example.org",
            str(staff_at_school_a.pk),
            {"role": "coordinator", "via": "coordinators group"},
        )
    ]


def test_unticking_coordinators_in_wagtails_user_editor_removes_the_role(
    client, admin_user, coordinator
):
    client.force_login(admin_user)

    response = client.post(f"/admin/users/edit/{coordinator.pk}/", _user_edit_form(coordinator, []))

    assert response.status_code == 302
    assert User.objects.get(pk=coordinator.pk).is_coordinator is False
    assert role_events() == [
        (
            AuditEvent.Action.ROLE_REMOVED,
            "admin@example.org",
            str(coordinator.pk),
            {"role": "coordinator", "via": "coordinators group"},
        )
    ]


def test_editing_a_coordinator_in_wagtail_without_touching_groups_keeps_the_role(
    client, admin_user, coordinator
):
    client.force_login(admin_user)

    client.post(
        f"/admin/users/edit/{coordinator.pk}/",
        {**_user_edit_form(coordinator, [coordinators_group()]), "first_name": "Corinne"},
    )

    coordinator.refresh_from_db()
    assert (coordinator.first_name, coordinator.is_coordinator) == ("Corinne", True)
    assert role_events() == []
