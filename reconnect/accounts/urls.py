from django.urls import path

from reconnect.accounts import token_views, views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("tokens/", token_views.api_token_list, name="api-token-list"),
    path("tokens/new/", token_views.api_token_create, name="api-token-create"),
    path("tokens/<int:pk>/revoke/", token_views.api_token_revoke, name="api-token-revoke"),
    path("invitations/", views.invitation_list, name="invitation-list"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("invitations/<int:pk>/resend/", views.invitation_resend, name="invitation-resend"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("join/", views.join_request_create, name="join-request"),
    path("join/thanks/", views.join_request_done, name="join-request-done"),
    path("join-requests/", views.join_request_list, name="join-request-list"),
    path(
        "join-requests/<int:pk>/approve/",
        views.join_request_approve,
        name="join-request-approve",
    ),
    path(
        "join-requests/<int:pk>/decline/",
        views.join_request_decline,
        name="join-request-decline",
    ),
    path("schools/<int:urn>/members/", views.school_members, name="school-members"),
    path(
        "schools/<int:urn>/members/<int:pk>/role/",
        views.member_role_change,
        name="member-role-change",
    ),
    path(
        "schools/<int:urn>/members/<int:pk>/remove/",
        views.member_remove,
        name="member-remove",
    ),
]
