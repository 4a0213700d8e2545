"""Twelve case studies, told through the network's four principles.

Context, what we did, evidence of impact, what others can take: plain text, as a member
would write it. Every school, person and figure here is fictional demonstration content;
each study is linked to a demo school (school A and B by URN, the others by phase).
"""

from reconnect.demo.accounts import DEMO_SCHOOL_A_URN, DEMO_SCHOOL_B_URN
from reconnect.demo.hub.shapes import DemoCaseStudy

DEMO_NOTE = (
    "\n\nThis case study is demonstration content: the school's story and figures are fictional."
)

CASE_STUDIES: tuple[DemoCaseStudy, ...] = (
    DemoCaseStudy(
        slug="morning-welcome-persistent-absence",
        title="A morning welcome and a phone call: tackling persistent absence in a primary school",
        summary="A primary school halved the number of pupils with persistent absence in two "
        "years by greeting every family at the gate and calling home on the first morning "
        "of any absence.",
        themes=("attendance", "place-and-community", "poverty-and-hunger"),
        phases=("primary",),
        audiences=("school-leaders", "support-staff"),
        school=DEMO_SCHOOL_A_URN,
        school_consent=True,
        interventions=("parental-engagement", "mentoring"),
        context="A two-form-entry primary school in inner London where just over half of "
        "pupils are eligible for free school meals. After the pandemic, persistent absence "
        "rose sharply, concentrated in a few year groups and in families who had moved into "
        "temporary accommodation." + DEMO_NOTE,
        what_we_did="We made our senior attendance champion visible every morning at the "
        "gate, with the family support worker. Any pupil absent without a message got a "
        "call before 9.30, and a home visit on the third day. We opened a free breakfast "
        "club and gave families in temporary housing a named contact. Pupils with the "
        "lowest attendance were paired with staff mentors who checked in each morning.",
        evidence_of_impact="Over two years, the share of pupils with persistent absence fell "
        "from 24 per cent to 11 per cent, and the gap between disadvantaged pupils and their "
        "peers narrowed. Parents told us in a survey that the morning welcome made them feel "
        "the school noticed their child.",
        what_others_can_take="Start with relationships, not letters. A named person, a "
        "same-day call and a warm welcome cost little. Look at absence by family "
        "circumstance, not only by pupil, and make sure families in temporary housing are "
        "known to someone.",
    ),
    DemoCaseStudy(
        slug="year-9-mentoring-engagement",
        title="Mentoring in Year 9: re-engaging pupils at risk of drifting",
        summary="A secondary school matched 40 Year 9 pupils with trained mentors from local "
        "employers. Attendance and behaviour improved for most mentees, and several became "
        "mentors of younger pupils.",
        themes=("engagement", "isolation-and-belonging", "attendance"),
        phases=("secondary",),
        audiences=("school-leaders", "support-staff"),
        school=DEMO_SCHOOL_B_URN,
        school_consent=True,
        interventions=("mentoring", "behaviour-interventions"),
        context="An 11–18 academy in outer London. Year 9 was the year our data showed "
        "engagement dropping: more lateness, more removals from lessons, and pupils saying "
        "they did not feel they belonged." + DEMO_NOTE,
        what_we_did="We recruited mentors from three local employers and a university, "
        "trained them over two evenings, and asked each for a year's commitment. Mentors met "
        "their mentee weekly in school at a fixed time. A pastoral lead checked in with "
        "mentors every fortnight, and we ended each mentoring relationship with a planned "
        "final meeting.",
        evidence_of_impact="Of 40 mentees, 31 improved their attendance over the year and "
        "removals from lessons fell by about a third. Attainment changes were small, in line "
        "with the EEF's finding that mentoring's academic effect is modest.",
        what_others_can_take="Be clear that mentoring is for engagement and belonging; add "
        "academic support if attainment is the aim. Reliable mentors matter more than "
        "impressive ones: a mentor who stops coming can do harm.",
    ),
    DemoCaseStudy(
        slug="talk-rich-reception",
        title="A talk-rich Reception: oral language from the first week",
        summary="A primary school screened every child's language on entry to Reception and "
        "trained all staff to model and extend talk. Children's language scores at the end "
        "of Reception rose for three years running.",
        themes=("learning-gaps", "transition"),
        phases=("early-years", "primary"),
        audiences=("school-leaders", "teachers", "support-staff"),
        school="primary",
        school_consent=True,
        interventions=("oral-language-interventions", "early-years-communication-and-language"),
        context="A one-form-entry primary in a borough with high levels of child poverty; "
        "many children speak English as an additional language and started Reception with "
        "limited spoken English." + DEMO_NOTE,
        what_we_did="We screened language in the first three weeks, trained teachers and "
        "teaching assistants in modelling and extending talk, and ran a structured small-"
        "group programme for children with the weakest language. Shared reading happened "
        "every day, with questions planned in advance.",
        evidence_of_impact="The proportion of children meeting the expected level in "
        "communication and language at the end of Reception rose from 58 to 74 per cent "
        "over three years. Teachers in Year 1 noticed the difference in how children explained "
        "their thinking.",
        what_others_can_take="Train every adult, not just teachers. Screening is only useful "
        "if it changes what happens the following week.",
    ),
    DemoCaseStudy(
        slug="reading-for-meaning-year-7",
        title="Reading for meaning in Year 7",
        summary="A secondary school tested every Year 7 pupil's reading on arrival and taught "
        "comprehension strategies in every subject. Pupils reading below their age fell by a "
        "third in a year.",
        themes=("learning-gaps", "transition"),
        phases=("secondary",),
        audiences=("school-leaders", "teachers"),
        members_only=True,
        school="secondary",
        school_consent=True,
        interventions=("reading-comprehension-strategies", "phonics"),
        context="A mixed comprehensive. About a quarter of pupils arrived in Year 7 reading "
        "well below their age, and subject teachers said texts were a barrier in every "
        "lesson." + DEMO_NOTE,
        what_we_did="We separated pupils who could not yet decode (who got daily phonics "
        "catch-up) from those who decoded but did not understand. For the second group, all "
        "departments taught the same four comprehension strategies using their own texts, "
        "with a shared language from Year 5 partner schools.",
        evidence_of_impact="By the end of Year 7, the share of pupils reading well below their "
        "age fell from 26 to 17 per cent. Pupils said lessons felt less overwhelming.",
        what_others_can_take="Diagnose first: decoding and comprehension gaps need different "
        "responses. A shared vocabulary with feeder primaries makes transition smoother.",
    ),
    DemoCaseStudy(
        slug="structured-ta-interventions-special-school",
        title="From general support to structured interventions: teaching assistants in a "
        "special school",
        summary="A special school redeployed its teaching assistants to deliver two structured "
        "programmes, with training and protected time. Pupils made faster progress in "
        "reading and communication.",
        themes=("send", "staff-recruitment-and-retention"),
        phases=("special",),
        audiences=("school-leaders", "support-staff"),
        school="special",
        school_consent=True,
        interventions=("teaching-assistant-interventions", "small-group-tuition"),
        context="A special school for pupils with moderate and complex learning difficulties. "
        "Teaching assistants were stretched across classes and often pulled into cover."
        + DEMO_NOTE,
        what_we_did="We mapped how teaching assistants spent their time, chose two "
        "structured programmes, trained every TA and protected three sessions a week from "
        "cover. TAs planned with class teachers fortnightly and took part in appraisal "
        "conversations about their expertise.",
        evidence_of_impact="Pupils in the programmes made progress in reading about one and a "
        "half times faster than the year before. TA turnover fell, and two TAs began "
        "training as teachers.",
        what_others_can_take="Protecting TA time from cover was the single biggest change. "
        "Valuing TAs' expertise helped keep them.",
    ),
    DemoCaseStudy(
        slug="belonging-in-alternative-provision",
        title="Belonging first: re-engaging pupils in alternative provision",
        summary="An alternative provision school built each pupil's week around one trusted "
        "adult and a chance to succeed at something practical. Attendance rose and more "
        "pupils returned to mainstream.",
        themes=("engagement", "isolation-and-belonging", "mental-health-and-wellbeing"),
        phases=("special", "secondary"),
        audiences=("school-leaders", "support-staff"),
        school="alternative_provision",
        school_consent=False,
        interventions=("social-and-emotional-learning", "arts-participation", "mentoring"),
        context="A pupil referral unit serving pupils excluded or at risk of exclusion from "
        "several boroughs. Many pupils arrived with very low attendance and said no adult in "
        "school knew them." + DEMO_NOTE,
        what_we_did="Every pupil got a key adult who met them at the door daily. We added "
        "practical and creative sessions (cooking, music production) where pupils could "
        "succeed quickly, and taught social and emotional skills explicitly in small groups.",
        evidence_of_impact="Average attendance rose from 61 to 78 per cent over a year; "
        "eight pupils returned to mainstream schools, and six were still there a term later.",
        what_others_can_take="Relationships come before the curriculum for pupils who have "
        "lost trust in school. The school preferred not to be named, but is happy to talk to "
        "members through the network.",
    ),
    DemoCaseStudy(
        slug="nursery-home-learning",
        title="Home learning that families actually use: a nursery's book bags",
        summary="A nursery school replaced worksheets with book bags and short activity "
        "cards, with sessions at pick-up time. Most families used them weekly, and "
        "children's vocabulary grew.",
        themes=("place-and-community", "learning-gaps"),
        phases=("early-years",),
        audiences=("school-leaders", "support-staff"),
        school="nursery",
        school_consent=True,
        interventions=("early-years-parental-engagement", "early-years-communication-and-language"),
        context="A maintained nursery school in a neighbourhood with high child poverty and "
        "many families new to the country." + DEMO_NOTE,
        what_we_did="Every child took home a book bag each week with one book and a card of "
        "three talk ideas, translated into the five most common home languages. We ran "
        "ten-minute sessions at pick-up showing one idea in action.",
        evidence_of_impact="Eight in ten families said they used the bag every week. "
        "Children's scores on our vocabulary check rose more than in the previous two years.",
        what_others_can_take="Keep it short, practical and in families' languages, and meet "
        "families when they are already there.",
    ),
    DemoCaseStudy(
        slug="cross-phase-peer-tutoring",
        title="Year 8 tutors, Year 5 readers: cross-phase peer tutoring in an all-through school",
        summary="An all-through school trained Year 8 pupils to tutor Year 5 readers twice a "
        "week. Both groups gained, and the Year 5 pupils arrived in Year 7 already knowing "
        "older pupils.",
        themes=("transition", "learning-gaps", "isolation-and-belonging"),
        phases=("primary", "secondary"),
        audiences=("teachers", "school-leaders"),
        school="all_through",
        school_consent=True,
        interventions=("peer-tutoring", "reading-comprehension-strategies"),
        context="An all-through academy. Transition from Year 6 to Year 7 was smoother than in "
        "separate schools, but some pupils still struggled to feel they belonged in the "
        "secondary phase." + DEMO_NOTE,
        what_we_did="We trained 30 Year 8 pupils as reading tutors with a structured script, "
        "and paired them with Year 5 pupils for two 20-minute sessions a week over two terms.",
        evidence_of_impact="Year 5 tutees' reading ages rose by an average of 11 months over "
        "two terms. Tutors' own reading improved too, and tutees told us they felt less "
        "nervous about Year 7.",
        what_others_can_take="Structure and training for tutors are what make it work. "
        "Cross-phase pairs also help with transition and belonging.",
    ),
    DemoCaseStudy(
        slug="cost-of-the-school-day",
        title="Cutting the cost of the school day",
        summary="A primary school costed a year of school life from a family's point of "
        "view, then removed or subsidised every avoidable cost. Trip take-up and "
        "breakfast club attendance rose.",
        themes=("poverty-and-hunger", "attendance"),
        phases=("primary",),
        audiences=("school-leaders", "governors"),
        members_only=True,
        school="primary",
        school_consent=True,
        interventions=("school-uniform", "extending-school-time"),
        context="A primary school where many families are in work but struggling with "
        "rising costs. Staff noticed pupils missing trips and arriving hungry." + DEMO_NOTE,
        what_we_did="Governors and staff listed every cost a family faced in a year: "
        "uniform, trips, non-uniform days, book fairs, food. We cut branded uniform to a "
        "sweatshirt, set up a free uniform exchange, capped trip costs and opened a free "
        "breakfast club.",
        evidence_of_impact="Trip take-up rose from 82 to 97 per cent. Around 60 pupils "
        "attend breakfast club each day, and lateness fell.",
        what_others_can_take="Look at the school year through a family's budget. Small "
        "costs add up; many can be removed without anyone noticing except the families who "
        "benefit.",
    ),
    DemoCaseStudy(
        slug="closing-the-digital-divide-homework",
        title="Closing the digital divide: a device library and homework club",
        summary="A secondary school surveyed pupils' access to devices, lent laptops to those "
        "without, and ran a staffed homework club. Homework completion gaps narrowed.",
        themes=("digital-divide", "poverty-and-hunger", "learning-gaps"),
        phases=("secondary",),
        audiences=("school-leaders", "support-staff"),
        school="secondary",
        school_consent=True,
        interventions=("homework", "individualised-instruction"),
        context="A secondary school that moved homework online. Completion was far lower for "
        "disadvantaged pupils, and a survey found many shared one phone with siblings." + DEMO_NOTE,
        what_we_did="We ran a short survey of every pupil's access to a device, connectivity "
        "and a quiet place to work. We set up a device library with simple loan agreements "
        "and opened a staffed homework club four afternoons a week.",
        evidence_of_impact="The gap in homework completion between disadvantaged pupils and "
        "others fell from 23 to 9 percentage points in a year.",
        what_others_can_take="Ask before assuming. A quiet place to work matters as much as a "
        "device.",
    ),
    DemoCaseStudy(
        slug="keeping-early-career-teachers",
        title="Keeping our early-career teachers",
        summary="A secondary school cut early-career teacher turnover by pairing coaching "
        "with protected planning time and a flexible working offer.",
        themes=("staff-recruitment-and-retention", "leadership"),
        phases=("secondary",),
        audiences=("school-leaders", "governors"),
        members_only=True,
        school="secondary",
        school_consent=False,
        interventions=("feedback",),
        context="A secondary school losing around half of its early-career teachers within "
        "three years, mainly to workload and the cost of living in London." + DEMO_NOTE,
        what_we_did="Each early-career teacher had a trained coach, fortnightly coaching "
        "focused on feedback and behaviour, and protected planning time. We replaced "
        "written marking with in-lesson feedback and offered one flexible day per half term.",
        evidence_of_impact="Three-year retention of early-career teachers rose from about half "
        "to four in five. Staff survey scores on workload improved.",
        what_others_can_take="Workload policy is retention policy. The school preferred not "
        "to be named.",
    ),
    DemoCaseStudy(
        slug="whole-school-wellbeing-survey",
        title="Using a wellbeing survey to shape a whole-school approach",
        summary="A primary school ran an annual wellbeing survey, worked through a five-step "
        "framework, and taught social and emotional skills across the school. Pupils' "
        "reported wellbeing improved.",
        themes=("mental-health-and-wellbeing", "isolation-and-belonging"),
        phases=("primary",),
        audiences=("school-leaders", "support-staff", "teachers"),
        school="primary",
        school_consent=True,
        interventions=("social-and-emotional-learning", "physical-activity"),
        context="A large primary school where staff reported more anxiety among pupils after "
        "the pandemic, and referrals to outside services took months." + DEMO_NOTE,
        what_we_did="We ran a pupil wellbeing survey, formed a mental health action group of "
        "staff, pupils and parents, and used a RAG-rated action plan revisited every term. "
        "We introduced a structured SEL programme and daily active breaks.",
        evidence_of_impact="The share of pupils reporting low wellbeing fell from 19 to 12 "
        "per cent over two years. Staff felt more confident about early support.",
        what_others_can_take="Measure before acting, and revisit the plan regularly. Involve "
        "pupils and parents in the action group from the start.",
    ),
)
