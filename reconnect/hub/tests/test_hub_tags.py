from reconnect.hub.templatetags.hub_tags import padlocks


def test_padlocks_draws_five_with_the_rating_filled():
    html = padlocks(3)

    assert html.count("<svg") == 5
    assert html.count('fill="currentColor" stroke') == 3
    assert html.count('fill="none" stroke="currentColor" stroke-width="1.5"') == 2
    assert html.count('aria-hidden="true"') == 5


def test_padlocks_for_insufficient_evidence_are_all_empty():
    html = padlocks(0)

    assert html.count("<svg") == 5
    assert 'fill="currentColor" stroke' not in html
