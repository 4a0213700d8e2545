from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reconnect.accounts.acting_school import MembershipManager, SystemLeaderScopeManager
from reconnect.schools.roles import SchoolRole


class LocalAuthority(models.Model):
    """One of London's 33 local authorities, identified by its DfE three-digit code."""

    code = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    is_inner_london = models.BooleanField(default=False)
    # Neighbouring boroughs, for travel between schools (trios, offers of support).
    neighbours = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class Trust(models.Model):
    """A multi-academy trust, as named in Get Information about Schools."""

    gias_code = models.CharField(max_length=20, unique=True, null=True, blank=True)
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    """A school, identified by its URN. The tenant for pupil data, reviews and pilots."""

    class Phase(models.TextChoices):
        NURSERY = "nursery", _("Nursery")
        PRIMARY = "primary", _("Primary")
        SECONDARY = "secondary", _("Secondary")
        ALL_THROUGH = "all_through", _("All-through")
        SIXTEEN_PLUS = "16_plus", _("16 plus")
        SPECIAL = "special", _("Special")
        ALTERNATIVE_PROVISION = "alternative_provision", _("Alternative provision")

    urn = models.PositiveIntegerField("URN", unique=True)
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=24, choices=Phase.choices)
    establishment_type = models.CharField(max_length=100)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="schools"
    )
    trust = models.ForeignKey(
        Trust, null=True, blank=True, on_delete=models.SET_NULL, related_name="schools"
    )
    postcode = models.CharField(max_length=10, blank=True)
    is_open = models.BooleanField(default=True)
    number_on_roll = models.PositiveIntegerField(null=True, blank=True)
    percent_fsm = models.DecimalField(
        "% FSM", max_digits=4, decimal_places=1, null=True, blank=True
    )
    percent_eal = models.DecimalField(
        "% EAL", max_digits=4, decimal_places=1, null=True, blank=True
    )
    percent_sen_support = models.DecimalField(
        "% SEN support", max_digits=4, decimal_places=1, null=True, blank=True
    )
    percent_ehcp = models.DecimalField(
        "% EHC plan", max_digits=4, decimal_places=1, null=True, blank=True
    )
    attendance_percent = models.DecimalField(
        "attendance %", max_digits=4, decimal_places=1, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["phase", "name"]),
            models.Index(fields=["local_authority", "name"]),
            models.Index(fields=["trust", "name"]),
            models.Index(fields=["establishment_type", "name"]),
            models.Index(fields=["name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent_fsm__gte=0, percent_fsm__lte=100) | Q(percent_fsm=None),
                name="school_percent_fsm_range",
            ),
            models.CheckConstraint(
                condition=Q(percent_eal__gte=0, percent_eal__lte=100) | Q(percent_eal=None),
                name="school_percent_eal_range",
            ),
            models.CheckConstraint(
                condition=Q(attendance_percent__gte=0, attendance_percent__lte=100)
                | Q(attendance_percent=None),
                name="school_attendance_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    @property
    def percent_sen(self) -> Decimal | None:
        """SEN support and EHC plans together, the figure Families of Schools compares.

        Unknown unless both are known: counting a missing half as 0 would make a school
        that reports only its EHC plans look as if it had almost no SEN, and a special
        school (nearly every pupil with a plan) look mainstream. ``school_similar`` agrees.
        """
        if self.percent_sen_support is None or self.percent_ehcp is None:
            return None
        return self.percent_sen_support + self.percent_ehcp


class Membership(models.Model):
    """A member's role at a school. One row per person per school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=SchoolRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    # Narrowed to one school while a personal access token's request runs (see the module).
    objects = MembershipManager()

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "school"], name="membership_one_per_school")
        ]
        indexes = [models.Index(fields=["school", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} at {self.school.name}"


class SystemLeaderScope(models.Model):
    """What a system leader oversees: one trust or one borough. Aggregates only, suppressed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="system_leader_scopes"
    )
    trust = models.ForeignKey(Trust, null=True, blank=True, on_delete=models.CASCADE)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Hidden while a personal access token's request runs: a token acts for one school.
    objects = SystemLeaderScopeManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(trust__isnull=False, local_authority__isnull=True)
                | Q(trust__isnull=True, local_authority__isnull=False),
                name="system_leader_scope_exactly_one",
            ),
            models.UniqueConstraint(
                fields=["user", "trust"], name="system_leader_scope_unique_trust"
            ),
            models.UniqueConstraint(
                fields=["user", "local_authority"], name="system_leader_scope_unique_la"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} oversees {self.trust or self.local_authority}"
