"""The shared field include escapes help texts: markup must be made safe where it is written."""

import pytest
from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.template.loader import render_to_string

HOSTILE_HELP = '<b>Bold</b><script src="https://evil.example/x.js"></script>'
ESCAPED_HELP = (
    "&lt;b&gt;Bold&lt;/b&gt;&lt;script src=&quot;https://evil.example/x.js&quot;&gt;&lt;/script&gt;"
)


class HelpForm(forms.Form):
    text = forms.CharField(help_text=HOSTILE_HELP)
    choice = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, help_text=HOSTILE_HELP
    )
    agree = forms.BooleanField(help_text=HOSTILE_HELP)


@pytest.mark.parametrize("name", ["text", "choice", "agree"])
def test_field_include_escapes_a_help_text_with_markup(name):
    html = render_to_string("accounts/includes/field.html", {"field": HelpForm()[name]})

    assert f'<div id="id_{name}-hint" class="govuk-hint' in html
    assert ESCAPED_HELP in html
    assert "<b>" not in html
    assert "<script" not in html


def test_field_include_keeps_markup_made_safe_where_it_is_written():
    # Django builds the password rules list with format_html: safe at its source.
    form = forms.Form()
    form.fields["password"] = forms.CharField(help_text=password_validators_help_text_html())

    html = render_to_string("accounts/includes/field.html", {"field": form["password"]})

    assert '<div id="id_password-hint" class="govuk-hint"><ul><li>' in html
