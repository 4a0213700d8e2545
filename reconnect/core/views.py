import logging
import time
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No database, cache or session, so a slow database
    never makes the load balancer restart healthy app servers (that is what /ready/ is for)."""
    return JsonResponse({"status": "ok"})


def _database_answers() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def _cache_round_trips() -> None:
    # A key of its own per check: concurrent probes from several balancers never collide.
    key = f"reconnect:ready:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise RuntimeError("the cache did not return what was set")
    finally:
        cache.delete(key)


def _task_queue_reachable() -> None:
    # One indexed row at most: proves the worker's table exists and answers.
    list(DBTaskResult.objects.order_by().values_list("pk", flat=True)[:1])


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": _database_answers,
    "cache": _cache_round_trips,
    "task_queue": _task_queue_reachable,
}


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: every dependency a request needs answers. 503 names the failed check only;
    what went wrong goes to the log (with the request id), never to the response."""
    checks: dict[str, dict[str, str | float]] = {}
    for name, check in READINESS_CHECKS.items():
        started = time.perf_counter()
        try:
            check()
        except Exception as error:
            logger.warning(
                "readiness check %s failed: %s",
                name,
                type(error).__name__,
                exc_info=True,
                extra={"check": name},
            )
            outcome = "failed"
        else:
            outcome = "ok"
        elapsed_ms = round((time.perf_counter() - started) * 1000, 1)
        checks[name] = {"status": outcome, "duration_ms": elapsed_ms}
    all_ok = all(result["status"] == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ready" if all_ok else "unavailable", "checks": checks},
        status=200 if all_ok else 503,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors may run here: the error could have come from any of them.
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponse(template.render({}), status=500)
