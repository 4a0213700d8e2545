"""Six thematic reviews of good practice, one per theme, linked to interventions and cases.

The evidence paragraphs summarise the EEF figures carried by the linked interventions and
the guidance named in our domain research; the London practice draws on the demo case
studies, so it is demonstration content too.
"""

from reconnect.demo.hub.shapes import DemoReview, p, ul

DEMO_NOTE = p(
    "This review is demonstration content: the London examples come from the fictional "
    "demo case studies."
)

REVIEWS: tuple[DemoReview, ...] = (
    DemoReview(
        slug="review-attendance",
        title="Attendance and persistent absence: a review of good practice",
        summary="What works to reduce persistent absence: relationships with families, early "
        "action, and support before sanctions. With London examples and questions for leaders.",
        theme="attendance",
        themes=("attendance", "place-and-community", "poverty-and-hunger"),
        phases=("primary", "secondary", "special"),
        audiences=("school-leaders", "governors", "support-staff"),
        interventions=("parental-engagement", "mentoring", "behaviour-interventions"),
        case_studies=("morning-welcome-persistent-absence", "year-9-mentoring-engagement"),
        evidence_says=p(
            "Statutory guidance in force since August 2024 expects schools to act early on "
            "absence, to name a senior attendance champion, and to put support before legal "
            "action. Few attendance interventions have robust attainment evidence of their own,"
            " so the strongest guides are strands that build relationships: parental "
            "engagement (+4 months, very low cost, extensive evidence) and, for engagement "
            "rather than attainment, mentoring (+2 months, moderate cost)."
        )
        + p(
            "Persistent absence is concentrated among disadvantaged pupils, pupils with SEND "
            "and families under pressure; the network's evidence to Parliament in 2023 argued "
            "that London's long-standing attendance work softened the pandemic's effect."
        ),
        london_practice=p(
            "Schools in the network describe a common pattern: a visible senior lead at the "
            "gate, a same-day call home, home visits by the third day, and a named contact for "
            "families in temporary housing. Secondary schools add mentoring for year groups "
            "where engagement dips."
        )
        + DEMO_NOTE,
        questions_for_leaders=ul(
            "Do you know which families account for most persistent absence, and why?",
            "Who calls home on the first morning of an unexplained absence?",
            "Is support offered before any sanction is considered?",
            "How do governors see attendance by pupil group, not only overall?",
        ),
    ),
    DemoReview(
        slug="review-mental-health-and-wellbeing",
        title="Mental health and wellbeing: building a whole-school approach",
        summary="A whole-school approach to mental health: the eight national principles, the "
        "five-step framework, and social and emotional learning, with London examples.",
        theme="mental-health-and-wellbeing",
        themes=("mental-health-and-wellbeing", "isolation-and-belonging"),
        phases=("early-years", "primary", "secondary", "special"),
        audiences=("school-leaders", "support-staff", "governors"),
        interventions=(
            "social-and-emotional-learning",
            "physical-activity",
            "early-years-social-and-emotional-learning",
        ),
        case_studies=("whole-school-wellbeing-survey", "belonging-in-alternative-provision"),
        evidence_says=p(
            "The national guidance sets out eight principles for a whole school or college "
            "approach, from leadership and ethos to targeted support. The Anna Freud five-step "
            "framework turns them into actions a school can rate and revisit every three to "
            "six months. In the Toolkit, social and emotional learning shows +4 months on the "
            "EEF page read, on very limited evidence; physical activity adds a small academic "
            "gain and wider health benefits."
        ),
        london_practice=p(
            "Network schools start by measuring need with a pupil survey, form an action group "
            "including pupils and parents, and build social and emotional skills into everyday "
            "practice. In alternative provision, a trusted key adult comes first."
        )
        + DEMO_NOTE,
        questions_for_leaders=ul(
            "How do you know which pupils are struggling before they reach crisis?",
            "Who leads mental health on your senior team, and with what time?",
            "Do staff have support for their own wellbeing?",
            "When did you last revisit your action plan?",
        ),
    ),
    DemoReview(
        slug="review-learning-gaps",
        title="Closing learning gaps: where to spend effort first",
        summary="The highest-impact, lowest-cost approaches for closing gaps: metacognition, "
        "feedback, reading and oral language, then targeted tuition.",
        theme="learning-gaps",
        themes=("learning-gaps", "leadership"),
        phases=("primary", "secondary"),
        audiences=("school-leaders", "teachers", "governors"),
        interventions=(
            "metacognition-and-self-regulation",
            "feedback",
            "reading-comprehension-strategies",
            "oral-language-interventions",
            "small-group-tuition",
            "one-to-one-tuition",
        ),
        case_studies=("reading-for-meaning-year-7", "talk-rich-reception"),
        evidence_says=p(
            "The EEF's tiered model puts high-quality teaching first, targeted academic support "
            "second and wider strategies third. In the Toolkit, metacognition (+8 months), "
            "feedback (+6), reading comprehension (+6) and oral language (+6) all come at very "
            "low cost on extensive evidence. Tuition adds targeted support: small groups of "
            "two or three (+4, low cost) are often nearly as effective as one to one (+5, "
            "moderate cost)."
        ),
        london_practice=p(
            "Network schools diagnose before they intervene: decoding and comprehension gaps "
            "get different responses; language is screened on entry to Reception; tuition is "
            "linked to what is taught in class."
        )
        + DEMO_NOTE,
        questions_for_leaders=ul(
            "Is most of your Pupil Premium spent on the quality of teaching?",
            "Do you know which gaps are about decoding, vocabulary or comprehension?",
            "Is tuition linked to class teaching, and is it reaching the pupils it should?",
        ),
    ),
    DemoReview(
        slug="review-poverty-and-hunger",
        title="Poverty and hunger: reducing the cost of the school day",
        summary="How schools soften the effects of poverty: the cost of the school day, food, "
        "uniform and trips, and engagement with families.",
        theme="poverty-and-hunger",
        themes=("poverty-and-hunger", "attendance", "place-and-community"),
        phases=("primary", "secondary"),
        audiences=("school-leaders", "governors", "support-staff"),
        members_only=True,
        interventions=("extending-school-time", "school-uniform", "parental-engagement"),
        case_studies=("cost-of-the-school-day", "closing-the-digital-divide-homework"),
        evidence_says=p(
            "The Toolkit has no strand on poverty itself; the evidence is about what schools "
            "can change. Uniform has no measurable effect on attainment, so cost to families "
            "is the main question. Extending school time (+3 months, moderate cost) works when "
            "the time is well used, and breakfast provision also eases hunger. 2024–25 Pupil "
            "Premium rates were £1,455 for primary and £1,035 for secondary pupils."
        ),
        london_practice=p(
            "Network schools cost a year of school life from a family's point of view, cut "
            "branded uniform, cap trip costs and open free breakfast clubs, then track "
            "punctuality and take-up."
        )
        + DEMO_NOTE,
        questions_for_leaders=ul(
            "What does a year at your school cost a family with two children?",
            "Which pupils miss trips, clubs or breakfast, and why?",
            "Do families know what help is available without having to ask?",
        ),
    ),
    DemoReview(
        slug="review-send",
        title="SEND: making the most of support staff and targeted teaching",
        summary="For pupils with SEND: structured interventions from trained teaching "
        "assistants, small-group tuition, and phonics and language support.",
        theme="send",
        themes=("send", "learning-gaps", "staff-recruitment-and-retention"),
        phases=("primary", "secondary", "special"),
        audiences=("school-leaders", "support-staff", "governors"),
        interventions=(
            "teaching-assistant-interventions",
            "small-group-tuition",
            "phonics",
            "oral-language-interventions",
        ),
        case_studies=("structured-ta-interventions-special-school",),
        evidence_says=p(
            "Teaching assistants delivering structured, time-limited interventions with "
            "training show +4 months in the 2025 data; general in-class support shows little "
            "benefit. Small-group tuition (+4) and phonics (+5) help pupils who need intensive, "
            "specific teaching. In London, about 17.6 per cent of pupils had SEN support or an "
            "EHCP in 2023–24."
        ),
        london_practice=p(
            "Network schools map how support staff spend their time, protect intervention "
            "sessions from cover, and give TAs planning time with teachers."
        )
        + DEMO_NOTE,
        questions_for_leaders=ul(
            "Do pupils with SEND get as much time with teachers as their peers?",
            "Are TA-led sessions structured, trained and protected?",
            "How do you recognise and develop support staff's expertise?",
        ),
    ),
    DemoReview(
        slug="review-transition",
        title="Transition: from Reception to Year 7 and beyond",
        summary="Making transitions work: language in the early years, reading at the move to "
        "secondary, peer tutoring across phases and summer schools.",
        theme="transition",
        themes=("transition", "learning-gaps", "isolation-and-belonging"),
        phases=("early-years", "primary", "secondary"),
        audiences=("school-leaders", "teachers", "support-staff"),
        interventions=(
            "summer-schools",
            "peer-tutoring",
            "reading-comprehension-strategies",
            "early-years-communication-and-language",
        ),
        case_studies=("cross-phase-peer-tutoring", "reading-for-meaning-year-7"),
        evidence_says=p(
            "Summer schools show +3 months for moderate cost, more with small groups and "
            "experienced teachers. Peer tutoring (+6) works across phases and builds "
            "relationships between older and younger pupils. Reading comprehension (+6) "
            "matters at the move to secondary, where texts get harder in every subject; in "
            "the early years, communication and language approaches show +7."
        ),
        london_practice=p(
            "Network schools test reading on arrival in Year 7, share a vocabulary for reading "
            "strategies with feeder primaries, and pair older tutors with younger pupils."
        )
        + DEMO_NOTE,
        questions_for_leaders=ul(
            "What do you know about each pupil's reading when they arrive?",
            "Do you share strategies and language with feeder or receiving schools?",
            "Which pupils are most at risk of isolation after a move, and who knows them?",
        ),
    ),
)
