"""Wagtail's date choosers start without inline scripts, so the admin keeps its strict CSP."""

import re

from django.urls import reverse

from reconnect.hub.models import ReviewSectionPage

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>", re.S)


def _inline_executable_scripts(html: str) -> list[str]:
    """Opening tags of scripts that would run inline: no src, and not a JSON data block."""
    return [
        match.group(0)
        for match in _SCRIPT.finditer(html)
        if "src=" not in match.group("attrs") and "application/json" not in match.group("attrs")
    ]


def test_page_editor_renders_date_choosers_as_json_and_no_inline_script(client, coordinator):
    section = ReviewSectionPage.objects.get()
    client.force_login(coordinator)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["hub", "thematicreviewpage", section.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert _inline_executable_scripts(html) == []
    assert html.count('data-reconnect-chooser="date" data-for="id_last_reviewed"') == 1
    assert html.count('data-reconnect-chooser="datetime" data-for="id_go_live_at"') == 1
    assert html.count('data-reconnect-chooser="datetime" data-for="id_expire_at"') == 1
    assert html.count("/static/core/js/admin-date-choosers.js") == 1
