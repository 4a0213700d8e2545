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

Two additions to CommonMark, both made as tokens (never by editing HTML text), so they pass
through the sanitiser like everything else:

- a paragraph that is nothing but an ``http(s)`` address becomes a link to it, so a pasted
  Hub or Lab address can be shown as a card (``templatetags.network_discussions``);
- ``@handle`` outside code and links becomes a link to the member's profile when the
  caller passes the handles it resolved (``mentions``), marked ``class="network-mention"``
  (the only class the sanitiser keeps). ``mention_handles`` lists the handles a text uses.
"""

import re
from collections.abc import Mapping, Sequence
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
MENTION_CLASS = "network-mention"
# Not after a word character, "@", "." or "/": an e-mail address or a URL is not a mention.
MENTION = re.compile(r"(?<![\w@./-])@([a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?)(?![\w-])", re.I)
BARE_URL = re.compile(r"https?://[^\s<>\"'`]+")


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable(["table", "strikethrough"])
    # A remote image would report its readers to its host: images are shown as their text.
    parser.disable("image")
    # Headings of a post sit under the thread's own heading levels.
    parser.add_render_rule("heading_open", _heading_open)
    parser.add_render_rule("heading_close", _heading_close)
    parser.core.ruler.push("network_links_and_mentions", _links_and_mentions)
    return parser


def _link(href: str, text: str, *, css_class: str = "") -> list[Token]:
    opening = Token("link_open", "a", 1)
    opening.attrs = {"href": href}
    if css_class:
        opening.attrs["class"] = css_class
    label = Token("text", "", 0)
    label.content = text
    return [opening, label, Token("link_close", "a", -1)]


def _mention_tokens(text: str, env: Any) -> list[Token] | None:
    """``text`` split around its mentions; None when it has none to link or collect."""
    resolved: Mapping[str, str] = env.get("mentions") or {}
    found: list[str] | None = env.get("found")
    tokens: list[Token] = []
    last = 0
    for match in MENTION.finditer(text):
        handle = match.group(1).lower()
        if found is not None and handle not in found:
            found.append(handle)
        href = resolved.get(handle)
        if href is None:
            continue
        if match.start() > last:
            before = Token("text", "", 0)
            before.content = text[last : match.start()]
            tokens.append(before)
        tokens.extend(_link(href, match.group(0), css_class=MENTION_CLASS))
        last = match.end()
    if not tokens:
        return None
    if last < len(text):
        after = Token("text", "", 0)
        after.content = text[last:]
        tokens.append(after)
    return tokens


def _links_and_mentions(state: Any) -> None:
    env = state.env if isinstance(state.env, dict) else {}
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        if len(children) == 1 and children[0].type == "text":
            address = children[0].content.strip()
            if BARE_URL.fullmatch(address):
                block.children = _link(address, address)
                continue
        rebuilt: list[Token] = []
        in_link = 0
        for child in children:
            if child.type == "link_open":
                in_link += 1
            elif child.type == "link_close":
                in_link -= 1
            split = None if in_link or child.type != "text" else _mention_tokens(child.content, env)
            rebuilt.extend(split if split is not None else [child])
        block.children = rebuilt


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
        allowed_classes={"a": {MENTION_CLASS}},
    )


def render_markdown(text: str, *, mentions: Mapping[str, str] | None = None) -> str:
    """Safe HTML for ``text``; the same text (and mentions) always gives the same HTML.

    ``mentions`` maps a lower-case handle to the member's profile path: those handles are
    linked; any other ``@word`` stays text."""
    return clean_html(_parser().render(text, {"mentions": dict(mentions or {})}))


def mention_handles(text: str) -> list[str]:
    """The handles ``text`` mentions, lower case, in order of first use, once each; handles
    in code or inside a link do not count."""
    found: list[str] = []
    _parser().parse(text, {"found": found})
    return found
