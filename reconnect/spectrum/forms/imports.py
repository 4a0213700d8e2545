"""The upload form and the form that matches a file's unknown headers to our columns."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from reconnect.core.date_input import DateInputField, date_parts
from reconnect.spectrum import columns

# The choice that leaves a header out of the import.
IGNORE = "ignore"
UPLOAD_EXTENSIONS = (".csv", ".txt", ".tsv", ".xlsx")


class UploadForm(forms.Form):
    """A pupil file, the date it was exported, and whether to check it only."""

    file = forms.FileField(
        label=_("Pupil file"),
        help_text=_("A CSV file or an Excel workbook (.xlsx), up to 20 MB."),
        error_messages={
            "required": _("Choose the file to upload."),
            "empty": _("The chosen file is empty."),
        },
    )
    as_at_date = DateInputField(
        noun=_("as-at date"),
        label=_("As-at date"),
        help_text=_(
            "The date you ran the export, for example 27 3 2026. If your file has its own "
            "column of dates (As at, Census Date), the file’s date is used."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Check the file only, without importing it"),
        required=False,
        help_text=_("You get the same report of problems; nothing is stored."),
    )

    def __init__(self, *args: Any, today: datetime.date, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.max_bytes = max_bytes
        if not self.is_bound:
            self.initial.setdefault("as_at_date", today)

    @classmethod
    def refused(cls, message: str, **kwargs: Any) -> "UploadForm":
        """A fresh form showing only why an upload was refused before it was read."""
        form = cls(**kwargs)
        # An unbound form has no errors of its own; Django keeps them in ``_errors``.
        form._errors = ErrorDict({"file": form.error_class([message])})  # type: ignore[attr-defined]
        return form

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(UPLOAD_EXTENSIONS):
            raise forms.ValidationError(
                _("Upload a CSV file or an Excel workbook (.xlsx)."), code="extension"
            )
        if upload.size > self.max_bytes:
            raise forms.ValidationError(too_large(self.max_bytes), code="size")
        return upload

    def clean_as_at_date(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data["as_at_date"]
        if day is not None and day > self.today:
            raise forms.ValidationError(_("The as-at date cannot be in the future."))
        return day

    @property
    def date_parts(self) -> dict[str, Any]:
        """What the day, month and year boxes show."""
        return date_parts(self["as_at_date"])


def too_large(max_bytes: int) -> str:
    return _(
        "The file is larger than %(mb)s MB. Export fewer columns, or one year group at a time."
    ) % {"mb": max_bytes // (1024 * 1024)}


def column_choices(taken: Iterable[str]) -> list[tuple[str, Any]]:
    """The canonical columns a header can be matched to, grouped, without those the file
    already has (two headers for one column is a problem, not a choice)."""
    taken = set(taken)
    required = [(c.name, c.label) for c in columns.COLUMNS if c.required and c.name not in taken]
    other = [(c.name, c.label) for c in columns.COLUMNS if not c.required and c.name not in taken]
    choices: list[tuple[str, Any]] = [("", _("Choose a column"))]
    choices.append((str(_("Leave it out")), [(IGNORE, _("Ignore this column"))]))
    if required:
        choices.append((str(_("Required columns")), required))
    if other:
        choices.append((str(_("Other columns")), other))
    return choices


class ColumnMappingForm(forms.Form):
    """One select per header the file used that no column's name or alias matched."""

    def __init__(
        self, *args: Any, headers: Sequence[str], taken: Iterable[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.headers = list(headers)
        choices = column_choices(taken)
        for index, header in enumerate(self.headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header,
                choices=choices,
                error_messages={
                    "required": _("Choose a column for “%(header)s”, or ignore it.")
                    % {"header": header},
                },
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        seen: dict[str, str] = {}
        for index, header in enumerate(self.headers):
            name = f"column_{index}"
            chosen = cleaned.get(name)
            if not chosen or chosen == IGNORE:
                continue
            if chosen in seen:
                label = columns.BY_NAME[chosen].label
                self.add_error(
                    name,
                    _("“%(header)s” and “%(other)s” cannot both be %(column)s.")
                    % {"header": header, "other": seen[chosen], "column": label},
                )
            else:
                seen[chosen] = header
        return cleaned

    def choices_by_header(self) -> dict[str, str]:
        """Each header as written → a canonical column, or "" to ignore it."""
        found: dict[str, str] = {}
        for index, header in enumerate(self.headers):
            chosen = self.cleaned_data[f"column_{index}"]
            found[header] = "" if chosen == IGNORE else chosen
        return found

    def rows(self) -> list[tuple[str, forms.BoundField]]:
        return [(header, self[f"column_{index}"]) for index, header in enumerate(self.headers)]
