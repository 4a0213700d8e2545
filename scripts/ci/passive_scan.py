"""Passive scan of the live demo: every page a visitor and a member can reach, checked for
the headers, cookies and leaks a passive scanner such as ZAP's baseline looks at (security
goals G11, G26, G27). ZAP itself cannot be installed here, so its passive rules that matter
to us are written down below.

    python scripts/ci/passive_scan.py --url http://127.0.0.1:8123 \\
        --member head.a@example.org --accepted security/passive-scan-accepted.toml

The server must run production settings (``DEBUG`` off) behind no proxy; requests say
``X-Forwarded-Proto: https`` as a TLS proxy would (``live_site.py``). From the home page
(and, for each member, the page they land on after signing in) it follows every internal
link breadth first, a few pages of each kind (``--per-kind``) and at most ``--max-pages``
each, never the sign-out link. Each response is checked; every finding not accepted in
writing (``security/passive-scan-accepted.toml``, with a reason and a review date) fails
the scan. Exit status: 0 clean, 1 findings, 2 the scan could not run.
"""

import argparse
import fnmatch
import re
import sys
import tomllib
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin, urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_site import LiveSite, SignInFailedError  # noqa: E402

from tests.headers import assert_security_headers  # noqa: E402

HSTS_MIN_SECONDS = 31_536_000
# Pages that may hold pupil data must never be kept by a browser or a proxy (G11).
NO_STORE_PREFIXES = ("/pupil-data/",)
# Never followed: signing out would end the member's crawl.
SKIPPED_PREFIXES = ("/accounts/logout/",)
# Requested once per visitor whatever the crawl finds: error pages and places where a
# misconfigured server would list files or hand out its source.
PROBES = (
    "/this-page-does-not-exist/",
    "/api/v1/this-operation-does-not-exist",
    "/static/",
    "/media/",
    "/.git/config",
    "/.env",
    "/api/v1/openapi.json",
    "/api/v1/docs",
)
# What a server says when it shows its insides: Django's debug pages, Python tracebacks,
# database errors, settings names, file paths of the checkout or the virtualenv.
LEAKS = (
    "Traceback (most recent call last)",
    "You're seeing this error because you have",
    "DEBUG = True",
    "django.core.exceptions",
    "django.db.utils",
    "OperationalError",
    "ProgrammingError",
    "IntegrityError",
    "SECRET_KEY",
    "DATABASES",
    "site-packages",
    'File "/',
    str(ROOT) + "/",
    "<title>Index of /",
)
_VERSION_BANNER = re.compile(r"\d+\.\d+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Finding:
    check: str
    path: str
    visitor: str
    detail: str


@dataclass(frozen=True)
class Acceptance:
    check: str
    paths: str
    reason: str
    review_by: date


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


class _LiveResponse:
    """What ``tests.headers.assert_security_headers`` reads of a Django response, from a
    live one. ``templates`` is empty: a live response cannot say which templates made it,
    so "a page of our layout has a nonce" is left to the test suite; every inline script
    is still checked for this response's nonce."""

    templates: list[Any] = []

    def __init__(self, response: httpx.Response) -> None:
        self.headers = response.headers
        self.content = response.content
        self.charset = response.charset_encoding or "utf-8"


def check_response(visitor: str, path: str, response: httpx.Response) -> list[Finding]:
    """Everything wrong with one response, as findings (an empty list when clean)."""
    found: list[Finding] = []

    def finding(check: str, detail: str) -> None:
        found.append(Finding(check, path, visitor, detail))

    headers = response.headers
    if response.status_code >= 500:
        finding("server-error", f"answered {response.status_code}")

    hsts = headers.get("Strict-Transport-Security", "")
    max_age = re.search(r"max-age=(\d+)", hsts)
    if not max_age or int(max_age.group(1)) < HSTS_MIN_SECONDS:
        finding("hsts", f"Strict-Transport-Security is {hsts!r}")
    elif "includesubdomains" not in hsts.lower():
        finding("hsts", f"Strict-Transport-Security has no includeSubDomains: {hsts!r}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        finding("nosniff", f"X-Content-Type-Options is {headers.get('X-Content-Type-Options')!r}")
    server = headers.get("Server", "")
    if _VERSION_BANNER.search(server):
        finding("server-banner", f"Server names its version: {server!r}")
    for banner in ("X-Powered-By", "X-AspNet-Version", "X-Runtime"):
        if banner in headers:
            finding("server-banner", f"{banner}: {headers[banner]!r}")
    for cookie in headers.get_list("set-cookie"):
        for problem in cookie_problems(cookie):
            finding("cookie", problem)

    content_type = headers.get("Content-Type", "")
    if content_type.startswith(("text/", "application/json")):
        body = response.text
        for leak in LEAKS:
            if leak in body:
                finding("leak", f"the body contains {leak!r}")

    # A redirect's empty body is never rendered, so it needs no policy of its own.
    if content_type.startswith("text/html") and not response.is_redirect:
        try:
            assert_security_headers(cast(Any, _LiveResponse(response)), path=path)
        except AssertionError as error:
            finding("csp-and-headers", str(error).splitlines()[0])
        if headers.get("X-Frame-Options") != "DENY":
            finding("framing", f"X-Frame-Options is {headers.get('X-Frame-Options')!r}")
        if "Permissions-Policy" not in headers:
            finding("permissions-policy", "no Permissions-Policy header")
    if (
        path.startswith(NO_STORE_PREFIXES)
        and response.status_code == 200
        and "no-store" not in headers.get("Cache-Control", "")
    ):
        finding("no-store", f"Cache-Control is {headers.get('Cache-Control')!r}")
    return found


def cookie_problems(set_cookie: str) -> list[str]:
    """What a ``Set-Cookie`` header lacks: Secure always (every response here is https);
    HttpOnly except on the CSRF cookie, which Django documents as gaining nothing from it;
    SameSite Lax or Strict; for a ``__Host-`` name, ``Path=/`` and no Domain."""
    name = set_cookie.split("=", 1)[0].strip()
    attributes = {
        part.split("=", 1)[0].strip().lower(): part.split("=", 1)[1].strip() if "=" in part else ""
        for part in set_cookie.split(";")[1:]
    }
    problems = []
    if "secure" not in attributes:
        problems.append(f"cookie {name} is not Secure")
    if "httponly" not in attributes and not name.endswith("csrftoken"):
        problems.append(f"cookie {name} is not HttpOnly")
    if attributes.get("samesite", "").lower() not in {"lax", "strict"}:
        problems.append(f"cookie {name} has SameSite={attributes.get('samesite')!r}")
    if name.startswith("__Host-") and (attributes.get("path") != "/" or "domain" in attributes):
        problems.append(f"cookie {name} breaks the __Host- rules (Path=/, no Domain)")
    return problems


def kind_of(path: str) -> str:
    """Pages of one kind share a key: the first two segments of the path, numbers as N."""
    segments = [s for s in urlsplit(path).path.split("/") if s][:2]
    return "/" + "/".join(_DIGITS.sub("N", s) for s in segments)


def internal_links(base_url: str, page_path: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    host = urlsplit(base_url).netloc
    links = []
    for href in parser.hrefs:
        absolute = urlsplit(urljoin(f"{base_url}{page_path}", href))
        if absolute.scheme not in {"http", "https"} or absolute.netloc != host:
            continue
        links.append(absolute.path + (f"?{absolute.query}" if absolute.query else ""))
    return links


def crawl(
    site: LiveSite, visitor: str, start: list[str], *, max_pages: int, per_kind: int
) -> tuple[list[Finding], Counter[int]]:
    findings: list[Finding] = []
    statuses: Counter[int] = Counter()
    seen: set[str] = set()
    per_kind_count: Counter[str] = Counter()
    queue = deque([*start, *PROBES])
    while queue and len(seen) < max_pages:
        path = queue.popleft()
        if path in seen or path.startswith(SKIPPED_PREFIXES):
            continue
        if path not in PROBES and path not in start:
            if per_kind_count[kind_of(path)] >= per_kind:
                continue
            per_kind_count[kind_of(path)] += 1
        seen.add(path)
        response = site.get(path)
        statuses[response.status_code] += 1
        findings.extend(check_response(visitor, path, response))
        if response.is_redirect:
            location = urlsplit(urljoin(f"{site.origin}{path}", response.headers["Location"]))
            if location.netloc == urlsplit(site.origin).netloc:
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
        elif response.headers.get("Content-Type", "").startswith("text/html"):
            queue.extend(internal_links(site.base_url, path, response.text))
    return findings, statuses


def plain_http_is_redirected(base_url: str) -> list[Finding]:
    """Without the proxy's https header the app itself sends visitors to https."""
    response = httpx.get(f"{base_url}/", timeout=30)
    location = response.headers.get("Location", "")
    if response.status_code == 301 and location.startswith("https://"):
        return []
    detail = f"plain http answered {response.status_code}"
    return [Finding("https-redirect", "/", "anonymous", detail)]


def load_acceptances(path: Path | None) -> list[Acceptance]:
    if path is None or not path.exists():
        return []
    data = tomllib.loads(path.read_text())
    return [
        Acceptance(
            check=item["check"],
            paths=item.get("paths", "*"),
            reason=item["reason"],
            review_by=item["review_by"],
        )
        for item in data.get("finding", [])
    ]


def accepted_by(finding: Finding, acceptances: list[Acceptance]) -> Acceptance | None:
    for acceptance in acceptances:
        if acceptance.check == finding.check and fnmatch.fnmatch(finding.path, acceptance.paths):
            return acceptance
    return None


def say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", required=True, help="the live server, http://127.0.0.1:PORT")
    parser.add_argument("--member", action="append", default=[], help="a demo member's e-mail")
    parser.add_argument("--accepted", type=Path, help="the accepted findings (TOML)")
    parser.add_argument("--max-pages", type=int, default=300)
    parser.add_argument("--per-kind", type=int, default=6)
    # A crawl that reaches almost nothing (every page a redirect, say) proves nothing.
    parser.add_argument("--min-pages", type=int, default=30, help="fewest 200 pages per visitor")
    args = parser.parse_args(argv)
    base_url = args.url.rstrip("/")

    findings = plain_http_is_redirected(base_url)
    scanned = 0
    visitors = [("anonymous", None), *((email, email) for email in args.member)]
    for visitor, email in visitors:
        site = LiveSite(base_url)
        try:
            start = ["/"]
            if email:
                site.sign_in(email)
            found, statuses = crawl(
                site, visitor, start, max_pages=args.max_pages, per_kind=args.per_kind
            )
        except (SignInFailedError, httpx.HTTPError) as error:
            say(f"passive scan: could not scan as {visitor}: {error}")
            return 2
        finally:
            site.close()
        pages = sum(statuses.values())
        scanned += pages
        by_status = ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items()))
        say(f"passive scan: {visitor}: {pages} responses ({by_status})")
        findings.extend(found)
        if statuses[200] < args.min_pages:
            detail = f"only {statuses[200]} pages answered 200 (at least {args.min_pages})"
            findings.append(Finding("crawl-too-small", "/", visitor, detail))

    acceptances = load_acceptances(args.accepted)
    today = date.today()
    open_findings: dict[str, list[Finding]] = defaultdict(list)
    accepted: Counter[str] = Counter()
    for finding in findings:
        acceptance = accepted_by(finding, acceptances)
        if acceptance and acceptance.review_by >= today:
            accepted[finding.check] += 1
        elif acceptance:
            open_findings[f"{finding.check} (acceptance expired {acceptance.review_by})"].append(
                finding
            )
        else:
            open_findings[finding.check].append(finding)

    for check, count in sorted(accepted.items()):
        say(f"passive scan: accepted: {check}: {count} responses (see {args.accepted})")
    for check, items in sorted(open_findings.items()):
        say(f"passive scan: FINDING {check}: {len(items)} responses")
        for item in items[:10]:
            say(f"    {item.visitor} {item.path}: {item.detail}")
        if len(items) > 10:
            say(f"    ... and {len(items) - 10} more")
    total = sum(len(items) for items in open_findings.values())
    say(f"passive scan: {scanned} responses scanned, {total} findings")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
