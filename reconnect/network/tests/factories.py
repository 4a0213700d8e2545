"""Factories for the Headteacher Network's models.

A thread comes with its opening post only when made through ``thread_with_posts`` (or the
discussions service); the bare ``ThreadFactory`` is a thread row, for tests that build posts
themselves. Body HTML is made with the real renderer, so factory posts look like real ones.
"""

import datetime

import factory
from django.utils import timezone

from reconnect.accounts.tests.factories import UserFactory
from reconnect.network.markdown import render_markdown
from reconnect.network.models import (
    BoardKind,
    BoardPost,
    Category,
    Conversation,
    ConversationParticipant,
    Event,
    EventFormat,
    Flag,
    FlagReason,
    Group,
    GroupKind,
    GroupMembership,
    Message,
    Notification,
    NotificationKind,
    Post,
    Rsvp,
    RsvpStatus,
    Thread,
)
from reconnect.schools.tests.factories import SchoolFactory


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    description = "Where members talk about it."


class GroupFactory(factory.django.DjangoModelFactory[Group]):
    class Meta:
        model = Group

    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.Sequence(lambda n: f"Group {n}")
    kind = GroupKind.CUSTOM


class GroupMembershipFactory(factory.django.DjangoModelFactory[GroupMembership]):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)


class ThreadFactory(factory.django.DjangoModelFactory[Thread]):
    class Meta:
        model = Thread

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"How do you run breakfast club {n}?")
    author = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    number = factory.Sequence(lambda n: n + 1)
    author = factory.SubFactory(UserFactory)
    body = "We start at 8 and the register is taken at the table."
    body_html = factory.LazyAttribute(lambda post: render_markdown(post.body))


def thread_with_posts(*, replies: int = 0, **thread_fields: object) -> Thread:
    """A thread with its opening post and ``replies`` replies, counts kept as the service
    keeps them."""
    thread = ThreadFactory.create(**thread_fields)
    now = timezone.now()
    for number in range(1, replies + 2):
        PostFactory.create(
            thread=thread,
            number=number,
            author=thread.author if number == 1 else UserFactory.create(),
            created_at=now + datetime.timedelta(seconds=number),
        )
    thread.post_count = replies + 1
    thread.last_post_number = replies + 1
    thread.last_posted_at = now + datetime.timedelta(seconds=replies + 1)
    thread.save(update_fields=["post_count", "last_post_number", "last_posted_at"])
    return thread


class EventFactory(factory.django.DjangoModelFactory[Event]):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Network meeting {n}")
    summary = "Heads share what is working on attendance."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=14)).replace(
            hour=16, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=2))
    format = EventFormat.IN_PERSON
    venue = "Camden Centre for Learning"
    address = "Bidborough Street, London WC1H 9AU"
    capacity = 40
    organiser = factory.SubFactory(UserFactory)


class RsvpFactory(factory.django.DjangoModelFactory[Rsvp]):
    class Meta:
        model = Rsvp

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RsvpStatus.GOING


class BoardPostFactory(factory.django.DjangoModelFactory[BoardPost]):
    class Meta:
        model = BoardPost
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    author = factory.SubFactory(UserFactory)
    kind = BoardKind.REQUEST
    title = factory.Sequence(lambda n: f"Help with persistent absence {n}")
    body = "We would like to visit a school that has cut persistent absence."
    body_html = factory.LazyAttribute(lambda post: render_markdown(post.body))

    @factory.post_generation
    def themes(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.themes.set(extracted)


class ConversationFactory(factory.django.DjangoModelFactory[Conversation]):
    class Meta:
        model = Conversation

    subject = factory.Sequence(lambda n: f"Visiting your school {n}")
    created_by = factory.SubFactory(UserFactory)


class ConversationParticipantFactory(factory.django.DjangoModelFactory[ConversationParticipant]):
    class Meta:
        model = ConversationParticipant

    conversation = factory.SubFactory(ConversationFactory)
    user = factory.SubFactory(UserFactory)


class MessageFactory(factory.django.DjangoModelFactory[Message]):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    author = factory.SubFactory(UserFactory)
    body = "Could we visit in the spring term?"
    body_html = factory.LazyAttribute(lambda message: render_markdown(message.body))


class FlagFactory(factory.django.DjangoModelFactory[Flag]):
    class Meta:
        model = Flag

    post = factory.SubFactory(PostFactory)
    flagged_by = factory.SubFactory(UserFactory)
    reason = FlagReason.INAPPROPRIATE


class NotificationFactory(factory.django.DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = NotificationKind.REPLY
    text = "Someone replied to your thread"
    url = "/network/"
