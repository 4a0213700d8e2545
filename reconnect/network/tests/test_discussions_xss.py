"""Members' text never becomes live HTML: at least fifty XSS payloads posted through the
thread form, the reply form and the API are stored and shown as inert text or as allowed
markup only (security goal: nothing a member writes runs in another member's browser).

Each stored ``body_html`` is parsed with ``html.parser`` and every element, attribute and
link scheme is checked against the sanitiser's allow-list; each page showing the posts is
parsed too and must carry no event handler, no dangerous scheme, no extra script and no
element outside what the page itself is made of. ``PAYLOADS`` is shared with the browser
test (``tests/browser/test_network_xss.py``).
"""

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse

from reconnect.network.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, MENTION_CLASS
from reconnect.network.models import Category, Post, Thread
from reconnect.network.tests.factories import thread_with_posts

PAYLOADS: list[str] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<div onmouseover="alert(1)">hover</div>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](jav\tascript:alert(1))",
    "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    '[x](" onclick="alert(1))',
    '[x](https://example.org" onmouseover="alert(1))',
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,alert(1)>",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://example.org/x.png)',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="width: expression(alert(1))">ie</div>',
    '<form action="https://evil.example"><button formaction="javascript:alert(1)">go</button>',
    "</form><input autofocus onfocus=alert(1)>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    "<audio src=x onerror=alert(1)>",
    '<base href="javascript:alert(1)//">',
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<<script>script>alert(1)<</script>/script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "{{ 7|add:7 }} {% load static %} {{ request.user.email }}",
    "{% csrf_token %}{{ settings.SECRET_KEY }}",
    "${alert(1)} #{alert(1)} <%= alert(1) %>",
    '<a href="#" onclick="alert(1)">**bold**</a>',
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    'https://example.org/"><script>alert(1)</script>',
    "@<script>alert(1)</script>",
    '<a href="https://example.org" target="_blank" onclick="x()">ok</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<isindex type=image src=1 onerror=alert(1)>",
    "<x onclick=alert(1)>custom</x>",
    "\u202e<script>alert(1)</script>",
]

SAFE_SCHEMES = {"http", "https", "mailto"}
# Attributes the sanitiser adds or keeps: ``rel`` on links, the mention class.
STORED_ATTRIBUTES = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
STORED_ATTRIBUTES["a"] = STORED_ATTRIBUTES["a"] | {"rel", "class"}
DANGEROUS_TAGS = {
    "script", "iframe", "object", "embed", "meta", "link", "style", "svg", "math", "base",
    "form", "input", "button", "img", "video", "audio", "source", "details", "template",
    "frame", "frameset", "applet", "isindex", "x",
}  # fmt: skip


def href_scheme(value: str) -> str | None:
    """The scheme a browser would read from ``value`` (None for a relative link): it
    ignores ASCII whitespace and control characters, as browsers do."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Collector()
    parser.feed(html)
    parser.close()
    return parser.elements


def assert_stored_html_is_inert(html: str) -> None:
    """Every element and attribute is on the allow-list and every link is safe."""
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, f"{tag!r} is not allowed: {html!r}"
        for name, value in attrs:
            assert name in STORED_ATTRIBUTES.get(tag, set()), f"{tag}[{name}] in {html!r}"
            if name == "href":
                scheme = href_scheme(value or "")
                assert scheme is None or scheme in SAFE_SCHEMES, f"{value!r} in {html!r}"
            if name == "class":
                assert value == MENTION_CLASS, html
            if name == "rel":
                assert value == "nofollow noopener ugc", html


def assert_page_is_inert(html: str, *, baseline: Counter[str]) -> None:
    """The page has no event handler or dangerous link, and no more scripts, frames,
    styles, images... than a plain thread page has of its own (``baseline``); forms and
    buttons vary with the page (each post has its own), so only their attributes count."""
    found = elements(html)
    counts = Counter(tag for tag, _ in found)
    for tag in DANGEROUS_TAGS - {"form", "input", "button"}:
        assert counts[tag] == baseline[tag], f"{counts[tag]} <{tag}> for {baseline[tag]}"
    for tag, attrs in found:
        for name, value in attrs:
            assert not name.startswith("on"), f"{tag}[{name}={value!r}]"
            assert name not in {"style", "srcdoc", "formaction", "background"}, f"{tag}[{name}]"
            if name in {"href", "src", "action", "xlink:href"}:
                scheme = href_scheme(value or "")
                assert scheme is None or scheme in SAFE_SCHEMES, f"{tag}[{name}={value!r}]"


def _plain_thread_page(client) -> Counter[str]:
    """How many of each element a thread page has of its own (its head, its icons)."""
    thread = thread_with_posts(replies=0)
    page = client.get(reverse("network:thread", kwargs={"thread_id": thread.pk}))
    return Counter(tag for tag, _ in elements(page.content.decode()))


def test_there_are_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.django_db
def test_payloads_through_the_thread_form_are_stored_and_shown_inert(client, head_at_school_a):
    client.force_login(head_at_school_a)
    baseline = _plain_thread_page(client)
    url = reverse("network:thread-new", kwargs={"slug": "general"})

    for number, payload in enumerate(PAYLOADS):
        cache.clear()  # the posting limit is not what this test is about
        response = client.post(
            url,
            {"title": payload[:150], "kind": "discussion", "body": payload,
             "submission_key": f"xss-{number}"},
        )  # fmt: skip
        assert response.status_code == 302, payload

    threads = Thread.objects.filter(category__slug="general")
    assert threads.count() == len(PAYLOADS)
    for post in Post.objects.filter(thread__in=threads, number=1):
        assert_stored_html_is_inert(post.body_html)
        page = client.get(reverse("network:thread", kwargs={"thread_id": post.thread_id}))
        assert_page_is_inert(page.content.decode(), baseline=baseline)
    listing = client.get(reverse("network:category", kwargs={"slug": "general"}))
    assert_page_is_inert(listing.content.decode(), baseline=baseline)


@pytest.mark.django_db
def test_payloads_through_the_reply_form_are_stored_and_shown_inert(client, head_at_school_a):
    client.force_login(head_at_school_a)
    baseline = _plain_thread_page(client)
    thread = thread_with_posts(replies=0, category=Category.objects.get(slug="send"))
    url = reverse("network:thread-reply", kwargs={"thread_id": thread.pk})

    for number, payload in enumerate(PAYLOADS):
        cache.clear()
        response = client.post(url, {"body": payload, "submission_key": f"xss-r-{number}"})
        assert response.status_code == 302, payload

    replies = Post.objects.filter(thread=thread, number__gt=1)
    assert replies.count() == len(PAYLOADS)
    for post in replies:
        assert_stored_html_is_inert(post.body_html)
    for page_number in (1, 2):
        page = client.get(
            reverse("network:thread", kwargs={"thread_id": thread.pk}), {"page": page_number}
        )
        assert_page_is_inert(page.content.decode(), baseline=baseline)


@pytest.mark.django_db
def test_payloads_through_the_api_are_stored_and_returned_inert(client, head_at_school_a):
    client.force_login(head_at_school_a)
    thread = thread_with_posts(replies=0)

    for number, payload in enumerate(PAYLOADS):
        cache.clear()
        response = client.post(
            f"/api/v1/network/threads/{thread.pk}/posts",
            {"body": payload, "submission_key": f"xss-a-{number}"},
            content_type="application/json",
        )
        assert response.status_code == 201, payload
        assert_stored_html_is_inert(response.json()["body_html"])

    for post in Post.objects.filter(thread=thread, number__gt=1):
        assert_stored_html_is_inert(post.body_html)
    cache.clear()
    title = PAYLOADS[0]
    made = client.post(
        "/api/v1/network/categories/general/threads",
        {"title": title, "body": PAYLOADS[3]},
        content_type="application/json",
    )
    assert made.json()["title"] == title  # JSON carries text; a page escapes it


def test_the_checker_catches_live_html():
    with pytest.raises(AssertionError):
        assert_stored_html_is_inert('<a href="javascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_stored_html_is_inert('<a href="jav\tascript:alert(1)">x</a>')
    with pytest.raises(AssertionError):
        assert_stored_html_is_inert("<img src=x>")
    with pytest.raises(AssertionError):
        assert_page_is_inert('<p onclick="x()">x</p>', baseline=Counter())
    with pytest.raises(AssertionError):
        assert_page_is_inert("<iframe></iframe>", baseline=Counter())
