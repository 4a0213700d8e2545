"""Private messages: starting a conversation, replying, reading and leaving one.

A conversation is its participants' alone: no one else reads it, coordinators included.
A member who has blocked someone (``models.Block``) gets no messages from them: writing to
them is refused with nothing saved. Recipients are told in the app (kind ``message``) with
the sender's name and the subject, never the text. A double click sends one message: the
form carries a ``submission_key``, unique per author.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reconnect.core.exceptions import ApplicationError
from reconnect.network.markdown import render_markdown
from reconnect.network.models import (
    BoardPost,
    Conversation,
    ConversationParticipant,
    Group,
    Message,
    NotificationKind,
)
from reconnect.network.selectors.moderation import blocked_by_ids
from reconnect.network.services.notifications import notify

SUBJECT_MAX = 150
BODY_MAX = 10_000
KEY_MAX = 40
# Enough for a trio, a working party or a small group; more is what threads are for.
RECIPIENTS_MAX = 200


def _subject(subject: str) -> str:
    subject = " ".join((subject or "").split())
    if not subject:
        raise ApplicationError(_("Enter a subject."), field="subject")
    if len(subject) > SUBJECT_MAX:
        raise ApplicationError(
            _("Enter a subject of %(limit)s characters or fewer.") % {"limit": SUBJECT_MAX},
            field="subject",
        )
    return subject


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ApplicationError(_("Write your message."), field="body")
    if len(body) > BODY_MAX:
        raise ApplicationError(
            _("Enter a message of %(limit)s characters or fewer.") % {"limit": BODY_MAX},
            field="body",
        )
    return body


def _key(submission_key: str) -> str:
    return (submission_key or "").strip()[:KEY_MAX]


def _sent_before(author: Any, key: str) -> Message | None:
    if not key:
        return None
    return (
        Message.objects.select_related("conversation")
        .filter(author=author, submission_key=key)
        .first()
    )


def conversation_url(conversation: Conversation) -> str:
    return reverse("network:conversation", kwargs={"conversation_id": conversation.pk})


def _notify(*, author: Any, users: Iterable[Any], conversation: Conversation) -> None:
    notify(
        users=users,
        kind=NotificationKind.MESSAGE,
        text=_("%(name)s sent you a message: %(subject)s")
        % {"name": author.display_name, "subject": conversation.subject},
        url=conversation_url(conversation),
        actor=author,
        conversation=conversation,
    )


def conversation_start(
    *,
    author: Any,
    recipients: Iterable[Any],
    subject: str,
    body: str,
    board_post: BoardPost | None = None,
    group: Group | None = None,
    submission_key: str = "",
) -> Conversation:
    """CONTRACT: start a conversation from ``author`` to ``recipients`` with a first
    message; raises ``ApplicationError`` when a recipient has blocked the author or the
    text is empty. Notifies the recipients (kind ``message``).

    ``recipients`` are users (the author among them is ignored; inactive accounts are
    refused). ``board_post`` and ``group`` record where the conversation began. A second
    call with the same author and ``submission_key`` returns the first call's conversation
    and saves nothing (a double click). Side effects: the conversation, its participants
    (the author having read it), the message (Markdown kept with its sanitised HTML) and a
    notification per recipient. Raises ``ApplicationError`` (nothing saved) for a missing
    or over-long subject or text, no recipient, an inactive recipient, too many recipients
    or a recipient who has blocked the author (named, so the author knows whom to remove).
    """
    key = _key(submission_key)
    earlier = _sent_before(author, key)
    if earlier is not None:
        return earlier.conversation
    subject = _subject(subject)
    body = _body(body)
    people = {user.pk: user for user in recipients if user.pk != author.pk}
    if not people:
        raise ApplicationError(_("Choose who to write to."), field="recipients")
    if len(people) > RECIPIENTS_MAX:
        raise ApplicationError(
            _("Write to %(limit)s members or fewer at once.") % {"limit": RECIPIENTS_MAX},
            field="recipients",
        )
    inactive = [user for user in people.values() if not user.is_active]
    if inactive:
        raise ApplicationError(
            _("%(name)s can no longer receive messages.") % {"name": inactive[0].display_name},
            field="recipients",
        )
    blockers = sorted(
        (people[pk] for pk in blocked_by_ids(author) if pk in people),
        key=lambda user: user.display_name,
    )
    if blockers:
        names = ", ".join(user.display_name for user in blockers)
        raise ApplicationError(
            ngettext(
                "%(names)s does not accept messages from you. Nothing was sent.",
                "%(names)s do not accept messages from you. Nothing was sent.",
                len(blockers),
            )
            % {"names": names},
            field="recipients",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(
                subject=subject,
                created_by=author,
                created_at=now,
                last_message_at=now,
                board_post=board_post,
                group=group,
            )
            ConversationParticipant.objects.bulk_create(
                [ConversationParticipant(conversation=conversation, user=author, last_read_at=now)]
                + [
                    ConversationParticipant(conversation=conversation, user_id=pk)
                    for pk in sorted(people)
                ]
            )
            Message.objects.create(
                conversation=conversation,
                author=author,
                body=body,
                body_html=render_markdown(body),
                created_at=now,
                submission_key=key,
            )
            _notify(author=author, users=sorted(people), conversation=conversation)
    except IntegrityError:
        # The same key sent twice at once: the other request's conversation stands.
        earlier = _sent_before(author, key)
        if earlier is None:
            raise
        return earlier.conversation
    return conversation


def message_reply(
    *, conversation: Conversation, author: Any, body: str, submission_key: str = ""
) -> Message:
    """Add ``author``'s reply to a conversation they take part in.

    Side effects: the message, the conversation's latest time, the author's read mark, and
    a ``message`` notification for every other participant still in it. Raises
    ``ApplicationError`` (nothing saved) for empty or over-long text, an author who is not
    (or no longer) a participant, or when someone still in the conversation has blocked
    the author. The same ``submission_key`` twice saves one message.
    """
    key = _key(submission_key)
    earlier = _sent_before(author, key)
    if earlier is not None and earlier.conversation_id == conversation.pk:
        return earlier
    body = _body(body)
    others = list(
        ConversationParticipant.objects.filter(conversation=conversation, left_at__isnull=True)
        .exclude(user=author)
        .values_list("user_id", flat=True)
    )
    if not ConversationParticipant.objects.filter(
        conversation=conversation, user=author, left_at__isnull=True
    ).exists():
        raise ApplicationError(_("You are no longer in this conversation."))
    if not others:
        raise ApplicationError(
            _("Everyone else has left this conversation: start a new one to write to them.")
        )
    if blocked_by_ids(author) & set(others):
        raise ApplicationError(
            _(
                "Someone in this conversation does not accept messages from you. Your reply "
                "was not sent."
            ),
            field="body",
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                conversation=conversation,
                author=author,
                body=body,
                body_html=render_markdown(body),
                created_at=now,
                submission_key=key,
            )
            Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
            conversation.last_message_at = now
            ConversationParticipant.objects.filter(conversation=conversation, user=author).update(
                last_read_at=now
            )
            _notify(author=author, users=others, conversation=conversation)
    except IntegrityError:
        earlier = _sent_before(author, key)
        if earlier is None:
            raise
        return earlier
    return message


def conversation_read(*, participant: ConversationParticipant) -> None:
    """Mark the conversation read up to now for this participant (one UPDATE)."""
    now = timezone.now()
    ConversationParticipant.objects.filter(pk=participant.pk).update(last_read_at=now)
    participant.last_read_at = now


def conversation_leave(*, participant: ConversationParticipant) -> None:
    """Leave a conversation: it leaves the inbox, and no further message reaches them.
    Leaving twice changes nothing."""
    if participant.left_at is not None:
        return
    participant.left_at = timezone.now()
    participant.save(update_fields=["left_at"])
