"""The network's XSS payloads in a real browser: a member posts every payload of
``reconnect/network/tests/test_discussions_xss.py`` through the thread and reply forms in
Chromium, then reads the thread. No dialog opens, no element or handler a payload tried
to inject exists in the page, and the thread page passes axe.
"""

from django.core.cache import cache
from playwright.sync_api import Dialog, Page, expect

from reconnect.network.models import Post, Thread
from reconnect.network.tests.test_discussions_xss import PAYLOADS
from tests.browser.axe import assert_accessible

INJECTED = (
    "[data-testid=post-body] :is(script, iframe, object, embed, img, svg, math, style, link,"
    " meta, base, form, input, button, video, audio, details, template, x, table[background]),"
    " [data-testid=post-body] [style], [onerror], [onload], [onclick], [onmouseover],"
    " [onfocus], [ontoggle], a[href^='javascript:' i], a[href^='vbscript:' i],"
    " a[href^='data:' i]"
)


def test_payloads_posted_through_the_forms_never_run(page: Page, sign_in, head_at_school_a):
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    sign_in(head_at_school_a)

    page.goto("/network/categories/general/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a thread")
    assert_accessible(page)
    page.get_by_label("Title").fill(PAYLOADS[0][:150])
    page.get_by_label("Discussion").check()
    page.get_by_label("Your post").fill(PAYLOADS[0])
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PAYLOADS[0])
    thread = Thread.objects.get()

    for payload in PAYLOADS[1:]:
        cache.clear()  # six posts a minute is the limit for people, not for this test
        page.goto(f"/network/threads/{thread.pk}/reply/")
        page.get_by_label("Your reply").fill(payload)
        page.get_by_role("button", name="Post the reply").click()
        page.wait_for_load_state()

    assert Post.objects.filter(thread=thread).count() == len(PAYLOADS)
    for number in (1, 2):
        page.goto(f"/network/threads/{thread.pk}/?page={number}")
        expect(page.locator("[data-testid=post]").first).to_be_visible()
        assert page.locator(INJECTED).count() == 0
        assert page.evaluate("typeof window.xss === 'undefined'")
        assert_accessible(page)
    assert dialogs == []
