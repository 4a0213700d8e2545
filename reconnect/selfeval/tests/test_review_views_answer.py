"""Answering a review, one area at a time: the page, saving with and without htmx, the
notice when a save replaced a colleague's newer answer, and every refusal."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from reconnect.schools.tests.html import soup, text
from reconnect.selfeval.models import Answer, AnswerChange
from reconnect.selfeval.services.reviews import answer_save
from reconnect.selfeval.tests.factories import (
    ReviewContributorFactory,
    open_review,
    published_framework,
    submitted_review,
)

pytestmark = pytest.mark.django_db

MORNING = datetime.datetime(2025, 10, 15, 9, 30, tzinfo=datetime.UTC)  # 10:30 in London
HTMX = {"HTTP_HX_REQUEST": "true"}


def one(element, selector):
    """The first element matching ``selector``; the test fails if there is none."""
    found = element.select_one(selector)
    assert found is not None, f"no {selector}"
    return found


def texts(response, selector):
    return [text(element) for element in soup(response).select(selector)]


def statement(review, code):
    return review.version.domains.get(statements__code=code).statements.get(code=code)


def domain_url(review, code):
    return reverse("selfeval:review-domain", args=[review.pk, code])


def save_url(review, statement):
    return reverse("selfeval:answer-save", args=[review.pk, statement.pk])


def save(review, code, user, level, evidence="", seen=None):
    return answer_save(
        review=review,
        statement=statement(review, code),
        user=user,
        level=level,
        evidence=evidence,
        seen_revision=seen,
    )


@pytest.fixture
def review(school_a, head_at_school_a):
    return open_review(
        school_a, published_framework(), user=head_at_school_a, title="Autumn review"
    )


@pytest.fixture
def lead(client, head_at_school_a):
    client.force_login(head_at_school_a)
    return head_at_school_a


# --- The page ---------------------------------------------------------------------------------


def test_each_statement_is_a_form_with_the_rubric_as_hints(client, review, lead):
    first = statement(review, "attendance-1")

    response = client.get(domain_url(review, "attendance"))

    assert response.status_code == 200
    page = soup(response)
    assert text(one(page, "h1")) == "1. Attendance"
    assert text(one(page, ".rc-domain-progress .rc-progress__text")) == (
        "0 of 4 statements in this area answered"
    )
    forms = page.select("form[data-rc-answer]")
    assert len(forms) == 4
    form = forms[0]
    assert form["action"] == form["hx-post"] == save_url(review, first)
    assert form["hx-target"] == f"#statement-{first.pk}-state"
    assert text(one(form, "legend")) == f"1.1 {first.text}"
    assert [text(label) for label in form.select(".govuk-radios__label")] == [
        "Not yet",
        "Emerging",
        "Established",
        "Embedded",
    ]
    assert [text(hint) for hint in form.select(".govuk-radios__hint")] == [
        "Nothing is in place.",
        "Something has started.",
        "It happens across the school.",
        "It is how we work, and we check its impact.",
    ]
    assert [i["value"] for i in form.select("input[name=level]")] == ["1", "2", "3", "4"]
    assert form.select("input[name=level][checked]") == []
    assert text(one(form, f"#statement-{first.pk}-evidence-hint")) == "What would show this?"
    assert one(form, "input[name=seen_revision]")["value"] == ""
    assert one(form, f"#statement-{first.pk}-status")["role"] == "status"


def test_an_answered_statement_shows_its_answer_who_changed_it_and_its_history(
    client, review, lead, staff_at_school_a
):
    with time_machine.travel(MORNING, tick=False):
        save(review, "attendance-2", staff_at_school_a, 2, "Registers checked daily.")
    with time_machine.travel(MORNING + datetime.timedelta(minutes=7), tick=False):
        save(review, "attendance-2", lead, 3, "Registers checked daily.", seen=None)
    second = statement(review, "attendance-2")

    response = client.get(domain_url(review, "attendance"))

    section = one(soup(response), f"#statement-{second.pk}")
    assert one(section, "input[name=level][checked]")["value"] == "3"
    assert text(one(section, "textarea")) == "Registers checked daily."
    assert one(section, "input[name=seen_revision]")["value"] == "2"
    assert text(one(section, ".rc-last-changed")) == (
        "Last changed by Harriet Head, 15 October 2025 at 10:37"
    )
    assert text(one(section, "summary")) == "History (2 changes)"
    assert [text(item) for item in section.select(".rc-history__item")] == [
        (
            "Established , by Harriet Head, 15 October 2025 at 10:37 · replaced an answer they had "
            "not seen Registers checked daily."
        ),
        "Emerging , by Sam Staff, 15 October 2025 at 10:30 Registers checked daily.",
    ]


def test_areas_link_to_the_previous_and_next(client, review, lead):
    middle = client.get(domain_url(review, "belonging"))
    first = client.get(domain_url(review, "attendance"))

    assert [(text(a), a["href"]) for a in soup(middle).select(".govuk-pagination a")] == [
        ("Previous area : Attendance", domain_url(review, "attendance")),
        ("Next area : Transition", domain_url(review, "transition")),
    ]
    assert [text(a) for a in soup(first).select(".govuk-pagination a")] == ["Next area : Belonging"]


def test_every_area_is_listed_beside_the_statements_with_its_count(
    client, review, lead, head_at_school_a
):
    for code in ["attendance-1", "attendance-2", "attendance-3", "attendance-4", "belonging-1"]:
        save(review, code, head_at_school_a, 3)

    response = client.get(domain_url(review, "belonging"))

    assert texts(response, ".rc-area-nav__item") == [
        "1. Attendance all 4 answered",
        "2. Belonging 1 of 4 answered",
        "3. Transition 0 of 4 answered",
    ]
    assert texts(response, ".rc-area-nav [aria-current=page]") == ["2. Belonging"]


def test_staff_not_invited_read_the_answers_without_forms(
    client, review, head_at_school_a, staff_at_school_a
):
    save(review, "attendance-1", head_at_school_a, 4, "Our attendance policy.")
    client.force_login(staff_at_school_a)

    response = client.get(domain_url(review, "attendance"))

    assert response.status_code == 200
    page = soup(response)
    assert page.select("form[data-rc-answer]") == []
    assert texts(response, ".govuk-inset-text") == [
        "You can read this review. To answer its statements, ask your school lead to invite you."
    ]
    first = page.select(".rc-statement")[0]
    assert text(one(first, ".rc-level-tag")) == "Embedded"
    assert text(one(first, ".rc-evidence-text")) == "Our attendance policy."
    assert text(one(page.select(".rc-statement")[1], ".govuk-tag")) == "Not answered yet"
    # The answers' script is for people who answer.
    assert page.select_one("script[src*=answers]") is None


def test_a_submitted_review_is_read_only(client, school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework(), user=head_at_school_a)
    client.force_login(head_at_school_a)

    response = client.get(domain_url(review, "attendance"))

    assert soup(response).select("form[data-rc-answer]") == []
    assert texts(response, ".govuk-inset-text") == [
        "This review has been submitted, so its answers can no longer be changed. Read the report"
    ]


def test_an_unknown_area_is_not_found(client, review, lead):
    assert client.get(domain_url(review, "no-such-area")).status_code == 404


def test_another_schools_review_page_is_not_found(client, review, head_at_school_b):
    client.force_login(head_at_school_b)

    assert client.get(domain_url(review, "attendance")).status_code == 404


def test_the_area_page_sends_visitors_to_sign_in(client, review):
    url = domain_url(review, "attendance")

    response = client.get(url)

    assert response["Location"] == f"/accounts/login/?next={url}"


# --- Saving without JavaScript -----------------------------------------------------------------


def test_a_save_without_javascript_returns_to_the_statement_saying_saved(client, review, lead):
    first = statement(review, "attendance-1")

    response = client.post(
        save_url(review, first), {"level": "3", "evidence": " Daily calls. ", "seen_revision": ""}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{domain_url(review, 'attendance')}#statement-{first.pk}"
    answer = Answer.objects.get(review=review, statement=first)
    assert (answer.level, answer.evidence, answer.revision, answer.updated_by) == (
        3,
        "Daily calls.",
        1,
        lead,
    )
    page = client.get(response["Location"])
    assert texts(page, f"#statement-{first.pk}-status") == ["Saved."]
    # Said once, where it happened: not again on the next visit, nor at other statements.
    assert [t for t in texts(page, ".rc-save-status") if t] == ["Saved."]
    assert texts(client.get(response["Location"]), f"#statement-{first.pk}-status") == [""]


def test_evidence_alone_is_saved_without_a_level(client, review, lead):
    first = statement(review, "attendance-1")

    client.post(save_url(review, first), {"evidence": "We are gathering this."})

    answer = Answer.objects.get(review=review, statement=first)
    assert (answer.level, answer.evidence) == (None, "We are gathering this.")


def test_a_save_replacing_a_colleagues_newer_answer_says_whose_it_was(
    client, review, lead, staff_at_school_a
):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    first = statement(review, "attendance-1")
    with time_machine.travel(MORNING, tick=False):
        save(review, "attendance-1", staff_at_school_a, 2, "Sam's notes.")

    # The lead's page was drawn before Sam's answer: it carries no revision.
    response = client.post(save_url(review, first), {"level": "4", "seen_revision": ""})

    page = client.get(response["Location"])
    assert texts(page, f"#statement-{first.pk}-status .govuk-warning-text__text") == [
        (
            "Warning Saved. You replaced Sam Staff’s answer (Emerging, saved 15 October 2025 at "
            "10:30); it is kept in the history."
        )
    ]
    assert list(
        AnswerChange.objects.filter(answer__statement=first).values_list(
            "revision", "level", "evidence", "overwrote_revision"
        )
    ) == [(1, 2, "Sam's notes.", None), (2, 4, "", 1)]


def test_an_invalid_level_without_javascript_shows_the_page_with_the_error(client, review, lead):
    first = statement(review, "attendance-1")

    response = client.post(
        save_url(review, first), {"level": "5", "evidence": "Kept as typed.", "seen_revision": ""}
    )

    assert response.status_code == 400
    page = soup(response)
    assert text(one(page, "title")).startswith("Error: Attendance")
    summary = page.select(".govuk-error-summary__list a")
    assert [(text(a), a["href"]) for a in summary] == [
        ("Choose one of the four levels", f"#statement-{first.pk}-level-1")
    ]
    section = one(page, f"#statement-{first.pk}")
    assert text(one(section, ".govuk-error-message")) == ("Error: Choose one of the four levels")
    assert text(one(section, "textarea")) == "Kept as typed."
    assert text(one(section, ".rc-save-status")) == ("Not saved: choose one of the four levels.")
    assert Answer.objects.count() == 0


def test_an_empty_first_save_asks_for_a_level_or_evidence(client, review, lead):
    first = statement(review, "attendance-1")

    response = client.post(save_url(review, first), {"level": "", "evidence": "  "})

    assert response.status_code == 400
    assert texts(response, ".govuk-error-summary__list li") == [
        "Choose a level, or note some evidence, before saving"
    ]
    assert Answer.objects.count() == 0


# --- Saving with htmx -------------------------------------------------------------------------


def test_an_htmx_save_returns_just_the_statements_fragment(client, review, lead):
    first = statement(review, "attendance-1")

    with time_machine.travel(MORNING, tick=False):
        response = client.post(
            save_url(review, first), {"level": "2", "evidence": "", "seen_revision": ""}, **HTMX
        )

    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert "<form" not in body  # the radios and the text box are left as they are
    page = soup(response)
    state = one(page, f"#statement-{first.pk}-state")
    assert one(state, "input[name=seen_revision]")["value"] == "1"
    assert text(one(state, ".rc-last-changed")) == (
        "Last changed by Harriet Head, 15 October 2025 at 10:30"
    )
    status = one(page, f"#statement-{first.pk}-status")
    assert (status["hx-swap-oob"], text(status)) == ("innerHTML", "Saved.")
    progress = one(page, "#domain-progress")
    assert progress["hx-swap-oob"] == "true"
    assert text(progress) == ("1 of 4 statements in this area answered 1 of 12 in the whole review")
    count = one(page, "#area-count-attendance")
    assert (count["hx-swap-oob"], text(count)) == ("true", "1 of 4 answered")


def test_an_htmx_save_over_a_colleagues_answer_shows_the_notice(
    client, review, lead, staff_at_school_a
):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    first = statement(review, "attendance-1")
    save(review, "attendance-1", lead, 3)  # revision 1, which the lead's form shows
    with time_machine.travel(MORNING, tick=False):
        save(review, "attendance-1", staff_at_school_a, 1, seen=1)  # revision 2

    response = client.post(save_url(review, first), {"level": "4", "seen_revision": "1"}, **HTMX)

    status = one(soup(response), f"#statement-{first.pk}-status")
    assert text(one(status, ".govuk-warning-text__text")) == (
        "Warning Saved. You replaced Sam Staff’s answer (Not yet, saved 15 October 2025 at "
        "10:30); it is kept in the history."
    )
    assert one(soup(response), "input[name=seen_revision]")["value"] == "3"
    assert text(one(soup(response), "summary")) == "History (3 changes)"


def test_saving_over_ones_own_answer_is_no_conflict(client, review, lead):
    first = statement(review, "attendance-1")
    save(review, "attendance-1", lead, 3)

    response = client.post(save_url(review, first), {"level": "4", "seen_revision": ""}, **HTMX)

    assert text(one(soup(response), f"#statement-{first.pk}-status")) == "Saved."


def test_an_invalid_level_with_htmx_is_a_400_fragment_keeping_the_forms_revision(
    client, review, lead
):
    first = statement(review, "attendance-1")
    save(review, "attendance-1", lead, 3)

    response = client.post(save_url(review, first), {"level": "high", "seen_revision": "1"}, **HTMX)

    assert response.status_code == 400
    page = soup(response)
    assert text(one(page, f"#statement-{first.pk}-status")) == (
        "Not saved: choose one of the four levels."
    )
    assert one(page, "input[name=seen_revision]")["value"] == "1"
    assert Answer.objects.get(statement=first).level == 3


# --- Refusals ---------------------------------------------------------------------------------


def test_an_invited_colleague_answers_through_the_page(client, review, staff_at_school_a):
    ReviewContributorFactory(review=review, user=staff_at_school_a)
    client.force_login(staff_at_school_a)
    first = statement(review, "attendance-1")

    response = client.post(save_url(review, first), {"level": "3", "seen_revision": ""}, **HTMX)

    assert response.status_code == 200
    assert list(Answer.objects.values_list("level", "updated_by")) == [(3, staff_at_school_a.pk)]


def test_an_empty_save_over_an_answer_clears_it(client, review, lead):
    first = statement(review, "attendance-1")
    save(review, "attendance-1", lead, 3, evidence="Registers")

    response = client.post(save_url(review, first), {"level": "", "seen_revision": "1"}, **HTMX)

    assert response.status_code == 200
    assert list(Answer.objects.values_list("level", "evidence", "revision")) == [(None, "", 2)]
    assert text(one(soup(response), "#domain-progress")) == (
        "0 of 4 statements in this area answered 0 of 12 in the whole review"
    )


@pytest.mark.parametrize("earlier_saves", [0, 1, 3])
def test_an_htmx_save_costs_the_same_queries_however_long_the_history(
    client, review, lead, django_assert_num_queries, earlier_saves
):
    first = statement(review, "attendance-1")
    for n in range(earlier_saves):
        save(review, "attendance-1", lead, 1 + n % 4, evidence=f"Note {n}", seen=n or None)
    client.get(domain_url(review, "attendance"))  # the session exists, as on the page

    # The session and user (2), the review with the user's role and invitation (1), the
    # statement (1); in a savepoint and its release (2): the locked review (1), the answer
    # (1), then a new answer and its change (2) or the history, the update and the change
    # (3); the progress counts (1). The second-factor gate is cached since the page's request
    # and the session was saved at sign-in, less than a minute ago.
    expected = 11 if earlier_saves == 0 else 12
    with django_assert_num_queries(expected):
        response = client.post(save_url(review, first), {"level": "4", "seen_revision": ""}, **HTMX)

    assert response.status_code == 200
    assert text(one(soup(response), "summary")) == (
        "History (1 change)" if earlier_saves == 0 else f"History ({earlier_saves + 1} changes)"
    )


def test_staff_who_were_not_invited_cannot_answer(client, review, staff_at_school_a):
    client.force_login(staff_at_school_a)

    response = client.post(save_url(review, statement(review, "attendance-1")), {"level": "3"})

    assert response.status_code == 403
    assert Answer.objects.count() == 0


def test_another_school_cannot_answer_and_nothing_changes(client, review, lead, head_at_school_b):
    first = statement(review, "attendance-1")
    save(review, "attendance-1", lead, 3)
    client.force_login(head_at_school_b)

    response = client.post(save_url(review, first), {"level": "1", "seen_revision": "1"})

    assert response.status_code == 404
    assert list(Answer.objects.values_list("level", "revision")) == [(3, 1)]
    assert AnswerChange.objects.count() == 1


def test_a_statement_of_another_version_is_not_found(client, review, lead):
    other = published_framework(domains=[("elsewhere", [])])

    response = client.post(save_url(review, other.domains.get().statements.first()), {"level": "3"})

    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_a_save_after_the_review_was_submitted_says_so(client, school_a, head_at_school_a):
    review = submitted_review(school_a, published_framework(), user=head_at_school_a)
    first = statement(review, "attendance-1")
    client.force_login(head_at_school_a)

    response = client.post(save_url(review, first), {"level": "1", "seen_revision": "1"}, **HTMX)

    assert response.status_code == 409
    assert text(one(soup(response), f"#statement-{first.pk}-status")) == (
        "Not saved: this review was submitted, so it can no longer be changed."
    )
    assert Answer.objects.get(statement=first).level == 3


def test_saving_is_post_only(client, review, lead):
    response = client.get(save_url(review, statement(review, "attendance-1")))

    assert response.status_code == 405


def test_saving_sends_visitors_to_sign_in(client, review):
    url = save_url(review, statement(review, "attendance-1"))

    response = client.post(url, {"level": "3"})

    assert response["Location"] == f"/accounts/login/?next={url}"
    assert Answer.objects.count() == 0
