"""The Reconnect framework, version 1, as plain data: eleven domains of practice for
disadvantaged and vulnerable pupils, each statement with its evidence prompt and what each
level looks like.

Written by the network for London schools. It draws on current English guidance (the DfE's
"Working together to improve school attendance", the pupil premium strategy template, the
SEND code of practice, the whole-school approach to mental health) and on the self-review
tools schools already know (Anna Freud's "5 Steps", local attendance audits), but the words
are ours. ``services.frameworks.framework_reconnect_ensure`` loads it; once published it is
changed only by drafting a new version in the admin, never by editing this file.

Codes are stable: a statement keeps its code (``<domain>-<n>``) in every later version, so
"change since your previous review" and the network benchmark line up across versions.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StatementText:
    code: str
    text: str
    evidence_prompt: str
    not_yet: str
    emerging: str
    established: str
    embedded: str


@dataclass(frozen=True)
class DomainText:
    code: str
    title: str
    summary: str
    themes: tuple[str, ...]  # Hub theme slugs
    statements: tuple[StatementText, ...]


FRAMEWORK_SLUG = "reconnect"
FRAMEWORK_NAME = "The Reconnect framework"
FRAMEWORK_SUMMARY = (
    "A self-evaluation of how a school supports its disadvantaged and vulnerable pupils, in "
    "eleven areas of practice, from attendance and belonging to leadership and staff "
    "development. Written by London school leaders for London schools."
)

INTRODUCTION = (
    "This framework helps your school take an honest look at how well it supports "
    "disadvantaged and vulnerable pupils, and decide what to do next.\n\n"
    "It has eleven areas of practice. Each has a handful of statements describing what good "
    "practice looks like in an English school today. For each statement, choose the level "
    "that best describes your school now: Not yet, Emerging, Established or Embedded. Each "
    "level is described, so you are judging against the same words as every other school. "
    "Note the evidence you would point to: it makes the judgement sharper and the next "
    "review easier.\n\n"
    "Answer it as a team. The headteacher starts the review and invites colleagues who know "
    "each area: the attendance champion, the SENCO, the designated safeguarding lead, the "
    "senior mental health lead, a governor. Disagreement is useful; talk it through.\n\n"
    "Your report shows a score for each area and overall, your strengths and priorities, "
    "how you compare with schools of the same phase across the network, and evidence-based "
    "interventions and schools like yours that are strong where you want to improve. Plan "
    "your actions from it, and come back in six to twelve months to see what has changed.\n\n"
    "Your answers belong to your school. Other schools see only anonymous network figures, "
    "never your scores, unless you choose to share your report."
)


def _s(
    code: str,
    text: str,
    evidence_prompt: str,
    not_yet: str,
    emerging: str,
    established: str,
    embedded: str,
) -> StatementText:
    return StatementText(code, text, evidence_prompt, not_yet, emerging, established, embedded)


ATTENDANCE = DomainText(
    code="attendance",
    title="Attendance",
    summary=(
        "How the school knows each day who is missing, acts early, and works with families "
        "and the local authority to remove the barriers that keep pupils away, putting "
        "support first as the statutory attendance guidance expects. Persistent absence "
        "(missing 10% or more of sessions) and severe absence (50% or more) are where "
        "disadvantaged pupils lose most."
    ),
    themes=("attendance",),
    statements=(
        _s(
            "attendance-1",
            "We know each morning which pupils are absent without a reason and contact their "
            "families before 10am the same day.",
            "Your first-day calling procedure, the call log for a recent week, and who makes "
            "the calls when the attendance officer is away.",
            "Registers are checked, but contact with families about an unexplained absence is "
            "irregular or waits until a pattern has formed.",
            "Families are usually contacted on the first day, but timing depends on who is in, "
            "and unanswered calls are not always followed up.",
            "Every unexplained absence gets a call or message before 10am, with a set next "
            "step (second call, home visit by day three) that runs even when key staff are "
            "away.",
            "First-day contact is reliable and families expect it; the school checks that "
            "contact leads to a return and adapts its approach for families who do not "
            "respond.",
        ),
        _s(
            "attendance-2",
            "A senior attendance champion on the leadership team owns our attendance strategy "
            "and reports on it to governors at least termly.",
            "The champion's role description, the attendance policy, and governor minutes "
            "where attendance was discussed.",
            "Attendance is left to the office or pastoral team; no senior leader is "
            "accountable for it.",
            "A senior leader has been named, but the role is new or in name only; governors "
            "hear about attendance figures only occasionally.",
            "The champion leads the strategy, chairs regular attendance meetings and gives "
            "governors a termly report of trends, groups and actions.",
            "The champion shapes whole-school decisions (timetable, curriculum, pastoral "
            "support) around attendance, and governors use the data to challenge and can see "
            "the effect of what was done.",
        ),
        _s(
            "attendance-3",
            "We spot pupils at risk of persistent absence early and give each one a plan and a "
            "named adult before they reach 10%.",
            "The list of pupils approaching or above 10% absence, a sample of individual "
            "plans, and how often plans are reviewed.",
            "Pupils are noticed once their absence is already high, usually at a termly data "
            "check.",
            "Persistent absence is tracked, but the response is a letter or a meeting rather "
            "than a plan, and plans are not reviewed consistently.",
            "Pupils trending towards 10% are flagged within weeks; each has a plan with a "
            "named adult, agreed with the family and reviewed every few weeks.",
            "Early flags catch most pupils before they reach 10%; plans tackle the real "
            "barriers, and the school can show how many pupils they have brought back.",
        ),
        _s(
            "attendance-4",
            "Pupils who are severely absent (50% or more) have a whole-family plan agreed with "
            "the local authority and other services, with support offered before any legal "
            "step.",
            "Notes of targeting support meetings with the local authority, early help "
            "referrals, and the support offered before any penalty notice or prosecution.",
            "Severely absent pupils are known, but there is no joint plan with other "
            "services, or the first real step taken is a legal one.",
            "Cases are discussed with the local authority, but plans are thin and the "
            "services involved do not review them together.",
            "Each severely absent pupil has a whole-family plan agreed with the local "
            "authority and other services, with support offered first and progress reviewed "
            "jointly.",
            "Joint working is routine: targeting support meetings are well used, plans change "
            "when they are not working, and legal action is rare and follows sustained "
            "support.",
        ),
        _s(
            "attendance-5",
            "We analyse attendance by pupil group (disadvantaged, SEND, looked-after, year "
            "group, ethnicity) at least half-termly and act on the gaps we find.",
            "Attendance reports by group, the actions recorded after the last analysis, and "
            "how the gaps have moved since.",
            "We look at whole-school attendance; gaps between groups are not examined.",
            "Figures by group are produced, usually for a termly report, but they rarely "
            "change what we do.",
            "Gaps between groups are reviewed at least half-termly, and each gap has an owner "
            "and an action, such as targeted contact or a change to provision.",
            "The analysis is part of routine meetings and reaches tutors and class teachers, "
            "and the gaps for disadvantaged pupils and pupils with SEND are narrowing.",
        ),
        _s(
            "attendance-6",
            "Our attendance policy and everyday messages to families are supportive first, "
            "clear about expectations, and understood by families.",
            "The published policy, the letters and texts sent about absence, and what "
            "families say about them (surveys, parent forum).",
            "Messages lead with penalties and percentages, and families experience them as "
            "threatening or confusing.",
            "The policy has been updated, but letters and texts are still standard templates "
            "that families often do not act on.",
            "The policy and messages are plain, warm and clear about why attendance matters "
            "and what help exists, and all staff use them consistently.",
            "Families helped shape the messages, translations and other formats are used, and "
            "families say the school's contact helps them get their child to school.",
        ),
        _s(
            "attendance-7",
            "Pupils returning after long absence, a suspension or a managed move have a "
            "planned return, a gentle start and regular check-ins.",
            "Reintegration plans and meeting notes, and the attendance of returning pupils in "
            "the weeks after they came back.",
            "Returning pupils rejoin their classes with no plan and no check on how they are "
            "settling.",
            "A return meeting usually happens, but any follow-up depends on individual staff.",
            "Each return has a written plan, a named adult and check-ins over the first weeks, "
            "with adjustments agreed with the pupil and family.",
            "Returns are planned and reviewed; the school tracks whether returning pupils "
            "stay in school and improves its approach from what it learns.",
        ),
    ),
)

BELONGING = DomainText(
    code="belonging",
    title="Engagement and belonging",
    summary=(
        "Whether every pupil feels they belong, has an adult they trust and takes part in "
        "the life of the school, and how the school notices pupils drifting away from "
        "learning before it shows in their attendance or behaviour."
    ),
    themes=("engagement", "isolation-and-belonging"),
    statements=(
        _s(
            "belonging-1",
            "Every pupil has at least one adult in school they trust and would go to, and we "
            "check this rather than assume it.",
            "Pupil survey answers about trusted adults, a map of pupils to adults, and how "
            "pupils with nobody are followed up.",
            "We assume pupils have someone to talk to; we have not asked them.",
            "Tutors or class teachers are expected to be the trusted adult, but we do not "
            "check which pupils have nobody.",
            "We ask pupils at least once a year who they trust, map the answers, and give "
            "every pupil without a trusted adult a named one.",
            "Relationships are mapped and refreshed, pupils without a connection are found "
            "within weeks, and pupils say they feel known.",
        ),
        _s(
            "belonging-2",
            "We measure pupils' sense of belonging and engagement at least once a year and "
            "compare the results of disadvantaged pupils with their peers'.",
            "The survey questions, results broken down by pupil group, and the changes made "
            "in response.",
            "We do not measure belonging or engagement.",
            "A pupil survey runs, but results are read for the whole school only, or not acted on.",
            "Belonging is measured every year, results are compared by group, and leaders "
            "agree actions for the groups who feel least connected.",
            "Results are tracked over several years, shared with pupils, and show the "
            "belonging gap for disadvantaged pupils closing.",
        ),
        _s(
            "belonging-3",
            "Disadvantaged pupils take part in clubs, trips, leadership roles and enrichment "
            "as often as their peers.",
            "Participation records by pupil group, how barriers such as cost, transport and "
            "timing are removed, and personal invitations made.",
            "We do not know who takes part in enrichment.",
            "Participation is recorded for some activities, and we suspect disadvantaged "
            "pupils take part less, but little has changed.",
            "Participation is tracked by group; costs and timings are adjusted, and pupils "
            "who miss out are personally invited and supported to attend.",
            "Disadvantaged pupils take part at the same rate as others, hold leadership roles "
            "in proportion, and help choose what is offered.",
        ),
        _s(
            "belonging-4",
            "Our approach to behaviour is built on relationships and repair, and we track "
            "suspensions, exclusions and removals from class by pupil group.",
            "The behaviour policy, three years of suspension, exclusion and removal data by "
            "group, and records of restorative work.",
            "Behaviour is managed mainly through sanctions, and data on suspensions and "
            "removals is not looked at by group.",
            "The policy talks about relationships, but practice varies between staff, and "
            "group data is reviewed only after concerns are raised.",
            "Staff use a shared approach with clear routines, repair after incidents and "
            "reasonable adjustments; suspension and removal data is reviewed by group each "
            "half term.",
            "The approach is consistent across the school, pupils say it is fair, and "
            "suspensions and removals of disadvantaged pupils and pupils with SEND have "
            "fallen.",
        ),
        _s(
            "belonging-5",
            "Pupil voice changes what the school does, and pupils who are heard less often, "
            "including disadvantaged pupils, are asked directly.",
            "Who sits on the school council or pupil panels, examples of decisions pupils "
            "changed, and how quieter groups are consulted.",
            "Pupils are rarely asked for their views, or only a small, confident group is asked.",
            "A school council meets, but its members are not representative and its ideas "
            "seldom lead to change.",
            "Pupil panels include disadvantaged and vulnerable pupils, leaders respond to "
            "what they say, and pupils are told what changed.",
            "Pupils help shape policies and priorities, can name changes they made happen, "
            "and the school seeks out the pupils who are least connected.",
        ),
    ),
)

WELLBEING = DomainText(
    code="wellbeing",
    title="Mental health and wellbeing",
    summary=(
        "A whole-school approach to mental health: a trained senior mental health lead, "
        "early identification of need, timely support in school, working routes to "
        "specialist services, and a curriculum and culture that promote wellbeing for pupils "
        "and staff."
    ),
    themes=("mental-health-and-wellbeing",),
    statements=(
        _s(
            "wellbeing-1",
            "A trained senior mental health lead coordinates our whole-school approach, with "
            "a plan that leaders and governors review.",
            "The lead's training and role description, the mental health and wellbeing plan, "
            "and reports to governors.",
            "No one leads mental health across the school; support depends on individual staff.",
            "A senior mental health lead has been named, but there is no plan yet or it has "
            "not been shared.",
            "The trained lead coordinates a written plan covering culture, curriculum, "
            "identification and support, reviewed yearly with governors.",
            "The approach is embedded in the school's priorities, evaluated against pupil "
            "and staff measures, and improved each year.",
        ),
        _s(
            "wellbeing-2",
            "We identify pupils whose mental health is a concern early, using staff "
            "observation, pupil voice and a validated wellbeing measure.",
            "The survey or screening tool used, the form staff use to raise a concern, and "
            "how concerns are logged and triaged.",
            "Concerns are noticed only when a pupil is in crisis or a family raises them.",
            "Staff raise concerns informally; there is no shared way to record them and no "
            "wellbeing measure.",
            "Staff log concerns in one system, a validated measure is used at least yearly, "
            "and a named person triages concerns each week.",
            "Identification is proactive and reliable, the data is analysed by group, and "
            "pupils with rising need are found before they reach crisis.",
        ),
        _s(
            "wellbeing-3",
            "Pupils who need help get support in school within two weeks from trained staff, "
            "and we record what was offered and whether it helped.",
            "The menu of in-school support (for example ELSA, counselling, mentoring), "
            "waiting times, and before-and-after measures.",
            "Support in school is limited or has long waits, and what happens is not recorded.",
            "Some support is available, but waits vary and we rarely know whether it worked.",
            "A clear menu of support is delivered by trained staff, most pupils are seen "
            "within two weeks, and outcomes are measured.",
            "Support is matched to need, waits are short, outcomes are good, and the school "
            "adjusts what it offers from the results.",
        ),
        _s(
            "wellbeing-4",
            "We have working links with the Mental Health Support Team, CAMHS and community "
            "services, and staff know how to refer and escalate.",
            "Referral pathways, named contacts in each service, consultation notes, and the "
            "outcomes of recent referrals.",
            "We do not know who to contact beyond a GP or CAMHS referral, and referrals are "
            "often turned back.",
            "Some links exist, but they depend on one member of staff and referrals are slow "
            "or unclear.",
            "Named contacts, agreed pathways and regular consultation mean referrals are "
            "appropriate and followed up.",
            "The school works jointly with services, supports pupils while they wait, and "
            "uses consultations to build staff skills.",
        ),
        _s(
            "wellbeing-5",
            "Relationships, sex and health education is planned, taught well, and adapted to "
            "what our pupils need.",
            "The curriculum map, pupil feedback on lessons, and how topics were adapted after "
            "surveys or incidents.",
            "Lessons are irregular or left to individual teachers without a plan.",
            "A planned curriculum is in place, but teaching quality varies and content is "
            "not adapted to our pupils.",
            "The curriculum is well sequenced and taught with confidence, and topics are "
            "adapted using pupil surveys and local issues.",
            "Pupils value the lessons, can apply what they learned, and help review the "
            "curriculum each year.",
        ),
        _s(
            "wellbeing-6",
            "All staff know the signs of distress and how to respond, and mental health "
            "training is refreshed every year.",
            "Training records for all roles, a staff confidence survey, and the guidance staff "
            "follow when a pupil discloses distress.",
            "Few staff have had training, and most are unsure how to respond to a pupil in "
            "distress.",
            "Some staff, mostly pastoral, are trained; others are unsure what to do.",
            "All staff, including support staff, are trained and refreshed yearly, and know "
            "the procedure when a pupil discloses distress.",
            "Staff respond with confidence and consistency, training is shaped by the needs "
            "the school sees, and staff feel supported after difficult conversations.",
        ),
    ),
)

LEARNING_GAPS = DomainText(
    code="learning-gaps",
    title="Closing learning gaps",
    summary=(
        "How the school finds and closes the gaps in knowledge, reading and language that "
        "disadvantage widens: high-quality teaching first, then targeted, evidence-based "
        "interventions whose impact is checked."
    ),
    themes=("learning-gaps",),
    statements=(
        _s(
            "learning-gaps-1",
            "We use assessment to find precisely what each disadvantaged pupil has not yet "
            "learned, not only how far behind they are.",
            "The diagnostic assessments used, an example of gap analysis for one class, and "
            "how it changed the teaching plan.",
            "Assessment tells us grades or levels, but not the specific knowledge pupils are "
            "missing.",
            "Some subjects use diagnostic questions, but the results seldom change what is taught.",
            "Teachers use diagnostic assessment in core subjects to pinpoint gaps and plan "
            "re-teaching, with disadvantaged pupils checked first.",
            "Responsive teaching is routine in every subject, and gaps are closed within the "
            "unit rather than left to intervention.",
        ),
        _s(
            "learning-gaps-2",
            "Pupils who cannot yet read fluently are identified at any age and taught "
            "systematically until they catch up.",
            "Reading assessments by pupil group, the reading or phonics programme and its "
            "delivery records, and the progress of the weakest readers.",
            "Weak readers beyond the early years are not routinely identified.",
            "Reading is assessed, but older weak readers get general support rather than a "
            "systematic programme.",
            "Every weak reader is identified and follows a systematic programme delivered by "
            "trained staff, with progress checked every half term.",
            "Almost all pupils read fluently by the time they move on, and the few who do not "
            "are known and catching up quickly.",
        ),
        _s(
            "learning-gaps-3",
            "High-quality teaching is our first lever: staff use approaches with strong "
            "evidence, such as explicit instruction, feedback and metacognition, in every "
            "class.",
            "The teaching and learning policy, findings from lesson visits, and training "
            "linked to the EEF's guidance reports.",
            "There is no shared understanding of effective teaching, and quality varies widely.",
            "Evidence-based approaches have been introduced through training, but they are "
            "used unevenly.",
            "Staff share a clear model of effective teaching, use it consistently, and get "
            "regular coaching on it.",
            "The model is refined from evidence and practice, staff talk about it fluently, "
            "and disadvantaged pupils do as well as others in lessons.",
        ),
        _s(
            "learning-gaps-4",
            "Targeted interventions such as tutoring are chosen on evidence, delivered by "
            "trained staff in small groups, and linked to classroom learning.",
            "The intervention map, who delivers each intervention, session attendance, and "
            "how teachers hear what was covered.",
            "Interventions are chosen by habit or availability and delivered by whoever is free.",
            "Some interventions are evidence-based, but delivery is irregular and not linked "
            "to lessons.",
            "Interventions are chosen from the evidence, delivered as designed by trained "
            "staff, and planned with class teachers.",
            "The intervention offer is small, strong and well timed, sessions are rarely "
            "missed, and pupils use what they learn back in class.",
        ),
        _s(
            "learning-gaps-5",
            "We measure the impact of each intervention and stop, change or expand it based "
            "on the results.",
            "Entry and exit data for each intervention, an example of one that was stopped or "
            "changed, and its cost per pupil.",
            "We do not know whether our interventions work.",
            "Entry and exit data is collected for some interventions but not used for decisions.",
            "Every intervention has clear success measures, is reviewed at least termly, and "
            "decisions follow the results.",
            "Impact and cost are weighed together, weak interventions are stopped, and the "
            "school shares its findings with other schools.",
        ),
    ),
)

POVERTY = DomainText(
    code="poverty",
    title="Poverty, hunger and the cost of the school day",
    summary=(
        "How the school makes sure no pupil goes hungry, misses out or is singled out "
        "because of money: food, uniform, trips, equipment, devices and connectivity, and "
        "help for families to claim what they are entitled to."
    ),
    themes=("poverty-and-hunger", "digital-divide"),
    statements=(
        _s(
            "poverty-1",
            "We have reviewed the cost of the school day (uniform, trips, equipment, food, "
            "events) and removed or reduced the costs that exclude pupils.",
            "A cost of the school day review, the changes made since, and the uniform and "
            "charging policies.",
            "We have not looked at what the school day costs families.",
            "Costs have been discussed and a few reduced, but there has been no systematic review.",
            "A full review with pupils and families has led to clear changes, such as "
            "affordable uniform, subsidised trips and free equipment.",
            "The cost of every new activity is checked before it starts, and families say "
            "money no longer stops their child taking part.",
        ),
        _s(
            "poverty-2",
            "No pupil goes hungry in school: breakfast is available, free school meals are "
            "easy to take up, and staff notice and act on hunger.",
            "Breakfast provision and take-up, free school meal uptake, and how staff report a "
            "pupil who seems hungry.",
            "Hunger is dealt with case by case, and there is no breakfast offer.",
            "A breakfast club exists, but it is not reaching the pupils who most need it.",
            "Breakfast is available to all who need it without stigma, meal uptake is "
            "monitored, and staff know what to do when a pupil is hungry.",
            "Food provision is planned with families and partners, take-up among eligible "
            "pupils is high, and no pupil is left hungry through holidays or debt.",
        ),
        _s(
            "poverty-3",
            "We help families register for free school meals and other support, so that no "
            "eligible pupil is missed.",
            "The registration process, the checks made with the local authority, and the "
            "number of new registrations that followed.",
            "Families must find out about and apply for free school meals themselves.",
            "Registration is promoted at admission, but not followed up.",
            "Staff help families apply at admission and whenever circumstances change, and "
            "eligibility is checked with the local authority.",
            "Eligibility checks are routine and proactive, registrations are high, and "
            "families are also helped to claim other support they are entitled to.",
        ),
        _s(
            "poverty-4",
            "Every pupil can use a suitable device and the internet for homework and learning "
            "at home.",
            "A survey of home access, device lending records, help with connectivity, and "
            "offline alternatives for homework.",
            "We do not know which pupils lack a device or the internet at home.",
            "We know roughly who lacks access, and some devices are lent, but gaps remain.",
            "Access is surveyed every year, devices and data are provided to those without, "
            "and homework never depends on access a pupil does not have.",
            "Every pupil has reliable access, families are helped with digital skills, and "
            "the school checks that the devices are being used for learning.",
        ),
        _s(
            "poverty-5",
            "Support for families in hardship is discreet and easy to find: a hardship fund, "
            "food support and advice services, with no stigma attached.",
            "The hardship fund's criteria and use, partner organisations, and how families "
            "find out what help exists.",
            "Support depends on families asking, and few know what is available.",
            "Some help is offered, but it is informal and families may feel singled out.",
            "Clear, confidential routes to hardship support are known to families and staff, "
            "and partner services are signposted.",
            "Families get help early and discreetly, the school works with local partners on "
            "income and housing advice, and it reviews who the help reaches.",
        ),
    ),
)

VULNERABILITY = DomainText(
    code="vulnerability",
    title="Identifying vulnerability (data use)",
    summary=(
        "Whether the school sees the whole spectrum of disadvantage and vulnerability, not "
        "only free school meals: looked-after and previously looked-after children, children "
        "in need or on a protection plan, young carers, pupils with SEND, new arrivals, high "
        "mobility and absence, brought together safely so that no pupil falls through the "
        "gaps."
    ),
    themes=("leadership", "poverty-and-hunger", "send"),
    statements=(
        _s(
            "vulnerability-1",
            "We keep one up-to-date picture of which pupils are vulnerable, beyond free "
            "school meals: looked-after, with a social worker, young carers, SEND, new to "
            "English.",
            "The vulnerability register or dashboard, the groups it records, and how often it "
            "is updated.",
            "Information about vulnerability sits in separate places (safeguarding records, "
            "the SEN register, the office), and no one sees it together.",
            "A list of vulnerable pupils exists, but it covers few groups or is updated only "
            "occasionally.",
            "One register brings together all the groups the school tracks, is kept up to "
            "date, and is used by leaders every half term.",
            "The picture is current, complete and trusted, and it reveals pupils who were "
            "hidden, such as young carers or pupils whose circumstances changed.",
        ),
        _s(
            "vulnerability-2",
            "Leaders and key staff meet regularly to look at attendance, behaviour, "
            "attainment and wellbeing side by side for each vulnerable pupil.",
            "The agenda and notes of the vulnerable pupils meeting, and the actions agreed for "
            "named pupils.",
            "Each team looks at its own data; no meeting brings it together.",
            "A meeting happens, but data is patchy or actions are not followed through.",
            "A regular meeting of the designated safeguarding lead, SENCO, attendance and "
            "pastoral leads reviews each vulnerable pupil and agrees actions.",
            "The meeting spots emerging risk early, actions are followed through, and the "
            "school can show pupils it helped because of it.",
        ),
        _s(
            "vulnerability-3",
            "Information about vulnerable pupils reaches the staff who need it, and is shared "
            "safely and lawfully.",
            "Data protection and information-sharing agreements, how teachers see need flags, "
            "and who can see what in the school's systems.",
            "Teachers often do not know which of their pupils are vulnerable.",
            "Some information is shared, but inconsistently, or more widely than it should be.",
            "Teachers see the flags they need for their classes, sensitive details stay with "
            "those who need them, and sharing follows clear rules.",
            "Information flows reliably to the right people, staff use it to adapt their "
            "teaching and care, and sharing is reviewed for safety.",
        ),
        _s(
            "vulnerability-4",
            "Our designated teacher makes sure every looked-after and previously looked-after "
            "pupil has a strong personal education plan and that pupil premium plus is well "
            "used.",
            "Personal education plans, the designated teacher's report to governors, and how "
            "pupil premium plus was spent with the virtual school.",
            "The designated teacher role exists on paper, and personal education plans are "
            "completed late or thinly.",
            "Plans are completed on time, but targets are vague and pupil premium plus is not "
            "clearly linked to them.",
            "Every plan has sharp targets agreed with the pupil, carers and virtual school, "
            "and funding is matched to them and reviewed.",
            "Looked-after and previously looked-after pupils make strong progress, their "
            "views shape the plans, and the designated teacher advises colleagues.",
        ),
    ),
)

INCLUSION = DomainText(
    code="inclusion",
    title="SEND and inclusion",
    summary=(
        "How well pupils with special educational needs and disabilities are identified, "
        "taught and included: the SENCO's role, the graduated approach of assess, plan, do "
        "and review, education, health and care plans and their reviews, adaptive teaching, "
        "and work with families and specialists."
    ),
    themes=("send",),
    statements=(
        _s(
            "inclusion-1",
            "Needs are identified early through the graduated approach (assess, plan, do, "
            "review), and SEN support plans are reviewed with families every term.",
            "The SEN register, a sample of SEN support plans and review notes, and the time "
            "from a first concern to support starting.",
            "Needs are often identified late, and SEN support means a name on a register "
            "rather than a plan.",
            "Plans exist for most pupils on SEN support, but reviews are irregular and "
            "families are not always involved.",
            "Concerns lead quickly to assessment, every pupil on SEN support has a plan, and "
            "plans are reviewed with the pupil and family each term.",
            "The graduated approach runs smoothly, plans are specific and effective, and "
            "families say they are true partners.",
        ),
        _s(
            "inclusion-2",
            "Our SENCO holds (or is working towards) the national SENCO qualification, is "
            "part of the leadership team, and has the time to lead provision.",
            "The SENCO's qualification, allocated time, line management, and involvement in "
            "leadership decisions.",
            "The SENCO has little protected time and is not involved in leadership decisions.",
            "The SENCO is qualified or training, but time is short and their influence on "
            "whole-school decisions is limited.",
            "The SENCO has protected time, sits on or reports directly to the senior team, "
            "and shapes policy, training and budgets.",
            "Inclusion is led strategically from the top, the SENCO develops others' "
            "expertise, and SEND is considered in every whole-school decision.",
        ),
        _s(
            "inclusion-3",
            "Teachers adapt their teaching so that pupils with SEND learn the same ambitious "
            "curriculum, with support that builds independence.",
            "Lesson visit findings on adaptive teaching, SEND training records, and how "
            "teaching assistants are deployed.",
            "Pupils with SEND often work on separate, simpler tasks or rely on a teaching "
            "assistant.",
            "Some teachers adapt well, but practice is uneven and support can create dependence.",
            "Teachers routinely adapt their teaching, teaching assistants are trained and "
            "deployed to build independence, and expectations stay high.",
            "Adaptive teaching is a strength in every class, and pupils with SEND achieve "
            "well and take part fully in school life.",
        ),
        _s(
            "inclusion-4",
            "Pupils with an education, health and care plan receive all the provision in "
            "their plan, and annual reviews are held on time with the pupil's views at the "
            "centre.",
            "Provision maps checked against each plan's provision section, annual review "
            "dates and records, and the pupil's own contribution.",
            "Some provision in plans is not delivered, and annual reviews are often late.",
            "Most provision is delivered and reviews are held, but the pupil's voice is thin "
            "and outcomes are not tracked.",
            "All provision is delivered and checked, reviews are on time, and pupils and "
            "families shape the outcomes agreed.",
            "Plans are living documents, pupils meet their outcomes, and the school works "
            "with the local authority to amend plans promptly when needs change.",
        ),
        _s(
            "inclusion-5",
            "We monitor suspensions, part-time timetables, absence and outcomes for pupils "
            "with SEND, and act where they are worse than for others.",
            "Data by SEND status, the list of part-time timetables with their review dates, "
            "and actions taken as a result.",
            "Outcomes for pupils with SEND are not monitored separately.",
            "Data is collected, but differences are noted rather than acted on, and part-time "
            "timetables drift.",
            "Gaps are reviewed each half term, every part-time timetable is short, agreed and "
            "reviewed, and actions follow.",
            "The gaps for pupils with SEND are small or closing, and part-time timetables are "
            "rare and always lead back to full time.",
        ),
    ),
)

FAMILIES = DomainText(
    code="families",
    title="Families and community",
    summary=(
        "How the school builds trusting relationships with families, especially those who "
        "find school hard to approach, and works with local services and community "
        "organisations so that families get help early."
    ),
    themes=("place-and-community",),
    statements=(
        _s(
            "families-1",
            "Every family has a named member of staff to contact, and we reach out to the "
            "families we rarely hear from.",
            "Contact logs, how the school finds families it rarely hears from, and examples "
            "of outreach such as home visits.",
            "Families contact the office; we mostly hear from families when there is a problem.",
            "Families know their child's teacher or tutor, but the families we never hear "
            "from are not followed up.",
            "Every family has a named contact, the school identifies families with little "
            "contact, and staff reach out to them regularly.",
            "Families who once kept their distance are engaged, and families describe the "
            "school as approachable and on their side.",
        ),
        _s(
            "families-2",
            "We help parents and carers support learning at home with practical, specific "
            "guidance, not just general information.",
            "Workshops, resources sent home, take-up by disadvantaged families, and their "
            "feedback.",
            "Families get general information, such as newsletters and reports, but no "
            "practical help.",
            "Workshops or resources are offered, but few disadvantaged families use them.",
            "Practical, specific guidance (what to read, how to practise) reaches most "
            "families, with different times and formats to suit them.",
            "Families of disadvantaged pupils take part as often as others, and the school "
            "can show the effect on pupils' learning at home.",
        ),
        _s(
            "families-3",
            "Communication works for every family: in plain language, translated or "
            "interpreted where needed, and through channels families use.",
            "Data on home languages, interpreter use, message formats, and read or response rates.",
            "Messages are written for confident English readers and sent one way.",
            "Some translation happens, but key messages still miss many families.",
            "Messages are plain, key information is translated, interpreters are used for "
            "meetings, and the school checks messages are read.",
            "Families choose how they hear from the school, and no family misses important "
            "information because of language or format.",
        ),
        _s(
            "families-4",
            "We work closely with early help, social care, health and voluntary "
            "organisations, and families are referred to the right service quickly.",
            "Referral records, named contacts in local services, and notes of multi-agency "
            "meetings.",
            "We know few local services, and referrals are rare or slow.",
            "Links exist with some services, but depend on individual staff.",
            "The school has named contacts across local services, refers promptly, and "
            "follows up what happened.",
            "The school is a hub for its community: services work from or with it, and "
            "families get help before problems grow.",
        ),
    ),
)

TRANSITION = DomainText(
    code="transition",
    title="Transition",
    summary=(
        "How the school prepares pupils for moves between settings (into school, from "
        "primary to secondary, into post-16, and between schools during the year) and "
        "passes on what the next setting needs to know, with extra planning for vulnerable "
        "pupils."
    ),
    themes=("transition",),
    statements=(
        _s(
            "transition-1",
            "We pass detailed information about each pupil's learning, needs and "
            "circumstances to the next school, and ask for the same when pupils join us.",
            "Transfer documents, meetings with feeder or receiving schools, and what staff "
            "say about the information they receive.",
            "Only the statutory records are passed on, and we receive little beyond them.",
            "Information is shared for some pupils, often late or without the detail the "
            "next setting needs.",
            "Detailed information on learning, needs and family circumstances is exchanged "
            "in good time for every pupil, with meetings for those who need them.",
            "Information exchange is a two-way partnership with local schools, and staff "
            "use it from the first day.",
        ),
        _s(
            "transition-2",
            "Vulnerable pupils get an enhanced transition: extra visits, a named contact in "
            "the new setting, and a plan agreed with the family.",
            "The enhanced transition list and plans, records of visits, and follow-up after "
            "the move.",
            "All pupils get the same transition, whatever their needs.",
            "A few vulnerable pupils get extra visits, but there is no plan or named contact.",
            "Every vulnerable pupil has an enhanced transition plan, agreed with the family "
            "and the new setting, with a named contact there.",
            "Enhanced transition is well established with partner schools, and vulnerable "
            "pupils settle as well as their peers.",
        ),
        _s(
            "transition-3",
            "Pupils who join during the year, including new arrivals to the country, are "
            "welcomed with a planned induction, a buddy and an early check of their needs.",
            "The induction for mid-year joiners, assessments on entry, and how quickly new "
            "pupils settle.",
            "Mid-year joiners are placed in a class with little preparation.",
            "There is an induction, but it is brief, and needs are assessed only when "
            "problems appear.",
            "Every mid-year joiner has a planned induction, a buddy, an early assessment of "
            "needs and a check-in after the first weeks.",
            "Mid-year joiners and new arrivals settle quickly, their families are welcomed "
            "too, and their attendance and progress match their peers'.",
        ),
        _s(
            "transition-4",
            "We check how pupils are doing after they move on, or after they join us, and "
            "use what we learn to improve transition.",
            "Follow-up with receiving schools, attendance and wellbeing in the first term "
            "after a move, and the changes made as a result.",
            "We do not know how pupils get on after they move.",
            "We hear about some pupils informally, but nothing is collected or acted on.",
            "Attendance and wellbeing are checked in the first term after each move, and "
            "findings are shared with partner schools.",
            "Transition is reviewed every year with partner schools, improvements are agreed "
            "together, and the dip after a move is shrinking.",
        ),
    ),
)

LEADERSHIP = DomainText(
    code="leadership",
    title="Leadership and strategy for disadvantaged pupils",
    summary=(
        "Whether leaders have a clear, evidence-informed strategy for disadvantaged and "
        "vulnerable pupils, spend the pupil premium on what works, hold themselves to "
        "account for the results, and make disadvantage everyone's business."
    ),
    themes=("leadership",),
    statements=(
        _s(
            "leadership-1",
            "Our pupil premium strategy is built on a diagnosis of our own pupils' "
            "challenges and names the evidence behind each approach.",
            "The published strategy statement, the diagnostic work behind it, and links to "
            "the EEF's evidence or the DfE's menu of approaches.",
            "The strategy lists activities and spending, with little link to our pupils' "
            "needs or to evidence.",
            "Challenges are named, but some are generic, and the evidence behind approaches "
            "is thin.",
            "The strategy starts from a clear diagnosis, each approach is linked to a "
            "challenge and to strong evidence, and it looks ahead over several years.",
            "The strategy is sharp and owned by all leaders, and other schools use it as an "
            "example.",
        ),
        _s(
            "leadership-2",
            "We review the strategy's impact at least once a year against its intended "
            "outcomes, and change course when something is not working.",
            "The annual review of outcomes, examples of approaches stopped or changed, and "
            "governor minutes.",
            "Impact is not reviewed beyond the annual statement.",
            "A review happens, but it reports activity rather than outcomes, and little changes.",
            "Outcomes are reviewed at least yearly with governors, and the strategy is "
            "adjusted in the light of the results.",
            "Leaders track the measures that matter through the year and act quickly when "
            "something is not working.",
        ),
        _s(
            "leadership-3",
            "Disadvantage is everyone's responsibility: every leader and teacher knows which "
            "of their pupils are disadvantaged and what is planned for them.",
            "How class lists flag need, middle leaders' plans, and performance objectives "
            "that include disadvantaged pupils.",
            "Disadvantaged pupils are seen as the pupil premium lead's responsibility.",
            "Teachers have lists of disadvantaged pupils, but few adapt their practice or plans.",
            "Middle leaders and teachers plan for disadvantaged pupils, and it is part of "
            "every department's or phase's improvement plan.",
            "Every member of staff can describe how their work helps disadvantaged pupils, "
            "and it shows in the outcomes of every subject or phase.",
        ),
        _s(
            "leadership-4",
            "A governor or trustee is linked to disadvantaged pupils and challenges leaders "
            "with data and visits.",
            "The link governor's reports, notes of their visits, and the questions asked in "
            "meetings.",
            "Governors receive the strategy but seldom discuss it.",
            "A link governor has been named, but their challenge is occasional.",
            "The link governor visits regularly, reports to the board, and asks searching "
            "questions about outcomes.",
            "Governors hold leaders to account with confidence, and disadvantage shapes "
            "their decisions on budgets and priorities.",
        ),
        _s(
            "leadership-5",
            "New approaches are implemented carefully: we explore the problem, prepare "
            "staff, deliver as designed and plan how to sustain what works.",
            "Implementation plans (for example using the EEF's explore, prepare, deliver, "
            "sustain stages) and checks that approaches are delivered as intended.",
            "New initiatives start quickly and often fade before they take hold.",
            "Some planning happens, but training and follow-up are thin, and initiatives overlap.",
            "Each major change has an implementation plan, staff are trained and supported, "
            "and delivery is checked.",
            "The school does fewer things better, stops what does not work, and sustains "
            "what does.",
        ),
        _s(
            "leadership-6",
            "We learn from and with other schools, through networks, peer review or shared "
            "projects, about what works for disadvantaged pupils.",
            "Partnerships, peer reviews, visits, and what changed as a result.",
            "We work largely alone.",
            "Leaders attend network meetings, but little comes back into school.",
            "The school takes part in peer review or joint projects, and changes practice "
            "from what it learns.",
            "The school both learns from and supports other schools, and shares its own "
            "evaluations openly.",
        ),
    ),
)

STAFF_DEVELOPMENT = DomainText(
    code="staff-development",
    title="Staff development",
    summary=(
        "Whether staff have the training, time and support to meet the needs of "
        "disadvantaged and vulnerable pupils, and whether the school keeps good staff by "
        "looking after their workload and wellbeing."
    ),
    themes=("staff-recruitment-and-retention",),
    statements=(
        _s(
            "staff-development-1",
            "Professional development is planned over time, linked to our priorities for "
            "disadvantaged pupils, and its effect on practice is checked.",
            "The professional development plan, its links to the school improvement plan, "
            "and follow-up through coaching or lesson visits.",
            "Training is a series of one-off sessions chosen term by term.",
            "Training is linked to priorities, but there is little follow-up in classrooms.",
            "A sequenced programme builds expertise over the year, with coaching and "
            "follow-up to check it changes practice.",
            "Professional development is a strength: staff shape it, it is evaluated, and "
            "its effect on pupils is visible.",
        ),
        _s(
            "staff-development-2",
            "All staff, including support staff, are trained in trauma-informed and "
            "relational practice and in the needs of our vulnerable groups.",
            "Training records across all roles, refresher dates, and examples of practice "
            "changing as a result.",
            "Little training on trauma or vulnerability has taken place.",
            "Some staff, mainly pastoral, have been trained.",
            "All staff, including support and office staff, are trained and refreshed, and "
            "use a shared language about need.",
            "Relational practice shows in every interaction, and staff help to train "
            "colleagues in other schools.",
        ),
        _s(
            "staff-development-3",
            "Early career teachers and new staff get a structured induction and mentoring, "
            "with time protected for both mentor and mentee.",
            "The induction programme, the early career framework arrangements, and how much "
            "time mentors are given.",
            "New staff get a handbook and find their own way.",
            "Induction and mentoring exist, but time is often lost to cover and other pressures.",
            "Every new member of staff has a structured induction and a trained mentor, with "
            "protected time for both.",
            "New staff settle quickly and stay, and mentors are developed as leaders.",
        ),
        _s(
            "staff-development-4",
            "We look after staff wellbeing and workload, ask staff for their views regularly "
            "and act on them, so that experienced staff stay.",
            "Staff survey results, the wellbeing or workload charter, actions taken, and "
            "staff turnover figures.",
            "Staff wellbeing and workload are not measured.",
            "A staff survey is run, but little changes as a result.",
            "Staff are surveyed at least yearly, workload is reduced where they say it "
            "matters, and they are told what changed.",
            "Staff wellbeing is high, turnover is low, and the school is known as a good "
            "place to work.",
        ),
        _s(
            "staff-development-5",
            "Staff who support pupils with complex needs or trauma, such as the safeguarding "
            "and pastoral teams, receive regular professional supervision.",
            "Supervision arrangements, who receives it and how often, and staff feedback on it.",
            "No supervision is offered; staff cope on their own.",
            "Supervision is available on request or only in a crisis.",
            "Staff in demanding roles have regular supervision from a trained supervisor.",
            "Supervision is part of the culture, valued by staff, and helps the school keep "
            "experienced pastoral and safeguarding staff.",
        ),
    ),
)

DOMAINS: tuple[DomainText, ...] = (
    ATTENDANCE,
    BELONGING,
    WELLBEING,
    LEARNING_GAPS,
    POVERTY,
    VULNERABILITY,
    INCLUSION,
    FAMILIES,
    TRANSITION,
    LEADERSHIP,
    STAFF_DEVELOPMENT,
)
