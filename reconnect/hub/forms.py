"""Forms for the Hub: members' case studies, and the safe base of Wagtail's document form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from reconnect.core.exceptions import ApplicationError
from reconnect.hub.models import CaseStudyPage, InterventionPage, Phase, Theme
from reconnect.hub.selectors import hub_pages_visible_to
from reconnect.hub.services.case_studies import CaseStudyDraft
from reconnect.hub.services.documents import document_upload_check
from reconnect.schools.models import School

TITLE_MAX = 120
SUMMARY_MAX = CaseStudyPage._meta.get_field("summary").max_length
SECTION_MAX = 6000


def _section(label: Any, hint: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=SECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class CaseStudySubmissionForm(forms.Form):
    """The network's four principles, as plain text: what members write is never markup."""

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("Say what changed, for example: “Cutting persistent absence in Year 9”."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two plain sentences, shown in lists and search results."),
    )
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("Do not link a school"),
        help_text=_("One of your schools. It is shown only if the school agrees to be named."),
    )
    school_consent = forms.BooleanField(
        label=_("My school agrees to be named"),
        required=False,
        help_text=_("Tick this only if your school lead has agreed."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every theme the work speaks to."),
        error_messages={"required": _("Choose at least one theme.")},
    )
    phases = forms.ModelMultipleChoiceField(
        label=_("Phases"),
        queryset=Phase.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    interventions = forms.ModelMultipleChoiceField(
        label=_("Interventions used"),
        queryset=InterventionPage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Any approaches from the Hub's interventions that the work drew on."),
    )
    context = _section(
        _("Context"),
        _(
            "Your school and the challenge: who was affected, how you knew, and what you "
            "had tried before."
        ),
    )
    what_we_did = _section(
        _("What we did"),
        _("The approach, step by step: who did what, for how long, and what it cost."),
    )
    evidence_of_impact = _section(
        _("Evidence of impact"),
        _(
            "What changed and how you know: figures before and after, over what period, and "
            "anything that did not work."
        ),
    )
    what_others_can_take = _section(
        _("What others can take"),
        _("What another school would need to do this, and what you would do differently."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = School.objects.filter(memberships__user=user).order_by("name")
        if schools.exists():
            self._choices("school").queryset = schools
        else:
            # Nobody to name: a member without a school submits in their own right.
            del self.fields["school"]
            del self.fields["school_consent"]
        self._choices("interventions").queryset = hub_pages_visible_to(
            user, InterventionPage.objects.all()
        ).order_by("title")

    def _choices(self, name: str) -> forms.ModelChoiceField[Any]:
        field: Any = self.fields[name]
        return field

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("school_consent") and not cleaned.get("school"):
            self.add_error(
                "school_consent",
                _("Choose the school that agrees to be named, or untick this box."),
            )
        return cleaned

    def draft(self) -> CaseStudyDraft:
        data = self.cleaned_data
        return CaseStudyDraft(
            title=data["title"],
            summary=data["summary"],
            context=data["context"],
            what_we_did=data["what_we_did"],
            evidence_of_impact=data["evidence_of_impact"],
            what_others_can_take=data["what_others_can_take"],
            themes=data["themes"],
            phases=data["phases"],
            interventions=data["interventions"],
            school=data.get("school"),
            school_consent=bool(data.get("school_consent")),
        )

    @classmethod
    def initial_from(cls, page: CaseStudyPage) -> dict[str, Any]:
        """A submission's latest revision, as the form's starting values."""
        return {
            "title": page.title,
            "summary": page.summary,
            "school": page.school_id,
            "school_consent": page.school_consent,
            "themes": [theme.pk for theme in page.themes.all()],
            "phases": [phase.pk for phase in page.phases.all()],
            "interventions": [intervention.pk for intervention in page.interventions.all()],
            "context": page.context,
            "what_we_did": page.what_we_did,
            "evidence_of_impact": page.evidence_of_impact,
            "what_others_can_take": page.what_others_can_take,
        }


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files that are not what they claim to be.

    Named by ``WAGTAILDOCS_DOCUMENT_FORM_BASE``, so the admin's single and multiple upload
    and the chooser's upload all check each new file's size, type and content.
    """

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and "file" in self.changed_data:
            try:
                document_upload_check(upload=upload)
            except ApplicationError as error:
                raise forms.ValidationError(error.message, code="document_rejected") from error
        return upload
