from django.urls import path

from reconnect.selfeval.views import actions, network, report, reviews, sharing, signposts

app_name = "selfeval"

REVIEW = "self-evaluation/reviews/<int:review_id>/"

urlpatterns = [
    path("self-evaluation/", reviews.review_list, name="review-list"),
    path("self-evaluation/framework/", reviews.framework_detail, name="framework-detail"),
    path("self-evaluation/start/", reviews.review_start, name="review-start"),
    path(REVIEW, reviews.review_detail, name="review-detail"),
    path(f"{REVIEW}domains/<slug:code>/", reviews.review_domain, name="review-domain"),
    path(
        f"{REVIEW}statements/<int:statement_id>/answer/",
        reviews.answer_save,
        name="answer-save",
    ),
    path(f"{REVIEW}contributors/", reviews.contributor_add, name="contributor-add"),
    path(
        f"{REVIEW}contributors/<int:user_id>/remove/",
        reviews.contributor_remove,
        name="contributor-remove",
    ),
    path(f"{REVIEW}submit/", reviews.review_submit, name="review-submit"),
    path(f"{REVIEW}report/", report.report_detail, name="report-detail"),
    path(f"{REVIEW}report/statements/", report.report_statements, name="report-statements"),
    path(f"{REVIEW}report.csv", report.report_csv, name="report-csv"),
    path(f"{REVIEW}report.pdf", report.report_pdf, name="report-pdf"),
    path(f"{REVIEW}signposts/<slug:code>/", signposts.signpost_detail, name="signpost-detail"),
    path(f"{REVIEW}shares/", sharing.share_create, name="share-create"),
    path(f"{REVIEW}shares/<int:share_id>/withdraw/", sharing.share_withdraw, name="share-withdraw"),
    path(f"{REVIEW}actions/", actions.action_plan, name="action-plan"),
    path(f"{REVIEW}actions/<int:action_id>/", actions.action_edit, name="action-edit"),
    path(f"{REVIEW}actions/<int:action_id>/delete/", actions.action_delete, name="action-delete"),
    path("self-evaluation/network/", network.network_view, name="network-view"),
]
