"""Placeholder until this module is written; see urls.py for its views."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404


signpost_detail = _not_yet
