"""Placeholder until this module is written; see urls.py for its views."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404


report_detail = _not_yet
report_csv = _not_yet
report_pdf = _not_yet
