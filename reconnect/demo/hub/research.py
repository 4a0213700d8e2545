"""Three research reports by the network: all fictional demonstration content."""

from reconnect.demo.hub.shapes import DemoResearch, p, ul

DEMO_NOTE = p(
    "This report is demonstration content written for the Reconnect demo: its survey, "
    "schools and figures are fictional."
)

RESEARCH: tuple[DemoResearch, ...] = (
    DemoResearch(
        slug="demo-research-persistent-absence-after-the-pandemic",
        title="Demo: Persistent absence in London after the pandemic",
        summary="A fictional survey of 120 network schools on persistent absence since 2021: "
        "who is absent, why, and which responses leaders rate most useful.",
        authors="Reconnect demo research team",
        days_ago=60,
        themes=("attendance", "poverty-and-hunger", "mental-health-and-wellbeing"),
        phases=("primary", "secondary", "special"),
        audiences=("school-leaders", "governors", "system-leaders"),
        key_findings=ul(
            "Leaders named anxiety and family hardship as the two most common causes of "
            "persistent absence.",
            "Schools with a same-day call home reported the largest falls.",
            "Families in temporary accommodation were the hardest to reach.",
        ),
        body=DEMO_NOTE
        + "<h2>Why we asked</h2>"
        + p(
            "Attendance was the network's founding concern. We wanted to know how persistent "
            "absence had changed in member schools, and what leaders thought was working."
        )
        + "<h2>What we found</h2>"
        + p(
            "Most schools reported higher persistent absence than before the pandemic, "
            "concentrated among disadvantaged pupils and pupils with SEND. Schools that had "
            "invested in relationships with families described steadier improvement."
        )
        + "<h2>What it means for leaders</h2>"
        + p(
            "Start early, start with families, and look at absence by family circumstance as "
            "well as by pupil."
        ),
    ),
    DemoResearch(
        slug="demo-research-digital-divide-homework",
        title="Demo: The digital divide and homework in London secondary schools",
        summary="A fictional study of device access and homework completion in 30 secondary "
        "schools, and what schools did about the gaps they found.",
        authors="Reconnect demo research team",
        days_ago=240,
        members_only=True,
        themes=("digital-divide", "learning-gaps", "poverty-and-hunger"),
        phases=("secondary",),
        audiences=("school-leaders", "teachers"),
        key_findings=ul(
            "One pupil in seven reported no device of their own for homework.",
            "Homework completion gaps shrank where schools ran staffed homework clubs.",
            "A quiet place to work mattered as much as a device.",
        ),
        body=DEMO_NOTE
        + "<h2>Background</h2>"
        + p(
            "The EEF Toolkit finds homework has about five months' impact in secondary, on "
            "very limited evidence. Moving homework online risks widening gaps for pupils "
            "without devices or space at home."
        )
        + "<h2>Findings</h2>"
        + p(
            "Access varied widely between schools. Device loans helped, but homework clubs "
            "with staff and food made the largest difference to completion."
        ),
    ),
    DemoResearch(
        slug="demo-research-recruitment-and-retention",
        title="Demo: Why teachers stay in London schools",
        summary="A fictional survey of 800 teachers in network schools on what keeps them in "
        "London, and what would make them leave.",
        authors="Reconnect demo research team",
        days_ago=430,
        themes=("staff-recruitment-and-retention", "leadership"),
        phases=("primary", "secondary"),
        audiences=("school-leaders", "governors", "system-leaders"),
        key_findings=ul(
            "Workload and housing costs were the top reasons teachers gave for planning to leave.",
            "Coaching and flexible working were the most valued reasons to stay.",
            "Early-career teachers valued protected planning time most.",
        ),
        body=DEMO_NOTE
        + "<h2>Context</h2>"
        + p(
            "Recruitment and retention is one of the challenges network leaders raise most "
            "often, and falling rolls in London add budget pressure."
        )
        + "<h2>Findings</h2>"
        + p(
            "Teachers who had a coach, manageable marking and some flexibility were much "
            "more likely to say they would stay three more years."
        ),
    ),
)
