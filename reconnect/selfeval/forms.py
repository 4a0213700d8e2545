"""Forms for completing a review: they validate input and nothing else; services write.

Choices come from lists the view already read (the schools the user leads, the published
frameworks, the school's colleagues), so a form adds no queries of its own and a value
outside them (another school's id, a made-up level) is a form error rather than a lookup.
"""

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reconnect.schools.models import School
from reconnect.selfeval.models import Framework, Level

# School terms as a head names them; Easter moves, so April counts as the summer term.
_TERMS = (
    (range(1, 4), _("Spring term %(year)d review")),
    (range(4, 9), _("Summer term %(year)d review")),
    (range(9, 13), _("Autumn term %(year)d review")),
)


def suggested_title(today: datetime.date) -> str:
    """A title that tells reviews apart at a glance: "Autumn term 2025 review"."""
    for months, title in _TERMS:
        if today.month in months:
            return str(title) % {"year": today.year}
    raise AssertionError(today)  # every month is in a term


class ReviewStartForm(forms.Form):
    """Start a review at one of the schools the user leads.

    ``framework`` offers the frameworks with a published version; with only one (the usual
    case) it is a hidden field and the page says which framework the review uses.
    """

    school = forms.TypedChoiceField(
        label=_("School"),
        coerce=int,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the school to review"),
            "invalid_choice": _("Choose one of the schools you lead"),
        },
    )
    framework = forms.TypedChoiceField(
        label=_("Framework"),
        coerce=int,
        error_messages={
            "required": _("Choose a framework"),
            "invalid_choice": _("Choose one of the published frameworks"),
        },
    )
    title = forms.CharField(
        label=_("Name of the review"),
        help_text=_("For telling your reviews apart, for example by term."),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-!-width-three-quarters"}),
        error_messages={"max_length": _("Name of the review must be 120 characters or fewer")},
    )

    def __init__(
        self,
        *args: Any,
        schools: Sequence[School],
        frameworks: Sequence[Framework],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._schools = {school.pk: school for school in schools}
        self._frameworks = {framework.pk: framework for framework in frameworks}
        school_field = self.fields["school"]
        framework_field = self.fields["framework"]
        assert isinstance(school_field, forms.TypedChoiceField)  # noqa: S101  (narrows the type)
        assert isinstance(framework_field, forms.TypedChoiceField)  # noqa: S101  (narrows the type)
        school_field.choices = [(school.pk, school.name) for school in schools]
        framework_field.choices = [(f.pk, f.name) for f in frameworks]
        if len(frameworks) <= 1:
            framework_field.widget = forms.HiddenInput()

    @property
    def offers_framework_choice(self) -> bool:
        return len(self._frameworks) > 1

    def clean_school(self) -> School:
        return self._schools[self.cleaned_data["school"]]

    def clean_framework(self) -> Framework:
        return self._frameworks[self.cleaned_data["framework"]]


class AnswerForm(forms.Form):
    """One statement's answer: a level (optional while only evidence is noted) and evidence.

    ``seen_revision`` is the revision of the answer the form was drawn from, so a save over
    someone else's newer answer is recognised (blank when there was no answer yet).
    """

    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=Level.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the four levels")},
    )
    evidence = forms.CharField(
        label=_("Evidence (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Evidence must be 2,000 characters or fewer")},
    )
    seen_revision = forms.IntegerField(
        min_value=1,
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Reload the page and save your answer again"),
            "min_value": _("Reload the page and save your answer again"),
        },
    )

    def __init__(
        self, *args: Any, has_answer: bool | Callable[[], bool] = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # A callable is asked only when the save posts nothing, so a save that posts
        # something never reads whether an answer exists.
        self.has_answer = has_answer

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        nothing = cleaned.get("level") is None and not cleaned.get("evidence", "").strip()
        if nothing and not self.errors and not self._has_answer():
            raise forms.ValidationError(
                gettext("Choose a level, or note some evidence, before saving"), code="empty"
            )
        return cleaned

    def _has_answer(self) -> bool:
        return self.has_answer() if callable(self.has_answer) else self.has_answer


class ContributorForm(forms.Form):
    """Invite a colleague at the review's school who is not yet helping with it."""

    colleague = forms.TypedChoiceField(
        label=_("Colleague"),
        coerce=int,
        help_text=_("We email them a link to this review."),
        error_messages={
            "required": _("Choose a colleague to invite"),
            "invalid_choice": _("Choose a colleague at your school who is not yet helping"),
        },
    )

    def __init__(self, *args: Any, colleagues: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._colleagues = {user.pk: user for user in colleagues}
        field = self.fields["colleague"]
        assert isinstance(field, forms.TypedChoiceField)  # noqa: S101  (narrows the type)
        field.choices = [("", gettext("Choose a colleague")), *_labelled(colleagues)]

    def clean_colleague(self) -> Any:
        return self._colleagues[self.cleaned_data["colleague"]]


def _labelled(colleagues: Sequence[Any]) -> list[tuple[int, str]]:
    """Name and job title, so two colleagues with one name can be told apart."""
    return [
        (user.pk, f"{user} ({user.job_title})" if user.job_title else str(user))
        for user in colleagues
    ]
