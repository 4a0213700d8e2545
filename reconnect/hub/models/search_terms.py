"""What the Hub's search keeps beside Wagtail's index: its vocabulary and a change counter.

``SearchTerm`` is every word that occurs in a live Hub item, with how many public items and
how many items in all carry it: the search corrects typos against it ("attendence" becomes
"attendance"), and a visitor is only ever offered words that occur in public items.

``SearchState`` is one row whose ``content_version`` moves whenever a Hub item is
published, unpublished, moved or deleted: each process keeps its facet table (the Hub's
items as plain rows) until that number changes, so a request checks freshness with one
primary-key read.
"""

from django.db import models


class SearchTerm(models.Model):
    word = models.CharField(max_length=40, unique=True)
    stem = models.CharField(max_length=40, db_index=True)
    public_count = models.PositiveIntegerField(default=0)
    total_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class SearchState(models.Model):
    """One row (pk 1): version numbers the search's per-process caches compare against."""

    content_version = models.PositiveBigIntegerField(default=0)
    vocabulary_version = models.PositiveBigIntegerField(default=0)
    # When the current vocabulary's rebuild began reading: a rebuild asked for before then
    # has nothing to add (publishing 100 pages queues 100 rebuilds; one is enough).
    vocabulary_read_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"content v{self.content_version}, vocabulary v{self.vocabulary_version}"
