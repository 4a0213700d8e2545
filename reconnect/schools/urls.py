from django.urls import path

from reconnect.schools import views

app_name = "schools"

urlpatterns = [
    path("schools/", views.school_directory, name="directory"),
    path("schools/<int:urn>/", views.school_detail, name="detail"),
    path("schools/<int:urn>/similar/", views.school_similar, name="similar"),
    path("members/", views.member_directory, name="member-directory"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
]
