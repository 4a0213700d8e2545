"""Forms for organising events, replying to them and sharing resources.

The event form asks for a day (the GOV.UK date input) and a start and end time, read as
London time, and hands the service aware datetimes; the rules that tie the fields together
(ends after it starts, online needs a link, in person a venue) are the service's, so the
API and the page refuse the same things with the same words.
"""

import datetime
import re
import zoneinfo
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reconnect.core.date_input import DateInputField
from reconnect.network.models import EventFormat
from reconnect.network.services.events import EventDetails

LONDON = zoneinfo.ZoneInfo("Europe/London")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _time(value: str, message: str) -> datetime.time:
    match = _TIME.match(value.strip())
    if match is None:
        raise forms.ValidationError(message)
    return datetime.time(int(match[1]), int(match[2]))


class EventForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Enter the event’s title.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in the list of events."),
        error_messages={"required": _("Enter a summary of the event.")},
    )
    agenda = forms.CharField(
        label=_("Agenda (optional)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use Markdown: **bold**, lists, links."),
    )
    date = DateInputField(noun=_("date"), label=_("Date"), help_text=_("For example, 27 3 2027"))
    start_time = forms.CharField(
        label=_("Start time"),
        max_length=5,
        help_text=_("London time, on the 24-hour clock, for example 16:00"),
        error_messages={"required": _("Enter the start time.")},
    )
    end_time = forms.CharField(
        label=_("End time"),
        max_length=5,
        help_text=_("For example, 18:00"),
        error_messages={"required": _("Enter the end time.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=EventFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether the event is in person or online.")},
    )
    venue = forms.CharField(
        label=_("Venue"),
        required=False,
        max_length=200,
        help_text=_("For an in-person event"),
    )
    address = forms.CharField(label=_("Address (optional)"), required=False, max_length=300)
    online_url = forms.CharField(
        label=_("Link to join"),
        required=False,
        max_length=500,
        help_text=_("For an online event. Shown only to members with a place."),
    )
    capacity = forms.IntegerField(
        label=_("Number of places (optional)"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit. When it is full, members join a waiting list."),
        error_messages={
            "invalid": _("The number of places must be a whole number."),
            "min_value": _("The number of places must be 1 or more."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    notes = forms.CharField(
        label=_("Notes from the event (optional)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "After the event: what was discussed, for those who came and those who could not."
        ),
    )

    def clean_start_time(self) -> datetime.time:
        return _time(self.cleaned_data["start_time"], str(_("Enter the start time like 16:00.")))

    def clean_end_time(self) -> datetime.time:
        return _time(self.cleaned_data["end_time"], str(_("Enter the end time like 18:00.")))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "date" in cleaned and cleaned["date"] is None:
            self.add_error("date", _("Enter the date of the event."))
        return cleaned

    def details(self) -> EventDetails:
        data = self.cleaned_data
        day: datetime.date = data["date"]
        starts_at = datetime.datetime.combine(day, data["start_time"], tzinfo=LONDON)
        ends_at = datetime.datetime.combine(day, data["end_time"], tzinfo=LONDON)
        return EventDetails(
            title=data["title"],
            summary=data["summary"],
            agenda=data["agenda"],
            starts_at=starts_at,
            ends_at=ends_at,
            format=data["format"],
            venue=data["venue"],
            address=data["address"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            notes=data["notes"],
        )


def initial_of(event: Any) -> dict[str, Any]:
    """The form's initial values for an existing event, its times in London."""
    starts = event.starts_at.astimezone(LONDON)
    ends = event.ends_at.astimezone(LONDON)
    return {
        "title": event.title,
        "summary": event.summary,
        "agenda": event.agenda,
        "date": starts.date(),
        "start_time": starts.strftime("%H:%M"),
        "end_time": ends.strftime("%H:%M"),
        "format": event.format,
        "venue": event.venue,
        "address": event.address,
        "online_url": event.online_url,
        "capacity": event.capacity,
        "notes": event.notes,
    }


class RsvpForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Are you going?"),
        choices=[("going", _("Going")), ("not_going", _("Not going"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you are going.")},
    )


class ResourceForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=150,
        error_messages={"required": _("Enter a title for the resource.")},
    )
    url = forms.CharField(
        label=_("Link (optional)"),
        required=False,
        max_length=500,
        help_text=_("A web address starting with https://, or choose a file below"),
    )
    file = forms.FileField(
        label=_("File (optional)"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPG, up to 10 MB"),
    )
