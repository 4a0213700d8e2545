"""The vulnerability spectrum's pages, under ``pupil-data/``; each area lists its own."""

from reconnect.spectrum.views import cohorts, data_settings, imports, network, pupils

app_name = "spectrum"

urlpatterns = [*imports.URLS, *data_settings.URLS, *pupils.URLS, *cohorts.URLS, *network.URLS]
