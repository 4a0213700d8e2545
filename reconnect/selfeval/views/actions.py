"""Placeholder until this module is written; see urls.py for its views."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404


action_plan = _not_yet
action_edit = _not_yet
action_delete = _not_yet
