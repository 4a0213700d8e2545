"""govuk-frontend markup for Django form fields: classes, hints and errors tied to inputs.

Used by our own forms and by the allauth element overrides, so every account page has the
same accessible fields: a visible label, a hint and an error linked with aria-describedby,
and an error summary whose links move focus to the field.
"""

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

CHOICE_GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def field_kind(field: forms.BoundField) -> str:
    """What markup a field needs: hidden, checkbox, radios, checkboxes, select, textarea, input."""
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.filter
def error_anchor(field: forms.BoundField) -> str:
    """The id an error summary link points at: the input, or a group's first option."""
    if isinstance(field.field.widget, CHOICE_GROUP_WIDGETS):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id or ""


def described_by(field: forms.BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def field_described_by(field: forms.BoundField) -> str:
    return described_by(field)


@register.simple_tag
def govuk_widget(field: forms.BoundField) -> SafeString:
    """The field's own widget with govuk classes and its hint and error ids."""
    kind = field_kind(field)
    classes = {
        "input": "govuk-input",
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "checkbox": "govuk-checkboxes__input",
    }.get(kind, "")
    if field.errors and kind in {"input", "textarea", "select"}:
        classes += f" {classes.split()[0]}--error"
    # A placeholder is no label and disappears as one types; every field has a real label.
    field.field.widget.attrs.pop("placeholder", None)
    existing = field.field.widget.attrs.get("class", "")
    attrs: dict[str, str | bool] = {"class": f"{classes} {existing}".strip()}
    if describedby := described_by(field):
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.filter
def choice_hint(field: forms.BoundField, value: object) -> str:
    """A hint under one radio or checkbox, from the form's ``choice_hints[field][value]``."""
    hints = getattr(field.form, "choice_hints", {}).get(field.name, {})
    return str(hints.get(str(value), ""))
