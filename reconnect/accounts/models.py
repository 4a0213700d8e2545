from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reconnect.schools.roles import SchoolRole


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """A member of the network, signing in with their email address.

    Roles at a school live in ``schools.Membership``; network-wide roles are the
    ``is_coordinator`` flag and ``is_superuser`` (administrator).
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    is_coordinator = models.BooleanField(
        _("network coordinator"),
        default=False,
        help_text=_("Curates the Hub, invites school leads, runs Lab cohorts and moderates."),
    )
    open_to_contact = models.BooleanField(
        _("open to being contacted"),
        default=False,
        help_text=_("Other members can see you are happy to be asked about your work."),
    )
    bio = models.TextField(_("about your work"), max_length=1000, blank=True)
    themes = models.ManyToManyField(
        "hub.Theme", blank=True, related_name="members", verbose_name=_("themes you work on")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@", 1)[0]


class InvitationStatus(models.TextChoices):
    """Where an invitation stands, worked out from its dates (see ``Invitation.status``).

    The labels are the one wording of each state: the list's filter and tags and the pages
    about a link all use them.
    """

    PENDING = "pending", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Invitation(models.Model):
    """An invitation to join the network with a role at a school.

    Only a hash of the token is stored: the token itself exists in the email alone, so a
    database leak does not hand out working invitations.
    """

    email = models.EmailField()
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=20, choices=SchoolRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(blank=True, max_length=1000)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["school", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.school_id} ({self.role})"

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_usable(self) -> bool:
        return self.status == InvitationStatus.PENDING


class JoinRequest(models.Model):
    """A visitor's request to join, for a coordinator to approve (which sends an invitation)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        APPROVED = "approved", _("Approved: invitation sent")
        DECLINED = "declined", _("Declined")

    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.EmailField()
    job_title = models.CharField(max_length=120)
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=SchoolRole.choices)
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="join_request"
    )
    # Sent to the requester with the decision; kept so coordinators see why it was declined.
    decline_reason = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} <{self.email}>"


class ApiTokenScope(models.TextChoices):
    """What a personal access token may do in the JSON API: read only, or read and write."""

    READ = "read", _("Read only")
    READ_WRITE = "read-write", _("Read and write")


class ApiTokenStatus(models.TextChoices):
    """Where a token stands, worked out from its dates (see ``ApiToken.status``)."""

    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class ApiToken(models.Model):
    """A personal access token: lets a program use the JSON API as its owner, for one school.

    Only a SHA-256 hash of the token is stored; the token itself is shown once, when it is
    made. ``prefix`` is the public part of the token (``rct_<prefix>_<secret>``): it finds
    the row and tells the owner's tokens apart on their page without revealing the secret.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_access_tokens"
    )
    # The one school the token acts for; the owner must still belong to it on every use.
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(_("scope"), max_length=12, choices=ApiTokenScope.choices)
    prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name} (rct_{self.prefix})"

    @property
    def display_prefix(self) -> str:
        return f"rct_{self.prefix}"

    @property
    def status(self) -> ApiTokenStatus:
        if self.revoked_at:
            return ApiTokenStatus.REVOKED
        if self.expires_at <= timezone.now():
            return ApiTokenStatus.EXPIRED
        return ApiTokenStatus.ACTIVE

    @property
    def can_write(self) -> bool:
        return self.scope == ApiTokenScope.READ_WRITE
