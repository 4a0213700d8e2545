"""Writing polls: adding one to a thread's opening post, voting, closing.

Votes are rows, one per chosen option (``PollVote``, unique per option and member), so a
double click or a replayed form changes nothing: ``poll_vote`` makes the member's votes
exactly the options sent, inside one transaction holding the poll's row.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reconnect.core.exceptions import ApplicationError
from reconnect.network.models import Poll, PollKind, PollOption, PollVote, Post
from reconnect.network.selectors.polls import is_open

MIN_OPTIONS = 2
MAX_OPTIONS = 10


def poll_create(
    *,
    post: Post,
    by: Any,
    question: str,
    kind: str,
    options: Sequence[str],
    max_choices: int = 1,
    show_voters: bool = False,
    closes_at: datetime | None = None,
) -> Poll:
    """Add a poll to a thread's opening post.

    ``options`` are the labels in order (blank ones dropped). A single-choice poll takes
    one choice; a multiple-choice one up to ``max_choices`` (1 to the number of options).
    Raises ``ApplicationError`` (with the field) for a post that is not an opening post or
    already has a poll, fewer than 2 or more than 10 options, a repeated option, a maximum
    out of range or a closing time in the past.
    """
    labels = [label.strip() for label in options if label.strip()]
    if post.number != 1:
        raise ApplicationError(_("A poll can only be added to a thread’s first post."))
    if len(labels) < MIN_OPTIONS:
        raise ApplicationError(_("Enter at least 2 options, one on each line."), field="options")
    if len(labels) > MAX_OPTIONS:
        raise ApplicationError(_("Enter at most 10 options, one on each line."), field="options")
    if len({label.casefold() for label in labels}) != len(labels):
        raise ApplicationError(_("Each option must be different."), field="options")
    if kind not in PollKind.values:
        raise ApplicationError(_("Choose how many options members may choose."), field="kind")
    if kind == PollKind.SINGLE:
        max_choices = 1
    elif not 1 <= max_choices <= len(labels):
        raise ApplicationError(
            _("Members may choose between 1 and %(count)d options: enter a number in that range.")
            % {"count": len(labels)},
            field="max_choices",
        )
    if closes_at is not None and closes_at <= timezone.now():
        raise ApplicationError(_("The closing date must be in the future."), field="closes_at")
    with transaction.atomic():
        # The post's row first, so two authors' forms cannot both add a poll.
        Post.objects.select_for_update().filter(pk=post.pk).first()
        if Poll.objects.filter(post=post).exists():
            raise ApplicationError(_("This thread already has a poll."))
        poll = Poll.objects.create(
            post=post,
            question=question.strip(),
            kind=kind,
            max_choices=max_choices,
            show_voters=show_voters,
            closes_at=closes_at,
        )
        PollOption.objects.bulk_create(
            PollOption(poll=poll, label=label, position=position)
            for position, label in enumerate(labels)
        )
    return poll


def poll_vote(*, poll: Poll, user: Any, option_ids: Sequence[int]) -> None:
    """Make ``user``'s votes in ``poll`` exactly ``option_ids`` (a changed vote replaces
    the old one; the same vote again changes nothing).

    Raises ``ApplicationError`` (field ``options``) when the poll is closed, no option is
    chosen, an option is not the poll's, or more are chosen than the poll allows.
    """
    chosen = set(option_ids)
    if not is_open(poll):
        raise ApplicationError(_("This poll has closed."), field="options")
    if not chosen:
        raise ApplicationError(_("Choose an option."), field="options")
    limit = 1 if poll.kind == PollKind.SINGLE else poll.max_choices
    if len(chosen) > limit:
        raise ApplicationError(
            _("Choose at most %(count)d options.") % {"count": limit}
            if limit > 1
            else _("Choose one option."),
            field="options",
        )
    with transaction.atomic():
        Poll.objects.select_for_update().filter(pk=poll.pk).first()
        valid = set(
            PollOption.objects.filter(poll=poll, pk__in=chosen).values_list("pk", flat=True)
        )
        if valid != chosen:
            raise ApplicationError(_("Choose one of the poll’s options."), field="options")
        PollVote.objects.filter(poll=poll, user=user).exclude(option_id__in=chosen).delete()
        now = timezone.now()
        PollVote.objects.bulk_create(
            [PollVote(poll=poll, option_id=pk, user=user, voted_at=now) for pk in sorted(chosen)],
            ignore_conflicts=True,
        )


def poll_close(*, poll: Poll, by: Any) -> Poll:
    """Close the poll now: no more votes; results stay. Closing a closed poll changes
    nothing."""
    with transaction.atomic():
        updated = Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        )
        if updated:
            poll.refresh_from_db(fields=["closed_at"])
    return poll
