"""/metrics: who may scrape it, what its labels may hold, and the sum over worker processes."""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from reconnect.core import metrics

ROOT = Path(__file__).resolve().parents[3]
REQUESTS = "reconnect_http_requests_total"
LATENCY = "reconnect_http_request_duration_seconds"
TOKEN = "scrape-token-0123456789abcdef"


@pytest.fixture
def scraper(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = []

    def scrape() -> str:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain; version=")
        return response.content.decode()

    return scrape


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one series, 0.0 when it is absent."""
    wanted = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        series, _, value = line.rpartition(" ")
        if not series.startswith(name + "{"):
            continue
        found = ",".join(sorted(series[len(name) + 1 : -1].split(",")))
        if found == wanted:
            return float(value)
    return 0.0


def test_metrics_are_off_when_neither_token_nor_addresses_are_set(client, admin_user):
    client.force_login(admin_user)

    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", TOKEN],
)
def test_a_wrong_or_missing_token_gets_a_404(client, db, settings, authorization):
    settings.METRICS_TOKEN = TOKEN

    response = client.get("/metrics", HTTP_AUTHORIZATION=authorization)

    assert response.status_code == 404


def test_the_token_opens_the_metrics(client, db, settings):
    settings.METRICS_TOKEN = TOKEN

    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("remote_addr", "status"),
    [("10.1.2.3", 200), ("192.168.1.7", 404), ("10.0.0.1", 200), ("fd00::5", 404)],
)
def test_allowed_networks_open_the_metrics(client, db, settings, remote_addr, status):
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8", "127.0.0.2"]

    assert client.get("/metrics", REMOTE_ADDR=remote_addr).status_code == status


def test_token_and_networks_together_both_must_match(client, db, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_IPS = ["10.0.0.0/8"]
    bearer = f"Bearer {TOKEN}"

    def status(address: str, **headers: str) -> int:
        return client.get("/metrics", REMOTE_ADDR=address, **headers).status_code

    assert status("10.1.2.3") == 404
    assert status("8.8.8.8", HTTP_AUTHORIZATION=bearer) == 404
    assert status("10.1.2.3", HTTP_AUTHORIZATION=bearer) == 200


def test_requests_are_counted_by_route_name_and_status_class(client, db, scraper):
    before = scraper()
    client.get("/about/")
    client.get("/about/")
    client.post("/health/")

    after = scraper()

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert grew("reconnect_http_requests_total", view="about", method="GET", status="2xx") == 2
    assert grew("reconnect_http_requests_total", view="health", method="POST", status="4xx") == 1
    assert grew("reconnect_http_request_duration_seconds_count", view="about", method="GET") == 2
    assert grew("reconnect_http_request_db_queries_count", view="about") == 2


def test_labels_never_hold_a_path_an_id_or_an_address(client, db, scraper):
    client.get("/schools/900001/")
    client.get("/no-such-page/jo.bloggs@example.org/A123456789012/")
    client.generic("BREW", "/about/")

    text = scraper()

    # The label sets only: a sample's value (a duration such as 0.0151259000012) may
    # happen to hold the same digits as a URN.
    label_sets = "\n".join(re.findall(r"\{[^}]*\}", text))
    assert 'view="' in label_sets
    for leak in ("900001", "jo.bloggs", "A123456789012", "/about/", "BREW"):
        assert leak not in label_sets
    labels = set(re.findall(r'view="([^"]*)"', text))
    assert "<unresolved>" in labels
    assert all("/" not in label for label in labels)
    brewed = sample(text, REQUESTS, view="about", method="other", status="4xx")
    assert brewed >= 1


def test_the_task_queue_depth_is_read_at_scrape_time(db, scraper):
    def task(status: str, queue: str) -> DBTaskResult:
        return DBTaskResult.objects.create(
            status=status,
            queue_name=queue,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="reconnect.core.tasks.example",
            backend_name="default",
            run_after=timezone.now(),
        )

    for status, queue in [("READY", "email"), ("READY", "email"), ("FAILED", "default")]:
        task(status, queue)
    task("SUCCESSFUL", "email")  # done: not part of the depth

    text = scraper()

    assert sample(text, "reconnect_tasks", queue="email", status="READY") == 2
    assert sample(text, "reconnect_tasks", queue="default", status="FAILED") == 1
    assert sample(text, "reconnect_tasks", queue="default", status="READY") == 0
    assert "SUCCESSFUL" not in text


def test_the_release_is_reported(db, scraper, settings):
    metrics.release.cache_clear()
    settings.RECONNECT_RELEASE = "2026.12.05-3f2a9c1"
    try:
        text = scraper()
    finally:
        metrics.release.cache_clear()

    assert re.search(
        r'^reconnect_build_info\{.*version="2026\.12\.05-3f2a9c1".*\} 1\.0$', text, re.MULTILINE
    )


WORKER = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from reconnect.core import metrics
    for _ in range(int(sys.argv[1])):
        metrics.observe_request(view="about", method="GET", status=200, seconds=0.02, queries=3)
    """
)
SCRAPE = textwrap.dedent(
    """
    import django
    django.setup()
    from prometheus_client import CollectorRegistry, generate_latest, multiprocess
    from reconnect.core import metrics
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    print(generate_latest(registry).decode())
    """
)


def test_several_worker_processes_are_summed(tmp_path):
    """Granian's workers are processes: each writes its counts to PROMETHEUS_MULTIPROC_DIR
    and a scrape answered by any one of them adds all of them up."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reconnect.settings.test",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }

    def run(script: str, *args: str) -> str:
        result = subprocess.run(  # noqa: S603 (our interpreter, our script)
            [sys.executable, "-c", script, *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return result.stdout

    run(WORKER, "3")
    run(WORKER, "4")
    text = run(SCRAPE)

    assert len(list(tmp_path.glob("*.db"))) >= 2  # one file per process and metric type
    assert sample(text, REQUESTS, view="about", method="GET", status="2xx") == 7
    assert sample(text, f"{LATENCY}_count", view="about", method="GET") == 7
    assert sample(text, "reconnect_http_request_db_queries_sum", view="about") == 21
