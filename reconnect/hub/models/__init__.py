"""The Knowledge Hub's models: the taxonomy, the page skeleton and the content types."""

from reconnect.hub.models.base import HubPage, Visibility
from reconnect.hub.models.case_studies import CaseStudyPage
from reconnect.hub.models.interventions import InterventionPage, InterventionSource
from reconnect.hub.models.news import NewsPage
from reconnect.hub.models.reading import FurtherReadingPage, ReadingListEntry, ReadingListPage
from reconnect.hub.models.research import ResearchReportPage
from reconnect.hub.models.reviews import ThematicReviewPage
from reconnect.hub.models.search_terms import SearchState, SearchTerm
from reconnect.hub.models.sections import (
    CaseStudySectionPage,
    HubIndexPage,
    InterventionSectionPage,
    NewsSectionPage,
    ReadingSectionPage,
    ResearchSectionPage,
    ReviewSectionPage,
)
from reconnect.hub.models.taxonomy import Audience, Phase, Theme

__all__ = [
    "Audience",
    "CaseStudyPage",
    "CaseStudySectionPage",
    "FurtherReadingPage",
    "HubIndexPage",
    "HubPage",
    "InterventionPage",
    "InterventionSectionPage",
    "InterventionSource",
    "NewsPage",
    "NewsSectionPage",
    "Phase",
    "ReadingListEntry",
    "ReadingListPage",
    "ReadingSectionPage",
    "ResearchReportPage",
    "ResearchSectionPage",
    "ReviewSectionPage",
    "SearchState",
    "SearchTerm",
    "ThematicReviewPage",
    "Theme",
    "Visibility",
]
