from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from reconnect.api import api
from reconnect.core import metrics as core_metrics
from reconnect.core import views as core_views

urlpatterns = [
    path("", include("reconnect.home.urls")),
    path("accounts/", include("reconnect.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("reconnect.schools.urls")),
    path("", include("reconnect.hub.urls")),
    path("", include("reconnect.selfeval.urls")),
    path("", include("reconnect.spectrum.urls")),
    path("", include("reconnect.lab.urls")),
    path("", include("reconnect.network.urls")),
    # Wagtail's own sign-in forms would skip allauth's second factor and rate limits, so
    # both lead to the one sign-in page (tests/test_wagtail_logins.py).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("health/", core_views.health, name="health"),
    # For load balancers and Prometheus (docs/deploy.md); /metrics is a 404 unless allowed.
    path("ready/", core_views.ready, name="ready"),
    path("metrics", core_metrics.metrics, name="metrics"),
    # The footer's fixed pages; they change with a release, not with an editor.
    path("about/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
]

handler403 = "reconnect.core.views.permission_denied"
handler404 = "reconnect.core.views.page_not_found"
handler500 = "reconnect.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the Hub's pages; it comes last because it matches any path.
urlpatterns += [path("", include(wagtail_urls))]
