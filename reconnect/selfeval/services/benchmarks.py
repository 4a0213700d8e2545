"""Keeping the stored network benchmarks in step with the latest submitted reviews."""

from django.db import transaction
from django.utils import timezone

from reconnect.selfeval.analysis.benchmark import spread, spreads_by_key
from reconnect.selfeval.models import OVERALL, DomainBenchmark, DomainScore, Framework, Review


def benchmark_refresh(*, framework: Framework, phase: str) -> int:
    """Recompute every domain's and the overall benchmark of one phase; returns the number
    of rows written. Idempotent: running it twice gives the same rows.

    Reads each school's latest submitted review (``is_latest``), so a school counts once
    however many reviews it has made. Suppression is applied by the readers.
    """
    latest = {
        "review__framework": framework,
        "review__is_latest": True,
        "review__school__phase": phase,
    }
    pairs = DomainScore.objects.filter(**latest).values_list("code", "score").order_by()
    spreads = spreads_by_key(pairs.iterator(chunk_size=5000))
    overall_scores = [
        score
        for score in Review.objects.filter(
            framework=framework, is_latest=True, school__phase=phase, overall_score__isnull=False
        )
        .values_list("overall_score", flat=True)
        .order_by()
        if score is not None
    ]
    overall = spread(overall_scores)
    if overall is not None:
        spreads[OVERALL] = overall
    now = timezone.now()
    with transaction.atomic():
        DomainBenchmark.objects.filter(framework=framework, phase=phase).exclude(
            code__in=list(spreads)
        ).delete()
        for code, found in spreads.items():
            DomainBenchmark.objects.update_or_create(
                framework=framework,
                phase=phase,
                code=code,
                defaults={
                    "schools": found.schools,
                    "lower_quartile": found.lower_quartile,
                    "median": found.median,
                    "upper_quartile": found.upper_quartile,
                    "computed_at": now,
                },
            )
    return len(spreads)


def benchmark_refresh_all(*, framework: Framework) -> int:
    """Every phase with a latest review (after a bulk load such as the demo)."""
    phases = (
        Review.objects.filter(framework=framework, is_latest=True)
        .values_list("school__phase", flat=True)
        .order_by()
        .distinct()
    )
    return sum(benchmark_refresh(framework=framework, phase=phase) for phase in list(phases))
