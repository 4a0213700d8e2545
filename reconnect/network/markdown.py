"""Members' Markdown, rendered once when saved and cleaned of anything that could run.

Two walls, so that a fault in one is caught by the other:

1. markdown-it (CommonMark) with raw HTML switched off: ``<script>`` typed in a post is
   text, shown as typed, never markup.
2. nh3 (the Rust ``ammonia`` sanitiser) over the result, with a short list of tags and
   attributes and only ``http``, ``https`` and ``mailto`` links: a ``javascript:`` link or
   an event handler that got past the first wall is dropped here.

Links open as ordinary links marked ``rel="nofollow noopener ugc"``: members' links are not
endorsements. Images are not rendered (a remote image would tell its host who read the
post); their text stays.
"""

from collections.abc import Sequence
from functools import cache
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = frozenset(
    {
        "a",
        "blockquote",
        "br",
        "code",
        "em",
        "h3",
        "h4",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "del",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener ugc"


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    # A remote image would report its readers to its host: images are shown as their text.
    parser.disable("image")
    # Headings of a post sit under the thread's own heading levels.
    parser.add_render_rule("heading_open", _heading_open)
    parser.add_render_rule("heading_close", _heading_close)
    return parser


def _heading_level(tag: str) -> str:
    return "h3" if tag in {"h1", "h2", "h3"} else "h4"


def _heading_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"<{_heading_level(tokens[idx].tag)}>"


def _heading_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"</{_heading_level(tokens[idx].tag)}>\n"


def clean_html(html: str) -> str:
    """The sanitiser on its own: for HTML made by our code from members' text."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Safe HTML for ``text``; the same text always gives the same HTML."""
    return clean_html(_parser().render(text))
