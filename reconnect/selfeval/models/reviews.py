"""A school's review against a framework version, its answers and what it scored.

A review is the school's own: it is read and written only through selectors scoped by the
user's memberships (another school's review is a 404). While in progress, several colleagues
answer at once; each statement's answer is one row, the last save wins, and every save is
kept in ``AnswerChange`` so an overwritten answer is never lost, only superseded (and the
person overwriting it is told). Submitting freezes the review and stores its scores in
``DomainScore``, which the report, the benchmark and the network view read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reconnect.selfeval.models.frameworks import Domain, Framework, FrameworkVersion, Statement
from reconnect.selfeval.models.levels import Level


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Review(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="selfeval_reviews"
    )
    # Denormalised from ``version`` so "this school's latest review of this framework" and
    # the one-open-review rule are single-table constraints and indexes.
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="reviews")
    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="reviews")
    title = models.CharField(max_length=120)
    status = models.CharField(
        max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.IN_PROGRESS
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    overall_score = models.FloatField(null=True, blank=True)
    # The school's most recent submitted review of this framework: the one benchmarks use.
    is_latest = models.BooleanField(default=False)

    class Meta:
        ordering = ["school", "-created_at"]
        indexes = [
            models.Index(fields=["school", "-created_at"], name="selfeval_review_school_idx"),
            models.Index(fields=["framework", "is_latest"], name="selfeval_review_latest_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "framework"],
                condition=Q(status=ReviewStatus.IN_PROGRESS),
                name="selfeval_one_open_review_per_school",
            ),
            models.UniqueConstraint(
                fields=["school", "framework"],
                condition=Q(is_latest=True),
                name="selfeval_one_latest_review_per_school",
            ),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.IN_PROGRESS, submitted_at__isnull=True)
                | Q(status=ReviewStatus.SUBMITTED, submitted_at__isnull=False),
                name="selfeval_review_submitted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(is_latest=False) | Q(status=ReviewStatus.SUBMITTED),
                name="selfeval_review_latest_is_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.school_id})"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReviewStatus.SUBMITTED


class ReviewContributor(models.Model):
    """A colleague the school lead asked to help answer a review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="contributors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="selfeval_contributions"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="selfeval_contributor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} on review {self.review_id}"


class Answer(models.Model):
    """The current answer to one statement. ``level`` is blank while only evidence is noted.

    ``revision`` counts saves: a form carries the revision it was drawn from, so a save made
    over someone else's newer answer is recognised and reported instead of passing silently.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    evidence = models.TextField(max_length=2000, blank=True)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["review", "statement"]
        constraints = [
            models.UniqueConstraint(fields=["review", "statement"], name="selfeval_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.level}"


class AnswerChange(models.Model):
    """Every save of an answer, oldest first: who set what, and when. Append-only."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="changes")
    revision = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField(choices=Level.choices, null=True, blank=True)
    evidence = models.TextField(max_length=2000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()
    # Set when this save replaced a revision its author had not seen (a concurrent edit).
    overwrote_revision = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["answer", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "revision"], name="selfeval_answer_change_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} r{self.revision}"


class DomainScore(models.Model):
    """A submitted review's score in one domain: the mean level of its statements (1 to 4)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="domain_scores")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    # The domain's lasting code, copied so benchmarks group across versions in one table.
    code = models.SlugField(max_length=40)
    score = models.FloatField()

    class Meta:
        ordering = ["review", "domain__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="selfeval_domain_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=4), name="selfeval_domain_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.score:.2f}"


OVERALL = ""  # DomainBenchmark.code for the overall score


class DomainBenchmark(models.Model):
    """The network's spread in one domain for one phase, from each school's latest review.

    Recomputed by a task after every submission, so a report reads three numbers instead of
    thousands of scores. ``schools`` is kept even when it is under the suppression threshold:
    the readers (selectors and API) suppress, so the rule lives in one place.
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    phase = models.CharField(max_length=24)
    code = models.SlugField(max_length=40, blank=True)  # OVERALL for the overall score
    schools = models.PositiveIntegerField()
    lower_quartile = models.FloatField()
    median = models.FloatField()
    upper_quartile = models.FloatField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["framework", "phase", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "phase", "code"], name="selfeval_benchmark_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.phase} {self.code or 'overall'}: {self.median:.2f} (n={self.schools})"
