"""Wagtail's chooser widgets, rendered without inline scripts.

Wagtail renders each chooser (pages, documents, images, snippets, our school and member
choosers) as its HTML followed by ``<script>new PageChooser("id", {...});</script>``. The
admin's Content Security Policy refuses inline scripts, so those choosers never started:
their "Choose" buttons did nothing. Rather than loosen the policy, the same call is written
as inert JSON and made by ``core/js/admin-widgets.js``, served from our own origin.

Installed from ``CoreConfig.ready``; ``reconnect/core/tests/test_admin_widgets.py`` fails
if a Wagtail upgrade changes what is patched.
"""

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

# The characters that could end a <script> element or start markup inside it
# (as Django's json_script escapes them).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

_wagtail_render = BaseChooser.render


def _render_without_inline_script(
    self: BaseChooser,
    name: str,
    value: Any,
    attrs: dict[str, Any] | None = None,
    renderer: Any = None,
) -> SafeString:
    # A chooser with its own start-up code (Wagtail's task chooser) is left as Wagtail
    # wrote it; the generic constructor call is the only shape this knows how to move.
    if type(self).render_js_init is not BaseChooser.render_js_init:
        return _wagtail_render(self, name, value, attrs, renderer)
    id_ = (attrs or {})["id"]
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = json.dumps(self.get_js_init_options(id_, name, value_data))
    return format_html(
        '{}<script type="application/json" data-reconnect-widget="{}" data-for="{}">{}</script>',
        mark_safe(widget_html),  # noqa: S308 (Wagtail's own rendered template)
        self.js_constructor,
        id_,
        mark_safe(options.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 (escaped JSON)
    )


def install_csp_safe_choosers() -> None:
    BaseChooser.render = _render_without_inline_script
