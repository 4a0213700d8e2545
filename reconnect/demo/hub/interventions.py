"""Thirty-three interventions: the EEF Toolkit's 30 school strands and three Early Years ones.

Which figure each item carries (see ``shared/domain/evidence-and-anchors.md`` 1.6–1.7):
where a copy of the EEF's own strand page was read ("EEF page (checked)"), its months,
cost and padlocks are used; otherwise the 2025 living-review figures from Oak National's
structured copy of the Toolkit. Each item's key findings say which, and its sources name
the pages. No strand page we read states a pooled effect size, so ``effect_size`` stays
empty everywhere rather than being back-derived from a months band.

The dates in ``figures_checked`` are when our research read the copies: the Oak snapshot
is dated 2026-04-02; the EEF page copies carry no date, so the research date 2026-11-20 is
used. These are demo figures: they MUST be re-checked on the live EEF site
(https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit)
before a school relies on them, and ``figures_checked`` updated when they are.
"""

from datetime import date
from typing import TypedDict

from reconnect.demo.hub.shapes import DemoIntervention, DemoSource, p, ul

EEF_PAGES_READ = date(2026, 11, 20)  # the stored EEF strand pages show no date of their own
OAK_SNAPSHOT = date(2026, 4, 2)  # the date Oak's structured copy of the Toolkit carries
TOOLKIT = "https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit"
EARLY_YEARS = "https://educationendowmentfoundation.org.uk/education-evidence/early-years-toolkit"

OAK_COPY = DemoSource(
    "Oak National Academy, structured copy of the EEF Toolkit (May and October 2025 updates)",
    "https://github.com/oaknational/oak-open-curriculum-ecosystem",
    OAK_SNAPSHOT,
)

LEADERS = ("school-leaders",)
CLASSROOM = ("school-leaders", "teachers")
EVERYONE_IN_SCHOOL = ("school-leaders", "teachers", "support-staff")
GOVERNANCE = ("school-leaders", "governors", "system-leaders")
ALL_SCHOOL_PHASES = ("primary", "secondary", "special")


def eef_page(strand: str, url: str) -> DemoSource:
    return DemoSource(f"EEF Teaching and Learning Toolkit: {strand}", url, EEF_PAGES_READ)


def on_eef_page(note: str = "") -> str:
    return p(
        "Figures: as shown on a copy of the EEF's own strand page, read for this demo.",
        note,
        "Re-check them on the live EEF site before relying on them.",
    )


def from_2025_data(note: str = "") -> str:
    return p(
        "Figures: the 2025 living-review values from a third-party structured copy of the "
        "Toolkit, because no current EEF page for this strand was read.",
        note,
        "Re-check them on the live EEF site before relying on them.",
    )


class Implementation(TypedDict):
    explore: str
    prepare: str
    deliver: str
    sustain: str


def implementation(explore: str, prepare: str, deliver: str, sustain: str) -> Implementation:
    """The four EEF implementation phases, one short paragraph each."""
    return {
        "explore": p(explore),
        "prepare": p(prepare),
        "deliver": p(deliver),
        "sustain": p(sustain),
    }


INTERVENTIONS: tuple[DemoIntervention, ...] = (
    DemoIntervention(
        slug="arts-participation",
        title="Arts participation",
        summary=(
            "Taking part in music, drama, dance or visual art, in lessons or beyond them. A "
            "moderate, low-cost gain in attainment, with wider benefits for engagement and "
            "belonging that matter to pupils who feel on the edge of school life."
        ),
        themes=("engagement", "isolation-and-belonging"),
        phases=ALL_SCHOOL_PHASES,
        audiences=CLASSROOM,
        impact_months=3,
        cost_rating=1,
        evidence_rating=3,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            eef_page(
                "Arts participation (pre-2021 page)",
                "http://educationendowmentfoundation.org.uk/toolkit/arts-participation",
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Structured involvement in artistic and creative activity: learning an "
            "instrument, performing, making and exhibiting work. It can sit inside the "
            "curriculum or run as clubs and projects after school."
        ),
        key_findings=ul(
            "A moderate positive effect on academic attainment, for very little extra cost.",
            "Wider outcomes (confidence, attitudes to school, wellbeing) are reported often, "
            "though they are harder to measure.",
            "Effects tend to be larger when arts activity is linked closely to the skills "
            "being taught.",
        )
        + from_2025_data(
            "Older EEF pages gave +2 months; a partner edition of the 2021 Toolkit gives +3."
        ),
        behind_the_average=p(
            "The research copy we read gives no phase or subject sub-figures for this "
            "strand. Studies of music and of drama linked to reading tend to report the "
            "clearest academic gains; look at the live page's breakdown before planning."
        ),
        closing_the_gap=p(
            "Disadvantaged pupils are less likely to have music lessons or theatre visits "
            "outside school, so a school offer can close an opportunity gap as well as an "
            "attainment one. Remove every cost barrier: instruments, trips and kit."
        ),
        **implementation(
            "Ask which pupils take part now and which never do; start from the gap in "
            "participation, not the timetable.",
            "Choose one or two forms you can staff well; agree how you will notice changes "
            "in attendance and engagement as well as attainment.",
            "Protect the time, invite families to performances, and track who drops out.",
            "Build links with local arts organisations so the offer survives staff changes.",
        ),
    ),
    DemoIntervention(
        slug="aspiration-interventions",
        title="Aspiration interventions",
        summary=(
            "Programmes that try to raise what pupils hope to achieve. The EEF finds too "
            "little evidence to estimate any impact on attainment: most pupils already have "
            "high aspirations, and the gap is in knowing how to reach them."
        ),
        themes=("engagement", "transition"),
        phases=("secondary",),
        audiences=GOVERNANCE,
        impact_months=None,
        cost_rating=1,
        evidence_rating=0,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Aspiration interventions", f"{TOOLKIT}/aspiration-interventions"),),
        what_it_is=p(
            "Activities designed to raise pupils' ambitions or expectations of themselves: "
            "motivational talks, role models, visits to universities and workplaces."
        ),
        key_findings=ul(
            "Insufficient evidence: the EEF does not estimate months of progress.",
            "Raising aspiration on its own has not been shown to raise attainment.",
            "Pupils often have high hopes already; what they lack is the knowledge and "
            "skills to get there.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "With no impact estimate there is no average to look behind. Treat any "
            "aspiration work as a complement to strong teaching, and judge it by what "
            "pupils learn, not by how inspired they say they feel."
        ),
        closing_the_gap=p(
            "Be wary of assuming disadvantaged pupils aim low: the evidence suggests many "
            "do not. Practical information about routes (courses, costs, applications) is a "
            "better use of time than motivation alone."
        ),
        **implementation(
            "Check what your pupils actually aspire to before buying a programme.",
            "If you go ahead, pair it with concrete academic support and careers guidance.",
            "Keep it short and specific; link each activity to a next step a pupil can take.",
            "Evaluate against attainment and destinations, and stop what does not help.",
        ),
    ),
    DemoIntervention(
        slug="behaviour-interventions",
        title="Behaviour interventions",
        summary=(
            "Whole-school, classroom or targeted approaches that reduce disruption and help "
            "pupils manage their own behaviour. Moderate impact for low cost, on limited "
            "evidence; targeted work for a few pupils tends to show larger effects."
        ),
        themes=("engagement", "attendance", "send"),
        phases=ALL_SCHOOL_PHASES,
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=4,
        cost_rating=2,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page("Behaviour interventions", f"{TOOLKIT}/behaviour-interventions"),
            OAK_COPY,
        ),
        what_it_is=p(
            "Three broad kinds: universal approaches that set a positive climate for every "
            "pupil; classroom management strategies for teachers; and specialised support "
            "for the small number of pupils with the most challenging behaviour."
        ),
        key_findings=ul(
            "Behaviour interventions can improve attainment as well as behaviour.",
            "Targeted interventions for pupils at risk tend to show larger gains than "
            "universal ones.",
            "Consistency across staff matters more than any single technique.",
        )
        + on_eef_page(
            "The 2025 data copy shows +3 months and 3 padlocks; both stored EEF pages show +4 "
            "and limited evidence, so the EEF page figures are used here."
        ),
        behind_the_average=p(
            "Results vary widely between programmes. Approaches that teach self-management "
            "and are delivered by trained staff show more reliable effects than reward "
            "schemes alone."
        ),
        closing_the_gap=p(
            "Disadvantaged pupils and pupils with SEND are over-represented in sanctions and "
            "exclusions. Early, targeted support keeps them in lessons, which matters for "
            "attendance and for learning."
        ),
        **implementation(
            "Look at who is removed from lessons, when and where; find the patterns first.",
            "Agree a small set of consistent routines and train every adult, including "
            "support staff and cover supervisors.",
            "Coach staff in the classroom, and give targeted pupils a named trusted adult.",
            "Review the data each half term and refresh training for new staff.",
        ),
    ),
    DemoIntervention(
        slug="collaborative-learning-approaches",
        title="Collaborative learning approaches",
        summary=(
            "Pupils working together in small groups on tasks structured so that everyone "
            "contributes. High impact for very low cost, though the evidence is limited; "
            "the structure of the task is what makes it work."
        ),
        themes=("engagement", "learning-gaps", "isolation-and-belonging"),
        phases=ALL_SCHOOL_PHASES,
        audiences=CLASSROOM,
        impact_months=5,
        cost_rating=1,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page(
                "Collaborative learning approaches",
                "https://educationendowmentfoundation.org.uk/evidence-summaries/"
                "teaching-learning-toolkit/collaborative-learning",
            ),
        ),
        what_it_is=p(
            "Structured group work in which pupils share a goal and each has a clear role, "
            "so that the group succeeds only if each member learns."
        ),
        key_findings=ul(
            "Positive effects across subjects and ages when tasks are well designed.",
            "Unstructured group work, where a few pupils do the thinking, shows little benefit.",
            "Pupils need to be taught how to collaborate: to explain, question and listen.",
        )
        + on_eef_page("The page's headline word is \u201chigh impact\u201d."),
        behind_the_average=p(
            "The research copy gives no phase sub-figures. Competition between groups and "
            "roles that make each pupil accountable appear in the more effective studies."
        ),
        closing_the_gap=p(
            "Talk-rich group work can help pupils who get fewer chances to discuss ideas at "
            "home, provided they are not left as passengers in the group."
        ),
        **implementation(
            "Pick one subject where pupils struggle to explain their reasoning.",
            "Design tasks with roles and a shared product; model the talk you expect.",
            "Circulate and question; check each pupil's individual understanding at the end.",
            "Share well-designed tasks across departments so planning time falls over time.",
        ),
    ),
    DemoIntervention(
        slug="extending-school-time",
        title="Extending school time",
        summary=(
            "Adding time to the school day or year: longer days, breakfast or after-school "
            "sessions used for learning. A moderate gain for moderate cost, on limited "
            "evidence; how the time is used matters far more than how much is added."
        ),
        themes=("learning-gaps", "poverty-and-hunger"),
        phases=ALL_SCHOOL_PHASES,
        audiences=GOVERNANCE,
        impact_months=3,
        cost_rating=3,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page(
                "Extending school time",
                "http://educationendowmentfoundation.org.uk/evidence-summaries/"
                "teaching-learning-toolkit/extending-school-time/",
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Any structured increase in learning time: a longer school day, extra sessions "
            "before or after school, or additional days in the holidays, usually with "
            "planned academic content."
        ),
        key_findings=ul(
            "A moderate average gain, at moderate cost.",
            "Extra time spent on well-planned teaching helps; extra time of the same "
            "teaching, with tired pupils, helps much less.",
            "Attendance at optional sessions is often lowest among those who need them most.",
        )
        + on_eef_page(
            "The 2025 data copy gives 3 padlocks; the EEF page shows limited evidence (2)."
        ),
        behind_the_average=p(
            "Programmes that combine academic content with enrichment, and that are staffed "
            "by qualified teachers, tend to show the stronger results."
        ),
        closing_the_gap=p(
            "Breakfast and after-school provision can also ease hunger and childcare "
            "pressures for families; design sessions so the pupils you target actually come."
        ),
        **implementation(
            "Decide what the extra time is for, and which pupils it must reach.",
            "Cost staffing honestly; plan food, transport and safeguarding.",
            "Track attendance at sessions weekly and follow up with families.",
            "Keep what raises learning; drop sessions that only add hours.",
        ),
    ),
    DemoIntervention(
        slug="feedback",
        title="Feedback",
        summary=(
            "Information given to pupils about their work, aimed at improving it: what they "
            "did well, what to do next and how. High impact for very low cost on extensive "
            "evidence, among the most secure approaches in the Toolkit."
        ),
        themes=("learning-gaps", "engagement"),
        phases=ALL_SCHOOL_PHASES,
        audiences=CLASSROOM,
        impact_months=6,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Feedback", f"{TOOLKIT}/feedback"), OAK_COPY),
        what_it_is=p(
            "Feedback tells a pupil where they are against the learning goal and how to "
            "close the gap. It can be spoken or written, from a teacher, a peer or a "
            "digital tool, and about the task, the process or the pupil's self-regulation."
        ),
        key_findings=ul(
            "Feedback has high impact on average, for very little cost.",
            "Feedback about the task and the strategies used is more effective than "
            "praise or comments about the pupil.",
            "Time spent writing long comments is not the same as effective feedback.",
        )
        + on_eef_page(
            "The page shows +6 months, very low cost and extensive evidence (4 padlocks); "
            "it settles a third-party copy whose text says 5 padlocks."
        ),
        behind_the_average=ul(
            "Primary: about +7 months; secondary: about +5 months.",
            "Oral feedback: about +7 months; written feedback: about +5 months.",
            "These sub-figures come from the 2025 data copy, built on 155 studies.",
        ),
        closing_the_gap=p(
            "Specific, timely feedback helps pupils who cannot fill gaps from home. Make "
            "sure lower-attaining pupils get feedback they can act on in lesson time."
        ),
        **implementation(
            "Audit marking load against its effect: which feedback do pupils actually use?",
            "Agree a short policy that favours oral and in-lesson feedback; free time from "
            "written marking.",
            "Build in lesson time for pupils to act on feedback.",
            "Moderate samples across departments each term; coach new staff.",
        ),
    ),
    DemoIntervention(
        slug="homework",
        title="Homework",
        summary=(
            "Tasks set for pupils to complete outside lessons. High impact for very low "
            "cost, but on very limited evidence, and much larger in secondary than "
            "primary. Quality and links to lessons matter more than quantity."
        ),
        themes=("learning-gaps", "digital-divide", "poverty-and-hunger"),
        phases=("primary", "secondary"),
        audiences=CLASSROOM,
        impact_months=5,
        cost_rating=1,
        evidence_rating=1,
        figures_checked=EEF_PAGES_READ,
        sources=(
            DemoSource(
                "EEF Teaching and Learning Toolkit: Homework (EEF development-site copy)",
                "https://eef.dev/education-evidence/teaching-learning-toolkit/homework",
                EEF_PAGES_READ,
            ),
            DemoSource(
                "Bradford Research School, on the EEF homework strand",
                "https://researchschool.org.uk/bradford/news/everything-is-awesome-homework",
                EEF_PAGES_READ,
            ),
        ),
        what_it_is=p(
            "Work pupils do at home or in a homework club: practice, preparation for new "
            "learning, or extended projects."
        ),
        key_findings=ul(
            "A high average impact (+5 months) for very low cost, but on very limited "
            "evidence (1 padlock).",
            "Homework linked to classroom learning, with feedback, works best.",
        )
        + on_eef_page(
            "Partly verified: the public EEF page was not stored; an EEF development-site "
            "copy and a dated citation of the page agree, as does the 2025 data copy."
        ),
        behind_the_average=ul(
            "Secondary: about +5 months; primary: about +3 months.",
            "Collaborative homework and digital homework: about +6 months each.",
            "These come from the 2021 edition, built on 44 studies.",
        ),
        closing_the_gap=p(
            "Homework can widen gaps if pupils lack a quiet space, a device or connectivity "
            "at home. A supervised homework club, with devices, levels the ground."
        ),
        **implementation(
            "Ask pupils where and how they do homework; find out who lacks a device.",
            "Set short, purposeful tasks tied to lessons; agree a sensible load per year group.",
            "Give feedback on homework and run a club for those without space at home.",
            "Review completion by pupil group each term, not only overall.",
        ),
    ),
    DemoIntervention(
        slug="individualised-instruction",
        title="Individualised instruction",
        summary=(
            "Tasks and support tailored to each pupil's level and pace, often through "
            "digital tools. A moderate gain for very low cost, on limited evidence; it works "
            "best alongside, not instead of, teaching."
        ),
        themes=("learning-gaps", "digital-divide", "send"),
        phases=ALL_SCHOOL_PHASES,
        audiences=CLASSROOM,
        impact_months=4,
        cost_rating=1,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Individualised instruction", f"{TOOLKIT}/individualised-instruction"),),
        what_it_is=p(
            "Each pupil works on activities matched to their needs, with feedback, often "
            "using adaptive software. Since 2021 digital technology is not a strand of its "
            "own; its evidence appears inside strands like this one."
        ),
        key_findings=ul(
            "Moderate positive impact, for very little cost.",
            "Pupils working alone for long periods can lose motivation; the teacher's role "
            "stays central.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "Digital approaches that give immediate feedback tend to show larger effects. "
            "The research copy gives no phase sub-figures."
        ),
        closing_the_gap=p(
            "Useful for filling specific gaps, but only if every pupil can use the tools: "
            "check access to devices and connectivity at home before relying on them."
        ),
        **implementation(
            "Identify the specific gaps you want to close and which pupils have them.",
            "Choose tools with good diagnostic information; check device access.",
            "Keep sessions short; review the data weekly and teach from it.",
            "Drop tools no one uses; keep the ones that inform teaching.",
        ),
    ),
    DemoIntervention(
        slug="learning-styles",
        title="Learning styles",
        summary=(
            "Matching teaching to a pupil's supposed visual, auditory or kinaesthetic "
            "style. The EEF finds insufficient evidence of any benefit. Labelling pupils "
            "this way may even hold them back; spend the time elsewhere."
        ),
        themes=("leadership", "staff-recruitment-and-retention"),
        phases=ALL_SCHOOL_PHASES,
        audiences=("school-leaders", "teachers", "governors"),
        impact_months=None,
        cost_rating=1,
        evidence_rating=0,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Learning styles", f"{TOOLKIT}/learning-styles"),),
        what_it_is=p(
            "The idea that pupils learn better when teaching matches a preferred style, "
            "usually visual, auditory or kinaesthetic."
        ),
        key_findings=ul(
            "Insufficient evidence to estimate impact; the EEF shows no months figure.",
            "There is no convincing evidence that matching teaching to styles helps.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "There is no average to look behind. The idea persists in training materials; "
            "leaders can use it as a test case when reviewing CPD for evidence."
        ),
        closing_the_gap=p(
            "Labelling a pupil as a particular kind of learner can narrow what they are "
            "offered. Disadvantaged pupils need access to the full curriculum."
        ),
        **implementation(
            "Check whether learning-styles language survives in policies or CPD.",
            "Replace it with approaches that have evidence, such as feedback or metacognition.",
            "Explain the change to staff, with the evidence, not as a rule.",
            "Build evidence checks into how you choose CPD providers.",
        ),
    ),
    DemoIntervention(
        slug="mastery-learning",
        title="Mastery learning",
        summary=(
            "Breaking content into units and moving on only when pupils have secured each "
            "one, with extra support for those who need it. High impact for very low cost, "
            "on limited evidence."
        ),
        themes=("learning-gaps",),
        phases=("primary", "secondary"),
        audiences=CLASSROOM,
        impact_months=5,
        cost_rating=1,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page(
                "Mastery learning",
                "https://educationendowmentfoundation.org.uk/evidence-summaries/"
                "teaching-learning-toolkit/mastery-learning",
            ),
        ),
        what_it_is=p(
            "Pupils work through small units with a clear threshold of success on a short "
            "check, and get corrective teaching before moving on."
        ),
        key_findings=ul(
            "High average impact for very low cost.",
            "Effects are larger when pupils work in groups and when the threshold is high "
            "but reachable.",
        )
        + on_eef_page("The page's headline word is \u201chigh impact\u201d."),
        behind_the_average=p(
            "The research copy gives no sub-figures. Programmes tend to work better for "
            "pupils who start further behind, as long as the pace does not stall for others."
        ),
        closing_the_gap=p(
            "Securing foundations before moving on helps pupils with gaps from lost "
            "learning; plan extension work so others keep moving."
        ),
        **implementation(
            "Choose one subject and key stage with clear, sequenced content.",
            "Write short checks and corrective activities for each unit.",
            "Use the checks to regroup pupils; keep the time for corrective work.",
            "Share assessments across the trust or network to cut workload.",
        ),
    ),
    DemoIntervention(
        slug="mentoring",
        title="Mentoring",
        summary=(
            "Pairing pupils with mentors (older pupils, volunteers or adults from outside "
            "school) who build a relationship and offer guidance. Low academic impact for "
            "moderate cost, but mentoring can help engagement, attendance and belonging."
        ),
        themes=("engagement", "isolation-and-belonging", "attendance"),
        phases=("primary", "secondary", "post-16"),
        audiences=("school-leaders", "support-staff"),
        impact_months=2,
        cost_rating=3,
        evidence_rating=3,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Mentoring", f"{TOOLKIT}/mentoring"), OAK_COPY),
        what_it_is=p(
            "Mentoring pairs a young person with an older mentor who meets them regularly, "
            "usually weekly, to build a trusting relationship and offer support and "
            "guidance. Mentors may be volunteers, employers, university students or staff."
        ),
        key_findings=ul(
            "A low average impact on attainment (+2 months) for moderate cost.",
            "Effects on attitudes to school, attendance and behaviour are reported more "
            "often than effects on attainment.",
            "Mentoring relationships that end early may do harm; reliability of mentors matters.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "Programmes with regular meetings over a long period, trained mentors and a "
            "clear structure show the better results. Mentoring focused purely on "
            "aspiration shows little academic benefit."
        ),
        closing_the_gap=p(
            "For pupils who feel disconnected from school, including those with persistent "
            "absence, a reliable mentor can be the relationship that brings them back. "
            "Pair it with academic support if attainment is the aim."
        ),
        **implementation(
            "Decide the outcome you want (attendance, engagement, attainment) and which "
            "pupils need mentors most.",
            "Recruit and vet mentors; train them and agree a minimum commitment of a year.",
            "Meet weekly at a fixed time; a named member of staff checks in with mentors.",
            "Track attendance and engagement of mentees each term; end relationships well.",
        ),
    ),
    DemoIntervention(
        slug="metacognition-and-self-regulation",
        title="Metacognition and self-regulation",
        summary=(
            "Teaching pupils to plan, monitor and evaluate their own learning, and to manage "
            "their motivation. The highest-impact strand in the Toolkit: +8 months for very "
            "low cost, on extensive evidence."
        ),
        themes=("learning-gaps", "engagement"),
        phases=ALL_SCHOOL_PHASES,
        audiences=CLASSROOM,
        impact_months=8,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page(
                "Metacognition and self-regulation", f"{TOOLKIT}/metacognition-and-self-regulation"
            ),
            DemoSource(
                "EEF news: updated guide to metacognition and self-regulation",
                "https://educationendowmentfoundation.org.uk/news/"
                "updated-eef-guide-to-metacognition-and-self-regulation",
                EEF_PAGES_READ,
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Metacognition is thinking about one's own learning; self-regulation is "
            "managing it, including motivation. Teachers model how an expert plans a task, "
            "checks progress and reviews the result, then hand that thinking to pupils."
        ),
        key_findings=ul(
            "Very high average impact: +8 months since the May 2025 update, which added 107 "
            "studies (it was +7 in the 2021 edition).",
            "Very low cost; the main investment is professional development.",
            "Explicit teaching and modelling of strategies matters; generic study-skills "
            "lessons do less.",
        )
        + on_eef_page(
            "Months from the current page text (+8), confirmed by EEF news on the updated "
            "guide; cost and padlocks from the 2021 page (very low, extensive), as the "
            "current page's headline words were not in the copy read."
        ),
        behind_the_average=p(
            "Built on about 355 studies. One padlock was lost because many studies were not "
            "independently evaluated. Effects are found across phases and subjects."
        ),
        closing_the_gap=p(
            "Disadvantaged pupils are less likely to use these strategies unprompted, so "
            "explicit teaching of them can help narrow the gap."
        ),
        **implementation(
            "Observe how pupils approach an unfamiliar task; where does their thinking stall?",
            "Train staff to model their own planning and checking aloud; pick one or two "
            "subjects to start.",
            "Model, scaffold, then withdraw support; coach teachers in lessons.",
            "Build the language into schemes of work so it survives staff turnover.",
        ),
    ),
    DemoIntervention(
        slug="one-to-one-tuition",
        title="One to one tuition",
        summary=(
            "A teacher, teaching assistant or tutor working with one pupil, usually in short "
            "regular sessions. A moderate-to-high gain for moderate cost; well evidenced, "
            "and strongest when linked to classroom teaching."
        ),
        themes=("learning-gaps", "send"),
        phases=("primary", "secondary", "special"),
        audiences=("school-leaders", "teachers", "support-staff"),
        impact_months=5,
        cost_rating=3,
        evidence_rating=3,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            eef_page(
                "One to one tuition (pre-2021 page)",
                "http://educationendowmentfoundation.org.uk/toolkit/one-to-one-tuition",
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Intensive individual support in short, frequent sessions over a set period, "
            "alongside or instead of some lessons."
        ),
        key_findings=ul(
            "+5 months on average, for moderate cost.",
            "Short, regular sessions over a set period appear to work best.",
            "Tuition linked to what is taught in class has more impact than stand-alone work.",
        )
        + from_2025_data(
            "An older EEF page also shows +5 (with high cost on its older scale); a partner "
            "edition of the 2021 Toolkit gives moderate cost and moderate evidence."
        ),
        behind_the_average=ul(
            "Primary: about +6 months; secondary: about +4 months (2025 data, 123 studies).",
            "Teachers and trained teaching assistants both achieve gains; training matters.",
        ),
        closing_the_gap=p(
            "Tuition was the centre of the national catch-up programme. The moderate cost "
            "band (up to £720 per pupil a year) is about half a primary pupil's Pupil "
            "Premium of £1,455 (2024–25), so target it carefully."
        ),
        **implementation(
            "Use assessment to find pupils with specific, teachable gaps.",
            "Timetable sessions so pupils do not miss the same lesson each week.",
            "Share plans between tutor and class teacher; review progress every few weeks.",
            "Compare with small group tuition: similar gains are often possible for less.",
        ),
    ),
    DemoIntervention(
        slug="oral-language-interventions",
        title="Oral language interventions",
        summary=(
            "Approaches that develop pupils' spoken language and vocabulary through talk, "
            "discussion and dialogue. High impact for very low cost, on extensive evidence; "
            "especially valuable in the early years and primary."
        ),
        themes=("learning-gaps", "send", "transition"),
        phases=("early-years", "primary", "secondary"),
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=6,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page("Oral language interventions", f"{TOOLKIT}/oral-language-interventions"),
        ),
        what_it_is=p(
            "Explicit work on spoken language: reading aloud and discussing books, "
            "structured talk in lessons, vocabulary teaching, and targeted programmes for "
            "pupils with language difficulties."
        ),
        key_findings=ul(
            "+6 months on average, for very low cost.",
            "Benefits are found for all pupils, with some larger effects for younger pupils "
            "and for those with weaker language.",
        )
        + on_eef_page(
            "The revised text of the page gives the same figures, calling the impact "
            "\u201chigh\u201d rather than \u201cvery high\u201d."
        ),
        behind_the_average=p(
            "Both targeted programmes led by trained staff and whole-class approaches show "
            "gains. Approaches tied to reading tend to show the most consistent effects."
        ),
        closing_the_gap=p(
            "Pupils from disadvantaged homes start school with, on average, weaker "
            "vocabulary. Oral language work is one of the most direct ways to narrow that gap."
        ),
        **implementation(
            "Screen language on entry; listen to how pupils talk in lessons.",
            "Train staff in modelling and extending talk; choose a structured programme "
            "for pupils who need more.",
            "Plan talk into lessons deliberately, not as an extra.",
            "Re-screen each year and keep trained staff in post or trained successors.",
        ),
    ),
    DemoIntervention(
        slug="outdoor-adventure-learning",
        members_only=True,
        title="Outdoor adventure learning",
        summary=(
            "Challenging outdoor activities (climbing, expeditions, team challenges), often "
            "residential. Too little evidence to estimate impact on attainment, for moderate "
            "cost; may support confidence and belonging."
        ),
        themes=("engagement", "mental-health-and-wellbeing", "isolation-and-belonging"),
        phases=("primary", "secondary"),
        audiences=("school-leaders", "support-staff"),
        impact_months=None,
        cost_rating=3,
        evidence_rating=0,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            DemoSource(
                "Evidence for Learning (partner edition of the 2021 Toolkit): "
                "Outdoor adventure learning",
                "https://evidenceforlearning.org.au/education-evidence/"
                "teaching-learning-toolkit/outdoor-adventure-learning",
                OAK_SNAPSHOT,
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Physically and mentally challenging activities outdoors, usually in groups and "
            "often on a residential trip, with reflection on what pupils learned."
        ),
        key_findings=ul(
            "Insufficient evidence to estimate months of progress.",
            "Reported benefits are mainly non-academic: self-confidence, teamwork, resilience.",
        )
        + from_2025_data("An older EEF update had this strand at +4 months, on a different scale."),
        behind_the_average=p(
            "With no current estimate, treat claims of academic gains with caution and plan "
            "to evaluate wider outcomes you care about."
        ),
        closing_the_gap=p(
            "Residential trips are often out of reach for families on low incomes; funding "
            "places fully can give pupils experiences their peers take for granted."
        ),
        **implementation(
            "Be clear which outcomes you want and how you will notice them.",
            "Fund places so cost never decides who goes; prepare anxious pupils beforehand.",
            "Build in reflection during and after the activity.",
            "Ask pupils a term later what stayed with them; keep what they value.",
        ),
    ),
    DemoIntervention(
        slug="parental-engagement",
        title="Parental engagement",
        summary=(
            "Helping parents and carers support their children's learning, from sharing "
            "information to structured programmes. Moderate impact for very low cost, on "
            "extensive evidence; a route to better attendance as well as learning."
        ),
        themes=("place-and-community", "attendance", "poverty-and-hunger"),
        phases=("early-years", "primary", "secondary"),
        audiences=("school-leaders", "support-staff", "governors"),
        impact_months=4,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page(
                "Parental engagement",
                "http://educationendowmentfoundation.org.uk/education-evidence/"
                "teaching-learning-toolkit/parental-engagement",
            ),
        ),
        what_it_is=p(
            "Schools helping families to support learning: practical tips for reading at "
            "home, regular two-way communication, workshops and structured programmes, and "
            "more intensive support for families who need it."
        ),
        key_findings=ul(
            "+4 months on average, for very low cost, on extensive evidence.",
            "Engagement focused on learning at home works better than general involvement "
            "in school life.",
            "It is hard to engage the families who might benefit most; plan for that.",
        )
        + on_eef_page("The 2021 page and the revised text agree."),
        behind_the_average=p(
            "Effects tend to be larger in the early years and primary. Programmes that give "
            "parents specific, practical strategies outperform general communication."
        ),
        closing_the_gap=p(
            "Families facing poverty, long working hours or language barriers engage less "
            "with school. Flexible timing, translation and personal contact matter. Strong "
            "relationships with families also underpin work on persistent absence."
        ),
        **implementation(
            "Ask families what would help; map which families you rarely hear from.",
            "Plan a few practical, learning-focused messages and sessions; translate them.",
            "Make personal contact with families you do not usually reach.",
            "Review engagement by pupil group each term and adjust.",
        ),
    ),
    DemoIntervention(
        slug="peer-tutoring",
        title="Peer tutoring",
        summary=(
            "Pupils working in pairs or small groups to teach each other, often an older or "
            "higher-attaining tutor with a younger tutee. High impact for very low cost, on "
            "extensive evidence; tutors gain as well as tutees."
        ),
        themes=("learning-gaps", "isolation-and-belonging", "transition"),
        phases=("primary", "secondary"),
        audiences=CLASSROOM,
        impact_months=6,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Peer tutoring", f"{TOOLKIT}/peer-tutoring"), OAK_COPY),
        what_it_is=p(
            "Structured tutoring between pupils: cross-age tutoring, same-age reciprocal "
            "tutoring where roles swap, or class-wide peer tutoring."
        ),
        key_findings=ul(
            "+6 months on average, for very low cost.",
            "Both tutors and tutees benefit.",
            "Structure and training for tutors are essential; unstructured pairing does little.",
        )
        + on_eef_page(
            "The current stored page reads \u201cvery high impact\u201d; an earlier stored "
            "version of the same URL read \u201chigh impact\u201d with about +5 in its text."
        ),
        behind_the_average=ul(
            "Primary: about +5 months; secondary: about +7 months (2025 data, 145 studies).",
            "Cross-age tutoring tends to show larger effects than same-age tutoring.",
        ),
        closing_the_gap=p(
            "Cross-phase peer tutoring (Year 7 with Year 5, say) can ease transition and "
            "give older pupils responsibility as well as tutees extra practice."
        ),
        **implementation(
            "Choose a focus where practice matters, such as reading fluency or number facts.",
            "Train tutors; give pairs scripts or structured materials.",
            "Run short, frequent sessions; supervise and adjust pairings.",
            "Train each new cohort of tutors; let former tutees become tutors.",
        ),
    ),
    DemoIntervention(
        slug="performance-pay",
        members_only=True,
        title="Performance pay",
        summary=(
            "Linking teachers' pay to pupils' results or to appraisal. A very small gain "
            "for low cost, on very limited evidence; consider recruitment and retention "
            "effects before anything else."
        ),
        themes=("staff-recruitment-and-retention", "leadership"),
        phases=("primary", "secondary"),
        audiences=GOVERNANCE,
        impact_months=1,
        cost_rating=2,
        evidence_rating=1,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            DemoSource(
                "Queen Rania Foundation toolkit (copy of the 2021 EEF text): Performance pay",
                "https://qrf.org/en/educational-resources/teaching-and-learning-toolkit/"
                "performance-pay-0",
                OAK_SNAPSHOT,
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Schemes that pay teachers bonuses or progression according to measures of "
            "performance, usually pupils' test results."
        ),
        key_findings=ul(
            "+1 month on average, on very limited evidence: the older EEF text described "
            "the impact as \u201cjust above zero\u201d.",
            "Designs vary widely, and unintended effects on collaboration are a risk.",
        )
        + from_2025_data("A pre-2021 EEF update moved this strand from 0 to +1."),
        behind_the_average=p(
            "Studies come from many systems with different pay structures, so results "
            "transfer poorly to English schools."
        ),
        closing_the_gap=p(
            "Pay schemes tied to results can discourage teachers from working in schools "
            "serving disadvantaged communities. Retention of good teachers matters more."
        ),
        **implementation(
            "Ask what problem pay is meant to solve: recruitment, retention or effort?",
            "Consider workload, development and flexible working first.",
            "If used, keep measures broad and collaborative.",
            "Monitor retention and staff views each year.",
        ),
    ),
    DemoIntervention(
        slug="phonics",
        title="Phonics",
        summary=(
            "Teaching pupils the links between sounds and letters so they can decode words. "
            "A moderate-to-high gain for very low cost, on extensive evidence; central to "
            "early reading and to catch-up for older struggling readers."
        ),
        themes=("learning-gaps", "send"),
        phases=("early-years", "primary", "special"),
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=5,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Phonics", f"{TOOLKIT}/phonics"),),
        what_it_is=p(
            "Systematic teaching of how sounds map to letters and letter groups, and of "
            "blending them to read words; usually a structured daily programme."
        ),
        key_findings=ul(
            "+5 months on average, for very low cost.",
            "Most effective for younger pupils learning to read; also helps older pupils "
            "who have not secured decoding.",
        )
        + on_eef_page(
            "The revised text shows extensive evidence (4 padlocks); the 2021 page showed "
            "very extensive (5). The revised figure is used."
        ),
        behind_the_average=p(
            "Phonics is most effective as part of a broader literacy approach including "
            "comprehension and vocabulary. The research copy gives no phase sub-figures."
        ),
        closing_the_gap=p(
            "Pupils who fall behind in decoding early rarely catch up on their own. Fast, "
            "frequent catch-up keeps them in the full curriculum."
        ),
        **implementation(
            "Check how many pupils leave Year 2 without secure decoding, and where in "
            "secondary older non-readers are.",
            "Choose one systematic programme; train every adult who teaches reading.",
            "Teach daily; assess often; give extra practice the same day to those who need it.",
            "Keep training new staff, including support staff, on the same programme.",
        ),
    ),
    DemoIntervention(
        slug="physical-activity",
        title="Physical activity",
        summary=(
            "Sport, active lessons and other physical activity in and beyond the school day. "
            "A small academic gain for very low cost, on moderate evidence, alongside wider "
            "benefits for health and wellbeing."
        ),
        themes=("mental-health-and-wellbeing", "engagement"),
        phases=("primary", "secondary", "special"),
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=1,
        cost_rating=1,
        evidence_rating=3,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Physical activity", f"{TOOLKIT}/physical-activity"), OAK_COPY),
        what_it_is=p(
            "Planned physical activity: sports programmes, active breaks, or lessons "
            "that combine movement with academic content."
        ),
        key_findings=ul(
            "+1 month on average for very low cost, on moderate evidence.",
            "Benefits for physical and mental health are the stronger reason to invest.",
        )
        + on_eef_page(
            "The 2025 data copy gives +2 months and 4 padlocks; the EEF page shows +1 and "
            "moderate evidence (3), which is used here."
        ),
        behind_the_average=p(
            "Activities that build academic content into movement show the larger academic "
            "effects; sport alone shows less."
        ),
        closing_the_gap=p(
            "Pupils from low-income families are less likely to join paid clubs. Free, "
            "inclusive activity at school widens access and can support wellbeing."
        ),
        **implementation(
            "Find out which pupils are least active and why.",
            "Plan free activity at times pupils can attend; train staff to include all.",
            "Use short active breaks in long lessons.",
            "Ask pupils what they enjoy; keep activities that stay full.",
        ),
    ),
    DemoIntervention(
        slug="reading-comprehension-strategies",
        title="Reading comprehension strategies",
        summary=(
            "Teaching pupils techniques to understand what they read: predicting, "
            "questioning, clarifying, summarising. High impact for very low cost, on "
            "extensive evidence; key for pupils moving into secondary school."
        ),
        themes=("learning-gaps", "transition"),
        phases=("primary", "secondary"),
        audiences=CLASSROOM,
        impact_months=6,
        cost_rating=1,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page(
                "Reading comprehension strategies", f"{TOOLKIT}/reading-comprehension-strategies"
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Explicit teaching of strategies readers use to make sense of text, modelled "
            "by the teacher and practised with increasingly challenging texts."
        ),
        key_findings=ul(
            "+6 months on average, for very low cost, on extensive evidence.",
            "Strategies need to be taught explicitly and practised on real texts.",
        )
        + on_eef_page(
            "A third-party copy of the October 2025 update gives +7 months and 3 padlocks; "
            "that has not been seen on an EEF page, so the page's +6 and 4 padlocks are used."
        ),
        behind_the_average=p(
            "Effects are found in primary and secondary. Texts must be challenging enough "
            "to need the strategies, and pupils must be able to decode them."
        ),
        closing_the_gap=p(
            "Reading for meaning unlocks the whole secondary curriculum. Pupils who arrive "
            "in Year 7 as weak readers need this taught, not assumed."
        ),
        **implementation(
            "Assess reading at transition; separate decoding gaps from comprehension gaps.",
            "Train staff across subjects in a small set of strategies.",
            "Model with subject texts; move from teacher-led to pupil-led practice.",
            "Keep a shared language for the strategies from Year 5 to Year 8.",
        ),
    ),
    DemoIntervention(
        slug="reducing-class-size",
        title="Reducing class size",
        summary=(
            "Cutting the number of pupils per teacher. A small gain for very high cost, on "
            "very limited evidence: benefits appear only when classes become much smaller "
            "and teaching changes to use it."
        ),
        themes=("leadership", "staff-recruitment-and-retention"),
        phases=("primary", "secondary"),
        audiences=GOVERNANCE,
        impact_months=2,
        cost_rating=5,
        evidence_rating=1,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page("Reducing class size", f"{TOOLKIT}/reducing-class-size"),
            OAK_COPY,
        ),
        what_it_is=p(
            "Fewer pupils per class, through more teachers or more rooms, on a permanent "
            "basis or for selected groups."
        ),
        key_findings=ul(
            "+2 months on average, for very high cost (over £1,200 per pupil a year).",
            "Gains only appear with substantial reductions and changed teaching.",
        )
        + on_eef_page("The 2025 data copy gives +1 month; the EEF page shows +2."),
        behind_the_average=p(
            "Large reductions, used to give more individual feedback, account for most of "
            "the positive findings; small reductions show little."
        ),
        closing_the_gap=p(
            "With recruitment tight and budgets stretched, the same money spent on tutoring "
            "or on developing teachers usually does more for disadvantaged pupils."
        ),
        **implementation(
            "Compare the cost with targeted alternatives before committing.",
            "If used, reserve small classes for pupils with the greatest need.",
            "Change teaching to use the smaller size: more feedback, more talk.",
            "Review annually against attainment and cost.",
        ),
    ),
    DemoIntervention(
        slug="repeating-a-year",
        title="Repeating a year",
        summary=(
            "Making pupils who have fallen behind repeat a school year. Negative impact for "
            "very high cost: pupils who repeat make less progress than similar pupils who "
            "move on. Rare in England, but the lesson applies to holding pupils back."
        ),
        themes=("leadership", "learning-gaps"),
        phases=("primary", "secondary"),
        audiences=GOVERNANCE,
        impact_months=-3,
        cost_rating=5,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Repeating a year", f"{TOOLKIT}/repeating-a-year"), OAK_COPY),
        what_it_is=p(
            "Pupils who have not reached a standard repeat the year instead of moving up."
        ),
        key_findings=ul(
            "-3 months on average: less progress than comparable pupils who move on.",
            "Very high cost, as the pupil spends an extra year in school.",
        )
        + on_eef_page("The 2025 data copy gives -2 months; the EEF page shows -3."),
        behind_the_average=p(
            "Negative effects tend to be larger for younger pupils and may widen gaps for "
            "pupils from disadvantaged backgrounds."
        ),
        closing_the_gap=p(
            "Targeted support during the year, such as tuition, is the evidence-based "
            "alternative for pupils at risk of falling behind."
        ),
        **implementation(
            "Use the evidence when families or staff propose holding a pupil back.",
            "Plan early, targeted catch-up instead.",
            "Monitor progress of pupils at risk every half term.",
            "Review policy on entry points for pupils arriving mid-year.",
        ),
    ),
    DemoIntervention(
        slug="school-uniform",
        title="School uniform",
        summary=(
            "Introducing or changing a uniform policy. Too little evidence to estimate any "
            "effect on attainment, for very low cost. Cost to families and belonging are the "
            "questions worth asking."
        ),
        themes=("poverty-and-hunger", "isolation-and-belonging"),
        phases=("primary", "secondary"),
        audiences=GOVERNANCE,
        impact_months=None,
        cost_rating=1,
        evidence_rating=0,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("School uniform", f"{TOOLKIT}/school-uniform"),),
        what_it_is=p("A policy requiring pupils to wear a set uniform, or a change to one."),
        key_findings=ul(
            "Insufficient evidence to estimate impact on attainment.",
            "Uniform alone is unlikely to improve learning or behaviour.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "No estimate exists, so there is nothing to break down. Any benefits claimed "
            "for belonging or behaviour rest on other changes made at the same time."
        ),
        closing_the_gap=p(
            "Branded items raise the cost of the school day. Keep them to a minimum, run a "
            "second-hand shop, and never let uniform keep a pupil out of lessons."
        ),
        **implementation(
            "Cost your uniform for a family with two children.",
            "Cut branded items; set up a free exchange.",
            "Handle uniform issues privately and supportively.",
            "Review the policy with families every few years.",
        ),
    ),
    DemoIntervention(
        slug="setting-and-streaming",
        title="Setting and streaming",
        summary=(
            "Grouping pupils into classes by prior attainment. No overall impact for very "
            "low cost, on very limited evidence, and lower-attaining groups may lose ground. "
            "Worth reviewing who ends up in bottom sets."
        ),
        themes=("learning-gaps", "leadership"),
        phases=("primary", "secondary"),
        audiences=GOVERNANCE,
        impact_months=0,
        cost_rating=1,
        evidence_rating=1,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Setting and streaming", f"{TOOLKIT}/setting-and-streaming"), OAK_COPY),
        what_it_is=p(
            "Setting groups pupils by attainment for particular subjects; streaming groups "
            "them for most or all lessons."
        ),
        key_findings=ul(
            "No impact on average; the EEF page says \u201cno impact\u201d.",
            "Small gains for higher attainers are offset by losses for lower attainers.",
        )
        + on_eef_page(
            "The page's headline says \u201cno impact\u201d; 0 months is recorded, as in the "
            "2025 data copy (the figure itself was not in the stored excerpt)."
        ),
        behind_the_average=p(
            "Pupils in lower sets are more often disadvantaged and are more often taught by "
            "less experienced teachers; both can widen gaps."
        ),
        closing_the_gap=p(
            "Check whether disadvantaged pupils are over-represented in lower sets, and who "
            "teaches those sets."
        ),
        **implementation(
            "Analyse set placement by disadvantage, SEND and ethnicity.",
            "If you keep sets, allocate strong teachers to lower sets and allow movement.",
            "Review placements each term on current attainment, not history.",
            "Report placement patterns to governors annually.",
        ),
    ),
    DemoIntervention(
        slug="small-group-tuition",
        title="Small group tuition",
        summary=(
            "One adult teaching two to five pupils together, usually to fill specific gaps. "
            "Moderate impact for low cost; groups of two or three tend to beat larger ones."
        ),
        themes=("learning-gaps", "send"),
        phases=("primary", "secondary", "special"),
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=4,
        cost_rating=2,
        evidence_rating=3,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            eef_page(
                "Small group tuition (pre-2021 page)",
                "http://educationendowmentfoundation.org.uk/toolkit/small-group-tuition",
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Intensive teaching of a small group, in or out of lessons, usually for a "
            "set number of sessions on a defined area of need."
        ),
        key_findings=ul(
            "+4 months on average, for low cost.",
            "Smaller groups (2 to 3) tend to do better than groups of 4 to 5.",
            "Linking sessions to classroom teaching increases impact.",
        )
        + from_2025_data(
            "An older EEF page also shows +4; partner editions of the 2021 Toolkit show low "
            "cost and moderate evidence."
        ),
        behind_the_average=p(
            "Sessions led by trained staff with a structured programme show the most "
            "consistent effects. Assessment to group pupils with the same gap is key."
        ),
        closing_the_gap=p(
            "Often a more cost-effective way than one to one tuition to give many "
            "disadvantaged pupils intensive support."
        ),
        **implementation(
            "Group pupils by the specific gap, not by general attainment.",
            "Train staff in the programme; plan sessions with the class teacher.",
            "Keep groups small and sessions regular; assess at the end of each block.",
            "Rotate pupils out when gaps close; keep records of what worked.",
        ),
    ),
    DemoIntervention(
        slug="social-and-emotional-learning",
        title="Social and emotional learning",
        summary=(
            "Teaching pupils to understand and manage their emotions, relationships and "
            "decisions. Moderate impact for very low cost, on very limited evidence by the "
            "EEF page; it underpins wellbeing and a sense of belonging."
        ),
        themes=("mental-health-and-wellbeing", "isolation-and-belonging", "engagement"),
        phases=("primary", "secondary", "special"),
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=4,
        cost_rating=1,
        evidence_rating=1,
        figures_checked=EEF_PAGES_READ,
        sources=(
            eef_page("Social and emotional learning", f"{TOOLKIT}/social-and-emotional-learning"),
            OAK_COPY,
        ),
        what_it_is=p(
            "Programmes and everyday practice that build self-awareness, self-management, "
            "social awareness, relationship skills and responsible decisions."
        ),
        key_findings=ul(
            "+4 months on average, for very low cost.",
            "Benefits to attitudes, behaviour and relationships are widely reported.",
        )
        + on_eef_page(
            "The 2025 data copy gives +3 months and 3 padlocks, a big change in evidence "
            "rating; the EEF page read shows +4 and very limited evidence (1). Re-check first."
        ),
        behind_the_average=p(
            "Whole-school programmes embedded in routine practice tend to outperform "
            "stand-alone lessons."
        ),
        closing_the_gap=p(
            "Pupils facing adversity at home may have fewer chances to practise these skills "
            "and more need of them; SEL also supports mental health and belonging."
        ),
        **implementation(
            "Use a wellbeing survey to see where pupils struggle.",
            "Choose a structured programme; train all staff, not only tutors.",
            "Model the skills in everyday interactions, not only in SEL lessons.",
            "Re-survey annually; link to your mental health and wellbeing plan.",
        ),
    ),
    DemoIntervention(
        slug="summer-schools",
        title="Summer schools",
        summary=(
            "Lessons or activities during the summer holiday, often to catch up or to ease "
            "transition to secondary. A moderate gain for moderate cost, on limited "
            "evidence; attendance is the usual weak point."
        ),
        themes=("transition", "learning-gaps", "poverty-and-hunger"),
        phases=("primary", "secondary"),
        audiences=GOVERNANCE,
        impact_months=3,
        cost_rating=3,
        evidence_rating=2,
        figures_checked=EEF_PAGES_READ,
        sources=(eef_page("Summer schools", f"{TOOLKIT}/summer-schools"),),
        what_it_is=p(
            "Structured sessions in the summer break, with academic teaching, enrichment or "
            "both; many target pupils moving from primary to secondary."
        ),
        key_findings=ul(
            "+3 months on average, for moderate cost.",
            "Academic focus and small groups with experienced teachers raise impact.",
            "Pupils most in need are often least likely to attend.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "Summer schools with intensive teaching in small groups show larger effects "
            "than those offering mainly activities."
        ),
        closing_the_gap=p(
            "A transition summer school, with food, can ease the move to Year 7 for "
            "vulnerable pupils and cover a hungry holiday."
        ),
        **implementation(
            "Decide the purpose: catch-up, transition, or both.",
            "Recruit pupils personally; provide food and transport where needed.",
            "Staff with teachers pupils will meet in September.",
            "Follow pupils through the autumn term to see if it stuck.",
        ),
    ),
    DemoIntervention(
        slug="teaching-assistant-interventions",
        title="Teaching assistant interventions",
        summary=(
            "Trained teaching assistants delivering structured interventions to individuals "
            "or small groups. Moderate impact for moderate cost; how TAs are deployed and "
            "trained decides whether there is any gain."
        ),
        themes=("send", "learning-gaps", "staff-recruitment-and-retention"),
        phases=("primary", "secondary", "special"),
        audiences=("school-leaders", "support-staff", "governors"),
        impact_months=4,
        cost_rating=3,
        evidence_rating=3,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            DemoSource(
                "EEF Teaching and Learning Toolkit: Teaching assistant interventions "
                "(EEF development-site copy, revised text)",
                "https://eef.dev/education-evidence/teaching-learning-toolkit/"
                "teaching-assistant-interventions",
                OAK_SNAPSHOT,
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "Support staff leading structured, time-limited programmes with clear "
            "objectives, rather than general in-class support."
        ),
        key_findings=ul(
            "+4 months on average when TAs deliver structured interventions with training.",
            "General classroom support from TAs, without structure, shows little benefit.",
        )
        + from_2025_data(
            "A partner edition of the 2021 Toolkit agrees (+4, moderate cost, moderate "
            "evidence); the EEF development-site's revised text speaks of around three "
            "months, so expect this figure to move."
        ),
        behind_the_average=p(
            "Programmes with scripted materials and training show the larger effects. Links "
            "between TA sessions and class teaching matter."
        ),
        closing_the_gap=p(
            "Pupils with SEND and lower attainers spend the most time with TAs. Make sure "
            "that time adds to, rather than replaces, time with the teacher."
        ),
        **implementation(
            "Map how TAs spend their time and with which pupils.",
            "Train TAs in one or two structured programmes; give them planning time.",
            "Schedule sessions and protect them from cover.",
            "Value TAs' expertise in appraisal and development to keep them.",
        ),
    ),
    DemoIntervention(
        slug="within-class-attainment-grouping",
        title="Within-class attainment grouping",
        summary=(
            "Grouping pupils by attainment inside one class for some activities. A small "
            "gain for very low cost, on very limited evidence; flexible groups that change "
            "often work better than fixed tables."
        ),
        themes=("learning-gaps",),
        phases=("primary", "secondary"),
        audiences=CLASSROOM,
        impact_months=2,
        cost_rating=1,
        evidence_rating=1,
        figures_checked=OAK_SNAPSHOT,
        sources=(
            DemoSource(
                "Evidence for Learning (partner edition of the 2021 Toolkit): "
                "Within-class attainment grouping",
                "https://evidenceforlearning.org.au/education-evidence/"
                "teaching-learning-toolkit/within-class-achievement-grouping",
                OAK_SNAPSHOT,
            ),
            DemoSource(
                "EEF news: setting pupils by attainment unlikely to boost attainment",
                "https://educationendowmentfoundation.org.uk/news/"
                "setting-pupils-by-attainment-unlikely-to-boost-attainment",
                OAK_SNAPSHOT,
            ),
            OAK_COPY,
        ),
        what_it_is=p(
            "The teacher groups pupils by current attainment within the class and sets "
            "different tasks or gives different support to each group."
        ),
        key_findings=ul(
            "+2 months on average for very low cost, on very limited evidence.",
            "Fixed groups can lower expectations for lower-attaining pupils.",
        )
        + from_2025_data("The EEF's launch release for this strand spoke of about +3 months."),
        behind_the_average=p(
            "Effects are larger when groups are fluid and tasks are genuinely matched to "
            "need, not simply easier."
        ),
        closing_the_gap=p(
            "Watch whether disadvantaged pupils are always in the same group, and whether "
            "that group gets the least teacher time."
        ),
        **implementation(
            "Check who sits in which group and for how long.",
            "Plan groups from recent assessment; regroup often.",
            "Give lower-attaining groups teacher time, not only worksheets.",
            "Review group composition termly.",
        ),
    ),
    DemoIntervention(
        slug="early-years-communication-and-language",
        title="Communication and language approaches (early years)",
        summary=(
            "Developing young children's spoken language through rich adult–child "
            "interaction, storytelling and targeted support. Very high impact for very low "
            "cost, on moderate evidence."
        ),
        themes=("learning-gaps", "transition", "send"),
        phases=("early-years",),
        audiences=EVERYONE_IN_SCHOOL,
        impact_months=7,
        cost_rating=1,
        evidence_rating=3,
        figures_checked=EEF_PAGES_READ,
        sources=(
            DemoSource(
                "EEF Early Years Toolkit: Communication and language approaches",
                "https://educationendowmentfoundation.org.uk/early-years/toolkit/"
                "communication-and-language-approaches",
                EEF_PAGES_READ,
            ),
        ),
        what_it_is=p(
            "Everyday practice that builds talk: modelling and extending children's "
            "language, shared reading with discussion, songs and rhymes, and targeted "
            "programmes for children whose language is delayed."
        ),
        key_findings=ul(
            "+7 months on average, described as very high impact, for very low cost.",
            "Adults in high-quality conversation with children show the strongest effects.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "Both universal practice and targeted work for children with delays show "
            "benefits. Encouraging children to join in during story time is one practical "
            "route highlighted by EEF-funded work."
        ),
        closing_the_gap=p(
            "Language gaps open early. Good early years practice is one of the most "
            "cost-effective ways to narrow them before school."
        ),
        **implementation(
            "Screen children's language on entry and listen to adult–child talk.",
            "Train all practitioners in modelling and extending language.",
            "Plan daily shared reading and small-group talk.",
            "Share strategies with families; re-screen at transition to Reception.",
        ),
    ),
    DemoIntervention(
        slug="early-years-parental-engagement",
        title="Parental engagement (early years)",
        summary=(
            "Helping families support learning at home in the early years: shared reading, "
            "play and talk. High impact for low cost, on extensive evidence."
        ),
        themes=("place-and-community", "learning-gaps"),
        phases=("early-years",),
        audiences=("school-leaders", "support-staff"),
        impact_months=5,
        cost_rating=2,
        evidence_rating=4,
        figures_checked=EEF_PAGES_READ,
        sources=(
            DemoSource(
                "EEF Early Years Toolkit: Parental engagement",
                f"{EARLY_YEARS}/parental-engagement",
                EEF_PAGES_READ,
            ),
        ),
        what_it_is=p(
            "Settings working with parents to develop home learning: book-sharing, "
            "practical ideas for play and talk, home visits and parent groups."
        ),
        key_findings=ul(
            "+5 months on average, described as high impact, for low cost.",
            "Structured programmes with practical activities show the most consistent effects.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "Programmes that give parents specific activities to do at home tend to work "
            "better than general information."
        ),
        closing_the_gap=p(
            "Families under financial pressure have less time and fewer resources for home "
            "learning; lending books and running sessions at workable times helps."
        ),
        **implementation(
            "Ask families what would help and when they can come.",
            "Plan a book-lending scheme and simple activity packs.",
            "Hold short sessions at drop-off and pick-up times.",
            "Keep contact going through the move to Reception.",
        ),
    ),
    DemoIntervention(
        slug="early-years-social-and-emotional-learning",
        title="Social and emotional learning strategies (early years)",
        summary=(
            "Helping young children recognise and manage feelings and get along with others. "
            "Moderate impact for very low cost, on very limited evidence."
        ),
        themes=("mental-health-and-wellbeing", "isolation-and-belonging"),
        phases=("early-years",),
        audiences=("school-leaders", "support-staff"),
        impact_months=3,
        cost_rating=1,
        evidence_rating=1,
        figures_checked=EEF_PAGES_READ,
        sources=(
            DemoSource(
                "EEF Early Years Toolkit: Social and emotional learning strategies",
                f"{EARLY_YEARS}/social-and-emotional-learning-strategies",
                EEF_PAGES_READ,
            ),
        ),
        what_it_is=p(
            "Approaches that build young children's awareness of feelings, self-control "
            "and relationships, through play, stories and adult modelling."
        ),
        key_findings=ul(
            "+3 months on average for very low cost, on very limited evidence.",
            "Wider benefits for behaviour and relationships are often reported.",
        )
        + on_eef_page(),
        behind_the_average=p(
            "Embedded everyday practice tends to work better than stand-alone sessions. "
            "The EEF's early years evidence store adds practice guidance on self-regulation."
        ),
        closing_the_gap=p(
            "Children who have experienced stress or isolation at home benefit from "
            "consistent, warm adult modelling of how to manage feelings."
        ),
        **implementation(
            "Observe where children struggle: sharing, waiting, settling.",
            "Agree shared language for feelings across the team.",
            "Model, name and praise the skills during play.",
            "Share the language with families and with Reception teachers.",
        ),
    ),
)
