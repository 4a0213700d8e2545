"""The API's documentation page works under the strict Content-Security-Policy."""

from playwright.sync_api import Page, expect


def test_api_docs_render_from_our_own_files_without_policy_violations(page: Page, live_server):
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))

    page.goto("/api/v1/docs")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Reconnect API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert failed == []
    elsewhere = [url for url in requests if not url.startswith((live_server.url, "data:"))]
    assert elsewhere == []
    # The page fixture fails the test if any script, style or image broke the policy.
