"""Further reading (70 items) and four reading lists.

Real publications and pages named in our domain research, with the links it gives; the
annotations are ours. Where the research gives no date for a web page, ``year`` is our
best estimate of the edition it describes (for example 2021 for pages of the relaunched
Toolkit): check it before citing. Items marked "Demo:" are fictional, link to example.org,
and exist only to fill themes the public record says little about.
"""

from reconnect.demo.hub.shapes import DemoReading, DemoReadingList

EEF = "Education Endowment Foundation"
EEF_SITE = "https://educationendowmentfoundation.org.uk"
RECONNECT = "Reconnect London"
DEMO_PUBLISHER = "Reconnect demo content (fictional)"
DEMO_NOTE = " This is demonstration content: the publication does not exist."


def reading(
    slug: str,
    title: str,
    *,
    authors: str,
    year: int,
    publisher: str,
    url: str,
    summary: str,
    annotation: str,
    themes: tuple[str, ...],
    phases: tuple[str, ...] = (),
    audiences: tuple[str, ...] = ("school-leaders",),
    members_only: bool = False,
) -> DemoReading:
    return DemoReading(
        slug=slug,
        title=title,
        authors=authors,
        year=year,
        publisher=publisher,
        url=url,
        summary=summary,
        annotation=annotation,
        themes=themes,
        phases=phases,
        audiences=audiences,
        members_only=members_only,
    )


def demo_reading(
    slug: str, title: str, *, summary: str, annotation: str, **tags: object
) -> DemoReading:
    return reading(
        slug,
        f"Demo: {title}",
        authors="Reconnect demo team",
        year=2026,
        publisher=DEMO_PUBLISHER,
        url=f"https://example.org/demo/{slug}",
        summary=summary,
        annotation=annotation + DEMO_NOTE,
        **tags,  # type: ignore[arg-type]
    )


FURTHER_READING: tuple[DemoReading, ...] = (
    # The network's own publications.
    reading(
        "london-learners-london-lives",
        "London Learners, London Lives",
        authors=RECONNECT,
        year=2022,
        publisher="Reconnect London, funded by Mulberry Schools Trust",
        url="https://reconnectlondon.org/our-work/knowledge-hub/",
        summary="The network's first report: a review of the literature on disadvantage and "
        "how it plays out for young Londoners, with a working definition.",
        annotation="Read this first if you are building a shared language about disadvantage "
        "with staff or governors. It looks at economic and social perspectives, gender, "
        "ethnicity, SEND, looked-after children and place, and at the agency that helps "
        "young people overcome barriers.",
        themes=("poverty-and-hunger", "place-and-community", "leadership"),
        audiences=("school-leaders", "governors", "system-leaders"),
    ),
    reading(
        "london-leaders-beyond-the-classroom",
        "London Leaders, Beyond the Classroom",
        authors="Katherine Vincent, for Reconnect London",
        year=2023,
        publisher=RECONNECT,
        url="https://reconnectlondon.org/our-work/knowledge-hub/",
        summary="Case studies of how London schools respond to their local settings, and of "
        "leadership that reaches beyond the school gates.",
        annotation="Useful for leaders thinking about the civic role of their school: the "
        "report treats schools as local infrastructure and shows, through case studies, "
        "what context-responsive leadership looks like in practice.",
        themes=("place-and-community", "leadership"),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "london-leaders-beyond-the-pandemic",
        "London Leaders, Beyond the Pandemic",
        authors=RECONNECT,
        year=2023,
        publisher=RECONNECT,
        url="https://reconnectlondon.org/our-work/knowledge-hub/",
        summary="How London schools responded to Covid-19, the strategies they invented, "
        "and what those add to a more inclusive and resilient system.",
        annotation="A record of what schools learned under pressure. Read it for ideas that "
        "outlasted lockdown, from food distribution to remote contact with families.",
        themes=("leadership", "engagement", "digital-divide"),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "reconnect-written-evidence-persistent-absence",
        "Written evidence to the Education Committee: persistent absence and support for "
        "disadvantaged pupils",
        authors=RECONNECT,
        year=2023,
        publisher="UK Parliament, House of Commons Education Committee (HC 970)",
        url="https://committees.parliament.uk/writtenevidence/118397/html/",
        summary="The network's evidence to the Commons inquiry on persistent absence: why "
        "disadvantaged pupils were hit hardest and why attendance matters.",
        annotation="Short and direct. It explains how the network began after a ministerial "
        "round table on attendance, and argues that two decades of London attendance "
        "strategies softened the pandemic's effect on persistent absence.",
        themes=("attendance", "poverty-and-hunger"),
        audiences=("school-leaders", "governors", "system-leaders"),
    ),
    reading(
        "education-committee-call-for-evidence-absence",
        "Persistent absence and support for disadvantaged pupils: call for evidence",
        authors="House of Commons Education Committee",
        year=2023,
        publisher="UK Parliament",
        url="https://committees.parliament.uk/call-for-evidence/3009",
        summary="The inquiry's terms: causes of persistent and severe absence, support for "
        "schools and families, breakfast clubs, free school meals and holiday clubs.",
        annotation="A compact list of the questions Parliament asked about persistent absence. "
        "Useful as a checklist when reviewing your own attendance strategy.",
        themes=("attendance", "poverty-and-hunger"),
        audiences=("school-leaders", "governors"),
    ),
    reading(
        "practitioner-led-education-recovery",
        "Reconnect London: a practitioner-led approach to education recovery",
        authors=RECONNECT,
        year=2021,
        publisher=RECONNECT,
        url="https://reconnectlondon.org/reconnect-london-a-practitioner-led-approach-to-education-recovery/",
        summary="The network's early blog on recovery: tuition, attendance, and the issues "
        "members raised, from transition to the digital divide.",
        annotation="Worth reading for its point about place: disadvantage has an area "
        "dimension as well as an individual one, and lockdown may have amplified it.",
        themes=(
            "place-and-community",
            "digital-divide",
            "transition",
            "staff-recruitment-and-retention",
        ),
    ),
    reading(
        "olevi-civic-role-of-schools",
        "Civic role of schools extends outside the gates",
        authors="Katherine Vincent",
        year=2023,
        publisher="Olevi",
        url="https://www.olevi.com/blog/civic-role-of-schools-extends-outside-the-gates/",
        summary="A summary of Beyond the Classroom: schools as civic infrastructure, and what "
        "schools did for families in 2020–21.",
        annotation="A quick way into the longer report, with examples of schools handing out "
        "learning materials and food parcels while staying open.",
        themes=("place-and-community", "poverty-and-hunger"),
    ),
    reading(
        "olevi-shared-experiences-leadership-growth",
        "Shared experiences prove invaluable for leadership growth",
        authors="Katherine Vincent",
        year=2023,
        publisher="Olevi",
        url="https://www.olevi.com/blog/shared-experiences-prove-invaluable-for-leadership-growth/",
        summary="How the network writes case studies: description not evaluation, leaders as "
        "experts, evidence of impact, and what applies elsewhere.",
        annotation="Read before writing a case study for the Hub: it explains the four "
        "principles our case studies follow, and why the network does not judge schools.",
        themes=("leadership",),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "tes-model-for-regional-improvement",
        "Could this be the model for the DfE's regional improvement teams?",
        authors="Ellen Peirson-Hagger",
        year=2024,
        publisher="Tes",
        url="https://tes.com/magazine/analysis/general/model-government-regional-improvement-teams-leaders-schools",
        summary="A feature on Reconnect London as place-based support linking experienced "
        "leaders with schools that need help.",
        annotation="An outside view of the network, set against the DfE's improvement offer. "
        "Useful for governors and trust leaders weighing forms of school-to-school support.",
        themes=("leadership", "place-and-community"),
        audiences=("school-leaders", "governors", "system-leaders"),
    ),
    reading(
        "looking-through-the-kaleidoscope",
        "Looking through the kaleidoscope: school leadership and place-based change",
        authors="Vanessa Ogden",
        year=2024,
        publisher="Mulberry Schools Trust",
        url="https://mulberryschoolstrust.org/through-the-kaleidoscope",
        summary="An argument that leaders must read the place their school serves, and how "
        "identity and place interact.",
        annotation="A thoughtful paper for leaders new to a community. It lists the aspects of "
        "identity that interact with place and asks what that means for school strategy.",
        themes=("place-and-community", "leadership", "isolation-and-belonging"),
        members_only=True,
    ),
    reading(
        "ucl-leading-into-the-future",
        "Leading into the Future: a leadership programme for London",
        authors="UCL Centre for Educational Leadership and Reconnect London",
        year=2024,
        publisher="UCL Institute of Education",
        url="https://www.ucl.ac.uk/ioe/departments-and-centres/centres/ucl-centre-educational-leadership/leadership-programme-leading-future",
        summary="A free two-term programme of place-based collaborative enquiry for senior "
        "leaders in London schools.",
        annotation="The programme page sets out the challenges it responds to (child poverty, "
        "attendance, recruitment and retention, rising SEND and mental-health need) and who "
        "should apply.",
        themes=("leadership", "staff-recruitment-and-retention"),
        audiences=("school-leaders",),
    ),
    # EEF: the Toolkit and how to read it.
    reading(
        "eef-toolkit-guide-2021",
        "Teaching and Learning Toolkit guide",
        authors=EEF,
        year=2021,
        publisher=EEF,
        url="https://studylib.net/doc/26051862/eef-toolkit-guide",
        summary="The EEF's own guide to the relaunched Toolkit: the three measures and how "
        "to use them, across both toolkits.",
        annotation="Read it with the Hub's intervention pages open: it explains what months, "
        "cost and padlocks mean and warns against treating averages as promises.",
        themes=("leadership", "learning-gaps"),
        audiences=("school-leaders", "teachers", "governors"),
    ),
    reading(
        "eef-about-the-toolkits-cost",
        "About the toolkits: cost",
        authors=EEF,
        year=2021,
        publisher=EEF,
        url="http://educationendowmentfoundation.org.uk/evidence-summaries/about-the-toolkits/cost/",
        summary="How the EEF rates cost on a five-point scale, counting only extra spend for a "
        "class of 25.",
        annotation="Short and essential for business managers and governors: the cost bands "
        "exclude what a school already pays for, such as teachers' time.",
        themes=("leadership",),
        audiences=("school-leaders", "governors"),
    ),
    reading(
        "eef-about-the-toolkits-evidence-strength",
        "About the toolkits: evidence strength",
        authors=EEF,
        year=2021,
        publisher=EEF,
        url="http://educationendowmentfoundation.org.uk/evidence-summaries/about-the-toolkits/evidence-strength/",
        summary="What the padlocks mean, and why a strand can have none.",
        annotation="Explains why a high-impact strand with few padlocks deserves caution, and "
        "why an approach with no padlocks has no months figure at all.",
        themes=("leadership",),
        audiences=("school-leaders", "governors"),
    ),
    reading(
        "eef-about-the-toolkits-attainment",
        "About the toolkits: months of additional progress",
        authors=EEF,
        year=2021,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/evidence-summaries/about-the-toolkits/attainment/",
        summary="The table that turns effect sizes into months of progress, and what a "
        "negative figure means.",
        annotation="The same conversion the Hub uses. Worth knowing that a negative figure "
        "means less progress than a comparison group, not going backwards.",
        themes=("leadership", "learning-gaps"),
        members_only=True,
    ),
    reading(
        "meols-cop-using-the-toolkit",
        "Introducing and using the Teaching and Learning Toolkit",
        authors="Meols Cop Research School",
        year=2021,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/meolscop/news/introducing-and-using-the-teaching-and-learning-toolkit",
        summary="A Research School's walk through the relaunched Toolkit and its padlock rules.",
        annotation="Good for staff CPD: it explains the living-review approach and the zero-"
        "padlock rating in plain terms.",
        themes=("leadership",),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "bradford-making-the-most-of-the-toolkit",
        "Making the most of the EEF Teaching and Learning Toolkit",
        authors="Bradford Research School",
        year=2021,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/bradford/news/making-the-most-of-the-eef-teaching-and-learning-toolkit",
        summary="How to use the Toolkit well: the living review, study inclusion rules and the "
        "page sections.",
        annotation="Practical advice on moving from a headline figure to the detail behind it "
        "before making a decision.",
        themes=("leadership", "learning-gaps"),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "bradford-homework",
        "Everything is awesome? Homework and the Toolkit",
        authors="Bradford Research School",
        year=2021,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/bradford/news/everything-is-awesome-homework",
        summary="A close reading of the homework strand: why secondary and primary figures "
        "differ so much.",
        annotation="A model of reading behind the average: primary and secondary figures, "
        "collaborative and digital homework, and the number of studies behind each.",
        themes=("learning-gaps", "digital-divide"),
        audiences=("teachers", "school-leaders"),
        phases=("primary", "secondary"),
        members_only=True,
    ),
    reading(
        "durrington-toolkit-revamp",
        "The EEF toolkit revamp",
        authors="Durrington Research School",
        year=2021,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/durrington/news/the-eef-toolkit-revamp",
        summary="What changed in the 2021 Toolkit and how the new pages are organised.",
        annotation="Helpful for leaders who learned the older Toolkit: explains the new "
        "sections, including behind the average and closing the gap.",
        themes=("leadership",),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "bradford-exploring-impact-evidence-cost",
        "Exploring the Toolkit: impact, evidence strength and cost",
        authors="Bradford Research School",
        year=2018,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/bradford/blog/exploring-the-toolkit-impact-evidence-strength-and-cost",
        summary="How school leaders and teachers use the Toolkit, with survey figures on its use.",
        annotation="Reports that most senior leaders but fewer teachers had used the Toolkit; "
        "a prompt to bring evidence conversations into departments.",
        themes=("leadership", "staff-recruitment-and-retention"),
        audiences=("school-leaders",),
        members_only=True,
    ),
    reading(
        "eef-a-third-of-leaders-use-the-toolkit",
        "A third of school leaders using the Toolkit",
        authors=EEF,
        year=2013,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/news/a-third-of-school-leaders-using-the-toolkit",
        summary="Early figures on how many school leaders used the Toolkit.",
        annotation="A historical marker: how far evidence use has come since 2013.",
        themes=("leadership",),
    ),
    reading(
        "eef-review-revise-refresh",
        "Review, revise and refresh: updating the Toolkit",
        authors=EEF,
        year=2018,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/news/review-revise-and-refresh",
        summary="An EEF blog on a Toolkit update that changed several strands' figures.",
        annotation="Shows why figures move between editions and why the Hub records the date "
        "each figure was checked.",
        themes=("leadership",),
        members_only=True,
    ),
    reading(
        "eef-setting-by-attainment",
        "Setting pupils by attainment unlikely to boost attainment",
        authors=EEF,
        year=2018,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/news/setting-pupils-by-attainment-unlikely-to-boost-attainment",
        summary="The EEF's release on within-class attainment grouping and setting.",
        annotation="Useful background for a review of grouping policy, especially who ends up "
        "in lower groups.",
        themes=("learning-gaps", "leadership"),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "eef-metacognition-guide-update",
        "Updated EEF guide to metacognition and self-regulation",
        authors=EEF,
        year=2025,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/news/updated-eef-guide-to-metacognition-and-self-regulation",
        summary="News of the updated guidance report on metacognition, which now cites eight "
        "months of additional progress.",
        annotation="Start here before planning CPD on metacognition: the guidance turns the "
        "Toolkit's highest-impact strand into classroom recommendations.",
        themes=("learning-gaps",),
        audiences=("teachers", "school-leaders"),
    ),
    # Implementation and evaluation.
    reading(
        "eef-implementation-guide-2024",
        "A School's Guide to Implementation (2024 edition)",
        authors=EEF,
        year=2024,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/news/implementation-animation",
        summary="The updated implementation guidance: behaviours (engage, unite, reflect), "
        "context, and the Explore, Prepare, Deliver, Sustain phases.",
        annotation="The framework behind every intervention page's \u201chow to implement\u201d "
        "section. The 2024 edition treats the four phases as flexible rather than rigid stages.",
        themes=("leadership",),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "eef-putting-evidence-to-work",
        "Putting Evidence to Work: A School's Guide to Implementation",
        authors=EEF,
        year=2018,
        publisher="Eton College Centre for Innovation and Research in Learning (summary)",
        url="https://cirl.etoncollege.com/eef-publish-their-report-on-evidence-implementation-in-schools",
        summary="The first edition of the EEF's implementation guidance, summarised: six "
        "recommendations and a checklist for each stage.",
        annotation="Still valuable for its checklists and the idea of \u201cactive "
        "ingredients\u201d: decide what must be done faithfully and where you can adapt.",
        themes=("leadership",),
        audiences=("school-leaders",),
    ),
    reading(
        "eef-diy-evaluation-guide",
        "The DIY Evaluation Guide",
        authors="Rob Coe, Stuart Kime, Camilla Nevill and Robbie Coleman",
        year=2013,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/resources/diy-guide/getting-started/",
        summary="How a school can test an approach itself: frame the question, choose a "
        "measure, build a comparison group, analyse.",
        annotation="The practical companion to any pilot. Its advice on comparison groups and "
        "pre-tests will save a lot of wasted effort.",
        themes=("leadership", "learning-gaps"),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "eef-diy-guide-analysis",
        "DIY Evaluation Guide: analysis",
        authors=EEF,
        year=2013,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/resources/diy-guide/analysis/",
        summary="How to compute an effect size from post-test scores and turn it into months.",
        annotation="Read with a spreadsheet open. Note the caution that the conversion is "
        "pegged to younger pupils and can understate effects in secondary.",
        themes=("leadership",),
        audiences=("school-leaders", "teachers"),
        members_only=True,
    ),
    reading(
        "eef-evaluation-glossary",
        "Evaluation glossary",
        authors=EEF,
        year=2021,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/projects-and-evaluation/evaluation/process-and-people/evaluation-glossary",
        summary="Plain definitions of attrition, intention to treat, blinding and bias.",
        annotation="Keep it to hand when reading EEF trial reports.",
        themes=("leadership",),
        audiences=("school-leaders", "teachers", "governors"),
    ),
    reading(
        "eef-tutor-trust-trial",
        "Tutor Trust: effectiveness trial",
        authors=EEF,
        year=2021,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/projects-and-evaluation/projects/tutor-trust-effectiveness-trial",
        summary="An EEF project page for a tutoring programme in Key Stage 2, with its "
        "months, cost and security rating.",
        annotation="A good example of what an EEF project page holds: pupils, schools, grant, "
        "design and result. Compare it with the strand-level figures for tuition.",
        themes=("learning-gaps",),
        phases=("primary",),
        members_only=True,
    ),
    reading(
        "manchester-tiered-model",
        "Understanding the tiered model and menu of approaches for Pupil Premium",
        authors="Manchester Research School",
        year=2022,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/manchester/news/understanding-the-tiered-model-and-menu-of-approaches-for-pupil-premium",
        summary="The EEF's three tiers for Pupil Premium spending, and how they match the DfE "
        "menu of approaches.",
        annotation="Use it when writing your strategy statement: teaching first, targeted "
        "academic support second, wider strategies such as attendance third.",
        themes=("poverty-and-hunger", "leadership", "learning-gaps"),
        audiences=("school-leaders", "governors"),
        members_only=True,
    ),
    reading(
        "the-key-reporting-on-pupil-premium",
        "How to report on the Pupil Premium",
        authors="The Key for School Leaders",
        year=2024,
        publisher="The Key",
        url="https://schoolleaders.thekeysupport.com/administration-and-management/la-funds/grants-and-pupil-premium/how-to-report-on-the-pupil-premium/",
        summary="What the DfE strategy statement template asks for, and the 31 December deadline.",
        annotation="A clear walk through the template's parts. Members of The Key only.",
        themes=("poverty-and-hunger", "leadership"),
        audiences=("school-leaders", "governors"),
        members_only=True,
    ),
    # Families of schools and networks.
    reading(
        "eef-families-of-schools-blog",
        "Introducing the EEF Families of Schools database",
        authors=EEF,
        year=2015,
        publisher=EEF,
        url="https://v2.educationendowmentfoundation.org.uk/news/eef-blog-introducing-the-eef-families-of-schools-database/",
        summary="Why the EEF grouped schools into families of 50 similar schools.",
        annotation="The idea behind finding similar schools to learn from, with the intake "
        "measures used to build families.",
        themes=("leadership", "learning-gaps"),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "eef-families-of-schools-faqs",
        "Families of Schools database: frequently asked questions",
        authors=EEF,
        year=2017,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/help/families-of-schools-database/faqs/",
        summary="Coverage, hidden small schools, and how the family comparisons are calculated.",
        annotation="Read before quoting a family comparison to governors: small cohorts and "
        "value-added methods change what the numbers mean.",
        themes=("leadership",),
        audiences=("school-leaders", "governors"),
    ),
    reading(
        "city-challenge-england",
        "The City Challenge in England",
        authors="Mel Ainscow, Christopher Chapman and Mark Hadfield",
        year=2020,
        publisher="Routledge",
        url="https://www.taylorfrancis.com/chapters/mono/10.4324/9780429273674-2/city-challenge-england-mel-ainscow-christopher-chapman-mark-hadfield",
        summary="An account of the London Challenge and its successors, and of collaboration "
        "led by headteachers.",
        annotation="The best-known study of how London's schools improved together. Essential "
        "for anyone setting up collaboration between schools.",
        themes=("leadership", "place-and-community"),
        audiences=("school-leaders", "system-leaders"),
        members_only=True,
    ),
    reading(
        "challenge-partners-our-impact",
        "Challenge Partners: our impact",
        authors="Challenge Partners",
        year=2023,
        publisher="Challenge Partners",
        url="https://www.challengepartners.org/our-impact",
        summary="Figures on a national peer-review network: schools, trusts and what reviewers "
        "took home.",
        annotation="A benchmark for peer review at scale, including the share of reviewers "
        "who took an idea back to their own school.",
        themes=("leadership",),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "challenge-partners-peer-review",
        "Putting our mission and values at the heart of our peer review",
        authors="Challenge Partners",
        year=2019,
        publisher="Challenge Partners",
        url="https://www.challengepartners.org/news/putting-our-mission-and-values-heart-our-peer-review",
        summary="The structure of the Quality Assurance Review, including disadvantaged pupils "
        "as one of three headings.",
        annotation="Useful if your trust or cluster is designing its own peer review.",
        themes=("leadership",),
        audiences=("school-leaders", "system-leaders"),
        members_only=True,
    ),
    reading(
        "eef-schools-partnership-programme",
        "Schools Partnership Programme: project and evaluation",
        authors=EEF,
        year=2023,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/projects-and-evaluation/projects/schools-partnership-programme-spp/",
        summary="A large trial of peer review in clusters of primary schools, which could not "
        "report an attainment result.",
        annotation="A lesson in evaluation: cancelled tests left no impact estimate. The "
        "process evaluation is still worth reading for how clusters worked.",
        themes=("leadership",),
        audiences=("school-leaders", "system-leaders"),
        phases=("primary",),
    ),
    reading(
        "ucl-evaluation-schools-partnership-programme",
        "Evaluation of the Schools Partnership Programme",
        authors="UCL Centre for Educational Leadership",
        year=2023,
        publisher="UCL Institute of Education",
        url="https://www.ucl.ac.uk/ioe/departments-and-centres/centres/ucl-centre-educational-leadership/evaluation-education-development-trust-school-partnerships-programme",
        summary="The independent evaluation of peer review in school clusters.",
        annotation="Read with the EEF project page for the full picture of what the clusters "
        "did and what leaders valued.",
        themes=("leadership",),
        audiences=("system-leaders",),
        members_only=True,
    ),
    reading(
        "eef-research-schools-network",
        "The Research Schools Network",
        authors=EEF,
        year=2023,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/support-for-schools/research-schools-network",
        summary="Schools funded to help others use evidence, with training and support.",
        annotation="Find your nearest Research School for training on the strands in this Hub.",
        themes=("leadership", "staff-recruitment-and-retention"),
    ),
    reading(
        "ucl-evaluation-research-schools",
        "Evaluating the Research Schools Network initiative",
        authors="UCL Institute of Education",
        year=2020,
        publisher="UCL",
        url="https://www.ucl.ac.uk/ioe/news/2020/dec/report-evaluating-research-schools-network-initiative-published",
        summary="What worked and what did not when schools spread evidence use to others.",
        annotation="Relevant to any network: schools valued the support, but brokering and "
        "credibility from a national body mattered.",
        themes=("leadership",),
        audiences=("system-leaders",),
    ),
    reading(
        "jctsa-teacher-trios",
        "Evaluating the hypothesis: teacher trios",
        authors="Jurassic Coast Teaching School Alliance",
        year=2012,
        publisher="Jurassic Coast Teaching School Alliance",
        url="https://www.jctsa.org.uk/2012/12/evaluating-the-hypothesis/",
        summary="Three teachers observing, planning and trialling strategies together, then "
        "reporting back.",
        annotation="A simple model for learning trios: harder to let slide than a pair, "
        "harder to coast in than a large group.",
        themes=("staff-recruitment-and-retention", "leadership"),
        audiences=("teachers", "school-leaders"),
    ),
    reading(
        "jctsa-research-review-2013",
        "Research review: teacher trios in practice",
        authors="Jurassic Coast Teaching School Alliance",
        year=2013,
        publisher="Jurassic Coast Teaching School Alliance",
        url="https://www.jctsa.org.uk/2013/11/research-review-november-2013/",
        summary="What trios reported after a year: aims, impact on teaching and what they "
        "learned from peers.",
        annotation="The end-of-trio report structure is a ready-made template for a "
        "collaborative pilot.",
        themes=("staff-recruitment-and-retention",),
        audiences=("teachers",),
        members_only=True,
    ),
    # Mental health and wellbeing.
    reading(
        "anna-freud-5-steps",
        "5 Steps to Mental Health and Wellbeing",
        authors="Anna Freud",
        year=2020,
        publisher="Anna Freud",
        url="https://www.annafreud.org/schools-and-colleges/5-steps-to-mental-health-and-wellbeing-user-guide/",
        summary="A free framework for a whole-school approach: five steps, a few actions each, "
        "and a RAG-rated action plan.",
        annotation="The most practical starting point for a mental health lead. Revisit the "
        "action plan every three to six months, as the framework suggests.",
        themes=("mental-health-and-wellbeing", "leadership"),
        audiences=("school-leaders", "support-staff"),
    ),
    reading(
        "anna-freud-understanding-need",
        "5 Steps: understanding mental health need in schools",
        authors="Anna Freud",
        year=2020,
        publisher="Anna Freud",
        url="https://www.annafreud.org/news/5-steps-understanding-mental-health-need-in-schools/",
        summary="How to identify pupils at risk and measure wellbeing, including a survey.",
        annotation="Read before choosing a wellbeing survey: it explains what to measure and "
        "how to use results.",
        themes=("mental-health-and-wellbeing",),
        audiences=("support-staff", "school-leaders"),
        members_only=True,
    ),
    reading(
        "promoting-emotional-health-and-wellbeing",
        "Promoting children and young people's mental health and wellbeing",
        authors="Public Health England and Department for Education",
        year=2021,
        publisher="GOV.UK",
        url="https://gov.uk/government/publications/promoting-children-and-young-peoples-emotional-health-and-wellbeing",
        summary="Eight principles for a whole school or college approach, each with examples "
        "and a reflective question.",
        annotation="The national reference for a whole-school approach. Use the reflective "
        "questions in a staff meeting or governors' committee.",
        themes=("mental-health-and-wellbeing",),
        audiences=("school-leaders", "governors"),
    ),
    reading(
        "mentally-healthy-schools-framework",
        "Framework for promoting wellbeing",
        authors="Mentally Healthy Schools",
        year=2021,
        publisher="Mentally Healthy Schools",
        url="http://www.mentallyhealthyschools.org.uk/whole-school-or-college-resources/framework-for-promoting-wellbeing/",
        summary="The eight principles presented as a practical resource for schools.",
        annotation="A friendlier route into the eight principles, with resources for each.",
        themes=("mental-health-and-wellbeing",),
        audiences=("support-staff", "teachers"),
    ),
    # Attendance.
    reading(
        "working-together-to-improve-attendance-summary",
        "Working together to improve school attendance: a summary for schools",
        authors="Devon County Council",
        year=2024,
        publisher="Devon County Council",
        url="https://www.devon.gov.uk/support-schools-settings/inclusion/attendance-improvement/working-together-to-improve-attendance",
        summary="A local authority summary of the statutory attendance guidance in force from "
        "August 2024: support first, and duties to act early on persistent absence.",
        annotation="A concise summary of the roles and duties the statutory guidance sets, "
        "including whole-family support and early help. Read with the DfE guidance itself.",
        themes=("attendance",),
        audiences=("school-leaders", "support-staff", "governors"),
    ),
    reading(
        "the-key-senior-attendance-champion",
        "Role of the senior attendance champion",
        authors="The Key for School Leaders",
        year=2024,
        publisher="The Key",
        url="https://schoolleaders.thekeysupport.com/staff/job-descriptions/specialist-staff/role-of-the-senior-attendance-champion/",
        summary="What the senior leader responsible for attendance is expected to do.",
        annotation="Useful when writing the role into a job description; members of The Key only.",
        themes=("attendance", "leadership"),
        audiences=("school-leaders",),
        members_only=True,
    ),
    reading(
        "hammersmith-fulham-attendance-strategy",
        "School attendance strategy 2024–2029: strategic priorities",
        authors="London Borough of Hammersmith & Fulham",
        year=2024,
        publisher="Hammersmith & Fulham Council",
        url="https://lbhf.gov.uk/children-and-young-people/schools-and-colleges/hf-school-attendance-strategy-2024-2029/strategic-priorities",
        summary="A London borough's attendance priorities, including a RAG-rated self-assessment "
        "of each school's approach to persistent absence.",
        annotation="A London example of a borough and its schools sharing one attendance plan.",
        themes=("attendance", "place-and-community"),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "norfolk-whole-school-attendance",
        "Whole-school approaches to attendance",
        authors="Norfolk County Council",
        year=2024,
        publisher="Norfolk County Council",
        url="https://www.schools.norfolk.gov.uk:443/article/29622/Whole-School-Approaches",
        summary="An attendance toolkit in three parts: data, systems, whole-school approach.",
        annotation="A tidy structure for an attendance self-review.",
        themes=("attendance",),
        audiences=("school-leaders", "support-staff"),
        members_only=True,
    ),
    # Vulnerability and London.
    reading(
        "childrens-commissioner-vulnerable-children",
        "Vulnerable children",
        authors="Children's Commissioner for England",
        year=2017,
        publisher="Children's Commissioner",
        url="https://www.childrenscommissioner.gov.uk/our-work/vulnerable-children/",
        summary="A framework of vulnerable groups of children, with local area profiles.",
        annotation="The widest national view of vulnerability beyond free school meals; use it "
        "to test whether your school's picture of need is too narrow.",
        themes=("poverty-and-hunger", "send", "isolation-and-belonging"),
        audiences=("school-leaders", "system-leaders"),
    ),
    reading(
        "lga-profiling-child-vulnerability",
        "Profiling child vulnerability",
        authors="Local Government Association",
        year=2018,
        publisher="LGA First",
        url="https://www.lgafirst.co.uk/comment/profiling-child-vulnerability/",
        summary="A comment on council-level vulnerability profiles and what they show.",
        annotation="Helps school leaders read their borough's profile alongside their own data.",
        themes=("place-and-community", "poverty-and-hunger"),
        audiences=("system-leaders",),
        members_only=True,
    ),
    reading(
        "dfe-schools-pupils-characteristics-2024-25",
        "Schools, pupils and their characteristics: 2024/25",
        authors="Department for Education",
        year=2025,
        publisher="GOV.UK (Explore education statistics)",
        url="https://explore-education-statistics.service.gov.uk/find-statistics/school-pupils-and-their-characteristics/2024-25",
        summary="The national statistics on schools and pupils, with London figures by phase.",
        annotation="The authoritative source for London's school and pupil numbers, including "
        "free school meals and SEN.",
        themes=("poverty-and-hunger", "send"),
        audiences=("system-leaders", "governors"),
    ),
    reading(
        "london-councils-school-places-2025",
        "Continued drop in school places demand creates impossible choices in London",
        authors="London Councils",
        year=2025,
        publisher="London Councils",
        url="https://www.londoncouncils.gov.uk/news-and-press-releases/2025/continued-drop-school-places-demand-creates-impossible-choices-london",
        summary="Falling rolls in London: fewer reception and Year 7 pupils, and what it means "
        "for schools.",
        annotation="Essential context for staffing and budget plans, and for recruitment and "
        "retention decisions.",
        themes=("place-and-community", "staff-recruitment-and-retention", "leadership"),
        audiences=("school-leaders", "governors", "system-leaders"),
    ),
    reading(
        "gla-schools-for-success",
        "What does it take to be a School for Success?",
        authors="Greater London Authority",
        year=2019,
        publisher="Mayor of London",
        url="https://www.london.gov.uk/what-we-do/education-and-youth/schools-success/what-does-it-take-be-school-success",
        summary="The Mayor's scheme recognising London schools whose lower attainers make "
        "strong progress.",
        annotation="A way to find London schools worth visiting, chosen on the progress of "
        "pupils who started behind.",
        themes=("learning-gaps", "place-and-community"),
    ),
    reading(
        "london-councils-beyond-boundaries",
        "Beyond Boundaries self-evaluation tool",
        authors="London Councils",
        year=2022,
        publisher="London Councils",
        url="https://www.londoncouncils.gov.uk/beyond-boundaries-tool",
        summary="An early years partnership self-evaluation: themes, enablers and maturity levels.",
        annotation="A useful shape for self-evaluation across organisations, from early years "
        "partnerships.",
        themes=("transition", "place-and-community"),
        phases=("early-years",),
        audiences=("system-leaders", "school-leaders"),
    ),
    # Early years.
    reading(
        "eef-early-years-resources",
        "EEF resources for the early years",
        authors="Bradford Research School",
        year=2021,
        publisher="Research Schools Network",
        url="https://researchschool.org.uk/bradford/news/eef-resources-for-the-early-years",
        summary="A guide to the Early Years Toolkit and the EEF's early years guidance.",
        annotation="A starting point for nursery and Reception leaders new to the Early Years "
        "Toolkit.",
        themes=("learning-gaps", "transition"),
        phases=("early-years",),
        audiences=("school-leaders", "teachers"),
    ),
    reading(
        "eef-parents-engage-early",
        "Parents who engage with their child's learning from an early age can boost progress",
        authors=EEF,
        year=2015,
        publisher=EEF,
        url="https://educationendowmentfoundation.org.uk/news/parents-who-engage-with-their-childs-learning-from-an-early-age-can-boost-p",
        summary="The launch of the Early Years Toolkit and its findings on parental engagement.",
        annotation="Short news piece; useful for explaining to families why home learning "
        "in the early years matters.",
        themes=("place-and-community",),
        phases=("early-years",),
        audiences=("school-leaders", "support-staff"),
    ),
    reading(
        "nursery-world-self-regulation-guidance",
        "New evidence-based guidance on supporting children's self-awareness of feelings "
        "and actions",
        authors="Nursery World",
        year=2023,
        publisher="Nursery World",
        url="https://nurseryworld.co.uk/content/news/new-evidence-based-guidance-on-supporting-childrens-self-awareness-of-feelings-and-actions",
        summary="News of the EEF's early years evidence store guidance on self-regulation.",
        annotation="Points to five practical approaches for self-regulation in the early years.",
        themes=("mental-health-and-wellbeing",),
        phases=("early-years",),
        audiences=("support-staff", "teachers"),
    ),
    reading(
        "story-time-language-development",
        "Encouraging young children to engage during story time can boost their early "
        "language development",
        authors="EdCentral",
        year=2022,
        publisher="EdCentral",
        url="https://edcentral.uk/ednews/early-years-primary/9431-encouraging-young-children-to-engage-during-story-time-can-boost-their-early-language-development",
        summary="Report of EEF-funded work on interactive story time and early language.",
        annotation="A practical idea any setting can start next week.",
        themes=("learning-gaps",),
        phases=("early-years",),
        audiences=("teachers", "support-staff"),
        members_only=True,
    ),
    # US clearinghouses, for comparison.
    reading(
        "wwc-essa-tiers",
        "What Works Clearinghouse and ESSA tiers of evidence",
        authors="Institute of Education Sciences",
        year=2022,
        publisher="US Department of Education",
        url="https://ies.ed.gov/ncee/wwc/essa",
        summary="How the US clearinghouse rates programmes against the ESSA tiers of evidence.",
        annotation="A contrast with the EEF Toolkit: named programmes, study standards and "
        "minimum sample sizes. Useful for judging vendors' evidence claims.",
        themes=("leadership",),
        audiences=("system-leaders",),
        members_only=True,
    ),
    reading(
        "evidence-for-essa",
        "Evidence for ESSA",
        authors="Johns Hopkins University Center for Research and Reform in Education",
        year=2017,
        publisher="Johns Hopkins University",
        url="https://education.jhu.edu/news/evidence-for-essa/",
        summary="A free site rating reading, maths, social-emotional and attendance programmes "
        "by strength of evidence.",
        annotation="Interesting for its attendance outcomes, including chronic absenteeism, "
        "and its filters by pupil group and community.",
        themes=("attendance", "leadership"),
        audiences=("system-leaders",),
    ),
    # Fictional demo items, where the public record is thin.
    demo_reading(
        "digital-access-audit-toolkit",
        "A digital access audit for London schools",
        summary="A fictional checklist for finding which pupils lack a device, connectivity "
        "or a quiet place to work at home.",
        annotation="Shows how a simple survey of pupils and families can reveal the digital "
        "divide behind missing homework.",
        themes=("digital-divide", "poverty-and-hunger"),
        audiences=("school-leaders", "support-staff"),
    ),
    demo_reading(
        "lending-devices-well",
        "Lending devices well: lessons from three schools",
        summary="A fictional account of device loan schemes: insurance, safeguarding, "
        "returns and support for families.",
        annotation="Practical detail for schools setting up a device library.",
        themes=("digital-divide",),
        audiences=("school-leaders", "support-staff"),
        members_only=True,
    ),
    demo_reading(
        "cost-of-the-school-day-review",
        "Reviewing the cost of the school day",
        summary="A fictional guide to costing trips, uniform, food and equipment from a "
        "family's point of view.",
        annotation="Walks a leadership team through a cost-of-the-school-day review and the "
        "changes that followed.",
        themes=("poverty-and-hunger",),
        audiences=("school-leaders", "governors"),
    ),
    demo_reading(
        "breakfast-provision-and-punctuality",
        "Breakfast provision and punctuality",
        summary="A fictional summary of how schools link breakfast clubs to morning "
        "attendance and lateness.",
        annotation="Describes how three schools tracked punctuality and persistent absence "
        "before and after opening a free breakfast club.",
        themes=("poverty-and-hunger", "attendance"),
        audiences=("school-leaders", "support-staff"),
    ),
    demo_reading(
        "keeping-early-career-teachers-in-london",
        "Keeping early-career teachers in London",
        summary="A fictional review of what keeps new teachers in London schools: workload, "
        "mentoring, housing costs and flexible working.",
        annotation="Offers questions for leaders planning a retention strategy.",
        themes=("staff-recruitment-and-retention",),
        audiences=("school-leaders", "governors"),
    ),
    demo_reading(
        "belonging-in-the-first-term",
        "Belonging in the first term of secondary school",
        summary="A fictional study of what helps Year 7 pupils feel they belong, and who is "
        "most at risk of isolation.",
        annotation="Links belonging in the first term with later attendance and engagement.",
        themes=("isolation-and-belonging", "transition"),
        phases=("secondary",),
        audiences=("school-leaders", "support-staff"),
    ),
    demo_reading(
        "send-transition-passports",
        "SEND transition passports",
        summary="A fictional guide to one-page profiles that travel with pupils with SEND "
        "between phases.",
        annotation="Includes a template and advice on involving pupils and families.",
        themes=("send", "transition"),
        phases=("primary", "secondary", "special"),
        audiences=("support-staff", "teachers"),
        members_only=True,
    ),
)


READING_LISTS: tuple[DemoReadingList, ...] = (
    DemoReadingList(
        slug="reading-list-getting-started-with-evidence",
        title="Getting started with the evidence",
        summary="Six short reads for a leadership team new to the EEF Toolkit and to "
        "implementation: what the figures mean and how to act on them.",
        introduction="Read these in order over a half term. They explain the three measures "
        "on every intervention page, then how to choose and implement an approach well.",
        themes=("leadership", "learning-gaps"),
        audiences=("school-leaders", "governors"),
        entries=(
            ("eef-toolkit-guide-2021", "Start here: what months, cost and padlocks mean."),
            ("eef-about-the-toolkits-cost", "How cost is counted, and what it leaves out."),
            ("eef-about-the-toolkits-evidence-strength", "Why padlocks matter as much as months."),
            ("bradford-making-the-most-of-the-toolkit", "Reading behind the headline figure."),
            ("eef-implementation-guide-2024", "Turning a choice into practice."),
            ("eef-diy-evaluation-guide", "Checking whether it worked in your school."),
        ),
    ),
    DemoReadingList(
        slug="reading-list-persistent-absence",
        title="Persistent absence: what to read first",
        summary="The statutory expectations, a London borough's strategy, and the network's own "
        "evidence to Parliament on persistent absence.",
        introduction="For a senior attendance champion or a governor with oversight of "
        "attendance. Start with the duties, then look at how others organise the work.",
        themes=("attendance", "poverty-and-hunger"),
        audiences=("school-leaders", "governors", "support-staff"),
        entries=(
            ("working-together-to-improve-attendance-summary", "The duties, in brief."),
            ("the-key-senior-attendance-champion", "What the senior champion does."),
            ("hammersmith-fulham-attendance-strategy", "A London borough's shared plan."),
            ("norfolk-whole-school-attendance", "A three-part structure for self-review."),
            ("reconnect-written-evidence-persistent-absence", "The network's view."),
            ("breakfast-provision-and-punctuality", "A demo item on breakfast and punctuality."),
        ),
    ),
    DemoReadingList(
        slug="reading-list-whole-school-wellbeing",
        title="A whole-school approach to mental health and wellbeing",
        summary="Frameworks and practical guides for a mental health lead building a "
        "whole-school approach.",
        introduction="Two frameworks, a way to understand need, and guidance for the early "
        "years. Read the national principles first, then pick a framework to work through.",
        themes=("mental-health-and-wellbeing", "isolation-and-belonging"),
        audiences=("school-leaders", "support-staff"),
        members_only=True,
        entries=(
            ("promoting-emotional-health-and-wellbeing", "The eight national principles."),
            ("mentally-healthy-schools-framework", "The same principles, with resources."),
            ("anna-freud-5-steps", "A step-by-step action plan."),
            ("anna-freud-understanding-need", "How to measure need before acting."),
            ("nursery-world-self-regulation-guidance", "For early years colleagues."),
        ),
    ),
    DemoReadingList(
        slug="reading-list-place-and-leadership-in-london",
        title="Place and leadership in London",
        summary="How London schools improved together, and what it means to lead a school "
        "that reads its place.",
        introduction="From the London Challenge to the network's own reports: a list for "
        "heads and trust leaders thinking about their school's role in its community.",
        themes=("place-and-community", "leadership"),
        audiences=("school-leaders", "system-leaders"),
        entries=(
            ("city-challenge-england", "How London's schools improved together."),
            ("london-learners-london-lives", "Disadvantage in London, defined."),
            ("london-leaders-beyond-the-classroom", "Schools as civic infrastructure."),
            ("looking-through-the-kaleidoscope", "Reading the place your school serves."),
            ("tes-model-for-regional-improvement", "An outside view of the network."),
            ("london-councils-school-places-2025", "Falling rolls, and what they mean."),
        ),
    ),
)
