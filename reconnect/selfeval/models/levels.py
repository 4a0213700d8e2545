from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The four-level rubric every statement is rated on; the number is the score.

    Fixed across frameworks and versions so that scores, benchmarks and "schools strong in
    this domain" (Established or better) mean the same thing everywhere.
    """

    NOT_YET = 1, _("Not yet")
    EMERGING = 2, _("Emerging")
    ESTABLISHED = 3, _("Established")
    EMBEDDED = 4, _("Embedded")


# A domain scored at or above this (an average of Established) is a strength, and its school
# a peer others may ask; below it, the domain may be a priority.
STRONG_FROM = float(Level.ESTABLISHED)
