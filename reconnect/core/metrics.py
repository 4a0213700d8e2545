"""Prometheus metrics: requests by route, the task queue and the release, at ``/metrics``.

Labels are the route's name (``schools:detail``), never the path, so no id, e-mail or
search term can reach a label; methods and statuses are folded into small fixed sets, so
a scanner cannot grow the number of series either.

Several granian workers are several processes, each with its own counters. Started with
``PROMETHEUS_MULTIPROC_DIR`` set (an empty directory, emptied at every service start:
``deploy/systemd/reconnect-web.service``), prometheus-client keeps each process's values
in files there and ``/metrics`` adds them up, whichever worker answers the scrape. Without
it each worker reports only its own requests, which is right only for a single process.

The task queue's depth is read from the database at scrape time (one grouped query), so it
is the same whichever worker answers; no request pays for it.

``/metrics`` answers 404 unless the scraper shows ``METRICS_TOKEN`` as a bearer token
and/or comes from ``METRICS_ALLOWED_IPS`` (each one set must match); with neither set it is
off. It is a 404, not a 403, so a stranger cannot tell it exists.
"""

import hmac
import ipaddress
import logging
import os
import platform
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connections
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.tasks.base import TaskResultStatus
from django.utils.functional import empty
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from reconnect.core.logging import log_request

logger = logging.getLogger(__name__)

# Our own registry: prometheus-client's global one also holds process metrics that make no
# sense summed over workers.
REQUEST_REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "reconnect_http_requests",
    "HTTP requests answered, by route name, method and status class.",
    ["view", "method", "status"],
    registry=REQUEST_REGISTRY,
)
LATENCY = Histogram(
    "reconnect_http_request_duration_seconds",
    "Time from the first middleware to the response, by route name and method.",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REQUEST_REGISTRY,
)
QUERIES = Histogram(
    "reconnect_http_request_db_queries",
    "Database queries per request, by route name.",
    ["view"],
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200),
    registry=REQUEST_REGISTRY,
)

KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNRESOLVED = "<unresolved>"  # no route matched (a 404 before any view), or a redirect first
PENDING_STATUSES = (TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED)


def status_class(status: int) -> str:
    return f"{status // 100}xx" if 100 <= status < 600 else "other"


def method_label(method: str | None) -> str:
    return method if method in KNOWN_METHODS else "other"


def observe_request(*, view: str, method: str, status: int, seconds: float, queries: int) -> None:
    REQUESTS.labels(view=view, method=method, status=status_class(status)).inc()
    LATENCY.labels(view=view, method=method).observe(seconds)
    QUERIES.labels(view=view).observe(queries)


class _QueryCounter:
    """Counts the queries run through one connection (``execute_wrapper``): cheaper than
    ``CaptureQueriesContext``, which needs a debug cursor and keeps every SQL string."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _signed_in_pk(request: HttpRequest) -> object | None:
    # Only a user the request already loaded: looking one up here would cost a query on
    # requests that never needed one (/health/, static files).
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", empty)
    if wrapped is empty or wrapped is None or not getattr(wrapped, "is_authenticated", False):
        return None
    return getattr(wrapped, "pk", None)


class RequestMetricsMiddleware:
    """Times each request once and hands the figures to Prometheus and the access log."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        counter = _QueryCounter()
        started = time.perf_counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        seconds = time.perf_counter() - started
        try:
            self._record(request, response, seconds, counter.count)
        except Exception:
            # Bookkeeping must never turn a good response into an error page.
            logger.exception("could not record the request's metrics")
        return response

    @staticmethod
    def _record(request: HttpRequest, response: HttpResponse, seconds: float, queries: int) -> None:
        match = request.resolver_match
        view = match.view_name if match is not None else UNRESOLVED
        method = method_label(request.method)
        observe_request(
            view=view, method=method, status=response.status_code, seconds=seconds, queries=queries
        )
        log_request(
            method=method,
            view=view,
            status=response.status_code,
            duration_ms=round(seconds * 1000, 2),
            db_queries=queries,
            user_pk=_signed_in_pk(request),
        )


# --- Scrape-time collectors -------------------------------------------------------------------


@cache
def release() -> str:
    """``RECONNECT_RELEASE`` (e.g. the deployed commit), else pyproject's version."""
    if configured := getattr(settings, "RECONNECT_RELEASE", ""):
        return str(configured)
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


class BuildInfoCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        info = GaugeMetricFamily(
            "reconnect_build_info",
            "The running release; the value is always 1.",
            labels=["version", "django", "python"],
        )
        info.add_metric([release(), django.get_version(), platform.python_version()], 1)
        yield info


class TaskQueueCollector(Collector):
    """Tasks waiting, running and failed (django-tasks-db's table), per queue."""

    def collect(self) -> Iterator[Metric]:
        from django_tasks_db.models import DBTaskResult

        depth = GaugeMetricFamily(
            "reconnect_tasks",
            "Background tasks by queue and status (READY waiting, RUNNING, FAILED kept).",
            labels=["queue", "status"],
        )
        rows = (
            DBTaskResult.objects.filter(status__in=PENDING_STATUSES)
            .order_by()
            .values("queue_name", "status")
            .annotate(n=Count("pk"))
        )
        seen = {(row["queue_name"], row["status"]): row["n"] for row in rows}
        queues = set(settings.TASKS["default"].get("QUEUES", ["default"]))
        queues |= {queue for queue, _ in seen}
        for queue in sorted(queues):
            for status in PENDING_STATUSES:
                depth.add_metric([queue, str(status)], seen.get((queue, status), 0))
        yield depth


class _Forward(Collector):
    """This process's own request metrics, when there is no multiprocess directory."""

    def collect(self) -> Iterable[Metric]:
        return REQUEST_REGISTRY.collect()


def multiprocess_directory() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def render_metrics() -> bytes:
    registry = CollectorRegistry(auto_describe=True)
    if multiprocess_directory():
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_Forward())
    registry.register(BuildInfoCollector())
    registry.register(TaskQueueCollector())
    return generate_latest(registry)


# --- Who may scrape -----------------------------------------------------------------------------


def _bearer_matches(request: HttpRequest, token: str) -> bool:
    header = request.headers.get("Authorization", "")
    scheme, _, presented = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        presented.strip().encode(), token.encode()
    )


def _address_allowed(request: HttpRequest, networks: list[str]) -> bool:
    # REMOTE_ADDR, not X-Forwarded-For: the scraper talks to the app server directly over
    # the private network; through the public proxy /metrics is refused (deploy/Caddyfile).
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(net, strict=False) for net in networks)


def may_scrape(request: HttpRequest) -> bool:
    token: str = settings.METRICS_TOKEN
    networks: list[str] = settings.METRICS_ALLOWED_IPS
    if not token and not networks:
        return False
    if token and not _bearer_matches(request, token):
        return False
    return not (networks and not _address_allowed(request, networks))


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not may_scrape(request):
        raise Http404
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)
