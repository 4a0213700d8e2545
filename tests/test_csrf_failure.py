"""A form posted without a valid CSRF token explains itself in the site's own layout."""

from django.test import Client


def test_csrf_failure_page_is_ours_and_says_what_to_do(staff_at_school_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_at_school_a)

    response = client.post("/accounts/profile/", {"first_name": "Changed"})

    assert response.status_code == 403
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Your form could not be sent</h1>' in page
    assert "Go back, reload the page and try again. Nothing was saved." in page
    assert 'class="govuk-skip-link"' in page
    staff_at_school_a.refresh_from_db()
    assert staff_at_school_a.first_name == "Sam"
