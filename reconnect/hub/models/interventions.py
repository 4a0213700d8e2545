from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from reconnect.hub.analysis import eef
from reconnect.hub.models.base import HubPage
from reconnect.hub.models.richtext import BODY_FEATURES


class InterventionPage(HubPage):
    """An evidence-based approach, described the way the EEF Toolkit does, and more."""

    impact_months = models.SmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-12), MaxValueValidator(12)],
        help_text=_("Months of additional progress. Leave empty when the evidence is too thin."),
    )
    effect_size = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-2")), MaxValueValidator(Decimal("2"))],
        help_text=_("The pooled effect size behind the months figure, where published."),
    )
    cost_rating = models.PositiveSmallIntegerField(
        choices=[(rating, band.label) for rating, band in eef.COST_BANDS.items()],
        db_index=True,
    )
    evidence_rating = models.PositiveSmallIntegerField(
        choices=list(eef.EVIDENCE_LABELS.items()), db_index=True
    )
    figures_checked = models.DateField(
        help_text=_("When the impact, cost and evidence figures were last checked at source.")
    )
    what_it_is = RichTextField(features=BODY_FEATURES)
    key_findings = RichTextField(features=BODY_FEATURES, blank=True)
    behind_the_average = RichTextField(
        features=BODY_FEATURES,
        blank=True,
        help_text=_("How the impact differs by phase, subject, delivery or pupil group."),
    )
    closing_the_gap = RichTextField(
        features=BODY_FEATURES,
        blank=True,
        help_text=_("What it means for disadvantaged and vulnerable pupils."),
    )
    explore = RichTextField(features=BODY_FEATURES, blank=True)
    prepare = RichTextField(features=BODY_FEATURES, blank=True)
    deliver = RichTextField(features=BODY_FEATURES, blank=True)
    sustain = RichTextField(features=BODY_FEATURES, blank=True)

    content_panels = [
        *HubPage.content_panels,
        *HubPage.tagging_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("impact_months"), FieldPanel("effect_size")]),
                FieldRowPanel([FieldPanel("cost_rating"), FieldPanel("evidence_rating")]),
                FieldPanel("figures_checked"),
                InlinePanel("sources", label=_("Sources"), min_num=1),
            ],
            heading=_("Headline figures"),
        ),
        FieldPanel("what_it_is"),
        FieldPanel("key_findings"),
        FieldPanel("behind_the_average"),
        FieldPanel("closing_the_gap"),
        MultiFieldPanel(
            [
                FieldPanel("explore"),
                FieldPanel("prepare"),
                FieldPanel("deliver"),
                FieldPanel("sustain"),
            ],
            heading=_("How to implement"),
        ),
    ]
    search_fields = [
        *HubPage.text_search_fields,
        index.SearchField("what_it_is"),
        index.SearchField("key_findings"),
        index.SearchField("behind_the_average"),
        index.SearchField("closing_the_gap"),
        index.FilterField("impact_months"),
        index.FilterField("cost_rating"),
        index.FilterField("evidence_rating"),
        *HubPage.tag_search_fields,
    ]
    parent_page_types = ["hub.InterventionSectionPage"]
    subpage_types: list[str] = []
    template = "hub/pages/intervention_page.html"

    class Meta:
        verbose_name = _("intervention")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from reconnect.hub import selectors  # selectors import the models
        from reconnect.hub.models import CaseStudyPage, ThematicReviewPage

        context = super().get_context(request, *args, **kwargs)
        context["sources"] = self.sources.order_by("sort_order", "pk")
        context["related_case_studies"] = selectors.related_visible(
            request.user, CaseStudyPage.objects.filter(interventions=self)
        )
        context["related_reviews"] = selectors.related_visible(
            request.user, ThematicReviewPage.objects.filter(related_interventions=self)
        )
        return context

    def clean(self) -> None:
        super().clean()
        # The months figure is read off the effect size by the EEF's table; a pair that
        # disagrees would tell readers two different things.
        if self.effect_size is not None and self.impact_months is not None:
            expected = eef.months_for_effect_size(float(self.effect_size))
            if expected != self.impact_months:
                raise ValidationError(
                    {
                        "impact_months": _(
                            "An effect size of %(size)s is %(expected)+d months on the EEF's "
                            "conversion table, not %(months)+d. Correct one of the two."
                        )
                        % {
                            "size": self.effect_size,
                            "expected": expected,
                            "months": self.impact_months,
                        }
                    }
                )

    @property
    def impact_label(self) -> str:
        return eef.impact_label(self.impact_months)

    @property
    def cost_band(self) -> eef.CostBand:
        return eef.COST_BANDS[self.cost_rating]

    @property
    def evidence_label(self) -> str:
        return eef.EVIDENCE_LABELS[self.evidence_rating]

    @property
    def headline(self) -> str:
        return eef.headline(self.impact_months, self.cost_rating, self.evidence_rating)


class InterventionSource(Orderable):
    """Where a figure comes from, and when someone last checked it there."""

    page = ParentalKey(InterventionPage, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    date_checked = models.DateField()

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("date_checked")]

    def __str__(self) -> str:
        return self.title
