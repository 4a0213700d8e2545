"""The Innovation Lab's pages, under ``lab/``; each area lists its own."""

from reconnect.lab.views import (
    calculator,
    cohorts,
    evaluation,
    outcomes,
    pilots,
    sharing,
    workspace,
)

app_name = "lab"

urlpatterns = [
    *calculator.URLS,
    *pilots.URLS,
    *outcomes.URLS,
    *evaluation.URLS,
    *sharing.URLS,
    *cohorts.URLS,
    *workspace.URLS,
]
