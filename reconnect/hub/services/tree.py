"""The Hub's page skeleton and its review workflow, created once and kept in place.

Wagtail's tree cannot be built from a data migration's historical models (treebeard's
methods are missing there), so ``hub_tree_ensure`` runs after every ``migrate`` and
``flush`` (see ``apps.py``). It is idempotent: an existing page is never moved or renamed,
so coordinators can retitle sections freely.
"""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from reconnect.core.coordinators import coordinators_group_ensure
from reconnect.hub.models import (
    CaseStudySectionPage,
    HubIndexPage,
    InterventionSectionPage,
    NewsSectionPage,
    ReadingSectionPage,
    ResearchSectionPage,
    ReviewSectionPage,
)

HUB_SLUG = "hub"
WORKFLOW_NAME = "Hub review"

SECTIONS = [
    (
        ResearchSectionPage,
        "research",
        "Research",
        "Original research by the network and its partners.",
    ),
    (ReviewSectionPage, "reviews", "Thematic reviews", "Good practice on each theme, reviewed."),
    (
        InterventionSectionPage,
        "interventions",
        "Interventions",
        "Evidence-based approaches, rated for impact, cost and evidence.",
    ),
    (
        CaseStudySectionPage,
        "case-studies",
        "Case studies",
        "What London schools did, and what others can take from it.",
    ),
    (
        ReadingSectionPage,
        "reading",
        "Further reading",
        "Annotated reading and curated reading lists.",
    ),
    (NewsSectionPage, "news", "News", "News from the network."),
]


def _site_root() -> Page:
    # Wagtail's migrations make the default locale, root and site; after a ``flush`` none
    # of them exist, and a page cannot be created without a locale.
    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        home = site.root_page
        if home.title.startswith("Welcome to your new Wagtail site"):  # Wagtail's placeholder
            home.title = "Reconnect"
            home.save(update_fields=["title", "draft_title"])
        return home
    home = root.get_children().first()
    if home is None:
        home = root.add_child(instance=Page(title="Reconnect", slug="home"))
    Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="Reconnect"
    )
    return home


def _hub_workflow(hub: HubIndexPage) -> Workflow:
    """Every Hub page, edited or submitted by a member, is approved by a coordinator."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.filter(name="Coordinator approval").first()
        if task is None:
            task = GroupApprovalTask.objects.create(name="Coordinator approval")
        task.groups.set([coordinators_group_ensure()])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=hub, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def hub_tree_ensure() -> HubIndexPage:
    """Create whatever part of the Hub's skeleton is missing; return the Hub's home."""
    hub = HubIndexPage.objects.first()
    if hub is None:
        hub = HubIndexPage(
            title="Knowledge Hub",
            slug=HUB_SLUG,
            intro="Research, reviews of good practice, evidence-based interventions and "
            "case studies from London schools, gathered by theme.",
        )
        _site_root().add_child(instance=hub)
    for model, slug, title, intro in SECTIONS:
        if not model.objects.exists():
            hub.add_child(instance=model(title=title, slug=slug, intro=intro))
    _hub_workflow(hub)
    # The section pages are new since the group was made; the grant sits on the root, so
    # re-ensuring only fills gaps (a fresh database built the group before any page).
    coordinators_group_ensure()
    return hub
