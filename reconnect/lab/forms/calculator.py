"""The calculator's forms: scores pasted from a spreadsheet, studies a line, planned numbers.

The caps are ``reconnect.lab.calculator.limits``'s; the designs and their checks are
``reconnect.lab.calculator.answers``'s.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from reconnect.lab.calculator.answers import DESIGNS, design_problems
from reconnect.lab.calculator.limits import MAX_PUPILS, MAX_STUDIES, MAX_VALUES

# --- Pasted values ------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s,;]+")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def parse_values(text: str, name: str) -> list[float]:
    """Numbers pasted from a spreadsheet column (one a line) or typed with commas or tabs.

    Refuses words, NaN and infinity, naming the value's position, and more than
    ``MAX_VALUES`` values.
    """
    tokens = [t for t in _SEPARATORS.split(text.replace("\u2212", "-")) if t]
    if len(tokens) > MAX_VALUES:
        raise forms.ValidationError(
            _("The %(name)s have %(n)s values; the most the calculator takes is %(max)s.")
            % {"name": name, "n": f"{len(tokens):,}", "max": f"{MAX_VALUES:,}"}
        )
    values = []
    for position, token in enumerate(tokens, start=1):
        if not _NUMBER.match(token):
            shown = token if len(token) <= 20 else token[:20] + "…"
            raise forms.ValidationError(
                _("Value %(position)s of the %(name)s is “%(token)s”, which is not a number.")
                % {"position": position, "name": name, "token": shown}
            )
        values.append(float(token))
    return values


# --- Forms --------------------------------------------------------------------------------

_SCORES_HINT = gettext_lazy(
    "Paste a column from a spreadsheet, one pupil a line, or type the scores separated by "
    "commas. Keep the pupils in the same order in the pre-test and the post-test."
)


def _scores_field(label: StrOrPromise, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        strip=True,
        help_text=_SCORES_HINT,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={
            "required": gettext_lazy("Enter the intervention group’s post-test scores")
        },
    )


class EffectSizeForm(forms.Form):
    design = forms.ChoiceField(
        label=gettext_lazy("What data do you have?"),
        choices=list(DESIGNS.items()),
        initial="post_only",
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose what data you have"),
            "invalid_choice": gettext_lazy("Choose one of the three kinds of data"),
        },
    )
    intervention_post = _scores_field(
        gettext_lazy("Intervention group: post-test scores"), required=True
    )
    intervention_pre = _scores_field(gettext_lazy("Intervention group: pre-test scores"))
    comparison_post = _scores_field(gettext_lazy("Comparison group: post-test scores"))
    comparison_pre = _scores_field(gettext_lazy("Comparison group: pre-test scores"))

    choice_hints = {
        "design": {
            "post_only": gettext_lazy(
                "The EEF DIY guide’s effect size: only the scores at the end are compared."
            ),
            "ancova": gettext_lazy(
                "Allows for where each pupil started; the same pupils in the same order in "
                "both lists."
            ),
            "single_group": gettext_lazy(
                "Shows how much the pupils changed, which is not the intervention’s impact."
            ),
        }
    }
    NAMES = {
        "intervention_post": gettext_lazy("intervention group’s post-test scores"),
        "intervention_pre": gettext_lazy("intervention group’s pre-test scores"),
        "comparison_post": gettext_lazy("comparison group’s post-test scores"),
        "comparison_pre": gettext_lazy("comparison group’s pre-test scores"),
    }

    def _values(self, name: str) -> list[float] | None:
        text = self.cleaned_data.get(name, "")
        if not text:
            return None
        return parse_values(text, str(self.NAMES[name]))

    def clean_intervention_post(self) -> list[float] | None:
        return self._values("intervention_post")

    def clean_intervention_pre(self) -> list[float] | None:
        return self._values("intervention_pre")

    def clean_comparison_post(self) -> list[float] | None:
        return self._values("comparison_post")

    def clean_comparison_pre(self) -> list[float] | None:
        return self._values("comparison_pre")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        design = data.get("design")
        if design and not self.errors:
            for path, message in design_problems(
                design,
                intervention_pre=bool(data.get("intervention_pre")),
                comparison_post=bool(data.get("comparison_post")),
                comparison_pre=bool(data.get("comparison_pre")),
            ):
                self.add_error("_".join(path), message)
        return data


class MetaAnalysisForm(forms.Form):
    studies = forms.CharField(
        label=gettext_lazy("Studies"),
        strip=True,
        help_text=gettext_lazy(
            "One study a line: its name, its effect size and the effect size’s standard error, "
            "separated by tabs or commas. Copy three columns from a spreadsheet, or type "
            "lines such as: Reading pilot 2024, 0.21, 0.12"
        ),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": gettext_lazy("Enter at least one study")},
    )

    def clean_studies(self) -> list[tuple[str, float, float]]:
        lines = [line.strip() for line in self.cleaned_data["studies"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_STUDIES:
            raise forms.ValidationError(
                _("There are %(n)s studies; the most the calculator pools is %(max)s.")
                % {"n": f"{len(lines):,}", "max": MAX_STUDIES}
            )
        studies: list[tuple[str, float, float]] = []
        for number, line in enumerate(lines, start=1):
            parts = line.split("\t") if "\t" in line else line.rsplit(",", 2)
            parts = [part.strip() for part in parts]
            if len(parts) != 3:
                raise forms.ValidationError(
                    _(
                        "Line %(line)s needs three things, a name, an effect size and a "
                        "standard error, separated by tabs or commas."
                    )
                    % {"line": number}
                )
            label, size, error = parts
            numbers = []
            for what, token in ((_("effect size"), size), (_("standard error"), error)):
                if not _NUMBER.match(token.replace("\u2212", "-")):
                    raise forms.ValidationError(
                        _("Line %(line)s: the %(what)s “%(token)s” is not a number.")
                        % {"line": number, "what": what, "token": token[:20]}
                    )
                numbers.append(float(token.replace("\u2212", "-")))
            if numbers[1] <= 0:
                raise forms.ValidationError(
                    _("Line %(line)s: the standard error must be greater than 0.")
                    % {"line": number}
                )
            name = label[:100] or _("Study %(n)s") % {"n": number}
            studies.append((name, numbers[0], numbers[1]))
        return studies


def _probability(
    label: StrOrPromise, field: StrOrPromise, example: str, *, zero_allowed: bool
) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        initial=float(example),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": format_lazy(gettext_lazy("Enter the {}"), field),
            "invalid": format_lazy(
                gettext_lazy("The {} must be a number, like {}"), field, example
            ),
        },
        help_text=(
            gettext_lazy("A number from 0 up to, but not including, 1.")
            if zero_allowed
            else gettext_lazy("A number between 0 and 1.")
        ),
    )


class MdesForm(forms.Form):
    n_intervention = forms.IntegerField(
        label=gettext_lazy("Pupils in the intervention group"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "required": gettext_lazy("Enter the number of pupils in the intervention group"),
            "invalid": gettext_lazy(
                "The number of pupils in the intervention group must be a whole number"
            ),
        },
    )
    n_comparison = forms.IntegerField(
        label=gettext_lazy("Pupils in the comparison group"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-5"}),
        error_messages={
            "required": gettext_lazy("Enter the number of pupils in the comparison group"),
            "invalid": gettext_lazy(
                "The number of pupils in the comparison group must be a whole number"
            ),
        },
    )
    alpha = _probability(
        gettext_lazy("Significance level (alpha)"),
        gettext_lazy("significance level"),
        "0.05",
        zero_allowed=False,
    )
    power = _probability(gettext_lazy("Power"), gettext_lazy("power"), "0.8", zero_allowed=False)
    r2 = _probability(
        gettext_lazy("Share of the variation the pre-test explains (R²)"),
        gettext_lazy("share of the variation the pre-test explains"),
        "0",
        zero_allowed=True,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, what in (
            ("n_intervention", _("pupils in the intervention group")),
            ("n_comparison", _("pupils in the comparison group")),
        ):
            value = data.get(name)
            if value is not None and not 1 <= value <= MAX_PUPILS:
                self.add_error(
                    name,
                    _("The number of %(what)s must be from 1 to %(max)s")
                    % {"what": what, "max": f"{MAX_PUPILS:,}"},
                )
        for name, what, zero_allowed in (
            ("alpha", _("significance level"), False),
            ("power", _("power"), False),
            ("r2", _("share of the variation the pre-test explains"), True),
        ):
            value = data.get(name)
            if value is None:
                continue
            if not (0 <= value < 1 if zero_allowed else 0 < value < 1):
                low = _("at least 0") if zero_allowed else _("more than 0")
                self.add_error(
                    name,
                    _("The %(what)s must be %(low)s and less than 1") % {"what": what, "low": low},
                )
        return data
