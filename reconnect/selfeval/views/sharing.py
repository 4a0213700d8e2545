"""Placeholder until this module is written; see urls.py for its views."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404


share_create = _not_yet
share_withdraw = _not_yet
