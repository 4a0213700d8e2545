"""Wagtail's date pickers and choosers start without inline scripts, so the admin keeps its
strict CSP (see reconnect/core/admin_widgets.py)."""

import re

from django.urls import reverse

from reconnect.hub.models import CaseStudySectionPage, ReadingSectionPage, ReviewSectionPage

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
    assert html.count("/static/core/js/admin-widgets.js") == 1


def test_case_study_editor_renders_its_school_and_document_choosers_as_json(client, coordinator):
    section = CaseStudySectionPage.objects.get()
    client.force_login(coordinator)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["hub", "casestudypage", section.pk])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert _inline_executable_scripts(html) == []
    assert html.count('data-reconnect-widget="Chooser" data-for="id_school"') == 1
    assert '{"modalUrl": "/admin/network/choose-school/"}</script>' in html


def test_reading_list_editor_renders_its_page_chooser_as_json(client, coordinator):
    section = ReadingSectionPage.objects.get()
    client.force_login(coordinator)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["hub", "readinglistpage", section.pk])
    )

    html = response.content.decode()
    assert _inline_executable_scripts(html) == []
    assert html.count('data-reconnect-widget="PageChooser" data-for="id_entries-0-item"') == 1
    inline_panel = '<span hidden data-reconnect-widget="InlinePanel" data-reconnect-options='
    assert html.count(inline_panel) == 1


def test_chooser_options_cannot_close_the_script_element():
    from reconnect.core.admin_widgets import _JSON_SCRIPT_ESCAPES

    assert '{"title": "</script><b>"}'.translate(_JSON_SCRIPT_ESCAPES) == (
        '{"title": "\\u003C/script\\u003E\\u003Cb\\u003E"}'
    )
