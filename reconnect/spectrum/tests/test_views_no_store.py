"""No page of the vulnerability spectrum may be kept by a browser or a shared cache."""

import pytest
from django.urls import reverse

from reconnect.spectrum.tests.factories import imported_snapshot
from reconnect.spectrum.tests.test_views_pupils import _csv
from reconnect.spectrum.urls import urlpatterns


@pytest.mark.parametrize("name", ["school", "cohort-overview", "pupil-list", "target-groups"])
def test_pupil_data_pages_are_never_stored(client, school_a, head_at_school_a, name):
    imported_snapshot(school_a, user=head_at_school_a, data=_csv())
    client.force_login(head_at_school_a)

    response = client.get(reverse(f"spectrum:{name}", kwargs={"urn": 900001}))

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == (
        "max-age=0, no-cache, no-store, must-revalidate, private"
    )


def test_every_spectrum_page_goes_through_never_cache():
    # The outermost wrapper of each view is never_cache's own, so no view's decorators
    # can replace the header after it is set.
    outermost = {
        pattern.name: pattern.callback.__code__.co_filename.replace("\\", "/")
        for pattern in urlpatterns
    }

    assert [
        name
        for name, filename in outermost.items()
        if not filename.endswith("django/views/decorators/cache.py")
    ] == []
