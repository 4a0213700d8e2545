"""Network news posts: fictional demonstration content."""

from reconnect.demo.hub.shapes import DemoNews, p

NEWS: tuple[DemoNews, ...] = (
    DemoNews(
        slug="knowledge-hub-opens",
        title="The Knowledge Hub opens to members",
        summary="Research, thematic reviews, more than thirty evidence-rated interventions and "
        "case studies from London schools are now in one place, searchable by theme.",
        days_ago=3,
        themes=("leadership",),
        audiences=("school-leaders", "teachers", "governors", "system-leaders"),
        body=p(
            "The Knowledge Hub brings together the network's research, reviews of good "
            "practice, interventions rated for impact, cost and evidence, and case studies "
            "written by member schools. Each intervention shows the date its EEF figures were "
            "last checked."
        )
        + p("This news post is demonstration content."),
    ),
    DemoNews(
        slug="attendance-network-meeting",
        title="Network meeting: persistent absence, one year on",
        summary="Heads from across London compared notes on persistent absence and on the "
        "support-first approach in the statutory guidance.",
        days_ago=45,
        themes=("attendance",),
        audiences=("school-leaders",),
        body=p(
            "Members shared what had changed since the attendance guidance came into force: "
            "named senior champions, earlier calls home, and closer work with borough "
            "attendance teams on persistent absence."
        )
        + p("This news post is demonstration content."),
    ),
    DemoNews(
        slug="learning-trios-first-pilots",
        title="First learning trios begin their pilots",
        summary="Twelve trios of schools have chosen an evidence-based approach to pilot "
        "together this year, from oral language to mentoring.",
        days_ago=150,
        members_only=True,
        themes=("leadership", "learning-gaps", "engagement"),
        audiences=("school-leaders", "system-leaders"),
        body=p(
            "Each trio will plan with the Explore, Prepare, Deliver, Sustain phases, agree a "
            "comparison group and share results with the network."
        )
        + p("This news post is demonstration content."),
    ),
    DemoNews(
        slug="wellbeing-survey-results",
        title="What pupils told us about wellbeing",
        summary="A summary of the network's pupil wellbeing survey, and the questions it raises "
        "for schools.",
        days_ago=300,
        themes=("mental-health-and-wellbeing", "isolation-and-belonging"),
        audiences=("school-leaders", "support-staff"),
        body=p(
            "Pupils who said an adult at school knew them well reported higher wellbeing and "
            "better attendance."
        )
        + p("This news post is demonstration content."),
    ),
    DemoNews(
        slug="leading-into-the-future-applications",
        title="Leading into the Future: applications open",
        summary="The free two-term leadership programme run with UCL's Centre for Educational "
        "Leadership is open to senior leaders in London schools.",
        days_ago=520,
        themes=("leadership", "staff-recruitment-and-retention"),
        audiences=("school-leaders",),
        body=p(
            "The programme uses place-based collaborative enquiry. One or two senior leaders "
            "per school are recommended."
        )
        + p("This news post is demonstration content: dates and details are illustrative."),
    ),
)
