def test_public_home_tells_visitors_what_the_network_does(client, db):
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.templates[0].name == "home/public.html"
    for heading in ("Understand", "Harness", "Evaluate", "Share"):
        assert f'<h3 class="govuk-heading-m">{heading}</h3>' in html
    for part in ("Knowledge Hub", "Innovation Lab", "Headteacher Network"):
        assert f'<h3 class="govuk-heading-m">{part}</h3>' in html
    assert "Membership is by invitation." in html


def test_public_home_links_to_joining_and_signing_in(client, db):
    response = client.get("/")

    html = response.content.decode()
    assert html.count('href="/accounts/join/"') == 2
    assert 'href="/accounts/login/"' in html


def test_public_home_answers_head_requests_and_refuses_posts(client, db):
    assert client.head("/").status_code == 200
    assert client.post("/").status_code == 405
