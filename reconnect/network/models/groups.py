"""Groups: private spaces with members-only discussions and files.

Who belongs follows from the kind. A trio's group holds the members of the trio's schools;
a borough's, trust's or phase's group the members of the schools in it; a coordinator's
group the members added to it. Explicit ``GroupMembership`` rows also name each group's
owners and anyone added by hand, whatever the kind; see ``selectors.groups``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    TRIO = "trio", _("Learning trio")
    BOROUGH = "borough", _("Borough")
    TRUST = "trust", _("Trust")
    PHASE = "phase", _("Phase")
    CUSTOM = "custom", _("Group")


class Group(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=GroupKind.choices)
    description = models.TextField(max_length=2000, blank=True)
    trio = models.OneToOneField(
        "lab.Trio", null=True, blank=True, on_delete=models.CASCADE, related_name="group"
    )
    local_authority = models.OneToOneField(
        "schools.LocalAuthority",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="group",
    )
    trust = models.OneToOneField(
        "schools.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="group"
    )
    # A school phase (schools.School.Phase) for a phase group.
    phase = models.CharField(max_length=24, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="trio") | Q(trio__isnull=False),
                name="network_group_trio_has_trio",
            ),
            models.CheckConstraint(
                condition=~Q(kind="borough") | Q(local_authority__isnull=False),
                name="network_group_borough_has_la",
            ),
            models.CheckConstraint(
                condition=~Q(kind="trust") | Q(trust__isnull=False),
                name="network_group_trust_has_trust",
            ),
            models.CheckConstraint(
                condition=~Q(kind="phase") | ~Q(phase=""),
                name="network_group_phase_has_phase",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class GroupRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


class GroupMembership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_groups"
    )
    role = models.CharField(max_length=10, choices=GroupRole.choices, default=GroupRole.MEMBER)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="network_group_member_once")
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} in group {self.group_id} ({self.role})"


class GroupFile(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(max_length=150)
    stored_as = models.CharField(max_length=80, unique=True)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["group", "-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title
