"""The Innovation Lab's pages, under ``lab/``; each area lists its own."""

from reconnect.lab.views import calculator, cohorts, pilots, workspace

app_name = "lab"

urlpatterns = [*calculator.URLS, *pilots.URLS, *cohorts.URLS, *workspace.URLS]
