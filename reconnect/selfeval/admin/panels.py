"""A panel inside each domain of a version's edit form, leading to the domain's statements.

Wagtail cannot nest inline panels, so a version's page edits its domains and each domain's
own page edits its statements; this panel is the link between the two.
"""

from typing import Any

from django.urls import reverse
from wagtail.admin.panels import Panel

from reconnect.selfeval.models import Domain


class DomainStatementsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "selfeval/admin/domain_statements_panel.html"

        def get_context_data(self, parent_context: Any = None) -> Any:
            context = super().get_context_data(parent_context)
            domain = self.instance
            saved = isinstance(domain, Domain) and domain.pk is not None
            context["statements_url"] = (
                reverse("selfeval_domains:edit", args=[domain.pk]) if saved else None
            )
            context["statement_count"] = domain.statements.count() if saved else 0
            return context
