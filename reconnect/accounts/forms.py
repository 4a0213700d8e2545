"""Forms for accounts: they validate input and nothing else; services do the writing."""

import uuid
from typing import Any

from allauth.account.forms import LoginForm, SignupForm
from allauth.core import context as allauth_context
from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.accounts.adapters import INVITATION_SESSION_KEY
from reconnect.accounts.models import ApiTokenScope, Invitation, InvitationStatus, User
from reconnect.accounts.selectors import (
    api_token_schools,
    invitation_from_token,
    school_search,
    schools_user_can_invite_to,
    themes,
)
from reconnect.schools.models import School
from reconnect.schools.roles import SchoolRole

ROLE_HINTS = {
    SchoolRole.SCHOOL_LEAD: _("Leads the school's work in the network and manages its members."),
    SchoolRole.DATA_LEAD: _("Uploads pupil data and keeps the vulnerability spectrum current."),
    SchoolRole.STAFF: _("Reads the Hub, joins discussions and contributes to self-evaluation."),
}


# What to do, not what went wrong (GOV.UK's pattern for error messages).
REQUIRED_MESSAGES = {
    "login": _("Enter your email address"),
    "email": _("Enter an email address"),
    "password": _("Enter your password"),
    "password1": _("Enter a password"),
    "password2": _("Enter the password again"),
    "first_name": _("Enter a first name"),
    "last_name": _("Enter a last name"),
    "job_title": _("Enter a job title"),
    "school": _("Choose a school"),
    "role": _("Choose a role"),
}
INVALID_EMAIL = _("Enter an email address in the correct format, like name@school.org.uk")


def use_plain_messages(form: forms.BaseForm) -> None:
    for name, field in form.fields.items():
        if name in REQUIRED_MESSAGES:
            field.error_messages["required"] = REQUIRED_MESSAGES[name]
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = INVALID_EMAIL


class SignInForm(LoginForm):
    """allauth's sign-in form, with messages that say what to do."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        use_plain_messages(self)


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} (URN {obj.urn})"


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Use their work email address. The invitation link is sent there."),
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    school = SchoolChoiceField(label=_("School"), queryset=School.objects.none())
    role = forms.ChoiceField(label=_("Role"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Personal message (optional)"),
        help_text=_("Added to the invitation email."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, user: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schools = schools_user_can_invite_to(user)
        school_field = self.fields["school"]
        assert isinstance(school_field, forms.ModelChoiceField)  # noqa: S101  (narrows the type)
        school_field.queryset = schools
        # A lead of one school has nothing to choose: the school is fixed and shown as text.
        self.fixed_school: School | None = None
        if not (user.is_coordinator or user.is_superuser):
            led = list(schools)
            if len(led) == 1:
                self.fixed_school = led[0]
                school_field.initial = led[0].pk
                school_field.widget = forms.HiddenInput()
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)  # noqa: S101
        role_field.choices = [(value, SchoolRole(value).label) for value in roles]
        if len(roles) and not self.is_bound:
            role_field.initial = SchoolRole.STAFF.value
        self.choice_hints = {"role": {value: ROLE_HINTS[SchoolRole(value)] for value in roles}}
        use_plain_messages(self)

    def clean_school(self) -> School:
        school = self.cleaned_data["school"]
        if self.fixed_school is not None and school != self.fixed_school:
            raise forms.ValidationError(_("You can only invite people to your own school."))
        return school


class InvitationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *InvitationStatus.choices],
    )
    school = SchoolChoiceField(
        label=_("School"),
        required=False,
        queryset=School.objects.none(),
        empty_label=_("Any school"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        school_field = self.fields["school"]
        assert isinstance(school_field, forms.ModelChoiceField)  # noqa: S101
        school_field.queryset = schools_user_can_invite_to(user)


class PersonNameFields(forms.Form):
    """The first and last name fields both ways of joining ask for (declared first)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )


class InvitationSignupForm(PersonNameFields, SignupForm):
    """allauth's sign-up form for an invited person: names and job title, the email fixed.

    The address comes from the invitation held in the session and cannot be changed:
    it is the one the invitation proved the person can read.
    """

    job_title = forms.CharField(
        label=_("Job title"),
        max_length=120,
        help_text=_("For example, Headteacher or Deputy head (inclusion)."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )

    field_order = ["first_name", "last_name", "job_title", "email", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = self._invitation()
        use_plain_messages(self)
        email_field = self.fields["email"]
        email_field.label = _("Email address")
        email_field.help_text = _("The address your invitation was sent to.")
        email_field.widget.attrs.update({"readonly": True, "autocomplete": "email"})
        email_field.widget.attrs.pop("placeholder", None)
        if self.invitation is not None:
            email_field.initial = self.invitation.email
        password_field = self.fields.get("password1")
        if password_field is not None:
            password_field.help_text = _(
                "At least 12 characters. A few unrelated words make a strong, memorable password."
            )

    @staticmethod
    def _invitation() -> Invitation | None:
        request = allauth_context.request
        token = request.session.get(INVITATION_SESSION_KEY) if request is not None else None
        return invitation_from_token(token) if isinstance(token, str) else None

    def clean_email(self) -> str:
        email = super().clean_email()
        if self.invitation is None or email.lower() != self.invitation.email.lower():
            raise forms.ValidationError(_("Use the email address your invitation was sent to."))
        return email

    def custom_signup(self, request: Any, user: Any) -> None:
        """Runs inside allauth's sign-up, right after the account is saved."""
        from reconnect.accounts.services import invitation_accept

        user.job_title = self.cleaned_data["job_title"].strip()
        user.save(update_fields=["job_title"])
        if self.invitation is not None:
            invitation_accept(invitation=self.invitation, user=user, request=request)
            request.session.pop(INVITATION_SESSION_KEY, None)


class SchoolLookupField(forms.CharField):
    """A school typed as its URN or its name, resolved to one open school."""

    def clean(self, value: Any) -> School:
        text = super().clean(value)
        matches = school_search(text, limit=6)
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise forms.ValidationError(
                _("No school matches “%(query)s”. Check the name, or enter its 6-digit URN."),
                params={"query": text},
            )
        names = "; ".join(f"{school.name} (URN {school.urn})" for school in matches[:5])
        raise forms.ValidationError(
            _("Several schools match: %(names)s. Enter the URN of yours."),
            params={"names": names},
        )


class JoinRequestForm(PersonNameFields):
    email = forms.EmailField(
        label=_("Work email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    school = SchoolLookupField(
        label=_("Your school"),
        help_text=_("Its name or its URN (the 6-digit number on Get Information about Schools)."),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    role = forms.ChoiceField(
        label=_("What would you like to do in the network?"),
        choices=[(role.value, role.label) for role in SchoolRole],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Anything a coordinator should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_hints = {"role": {role.value: ROLE_HINTS[role] for role in SchoolRole}}
        use_plain_messages(self)
        self.fields["school"].error_messages["required"] = _("Enter your school's name or URN")


class JoinRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        help_text=_("Sent to the person in the email that tells them of the decision."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=SchoolRole.choices)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "bio", "themes", "open_to_contact"]
        labels = {
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "job_title": _("Job title"),
            "bio": _("About your work"),
            "themes": _("Themes you work on"),
            "open_to_contact": _("I am happy for other members to contact me about my work"),
        }
        help_texts = {
            "bio": _("A few sentences other members see on your profile."),
            "themes": _("Members looking for peers can find you by these."),
            "open_to_contact": _("Your profile shows that you welcome questions."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "bio": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        themes_field = self.fields["themes"]
        assert isinstance(themes_field, forms.ModelMultipleChoiceField)  # noqa: S101
        themes_field.queryset = themes()
        use_plain_messages(self)


class ApiTokenForm(forms.Form):
    """A new personal access token: what it is for, its school, what it may do, how long."""

    name = forms.CharField(
        label=_("Name"),
        help_text=_("What the token is for, so you recognise it later, e.g. “MIS sync”."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    school = SchoolChoiceField(
        label=_("School"),
        help_text=_("The token acts for this school only."),
        queryset=School.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    scope = forms.ChoiceField(
        label=_("What it may do"), choices=ApiTokenScope.choices, widget=forms.RadioSelect
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        coerce=int,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
        initial=90,
        widget=forms.RadioSelect,
    )
    # New with each form shown: the same form sent again (a reload, a double click) is
    # recognised and makes no second token. Optional, so a client without it still works.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        school_field = self.fields["school"]
        assert isinstance(school_field, forms.ModelChoiceField)  # noqa: S101  (narrows the type)
        school_field.queryset = api_token_schools(user)
        scope_field = self.fields["scope"]
        if not self.is_bound:
            scope_field.initial = ApiTokenScope.READ.value
            schools = list(school_field.queryset)
            if len(schools) == 1:
                school_field.initial = schools[0].pk
        use_plain_messages(self)
