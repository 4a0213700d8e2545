"""Discussions: categories, threads, posts and what members do with them.

A thread lives either in a network-wide category (every member reads it) or in a group
(its members only); never both. A post keeps its Markdown as written and the sanitised HTML
made from it when saved (``reconnect.network.markdown``), so a page never renders Markdown.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index


class Category(models.Model):
    """A place for threads: one per Hub theme, plus general ones (theme left empty)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    theme = models.OneToOneField(
        "hub.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="category"
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Only coordinators start threads here (announcements); anyone may still reply.
    coordinators_only = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class Thread(index.Indexed, models.Model):
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.PROTECT, related_name="threads"
    )
    group = models.ForeignKey(
        "network.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(max_length=150)
    kind = models.CharField(
        max_length=12, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Denormalised for listings: the newest visible post and how many visible posts.
    last_posted_at = models.DateTimeField(default=timezone.now)
    last_post_number = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    is_locked = models.BooleanField(default=False)
    is_pinned = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    accepted_post = models.ForeignKey(
        "network.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The Hub themes the thread is about (its category's theme is always one of them).
    themes = models.ManyToManyField("hub.Theme", blank=True, related_name="+")

    search_fields = [
        index.SearchField("title", boost=4),
        index.FilterField("category_id"),
        index.FilterField("group_id"),
        index.FilterField("is_hidden"),
    ]

    class Meta:
        ordering = ["-is_pinned", "-last_posted_at", "-pk"]
        indexes = [
            models.Index(fields=["category", "-last_posted_at"], name="network_thread_cat_idx"),
            models.Index(fields=["group", "-last_posted_at"], name="network_thread_group_idx"),
            # The home page's latest threads: by last post.
            models.Index(fields=["-last_posted_at"], name="network_thread_last_idx"),
            # What is new to a member, counted per category (selectors.unread): the recent
            # threads and every column the count reads are in the index, so the count
            # never visits the table (a fortnight of London's threads: thousands of rows).
            models.Index(
                fields=["group", "created_at", "category", "is_hidden", "post_count"],
                name="network_thread_new_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__isnull=True, group__isnull=False)
                | Q(category__isnull=False, group__isnull=True),
                name="network_thread_in_category_or_group",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    # A new member's first posts wait for a coordinator (the trust model).
    PENDING = "pending", _("Waiting for review")
    # Hidden by a coordinator, or by enough flags; the author still sees it.
    HIDDEN = "hidden", _("Hidden")
    REJECTED = "rejected", _("Rejected")


class Post(index.Indexed, models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # Position in the thread, from 1 (the opening post); unread tracking counts these.
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=20_000)
    body_html = models.TextField()
    status = models.CharField(
        max_length=10, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    hidden_reason = models.CharField(max_length=200, blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    # A key the form carries, so a double click makes one post (unique per author).
    submission_key = models.CharField(max_length=40, blank=True)

    search_fields = [
        index.SearchField("body"),
        index.FilterField("thread_id"),
        index.FilterField("status"),
    ]

    class Meta:
        ordering = ["thread", "number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="network_post_number_once"),
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=~Q(submission_key=""),
                name="network_post_submitted_once",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="network_post_status_idx"),
            models.Index(fields=["author", "-created_at"], name="network_post_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.thread_id}#{self.number}"


class PostRevision(models.Model):
    """What a post said before an edit: the edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField(max_length=20_000)
    # The title, when the edit was of an opening post that changed it.
    title = models.CharField(max_length=150, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["post", "-edited_at", "-pk"]

    def __str__(self) -> str:
        return f"Post {self.post_id} before {self.edited_at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """A file attached to a post: a safe type under the size limit, stored privately."""

    post = models.ForeignKey(Post, null=True, on_delete=models.CASCADE, related_name="attachments")
    stored_as = models.CharField(max_length=80, unique=True)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["post", "pk"]

    def __str__(self) -> str:
        return self.filename


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="network_mention_once")
        ]

    def __str__(self) -> str:
        return f"Post {self.post_id} mentions user {self.user_id}"


class PollKind(models.TextChoices):
    SINGLE = "single", _("Choose one")
    MULTIPLE = "multiple", _("Choose several")


class Poll(models.Model):
    """A poll on a thread's opening post."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="poll")
    question = models.CharField(max_length=200)
    kind = models.CharField(max_length=10, choices=PollKind.choices, default=PollKind.SINGLE)
    max_choices = models.PositiveSmallIntegerField(default=1)
    show_voters = models.BooleanField(default=False)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.question


class PollOption(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["poll", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    voted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "user"], name="network_poll_vote_once")
        ]
        indexes = [models.Index(fields=["poll", "user"], name="network_pollvote_user_idx")]

    def __str__(self) -> str:
        return f"User {self.user_id} chose option {self.option_id}"


class ThreadRead(models.Model):
    """How far a member has read a thread: unread tracking."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    last_read_number = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="network_thread_read_once")
        ]

    def __str__(self) -> str:
        return f"User {self.user_id} read thread {self.thread_id} to post {self.last_read_number}"


class WatchLevel(models.TextChoices):
    """Discourse's levels: watching notifies of every post; tracking counts unread posts and
    notifies of mentions and replies; normal notifies of mentions and replies only; muted
    notifies of nothing and leaves the thread out of unread counts."""

    WATCHING = "watching", _("Watching")
    TRACKING = "tracking", _("Tracking")
    NORMAL = "normal", _("Normal")
    MUTED = "muted", _("Muted")


class ThreadWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="watches")
    level = models.CharField(max_length=10, choices=WatchLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="network_thread_watch_once")
        ]
        indexes = [models.Index(fields=["thread", "level"], name="network_twatch_level_idx")]

    def __str__(self) -> str:
        return f"User {self.user_id} {self.level} thread {self.thread_id}"


class CategoryWatch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="watches")
    level = models.CharField(max_length=10, choices=WatchLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="network_cat_watch_once")
        ]
        indexes = [models.Index(fields=["category", "level"], name="network_cwatch_level_idx")]

    def __str__(self) -> str:
        return f"User {self.user_id} {self.level} category {self.category_id}"


class MemberHandle(models.Model):
    """The name a member is mentioned by: ``@handle`` in a post.

    Made from the member's name when first needed (``services.discussions.handles_ensure``)
    and unique, so a mention means one person. Lower case letters, digits and hyphens only,
    so it can never carry markup or a URL.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_handle"
    )
    handle = models.SlugField(max_length=40, unique=True)

    def __str__(self) -> str:
        return f"@{self.handle}"
