"""Placeholder until this module is written; see urls.py for its views."""

from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404


review_list = _not_yet
framework_detail = _not_yet
review_start = _not_yet
review_detail = _not_yet
review_domain = _not_yet
answer_save = _not_yet
contributor_add = _not_yet
contributor_remove = _not_yet
review_submit = _not_yet
