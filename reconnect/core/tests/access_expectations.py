"""Access-control matrix rows for core's URLs: the security audit log in Wagtail's admin.

``health`` is core's view too, but its row (everyone 200) sits with the other root-URLconf
routes in ``tests/access_third_party.py``; one row per URL keeps the matrix's ids distinct.
The operations probes ``ready`` and ``metrics`` have theirs below.

Only administrators read the audit log. Wagtail's gate (``require_admin_access``) sends
anyone without ``wagtailadmin.access_admin`` to sign in (302) before our view runs;
coordinators pass that gate and our view answers them a real 403, which the denial
middleware records.
"""

from reconnect.core.audit import audit_record
from reconnect.core.models import AuditEvent
from tests.access import Case, World, everyone, members_only

ADMINISTRATORS_ONLY = members_only(302, coordinator=403, admin=200)


def _event(world: World) -> dict[str, int]:
    event = audit_record(
        AuditEvent.Action.INVITATION_SENT, actor=world.lead_a, school_urn=world.school_a.urn
    )
    return {"pk": event.pk}


CASES = [
    Case("core_audit:index", expect=ADMINISTRATORS_ONLY),
    Case(
        "core_audit:index",
        query="export=csv&action=sign_in",
        label="export",
        expect=ADMINISTRATORS_ONLY,
        note="The CSV export is the index with ?export=csv; it is recorded as an EXPORT",
    ),
    Case("core_audit:results", expect=ADMINISTRATORS_ONLY),
    Case("core_audit:detail", kwargs=_event, expect=ADMINISTRATORS_ONLY),
    # --- Operations probes (docs/deploy.md) ------------------------------------------------------
    Case(
        "ready",
        expect=everyone(200),
        note="Load balancers ask without signing in; it names checks, never their errors",
    ),
    Case(
        "metrics",
        expect=everyone(404),
        note="Off unless METRICS_TOKEN or METRICS_ALLOWED_IPS is set, and then only for the "
        "scraper (core/tests/test_metrics.py); a 404, so no one can tell it exists",
    ),
]
