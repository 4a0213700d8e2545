"""Making and changing groups: a trio's group with its trio, the standing groups of
boroughs, trusts and phases, coordinators' own groups, their members and shared files.

Who belongs by kind is ``selectors.membership``'s; explicit ``GroupMembership`` rows name
owners and members added by hand. Permission to call these is the caller's job
(``rules.groups``); every change made by a person writes an audit record.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reconnect.core.audit import audit_record
from reconnect.core.exceptions import ApplicationError
from reconnect.lab.models import Trio, TrioStatus
from reconnect.lab.services import workspace as file_rules
from reconnect.network import audit_actions
from reconnect.network.group_files_storage import GROUP_FILES
from reconnect.network.models import (
    Group,
    GroupFile,
    GroupKind,
    GroupMembership,
    GroupRole,
    NotificationKind,
)
from reconnect.network.selectors.membership import forget_group_ids
from reconnect.network.services.notifications import notify
from reconnect.schools.models import LocalAuthority, School, Trust

NAME_MAX = 120
DESCRIPTION_MAX = 2000
FILE_TITLE_MAX = 150
SLUG_MAX = 80
# Words the groups' own URLs use after ``network/groups/``: no group may take them.
RESERVED_SLUGS = frozenset({"new", "trio"})
MAX_FILE_BYTES = file_rules.MAX_FILE_BYTES


def _slug_free(base: str) -> str:
    """``base`` as a slug no group has yet (``-2``, ``-3``... added when taken)."""
    stem = slugify(base)[: SLUG_MAX - 6].strip("-") or "group"
    taken = set(Group.objects.filter(slug__startswith=stem).values_list("slug", flat=True))
    taken |= RESERVED_SLUGS
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def _audit(
    action: str, *, group: Group, by: Any, request: HttpRequest | None, **detail: Any
) -> None:
    audit_record(
        action,
        request=request,
        actor=by if getattr(by, "is_authenticated", False) else None,
        target=group,
        detail={"group": group.pk, **detail},
    )


def _text(value: str, *, limit: int, missing: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(missing, field=field)
    if len(value) > limit:
        raise ApplicationError(
            _("Enter %(limit)s characters or fewer.") % {"limit": limit}, field=field
        )
    return value


# --- Groups made with something else: trios and the standing groups -----------------------


def trio_group_ensure(trio: Trio) -> Group | None:
    """The confirmed ``trio``'s group, made the first time it is asked for.

    Idempotent (the group's one-to-one link to the trio makes a second one impossible,
    even for two callers at once). Returns None for a trio not confirmed. Side effect: a
    ``network.group.created`` audit record when the group is made, by whoever confirmed.
    """
    if trio.status != TrioStatus.CONFIRMED:
        return None
    existing = Group.objects.filter(trio=trio).first()
    if existing is not None:
        return existing
    name = f"{trio.name} ({trio.cohort.name})"[:NAME_MAX]
    try:
        with transaction.atomic():
            group = Group.objects.create(
                kind=GroupKind.TRIO,
                trio=trio,
                name=name,
                slug=_slug_free(f"trio {trio.cohort.name} {trio.name}"),
                description=_("The learning trio’s private space in the network."),
                created_by=trio.confirmed_by,
            )
            _audit(
                audit_actions.GROUP_CREATED,
                group=group,
                by=trio.confirmed_by,
                request=None,
                kind=GroupKind.TRIO,
                trio=trio.pk,
            )
    except IntegrityError:
        # Made meanwhile by another caller: theirs is the one.
        return Group.objects.get(trio=trio)
    return group


def standing_groups_ensure() -> dict[str, int]:
    """One group per London borough that has schools, per trust that has schools and per
    phase that has schools; makes those missing, changes none. Idempotent.

    Returns how many of each kind were made (``{"borough": 3, "trust": 0, "phase": 1}``).
    Called by ``manage.py network_groups`` and the demo loader. No audit record: no one
    made them.
    """
    made = {"borough": 0, "trust": 0, "phase": 0}
    with transaction.atomic():
        have_las = set(
            Group.objects.filter(kind=GroupKind.BOROUGH).values_list(
                "local_authority_id", flat=True
            )
        )
        for la in LocalAuthority.objects.filter(schools__isnull=False).distinct():
            if la.pk not in have_las:
                Group.objects.create(
                    kind=GroupKind.BOROUGH,
                    local_authority=la,
                    name=la.name,
                    slug=_slug_free(f"borough {la.slug}"),
                    description=_("Members of every school in %(borough)s.") % {"borough": la.name},
                )
                made["borough"] += 1
        have_trusts = set(
            Group.objects.filter(kind=GroupKind.TRUST).values_list("trust_id", flat=True)
        )
        for trust in Trust.objects.filter(schools__isnull=False).distinct():
            if trust.pk not in have_trusts:
                Group.objects.create(
                    kind=GroupKind.TRUST,
                    trust=trust,
                    name=trust.name[:NAME_MAX],
                    slug=_slug_free(f"trust {trust.slug}"),
                    description=_("Members of every school in %(trust)s, and its system leaders.")
                    % {"trust": trust.name},
                )
                made["trust"] += 1
        have_phases = set(
            Group.objects.filter(kind=GroupKind.PHASE).values_list("phase", flat=True)
        )
        labels = dict(School.Phase.choices)
        phases = School.objects.values_list("phase", flat=True).distinct().order_by("phase")
        for phase in phases:
            if phase and phase not in have_phases and phase in labels:
                Group.objects.create(
                    kind=GroupKind.PHASE,
                    phase=phase,
                    name=_("%(phase)s schools") % {"phase": labels[phase]},
                    slug=_slug_free(f"phase {phase}"),
                    description=_("Members of every %(phase)s school in the network.")
                    % {"phase": str(labels[phase]).lower()},
                )
                made["phase"] += 1
    return made


# --- Coordinators' groups ------------------------------------------------------------------


def group_create(
    *, by: Any, name: str, description: str = "", request: HttpRequest | None = None
) -> Group:
    """A coordinator's group, with its maker as its first owner.

    Side effects: the group, the owner's membership and a ``network.group.created`` audit
    record. Raises ``ApplicationError`` for a missing or over-long name or description.
    """
    name = _text(name, limit=NAME_MAX, missing=_("Enter a name for the group."), field="name")
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ApplicationError(
            _("Enter %(limit)s characters or fewer.") % {"limit": DESCRIPTION_MAX},
            field="description",
        )
    with transaction.atomic():
        group = Group.objects.create(
            kind=GroupKind.CUSTOM,
            name=name,
            slug=_slug_free(name),
            description=description,
            created_by=by,
        )
        GroupMembership.objects.create(group=group, user=by, role=GroupRole.OWNER, added_by=by)
        _audit(audit_actions.GROUP_CREATED, group=group, by=by, request=request, kind="custom")
    forget_group_ids(by)
    return group


def group_update(
    *,
    group: Group,
    by: Any,
    name: str,
    description: str,
    request: HttpRequest | None = None,
) -> Group:
    """Rename or describe a group. Side effect: a ``network.group.changed`` audit record
    naming the fields changed. Raises ``ApplicationError`` as ``group_create``, and for an
    archived group."""
    if group.archived_at is not None:
        raise ApplicationError(_("This group is archived: it can no longer be changed."))
    name = _text(name, limit=NAME_MAX, missing=_("Enter a name for the group."), field="name")
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ApplicationError(
            _("Enter %(limit)s characters or fewer.") % {"limit": DESCRIPTION_MAX},
            field="description",
        )
    changed = [
        field
        for field, value in (("name", name), ("description", description))
        if getattr(group, field) != value
    ]
    if not changed:
        return group
    group.name = name
    group.description = description
    with transaction.atomic():
        group.save(update_fields=changed)
        _audit(audit_actions.GROUP_CHANGED, group=group, by=by, request=request, fields=changed)
    return group


def group_archive(*, group: Group, by: Any, request: HttpRequest | None = None) -> Group:
    """Archive a group: its members still read it; nothing new is posted, shared or added.

    Side effect: a ``network.group.archived`` audit record. Raises ``ApplicationError`` for
    a group already archived.
    """
    if group.archived_at is not None:
        raise ApplicationError(_("This group is already archived."))
    group.archived_at = timezone.now()
    with transaction.atomic():
        group.save(update_fields=["archived_at"])
        _audit(audit_actions.GROUP_ARCHIVED, group=group, by=by, request=request)
    return group


def group_member_add(
    *,
    group: Group,
    user: Any,
    by: Any,
    role: str = GroupRole.MEMBER,
    request: HttpRequest | None = None,
) -> GroupMembership:
    """Add ``user`` to the group as a member or owner (or change the role of someone
    already added).

    Side effects: the membership, a ``network.group.member_added`` audit record (detail:
    whose, which role) and, for someone newly added, a ``group`` notification. Raises
    ``ApplicationError`` for an archived group, an inactive account or an unknown role.
    """
    if group.archived_at is not None:
        raise ApplicationError(_("This group is archived: no one can be added."))
    if role not in GroupRole.values:
        raise ApplicationError(_("Choose member or owner."), field="role")
    if not getattr(user, "is_active", False):
        raise ApplicationError(_("That account is not active."), field="user")
    with transaction.atomic():
        membership, created = GroupMembership.objects.get_or_create(
            group=group, user=user, defaults={"role": role, "added_by": by}
        )
        if not created and membership.role == role:
            raise ApplicationError(
                _("%(name)s is already in the group as %(role)s.")
                % {"name": user.display_name, "role": membership.get_role_display().lower()},
                field="user",
            )
        if not created:
            membership.role = role
            membership.save(update_fields=["role"])
        _audit(
            audit_actions.GROUP_MEMBER_ADDED,
            group=group,
            by=by,
            request=request,
            user=user.pk,
            role=role,
        )
        if created:
            notify(
                users=[user],
                kind=NotificationKind.GROUP,
                text=_("%(actor)s added you to the group %(group)s")
                % {"actor": by.display_name, "group": group.name},
                url=reverse("network:group", kwargs={"slug": group.slug}),
                actor=by,
            )
    forget_group_ids(user)
    return membership


def group_member_remove(
    *, group: Group, user: Any, by: Any, request: HttpRequest | None = None
) -> None:
    """Take away ``user``'s explicit membership (added by hand, or as owner). Someone who
    belongs by their school stays a member by it.

    Side effect: a ``network.group.member_removed`` audit record. Raises
    ``ApplicationError`` for an archived group, someone not added, or the only owner of a
    coordinator's group removing themselves (it would be left with no one to run it).
    """
    if group.archived_at is not None:
        raise ApplicationError(_("This group is archived: no one can be removed."))
    membership = GroupMembership.objects.filter(group=group, user=user).first()
    if membership is None:
        raise ApplicationError(
            _("%(name)s was not added to this group.") % {"name": user.display_name}
        )
    if (
        group.kind == GroupKind.CUSTOM
        and membership.role == GroupRole.OWNER
        and not GroupMembership.objects.filter(group=group, role=GroupRole.OWNER)
        .exclude(pk=membership.pk)
        .exists()
        and by.pk == user.pk
    ):
        raise ApplicationError(
            _("You are the group’s only owner: make someone else an owner first.")
        )
    with transaction.atomic():
        membership.delete()
        _audit(
            audit_actions.GROUP_MEMBER_REMOVED,
            group=group,
            by=by,
            request=request,
            user=user.pk,
            role=membership.role,
        )
    forget_group_ids(user)


# --- Files ---------------------------------------------------------------------------------


def file_too_large() -> str:
    return file_rules.too_large()


def group_file_upload(
    *,
    group: Group,
    by: Any,
    title: str,
    filename: str,
    data: bytes,
    request: HttpRequest | None = None,
) -> GroupFile:
    """Share a file with the group, stored privately under a random name.

    The same safe types as a trio's files (PDF, Office, CSV, text, PNG, JPG), checked by
    their contents' signature (magic bytes), not only their name; at most 10 MB.
    Side effects: the file on disk and a ``network.group.file_uploaded`` audit record.
    Raises ``ApplicationError`` (field ``file``) for a type not allowed, contents that do
    not match the name, an empty or oversized file, and for an archived group.
    """
    if group.archived_at is not None:
        raise ApplicationError(_("This group is archived: no files can be shared."))
    extension = file_rules.extension_of(filename)
    if extension not in file_rules.FILE_TYPES:
        raise ApplicationError(file_rules.type_refused(), field="file")
    if not data:
        raise ApplicationError(_("The file is empty."), field="file")
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationError(file_rules.too_large(), field="file")
    if not file_rules.contents_match(extension, data):
        raise ApplicationError(
            _(
                "The file’s contents are not those of a .%(extension)s file. Save it again "
                "in that format and upload it."
            )
            % {"extension": extension},
            field="file",
        )
    name = file_rules.safe_filename(filename)
    title = (title or "").strip()[:FILE_TITLE_MAX] or name[:FILE_TITLE_MAX]
    stored_as = GROUP_FILES.save(data)
    try:
        with transaction.atomic():
            group_file = GroupFile.objects.create(
                group=group,
                title=title,
                stored_as=stored_as,
                filename=name,
                content_type=file_rules.FILE_TYPES[extension].content_type,
                size_bytes=len(data),
                uploaded_by=by,
            )
            _audit(
                audit_actions.GROUP_FILE_UPLOADED,
                group=group,
                by=by,
                request=request,
                file=group_file.pk,
                size=len(data),
            )
    except BaseException:
        GROUP_FILES.delete(stored_as)
        raise
    return group_file


def group_file_delete(
    *, group_file: GroupFile, by: Any, request: HttpRequest | None = None
) -> None:
    """Delete a shared file, its record and (once that commits) its stored copy.

    Side effect: a ``network.group.file_deleted`` audit record (detail: the file, who
    shared it).
    """
    stored_as = group_file.stored_as
    group = group_file.group
    detail = {"file": group_file.pk, "uploaded_by": group_file.uploaded_by_id}
    with transaction.atomic():
        group_file.delete()
        _audit(audit_actions.GROUP_FILE_DELETED, group=group, by=by, request=request, **detail)
        transaction.on_commit(lambda: GROUP_FILES.delete(stored_as))
