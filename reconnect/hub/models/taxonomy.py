from django.db import models


class Theme(models.Model):
    """One of the network's challenges (attendance, SEND, transition...).

    Themes tie the whole product together: Hub content, self-evaluation domains, members'
    interests and discussions all carry them. The list is kept by coordinators.
    """

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=80, unique=True)
    summary = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class _Tag(models.Model):
    """A short, ordered list of labels an item can carry several of."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Phase(_Tag):
    """A phase of education an item speaks to (early years, primary, secondary...)."""

    class Meta(_Tag.Meta):
        pass


class Audience(_Tag):
    """Who an item is written for (school leaders, teachers, governors...)."""

    class Meta(_Tag.Meta):
        pass
