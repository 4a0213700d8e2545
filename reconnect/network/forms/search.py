"""The search form: words and filters, all optional. The words are any text (the
selector keeps only plain words, ``reconnect.hub.search.query.parse_query``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.network.models import Category, ThreadKind


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the discussions"), required=False)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All categories"),
    )
    kind = forms.ChoiceField(
        label=_("Kind of thread"),
        choices=[("", _("Questions and discussions")), *ThreadKind.choices],
        required=False,
    )
    answered = forms.ChoiceField(
        label=_("Answered"),
        choices=[("", _("Either")), ("yes", _("Answered")), ("no", _("Not answered yet"))],
        required=False,
    )
