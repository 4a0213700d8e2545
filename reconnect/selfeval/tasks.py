"""Background tasks of the self-evaluation tool: ids in, reload, call a service."""

from django.tasks import task

from reconnect.selfeval.models import Framework
from reconnect.selfeval.services.benchmarks import benchmark_refresh


@task()
def benchmark_refresh_task(*, framework_id: int, phase: str) -> int:
    framework = Framework.objects.filter(pk=framework_id).first()
    if framework is None:
        return 0
    return benchmark_refresh(framework=framework, phase=phase)
