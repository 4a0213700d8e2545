"""Markdown's additions: mentions and bare addresses, made as tokens the sanitiser checks."""

from reconnect.network.markdown import mention_handles, render_markdown


def test_a_resolved_mention_links_the_profile_and_others_stay_text():
    html = render_markdown("Ask @ann-lee or @bob", mentions={"ann-lee": "/members/7/"})

    assert html == (
        '<p>Ask <a href="/members/7/" class="network-mention" rel="nofollow noopener ugc">'
        "@ann-lee</a> or @bob</p>\n"
    )


def test_mentions_in_code_links_and_addresses_do_not_count():
    text = "`@code` [see @inlink](https://example.org) mail ann@example.org @Real-One"

    assert mention_handles(text) == ["real-one"]


def test_a_paragraph_that_is_only_an_address_becomes_a_link():
    assert render_markdown("https://example.org/hub/x/") == (
        '<p><a href="https://example.org/hub/x/" rel="nofollow noopener ugc">'
        "https://example.org/hub/x/</a></p>\n"
    )


def test_an_address_inside_a_sentence_stays_text():
    assert render_markdown("see https://example.org now") == "<p>see https://example.org now</p>\n"


def test_a_mention_link_cannot_carry_a_dangerous_scheme():
    html = render_markdown("@ann", mentions={"ann": "javascript:alert(1)"})

    assert html == '<p><a class="network-mention" rel="nofollow noopener ugc">@ann</a></p>\n'
