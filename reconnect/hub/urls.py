"""The Hub's own views; its pages (research, interventions...) are served by Wagtail.

These paths sit under /hub/ beside the Wagtail pages and come before Wagtail's catch-all,
so ``/hub/interventions/`` is the explorer while ``/hub/interventions/<slug>/`` is a page.
"""

from django.urls import path, re_path

from reconnect.hub.views import documents, interventions, search, submissions, themes

app_name = "hub"

urlpatterns = [
    path("hub/search/", search.search, name="search"),
    path("hub/themes/", themes.theme_list, name="theme-list"),
    path("hub/themes/<slug:slug>/", themes.theme_detail, name="theme-detail"),
    path("hub/interventions/", interventions.intervention_explorer, name="intervention-explorer"),
    path("hub/compare/", interventions.intervention_compare, name="intervention-compare"),
    path("hub/submit-case-study/", submissions.case_study_submit, name="case-study-submit"),
    path(
        "hub/my-case-studies/",
        submissions.case_study_submission_list,
        name="case-study-submissions",
    ),
    path(
        "hub/my-case-studies/<int:page_id>/change/",
        submissions.case_study_resubmit,
        name="case-study-resubmit",
    ),
    path(
        "hub/my-case-studies/<int:page_id>/withdraw/",
        submissions.case_study_withdraw,
        name="case-study-withdraw",
    ),
    # Wagtail's document URLs, served with safe headers (see views/documents.py).
    re_path(r"^documents/(\d+)/(.*)$", documents.document_serve, name="document-serve"),
]
