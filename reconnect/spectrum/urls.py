"""The vulnerability spectrum's pages, under ``pupil-data/``; each area lists its own."""

from django.urls import URLPattern
from django.views.decorators.cache import never_cache

from reconnect.spectrum.views import cohorts, data_settings, imports, network, pupils

app_name = "spectrum"


def _never_stored(pattern: URLPattern) -> URLPattern:
    pattern.callback = never_cache(pattern.callback)
    return pattern


# Every page here may show pupil data, so no browser history or shared cache may keep a copy
# (security goal G11, ASVS 14.3.2): one rule here, rather than a decorator each view could
# forget. The passive scan of the security stage checks it on the live site.
urlpatterns = [
    _never_stored(pattern)
    for pattern in [*imports.URLS, *data_settings.URLS, *pupils.URLS, *cohorts.URLS, *network.URLS]
]
