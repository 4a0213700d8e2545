"""Frameworks: what a school rates itself against, in versions that never change once used.

A ``Framework`` is the lasting identity ("The Reconnect framework"); each ``FrameworkVersion``
is one edition of its domains and statements. Coordinators draft a version in the admin and
publish it; from then on it is frozen (the services and the admin refuse changes), so a
review always reads against exactly the text it was answered against. Domains and
statements carry a ``code`` that stays the same from one version to the next, which is how
"change since your previous review" and the network benchmark line up across versions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from reconnect.selfeval.models.levels import Level


class Framework(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    summary = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class FrameworkVersion(ClusterableModel):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    introduction = models.TextField(max_length=3000, blank=True)
    changes = models.TextField(
        _("what changed"),
        max_length=2000,
        blank=True,
        help_text=_("For schools moving from the previous version."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["framework", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "number"], name="selfeval_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(status=VersionStatus.DRAFT) | Q(published_at__isnull=False),
                name="selfeval_version_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.framework.name}, version {self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Domain(ClusterableModel):
    """An area of practice (attendance, transition...), mapped to the Hub's themes."""

    version = ParentalKey(FrameworkVersion, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(
        max_length=40, help_text=_("Stays the same across versions, e.g. 'attendance'.")
    )
    title = models.CharField(max_length=120)
    summary = models.TextField(max_length=1000, blank=True)
    themes = ParentalManyToManyField("hub.Theme", blank=True, related_name="selfeval_domains")
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="selfeval_domain_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Statement(models.Model):
    """One thing a school rates itself on, with what each level looks like."""

    domain = ParentalKey(Domain, on_delete=models.CASCADE, related_name="statements")
    code = models.SlugField(
        max_length=40, help_text=_("Stays the same across versions, e.g. 'attendance-3'.")
    )
    text = models.CharField(max_length=300)
    evidence_prompt = models.CharField(
        max_length=300, help_text=_("What a school might point to as evidence.")
    )
    not_yet = models.CharField(_("Not yet looks like"), max_length=400)
    emerging = models.CharField(_("Emerging looks like"), max_length=400)
    established = models.CharField(_("Established looks like"), max_length=400)
    embedded = models.CharField(_("Embedded looks like"), max_length=400)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["domain", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "code"], name="selfeval_statement_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def descriptor(self, level: int) -> str:
        """What ``level`` looks like for this statement."""
        return {
            Level.NOT_YET: self.not_yet,
            Level.EMERGING: self.emerging,
            Level.ESTABLISHED: self.established,
            Level.EMBEDDED: self.embedded,
        }[Level(level)]
