"""The versioned JSON API. Each app adds its router here; docs at /api/v1/docs."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import SessionAuth

api = NinjaAPI(
    title="Reconnect API",
    version="1",
    urls_namespace="api-v1",
    auth=SessionAuth(),
    description=(
        "Read and write Reconnect data. Most operations need a signed-in member and are "
        "scoped to the schools the caller belongs to; another school's objects answer 404. "
        "The Knowledge Hub's reads (themes, interventions, search) are open to visitors, "
        "who see public items only; members also see members-only items. The "
        "self-evaluation serves published frameworks and your schools' reviews, reports and "
        "action plans. The vulnerability spectrum takes pupil-file uploads and serves "
        "counts: a school's pupils by factor and count band, and suppressed figures across "
        "schools for system leaders and coordinators; it never returns a pupil's row. The "
        "Innovation Lab's evaluation calculator (effect sizes, pooling studies, minimum "
        "detectable effects) is open to anyone, stores nothing and is rate-limited per address."
    ),
)


@api.get("/health", auth=None, tags=["operations"], summary="Liveness check")
def health(request: HttpRequest) -> dict[str, str]:
    return {"status": "ok"}


# Each app's router, under its own path.
from reconnect.hub.api import router as hub_router  # noqa: E402
from reconnect.lab.api import router as lab_router  # noqa: E402
from reconnect.network.api import router as network_router  # noqa: E402
from reconnect.schools.api import router as schools_router  # noqa: E402
from reconnect.selfeval.api import router as selfeval_router  # noqa: E402
from reconnect.spectrum.api import router as spectrum_router  # noqa: E402

api.add_router("/schools", schools_router)
# The Hub's public reads declare auth=None themselves: visitors read public items.
api.add_router("/hub", hub_router)
api.add_router("/selfeval", selfeval_router)
api.add_router("/spectrum", spectrum_router)
# The Lab's calculator is public (auth=None on its router): it reads and stores nothing.
api.add_router("/lab", lab_router)
# The Headteacher Network: threads, posts, events, RSVPs and notifications; members only.
api.add_router("/network", network_router)
