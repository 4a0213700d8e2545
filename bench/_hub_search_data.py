"""Generate N Knowledge Hub items fast, for ``bench/hub_search.py``.

Pages are written straight into their tables (``wagtailcore_page``, ``hub_hubpage`` and the
type's own table) with treebeard paths computed here, not through ``add_child`` and a
revision per page, which would take an hour for 20,000 items. Wagtail's search index is
then filled by the backend's own bulk add (``add_bulk``), exactly the rows publishing would
have written. Deterministic: the same seed gives the same items.

Text is drawn from a school-improvement vocabulary (a few hundred real words used by
leaders, Zipf-weighted so some are common and most are rare) plus a long tail of made-up
words, so term frequencies look like real prose.
"""

import datetime
import random
import uuid
from decimal import Decimal
from typing import Any

DOMAIN = """attendance absence persistent mentoring mentor tutoring tutor reading
phonics fluency comprehension writing oracy vocabulary numeracy mathematics science
homework feedback metacognition self-regulation behaviour exclusion inclusion
belonging wellbeing anxiety resilience counselling nurture transition secondary primary
early years curriculum assessment disadvantage poverty hunger breakfast uniform
families parental engagement community neighbourhood devices laptops connectivity
broadband recruitment retention workload leadership governance strategy teaching
assistants deployment small group one-to-one peer collaborative learning outdoor
adventure arts sports participation summer school extended day mastery setting
streaming classroom pupils students teachers leaders school schools trust borough
london evidence impact months cost padlocks implementation explore prepare deliver
sustain fidelity training coaching professional development observation lesson study
attainment progress gap gaps closing outcomes data tracking intervention programme
approach practice strategy review case study research report findings survey interview
cohort sample trial randomised effect size average behind pilot network send autism
dyslexia speech language communication therapy ehcp senco special needs disability
mental health school refusal avoidance punctuality lateness truancy safeguarding
attendance officer family liaison home visits text messages nudges letters rewards
incentives celebration assemblies tutoring catch-up recovery pandemic lockdown remote
online platform digital skills literacy library books reading age spelling grammar
handwriting speaking listening debate drama music choir instrument creativity
""".split()  # noqa: SIM905 (reads as prose)

THEMES = [
    "attendance",
    "engagement",
    "mental-health-and-wellbeing",
    "learning-gaps",
    "poverty-and-hunger",
    "isolation-and-belonging",
    "send",
    "transition",
    "digital-divide",
    "staff-recruitment-and-retention",
    "place-and-community",
    "leadership",
]
# The most frequent words of English prose carry about half of every text, as in real
# writing; domain words come after them, so each appears in a minority of items.
COMMON = """the of and to a in is that for it as with was on be by this are at from or have an
which not but they has their more can were been one its also our all we when who will these
into other about there than some what so up out if would how time only new year them most
over such many make then first well could may just any because those work after like very
through even much where help each good need same both before between well does own while
day week term staff class group child children young people parents carers local""".split()  # noqa: SIM905

PHASES_WANTED = 2
SYLLABLES = "ka lo mi ne ru sa te vo bri cla dre fen gor hul jin mar pol quen rist sul".split()  # noqa: SIM905 (reads as prose)


def _tail_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class TextMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = COMMON + DOMAIN + _tail_words(rng, 3_000)
        # Zipf-like: the n-th word is 1/n as likely as the first.
        self.weights = [1 / (n + 1) for n in range(len(self.words))]
        self.domain_weights = [1 / (n + 1) ** 0.6 for n in range(len(DOMAIN))]

    def title(self) -> str:
        words = self.rng.choices(DOMAIN, weights=self.domain_weights, k=self.rng.randint(3, 7))
        return " ".join(words).capitalize()

    def text(self, low: int, high: int) -> str:
        count = self.rng.randint(low, high)
        words = self.rng.choices(self.words, weights=self.weights, k=count)
        sentences = []
        for start in range(0, count, 14):
            sentences.append(" ".join(words[start : start + 14]).capitalize() + ".")
        return " ".join(sentences)


def _kinds() -> list[tuple[Any, Any, float]]:
    from reconnect.hub import models as hub

    return [
        (hub.InterventionPage, hub.InterventionSectionPage, 0.25),
        (hub.ResearchReportPage, hub.ResearchSectionPage, 0.1),
        (hub.ThematicReviewPage, hub.ReviewSectionPage, 0.05),
        (hub.CaseStudyPage, hub.CaseStudySectionPage, 0.2),
        (hub.FurtherReadingPage, hub.ReadingSectionPage, 0.25),
        (hub.NewsPage, hub.NewsSectionPage, 0.15),
    ]


def _specific_fields(
    model: Any, rng: random.Random, maker: TextMaker, themes: list[Any]
) -> dict[str, Any]:
    from reconnect.hub import models as hub

    html = f"<p>{maker.text(120, 400)}</p>"
    if model is hub.InterventionPage:
        impact = rng.choice([None, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8])
        return {
            "impact_months": impact,
            "effect_size": None if impact is None else Decimal("0.30"),
            "cost_rating": rng.randint(1, 5),
            "evidence_rating": rng.randint(0, 5),
            "figures_checked": datetime.date(2025, 1, 15),
            "what_it_is": html,
            "key_findings": f"<p>{maker.text(30, 80)}</p>",
        }
    if model is hub.ResearchReportPage:
        return {
            "authors": "Demo Authors",
            "publication_date": datetime.date(2020, 1, 1)
            + datetime.timedelta(rng.randint(0, 2000)),
            "key_findings": f"<ul><li>{maker.text(20, 40)}</li></ul>",
            "body": html,
        }
    if model is hub.ThematicReviewPage:
        return {
            "theme_id": rng.choice(themes).pk,
            "evidence_says": html,
            "london_practice": f"<p>{maker.text(60, 120)}</p>",
            "questions_for_leaders": "<ul><li>What next?</li></ul>",
        }
    if model is hub.CaseStudyPage:
        return {
            "context": maker.text(40, 90),
            "what_we_did": maker.text(80, 200),
            "evidence_of_impact": maker.text(30, 80),
            "what_others_can_take": maker.text(20, 60),
        }
    if model is hub.FurtherReadingPage:
        return {
            "authors": "Demo Authors",
            "year": rng.randint(2005, 2025),
            "publisher": "Demo Press",
            "external_url": "https://example.org/reading",
            "annotation": maker.text(40, 120),
        }
    return {"body": html}


def generate(count: int, *, seed: int = 20_000, batch: int = 1_000) -> int:
    """Add ``count`` live Hub items (a tenth members-only) and index them. Returns count."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    from reconnect.hub import models as hub
    from reconnect.hub.search import state

    rng = random.Random(seed)
    maker = TextMaker(rng)
    themes = list(hub.Theme.objects.all())
    phases = list(hub.Phase.objects.all())
    kinds = _kinds()
    next_id = (Page.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    sections = {section: section.objects.get() for _model, section, _share in kinds}
    children = {section: section_page.numchild for section, section_page in sections.items()}
    now = timezone.now()
    made = 0
    backend = get_search_backend()
    while made < count:
        size = min(batch, count - made)
        by_model: dict[Any, list[Any]] = {}
        theme_rows, phase_rows = [], []
        for _ in range(size):
            model, section_model, _share = rng.choices(kinds, weights=[k[2] for k in kinds])[0]
            section = sections[section_model]
            children[section_model] += 1
            page_id = next_id
            next_id += 1
            title = maker.title()
            slug = f"item-{page_id}"
            published = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 2000))
            page = model(
                id=page_id,
                page_ptr_id=page_id,
                hubpage_ptr_id=page_id,
                title=title,
                draft_title=title,
                slug=slug,
                content_type=ContentType.objects.get_for_model(model),
                path=Page._get_path(section.path, section.depth + 1, children[section_model]),
                depth=section.depth + 1,
                numchild=0,
                url_path=f"{section.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                live_revision=None,
                locale_id=section.locale_id,
                translation_key=uuid.UUID(int=rng.getrandbits(128)),
                summary=maker.text(15, 35)[:390],
                visibility=hub.Visibility.MEMBERS if rng.random() < 0.1 else hub.Visibility.PUBLIC,
                **_specific_fields(model, rng, maker, themes),
            )
            by_model.setdefault(model, []).append(page)
            for theme in rng.sample(themes, rng.randint(1, 3)):
                theme_rows.append(hub.HubPage.themes.through(hubpage_id=page_id, theme_id=theme.pk))
            for phase in rng.sample(phases, rng.randint(0, PHASES_WANTED)):
                phase_rows.append(hub.HubPage.phases.through(hubpage_id=page_id, phase_id=phase.pk))
        with transaction.atomic():
            for model, pages in by_model.items():
                for table_model in (Page, hub.HubPage, model):
                    fields = list(table_model._meta.local_concrete_fields)
                    table_model._base_manager._insert(pages, fields=fields)
            hub.HubPage.themes.through.objects.bulk_create(theme_rows)
            hub.HubPage.phases.through.objects.bulk_create(phase_rows)
            for model, pages in by_model.items():
                ids = [page.pk for page in pages]
                indexed = list(model.objects.filter(pk__in=ids).prefetch_related("themes"))
                backend.add_bulk(model, indexed)
        made += size
    for section_model, section in sections.items():
        Page.objects.filter(pk=section.pk).update(numchild=children[section_model])
    state.content_changed()
    return made
